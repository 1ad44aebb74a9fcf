/**
 * WSL's config-file grammar, modelled on ParseConfigFile in microsoft/WSL
 * src/shared/configfile/configfile.cpp. Lines are `[section]`, `key = value`, blank, or `# comment`;
 * names are an ASCII letter then letters/digits; a value ends at the line end or at `#` outside quotes,
 * quotes are removed, `\\ \" \b \n \t` are escapes and a backslash before the newline continues the value;
 * trailing spaces outside quotes are trimmed. Anything else makes the line invalid: .wslconfig
 * (WslCoreConfig.cpp, CFG_SKIP_INVALID_LINES) skips it, wsl.conf (init, without that flag) stops reading
 * the file there. An invalid `[section]` leaves the previous section current.
 */

/** Which file: they differ in how invalid lines and line ends are read. */
export type WslIniDialect = 'wsl.conf' | '.wslconfig';

/** One `key = value` WSL parsed. */
export interface WslIniPair {
  /** The section in force (as written), '' before any section. */
  section: string;
  key: string;
  /** The value as WSL reads it (quotes removed, escapes resolved, trailing spaces trimmed). */
  value: string;
  /** The value's text as written on its first line (without a trailing comment), for messages. */
  raw: string;
  /** 0-based index of the first and last physical line (continuations span several). */
  first: number;
  last: number;
  /** Offsets in the first / last line: where the value starts, and where the kept tail (spaces, comment, CR) starts. */
  valueStart: number;
  tailStart: number;
}

/** A line WSL rejects. */
export interface WslIniInvalid {
  index: number;
  reason: string;
  /** The section and key, when the name parsed and the value did not. */
  section?: string;
  key?: string;
  raw?: string;
}

export interface WslIniParse {
  /** Physical lines without their \n (a CR stays). */
  lines: string[];
  pairs: WslIniPair[];
  /** Section headers: line index and name. */
  headers: { index: number; name: string }[];
  invalid: WslIniInvalid[];
  /** wsl.conf only: the index of the line where WSL stopped reading, if it did. */
  stoppedAt?: number;
}

const isAlpha = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);
const isAlnum = (c: string | undefined) => c !== undefined && /^[A-Za-z0-9]$/.test(c);
const isHSpace = (c: string | undefined) => c === ' ' || c === '\t';
const escapes: Record<string, string> = { '\\': '\\', '"': '"', b: '\b', n: '\n', t: '\t' };

/** Parses a whole file. A UTF-8 BOM is skipped for .wslconfig (opened with ccs=UTF-8) and makes wsl.conf's first line invalid. */
export function parseWslIni(text: string, dialect: WslIniDialect): WslIniParse {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const lines = text === '' ? [] : body.split('\n');
  const result: WslIniParse = { lines, pairs: [], headers: [], invalid: [] };
  let section = '';
  // .wslconfig is read in text mode on Windows: CRLF is a plain line end there.
  const content = (i: number) => {
    let line = lines[i]!;
    if (i === 0 && dialect === '.wslconfig') line = line.replace(/^\uFEFF/, '');
    return dialect === '.wslconfig' ? line.replace(/\r$/, '') : line;
  };
  const offset = (i: number) => (i === 0 && dialect === '.wslconfig' && lines[0]!.startsWith('\uFEFF') ? 1 : 0);
  const invalid = (entry: WslIniInvalid) => {
    result.invalid.push(entry);
    if (dialect === 'wsl.conf' && result.stoppedAt === undefined) result.stoppedAt = entry.index;
  };

  for (let i = 0; i < lines.length; i++) {
    if (result.stoppedAt !== undefined) break;
    const line = content(i);
    let p = 0;
    while (isHSpace(line[p])) p++;
    const c = line[p];
    if (c === undefined || c === '#' || c === '\r') continue;
    if (c === '[') {
      let q = p + 1;
      if (!isAlpha(line[q])) {
        invalid({ index: i, reason: 'a section name must start with a letter' });
        continue;
      }
      while (isAlnum(line[q])) q++;
      const name = line.slice(p + 1, q);
      if (line[q] !== ']') {
        invalid({ index: i, reason: `"]" expected after [${name}` });
        continue;
      }
      q++;
      while (isHSpace(line[q])) q++;
      if (q < line.length && line[q] !== '#' && line[q] !== '\r') {
        invalid({ index: i, reason: 'nothing but a comment may follow a section header' });
        continue;
      }
      section = name;
      result.headers.push({ index: i, name });
      continue;
    }
    if (!isAlpha(c)) {
      invalid({ index: i, reason: 'a line must be a [section], a key = value, or a # comment' });
      continue;
    }
    let q = p;
    while (isAlnum(line[q])) q++;
    const key = line.slice(p, q);
    while (isHSpace(line[q])) q++;
    if (line[q] !== '=') {
      invalid({ index: i, reason: `"=" expected after ${key} (names are letters and digits only)` });
      continue;
    }
    q++;
    while (isHSpace(line[q])) q++;
    const valueStart = q + offset(i);
    const parsed = parseValue(lines, i, q, content, dialect);
    const raw = line.slice(q, parsed.last === i ? parsed.end : line.length).replace(/[ \t\r]+$/, '');
    if ('error' in parsed) {
      invalid({ index: i, reason: parsed.error, section, key, raw });
      if (dialect === '.wslconfig') i = parsed.last;
      continue;
    }
    result.pairs.push({
      section,
      key,
      value: parsed.value,
      raw,
      first: i,
      last: parsed.last,
      valueStart,
      tailStart: parsed.tailStart + offset(parsed.last),
    });
    i = parsed.last;
  }
  return result;
}

type ValueParse =
  { value: string; last: number; end: number; tailStart: number } | { error: string; last: number; end: number };

function parseValue(
  lines: string[],
  first: number,
  start: number,
  content: (i: number) => string,
  dialect: WslIniDialect,
): ValueParse {
  let value = '';
  let trimmed = 0;
  let inQuote = false;
  let i = first;
  let line = content(i);
  let p = start;
  let tailStart = line.length;
  for (;;) {
    const c = line[p];
    if (c === undefined || c === '\r') {
      tailStart = trimmedTail(line, p, value, trimmed);
      break;
    }
    if (c === '"') inQuote = !inQuote;
    else if (c === '\\') {
      const next = line[p + 1];
      if (next === undefined && i + 1 < lines.length) {
        // Line continuation: the next physical line, from its first column.
        i++;
        line = content(i);
        p = 0;
        continue;
      }
      if (next === '\r' && dialect === 'wsl.conf') {
        tailStart = p;
        p += 2;
        break;
      }
      if (next === undefined || escapes[next] === undefined) {
        return {
          error: `WSL knows no escape "\\${next ?? ''}" (only \\\\ \\" \\b \\n \\t); write a backslash as \\\\`,
          last: i,
          end: p,
        };
      }
      value += escapes[next];
      p++;
    } else if (c === '#' && !inQuote) {
      tailStart = trimmedTail(line, p, value, trimmed);
      break;
    } else value += c;
    if (!isHSpace(c)) trimmed = value.length;
    p++;
  }
  if (inQuote) return { error: 'a quote is not closed', last: i, end: p };
  return { value: value.slice(0, trimmed), last: i, end: Math.min(p, tailStart), tailStart };
}

/** Where the tail (trailing spaces outside quotes, comment, CR) begins on the value's last line. */
function trimmedTail(line: string, p: number, value: string, trimmed: number): number {
  let t = p;
  let spaces = value.length - trimmed;
  while (spaces > 0 && t > 0 && isHSpace(line[t - 1])) {
    t--;
    spaces--;
  }
  return t;
}
