/**
 * Reading and editing wsl.conf / .wslconfig as WSL reads them (see parse.ts for the grammar): the first
 * occurrence of a key wins, also across repeated sections (ConfigKey::Parse warns about later ones and
 * ignores them), names match case-insensitively (strcasecmp in ConfigKey::Matches). Edits touch only the
 * line of the key they set; every other byte, comment and blank line stays as it was.
 */
import { parseWslIni, type WslIniDialect, type WslIniInvalid, type WslIniPair, type WslIniParse } from './parse.js';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The occurrence of a key WSL uses: a parsed pair, or the invalid line WSL skipped in its place. */
export type WslIniLookup =
  | { kind: 'set'; pair: WslIniPair; line: number; later: number[] }
  | { kind: 'invalid'; invalid: WslIniInvalid; line: number }
  | { kind: 'unread'; pair: WslIniPair; line: number; stoppedAt: number }
  | { kind: 'absent' };

export class WslIniDocument {
  private lines: string[];
  private parsed: WslIniParse;
  /** The document's line ending, used for lines devbox adds. */
  readonly eol: '\n' | '\r\n';
  private readonly endsWithNewline: boolean;

  private constructor(
    text: string,
    readonly dialect: WslIniDialect,
  ) {
    this.eol = /\r\n/.test(text) && !/(^|[^\r])\n/.test(text) ? '\r\n' : '\n';
    this.endsWithNewline = text === '' || text.endsWith('\n');
    this.parsed = parseWslIni(text, dialect);
    this.lines = [...this.parsed.lines];
  }

  static parse(text: string, dialect: WslIniDialect): WslIniDocument {
    return new WslIniDocument(text, dialect);
  }

  /** Lines WSL rejects, 1-based, with why; for wsl.conf the first one also ends WSL's reading. */
  problems(): { line: number; reason: string; stopsReading: boolean }[] {
    return this.parsed.invalid.map((p) => ({
      line: p.index + 1,
      reason: p.reason,
      stopsReading: p.index === this.parsed.stoppedAt,
    }));
  }

  /**
   * Where WSL finds `section.key` (or one of `aliases`, other `section.key` names of the same setting,
   * such as experimental.networkingMode for wsl2.networkingMode). Lines are 1-based.
   */
  lookup(section: string, key: string, aliases: readonly (readonly [string, string])[] = []): WslIniLookup {
    const names = [[section, key] as const, ...aliases];
    const matches = (s: string | undefined, k: string | undefined) =>
      s !== undefined && k !== undefined && names.some(([ns, nk]) => same(ns, s) && same(nk, k));
    const pairs = this.parsed.pairs.filter((p) => matches(p.section, p.key));
    const [pair, ...later] = pairs;
    if (pair) return { kind: 'set', pair, line: pair.first + 1, later: later.map((p) => p.first + 1) };
    const invalid = this.parsed.invalid.find((p) => matches(p.section, p.key));
    if (invalid) return { kind: 'invalid', invalid, line: invalid.index + 1 };
    const stoppedAt = this.parsed.stoppedAt;
    if (stoppedAt !== undefined) {
      const unread = findUnread(this.lines, stoppedAt, matches);
      if (unread) return { kind: 'unread', pair: unread, line: unread.first + 1, stoppedAt: stoppedAt + 1 };
    }
    return { kind: 'absent' };
  }

  /** Every setting WSL reads (the first occurrence of each section.key name), in file order. */
  settings(): WslIniPair[] {
    const seen = new Set<string>();
    return this.parsed.pairs.filter((p) => {
      const id = `${p.section}\u0000${p.key}`.toLowerCase();
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  /** The value WSL reads for a key, or undefined. */
  get(section: string, key: string): string | undefined {
    const found = this.lookup(section, key);
    return found.kind === 'set' ? found.pair.value : undefined;
  }

  /**
   * Sets a key to `encoded` (text WSL decodes to the wanted value, see encodeWslValue). The effective
   * occurrence (or the invalid line WSL skipped for it) is rewritten keeping its indent, spacing and trailing
   * comment; a missing key goes after the last key of the section's first block WSL reads, or in a new
   * section placed where WSL reads it.
   */
  set(section: string, key: string, encoded: string): void {
    const found = this.lookup(section, key);
    const cr = this.eol === '\r\n' ? '\r' : '';
    if (found.kind === 'set') {
      const { pair } = found;
      const head = this.lines[pair.first]!.slice(0, pair.valueStart);
      const tail = this.lines[pair.last]!.slice(pair.tailStart);
      this.replace(pair.first, pair.last, [`${head}${encoded}${tail}`]);
      return;
    }
    if (found.kind === 'invalid') {
      const text = this.lines[found.invalid.index]!;
      const indent = /^[ \t]*/.exec(text)![0];
      this.replace(found.invalid.index, found.invalid.index, [
        `${indent}${key}=${encoded}${text.endsWith('\r') ? '\r' : ''}`,
      ]);
      return;
    }
    const newLine = `${key}=${encoded}${cr}`;
    const limit = this.parsed.stoppedAt ?? this.lines.length;
    const header = this.parsed.headers.find((h) => same(h.name, section) && h.index < limit);
    if (header) {
      const next = this.parsed.headers.find((h) => h.index > header.index)?.index ?? this.lines.length;
      const lastPair = this.parsed.pairs.filter((p) => p.first > header.index && p.first < next).at(-1);
      this.insert((lastPair?.last ?? header.index) + 1, [newLine]);
      return;
    }
    if (this.parsed.stoppedAt !== undefined) {
      // WSL stops at an invalid line: the new section goes before the first section header (or the top).
      const at = Math.min(this.parsed.headers[0]?.index ?? 0, this.parsed.stoppedAt);
      this.insert(at, [`[${section}]${cr}`, newLine, cr]);
      return;
    }
    const lastText = this.lines.at(-1);
    const gap = lastText !== undefined && lastText.replace(/\r$/, '').trim() !== '' ? [cr] : [];
    this.insert(this.lines.length, [...gap, `[${section}]${cr}`, newLine], true);
  }

  private replace(first: number, last: number, lines: string[]): void {
    this.lines.splice(first, last - first + 1, ...lines);
    this.reparse();
  }

  private addedAtEnd = false;

  private insert(at: number, lines: string[], atEnd = false): void {
    this.lines.splice(at, 0, ...lines);
    if (atEnd) this.addedAtEnd = true;
    this.reparse();
  }

  private reparse(): void {
    this.parsed = parseWslIni(this.render(), this.dialect);
    this.lines = [...this.parsed.lines];
  }

  private render(): string {
    if (this.lines.length === 0) return '';
    return `${this.lines.join('\n')}${this.endsWithNewline || this.addedAtEnd ? '\n' : ''}`;
  }

  /** The document as text: a last line without a newline keeps lacking one unless lines were added after it. */
  toString(): string {
    return this.render();
  }
}

/** The first pair of a name among the lines WSL never read (after it stopped), for messages. */
function findUnread(
  lines: string[],
  stoppedAt: number,
  matches: (s: string, k: string) => boolean,
): WslIniPair | undefined {
  // Read the rest as .wslconfig would (skipping invalid lines), in the section the stop happened in.
  const before = parseWslIni(lines.slice(0, stoppedAt).join('\n'), '.wslconfig').headers.at(-1)?.name;
  const prefix = before ? [`[${before}]`] : [];
  const rest = parseWslIni([...prefix, ...lines.slice(stoppedAt + 1)].join('\n'), '.wslconfig');
  const shift = stoppedAt + 1 - prefix.length;
  const pair = rest.pairs.find((p) => matches(p.section, p.key));
  return pair ? { ...pair, first: pair.first + shift, last: pair.last + shift } : undefined;
}
