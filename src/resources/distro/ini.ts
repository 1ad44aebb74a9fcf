/**
 * A line-preserving INI editor for /etc/wsl.conf (and .wslconfig): reading keys, setting keys, and
 * writing back with every other line, comment and blank byte-for-byte as it was. Section and key
 * names match case-insensitively, as WSL's parser does.
 */

interface Line {
  /** The line without its final \n (a \r of a CRLF file stays part of the text). */
  text: string;
  added?: boolean;
  section?: string;
  key?: string;
  value?: string;
}

/** A parsed INI document that can be edited in place. */
export class IniDocument {
  private readonly lines: Line[];
  /** The document's line ending when it had one consistently; new lines use it. */
  readonly eol: '\n' | '\r\n';
  private readonly endsWithNewline: boolean;

  private constructor(lines: Line[], eol: '\n' | '\r\n', endsWithNewline: boolean) {
    this.lines = lines;
    this.eol = eol;
    this.endsWithNewline = endsWithNewline;
  }

  /** Parses text; a BOM is kept as part of the first line. */
  static parse(text: string): IniDocument {
    const eol = /\r\n/.test(text) && !/(^|[^\r])\n/.test(text) ? '\r\n' : '\n';
    const endsWithNewline = text === '' || text.endsWith('\n');
    const raw = text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
    let section: string | undefined;
    const lines = raw.map((rawLine): Line => {
      const text = rawLine;
      const content = rawLine.replace(/\r$/, '').replace(/^\uFEFF/, '');
      const header = /^\s*\[([^\]]*)\]\s*(?:[#;].*)?$/.exec(content);
      if (header) {
        section = header[1]!.trim();
        return { text, section };
      }
      const pair = /^\s*([^=#;[\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(content);
      if (pair && section !== undefined) return { text, section, key: pair[1]!, value: pair[2]! };
      return { text, ...(section !== undefined ? { section } : {}) };
    });
    return new IniDocument(lines, eol, endsWithNewline);
  }

  private static same(a: string | undefined, b: string): boolean {
    return a !== undefined && a.toLowerCase() === b.toLowerCase();
  }

  /** The effective value of a key (the last occurrence wins), or undefined. */
  get(section: string, key: string): string | undefined {
    let value: string | undefined;
    for (const line of this.lines) {
      if (line.key !== undefined && IniDocument.same(line.section, section) && IniDocument.same(line.key, key)) value = line.value;
    }
    return value;
  }

  /** Every section.key pair present, in order. */
  entries(): { section: string; key: string; value: string }[] {
    return this.lines.filter((l) => l.key !== undefined).map((l) => ({ section: l.section!, key: l.key!, value: l.value! }));
  }

  /**
   * Sets a key. Every existing occurrence in the section is rewritten (so duplicates cannot keep an
   * old value alive); a missing key goes after the section's last key; a missing section is appended.
   */
  set(section: string, key: string, value: string): void {
    let found = false;
    for (const line of this.lines) {
      if (line.key !== undefined && IniDocument.same(line.section, section) && IniDocument.same(line.key, key)) {
        found = true;
        if (line.value === value) continue;
        const cr = line.text.endsWith('\r') ? '\r' : '';
        const indent = /^\s*/.exec(line.text)![0];
        line.text = `${indent}${line.key} = ${value}${cr}`;
        line.value = value;
      }
    }
    if (found) return;
    const cr = this.eol === '\r\n' ? '\r' : '';
    const newLine: Line = { text: `${key} = ${value}${cr}`, section, key, value, added: true };
    let lastInSection = -1;
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (IniDocument.same(line.section, section) && (line.key !== undefined || /^\s*\[/.test(line.text))) lastInSection = i;
    }
    if (lastInSection >= 0) {
      this.lines.splice(lastInSection + 1, 0, newLine);
      return;
    }
    if (this.lines.length > 0 && this.lines[this.lines.length - 1]!.text.replace(/\r$/, '').trim() !== '') {
      this.lines.push({ text: cr, added: true });
    }
    this.lines.push({ text: `[${section}]${cr}`, section, added: true }, newLine);
  }

  /** The document as text. A last line that had no newline keeps lacking one unless lines were added after it. */
  toString(): string {
    if (this.lines.length === 0) return '';
    const last = this.lines[this.lines.length - 1]!;
    return `${this.lines.map((l) => l.text).join('\n')}${this.endsWithNewline || last.added ? '\n' : ''}`;
  }

  /** The same document with CRLF line endings turned into LF. */
  static toLf(text: string): string {
    return text.replace(/\r\n/g, '\n');
  }
}

/** How a manifest scalar is written as an INI value. */
export function iniValue(value: string | number | boolean): string {
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

/** Compares INI values the way WSL reads them: booleans case-insensitively, numbers by value. */
export function sameIniValue(actual: string | undefined, desired: string | number | boolean): boolean {
  if (actual === undefined) return false;
  const unquoted = actual.replace(/^"(.*)"$/, '$1');
  if (typeof desired === 'boolean') return unquoted.toLowerCase() === String(desired);
  if (typeof desired === 'number') return unquoted.trim() !== '' && Number(unquoted) === desired;
  return unquoted === desired;
}
