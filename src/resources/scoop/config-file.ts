/**
 * Editing Scoop's config.json: set devbox's keys, leave every other key and its value as it is.
 * Keys match case-insensitively (PowerShell reads them so, and Windows PowerShell refuses a file
 * whose keys differ only in case), so an old `SCOOP_REPO` is replaced by `scoop_repo`, never
 * doubled. Scoop's own writer lower-cases names; devbox writes the names it sets in lower case too.
 * The file keeps its BOM (or lack of one), its line endings and its indentation.
 */

/** A value as Scoop stores it: booleans as booleans, numbers and text as given. */
export type ScoopConfigValue = string | number | boolean;

/** Compares as Scoop would use the value: "true" and true, "16" and 16 are the same setting. */
export function sameConfigValue(actual: unknown, desired: ScoopConfigValue): boolean {
  if (typeof desired === 'boolean')
    return actual === desired || (typeof actual === 'string' && actual.toLowerCase() === String(desired));
  return (
    (typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean') &&
    String(actual) === String(desired)
  );
}

interface Format {
  bom: boolean;
  eol: '\r\n' | '\n';
  indent: string;
  finalNewline: boolean;
}

function formatOf(bytes: Buffer | undefined): Format {
  if (!bytes || bytes.length === 0) return { bom: false, eol: '\r\n', indent: '    ', finalNewline: false };
  const text = bytes.toString('utf8');
  const bom = text.startsWith('\uFEFF');
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '    ';
  return { bom, eol: text.includes('\r\n') ? '\r\n' : '\n', indent, finalNewline: /\n$/.test(text) };
}

/**
 * The top-level keys of a JSON object in the order the text has them (JSON.parse moves
 * integer-like keys first, and the file's order is worth keeping).
 */
export function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) {
        keys.push(JSON.parse(text.slice(i, j + 1)) as string);
        expectKey = false;
      }
      i = j;
    } else if (ch === '{' || ch === '[') {
      depth++;
      if (depth === 1 && ch === '{') expectKey = true;
    } else if (ch === '}' || ch === ']') depth--;
    else if (ch === ',' && depth === 1) expectKey = true;
  }
  return keys;
}

/**
 * Returns the new bytes of config.json with `set` applied (a key present in another case is
 * replaced in place) and `remove` removed. `values` is the parsed current content (undefined for a
 * missing file); `bytes` its raw bytes.
 */
export function editScoopConfig(
  bytes: Buffer | undefined,
  values: Record<string, unknown> | undefined,
  set: Readonly<Record<string, ScoopConfigValue>>,
  remove: readonly string[] = [],
): Buffer {
  const format = formatOf(bytes);
  // A name written twice is one key to JSON.parse (the last value): keep its first place once.
  const ordered = bytes
    ? [...new Set(topLevelKeys(bytes.toString('utf8')).filter((k) => values !== undefined && k in values))]
    : [];
  const rest = Object.keys(values ?? {}).filter((k) => !ordered.includes(k));
  let entries: [string, unknown][] = [...ordered, ...rest].map((k) => [k, values![k]]);
  for (const [key, value] of Object.entries(set)) {
    // Every spelling of the name is the same setting: the first takes the value, the others go.
    const index = entries.findIndex(([k]) => k.toLowerCase() === key.toLowerCase());
    entries = entries.filter(([k], i) => i === index || k.toLowerCase() !== key.toLowerCase());
    if (index >= 0) entries[entries.findIndex(([k]) => k.toLowerCase() === key.toLowerCase())] = [key, value];
    else entries.push([key, value]);
  }
  const removed = new Set(remove.map((k) => k.toLowerCase()));
  const kept = entries.filter(([k]) => !removed.has(k.toLowerCase()));
  // JSON.stringify on an object would move integer-like keys first; build the text in order instead.
  const body =
    kept.length === 0
      ? '{}'
      : `{\n${kept.map(([k, v]) => `${format.indent}${JSON.stringify(k)}: ${JSON.stringify(v, null, format.indent).replace(/\n/g, `\n${format.indent}`)}`).join(',\n')}\n}`;
  const text = `${format.bom ? '\uFEFF' : ''}${body}${format.finalNewline ? '\n' : ''}`.replace(/\r?\n/g, format.eol);
  return Buffer.from(text, 'utf8');
}
