/**
 * apt source files as they exist on real systems: one-line `sources.list` / `*.list` and deb822
 * `*.sources`. Parsing records where each URI sits in the text, so a rewrite replaces exactly those
 * characters and leaves every other byte (suites, components, options, comments, deb-src lines,
 * blank lines, line endings) as it was. Texts are handled as latin1 strings: one char per byte, so
 * a comment in any encoding survives untouched.
 */

/** The two file formats apt reads. */
export type SourcesFormat = 'one-line' | 'deb822';

/** Where one URI of an entry is in the file text. */
export interface UriSpan {
  uri: string;
  start: number;
  end: number;
}

/** One entry: a one-line `deb …` line, or a deb822 stanza. */
export interface SourceEntry {
  /** 1-based line where the entry starts, for messages. */
  line: number;
  types: string[];
  uris: UriSpan[];
  suites: string[];
  components: string[];
  /** The `signed-by` option / `Signed-By` field when it names a file. */
  signedBy?: string;
  /** False for deb822 `Enabled: no`; commented-out one-line entries are not entries at all. */
  enabled: boolean;
}

/** The format apt uses for a file, by its name (as apt itself decides). */
export function formatOf(path: string): SourcesFormat {
  return path.endsWith('.sources') ? 'deb822' : 'one-line';
}

/** Splits text into lines with their start offsets; the line text excludes \n (a \r stays). */
function lines(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    out.push({ text: text.slice(start, end), start });
    start = end + 1;
  }
  return out;
}

function optionValue(options: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}=(\\S+)`, 'i').exec(options);
  return m?.[1];
}

/** Parses one-line entries. Comment lines (including disabled `# deb …` lines) are not entries. */
function parseOneLine(text: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  lines(text).forEach((line, index) => {
    // apt drops everything from the first # as a comment.
    const hash = line.text.indexOf('#');
    const content = (hash === -1 ? line.text : line.text.slice(0, hash)).replace(/\r$/, '');
    const m = /^(\s*)(deb|deb-src)(\s+)(?:(\[[^\]]*\])(\s*))?(\S+)(.*)$/.exec(content);
    if (!m) return;
    const before = m[1]!.length + m[2]!.length + m[3]!.length + (m[4]?.length ?? 0) + (m[5]?.length ?? 0);
    const uri = m[6]!;
    const rest = m[7]!.trim().split(/\s+/).filter(Boolean);
    const options = m[4] ? m[4].slice(1, -1) : '';
    const signedBy = optionValue(options, 'signed-by');
    entries.push({
      line: index + 1,
      types: [m[2]!],
      uris: [{ uri, start: line.start + before, end: line.start + before + uri.length }],
      suites: rest.slice(0, 1),
      components: rest.slice(1),
      ...(signedBy ? { signedBy } : {}),
      enabled: true,
    });
  });
  return entries;
}

interface Field {
  name: string;
  /** Value pieces: the rest of the first line and each continuation line, with their offsets. */
  pieces: { text: string; start: number }[];
}

/** Parses deb822 stanzas: `Name: value` fields, continuation lines, `#` comment lines. */
function parseDeb822(text: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  let fields: Field[] = [];
  let firstLine = 0;
  const flush = () => {
    if (fields.length === 0) return;
    const get = (name: string) => fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    const words = (name: string) =>
      (
        get(name)
          ?.pieces.map((p) => p.text)
          .join(' ') ?? ''
      )
        .trim()
        .split(/\s+/)
        .filter(Boolean);
    const uris: UriSpan[] = [];
    for (const piece of get('URIs')?.pieces ?? []) {
      for (const m of piece.text.matchAll(/\S+/g))
        uris.push({ uri: m[0], start: piece.start + m.index, end: piece.start + m.index + m[0].length });
    }
    const signed = words('Signed-By');
    entries.push({
      line: firstLine,
      types: words('Types'),
      uris,
      suites: words('Suites'),
      components: words('Components'),
      // A path (one word); an embedded key block is not a file name.
      ...(signed.length === 1 && signed[0]!.startsWith('/') ? { signedBy: signed[0]! } : {}),
      enabled: !/^(no|false|0)$/i.test(words('Enabled')[0] ?? 'yes'),
    });
    fields = [];
  };
  lines(text).forEach((line, index) => {
    const content = line.text.replace(/\r$/, '');
    if (content.trim() === '') return flush();
    if (content.startsWith('#')) return;
    if (/^[ \t]/.test(content)) {
      const last = fields[fields.length - 1];
      if (last) last.pieces.push({ text: content, start: line.start });
      return;
    }
    const m = /^([^:\s]+):/.exec(content);
    if (!m) return;
    if (fields.length === 0) firstLine = index + 1;
    fields.push({ name: m[1]!, pieces: [{ text: content.slice(m[0].length), start: line.start + m[0].length }] });
  });
  flush();
  return entries;
}

/** The entries of a source file's text. */
export function parseSources(text: string, format: SourcesFormat): SourceEntry[] {
  return format === 'deb822' ? parseDeb822(text) : parseOneLine(text);
}

/** A replacement of the characters [start, end) of a text. */
export interface TextEdit {
  start: number;
  end: number;
  replacement: string;
}

/** Applies non-overlapping edits; everything outside them is copied unchanged. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error('overlapping edits');
    out += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return out + text.slice(at);
}
