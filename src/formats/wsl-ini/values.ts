/**
 * How WSL turns the text of a wsl.conf / .wslconfig value into a setting, and how devbox writes a value so
 * WSL reads it back unchanged. Sources (microsoft/WSL): `ParseBool` and `ParseMemorySize` in
 * src/shared/inc/stringshared.h; the integer and escape rules in src/shared/configfile/configfile.cpp.
 */

/** `1`, `0`, `true`, `false` (the words in any case); anything else is rejected (ParseBool). */
export function parseWslBool(text: string): boolean | undefined {
  if (text === '1' || text.toLowerCase() === 'true') return true;
  if (text === '0' || text.toLowerCase() === 'false') return false;
  return undefined;
}

/**
 * ParseMemorySize: strtoull base 10, then nothing or one of B, K, KB, M, MB, G, GB, T, TB (case-sensitive).
 * Zero must be written as a lone `0` before the unit. Returns bytes, or undefined when WSL rejects the text.
 */
export function parseWslMemorySize(text: string): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)(.*)$/s.exec(text);
  if (!m) return undefined;
  let value = BigInt(m[2]!);
  if (m[1] === '-') value = (2n ** 64n - value) % 2n ** 64n;
  if (value === 0n && !/^0(?!\d)/.test(text)) return undefined;
  const unit = m[3]!;
  const factors: Record<string, bigint> = {
    '': 1n,
    B: 1n,
    K: 1n << 10n,
    KB: 1n << 10n,
    M: 1n << 20n,
    MB: 1n << 20n,
    G: 1n << 30n,
    GB: 1n << 30n,
    T: 1n << 40n,
    TB: 1n << 40n,
  };
  const factor = factors[unit];
  return factor === undefined ? undefined : (value * factor) % 2n ** 64n;
}

/** strtol(value, &end, 0) with the whole text consumed and the result in int range (hex 0x.., octal 0..). */
export function parseWslInt(text: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(text);
  if (!m) return undefined;
  const digits = m[2]!;
  const magnitude = /^0[xX]/.test(digits)
    ? parseInt(digits.slice(2), 16)
    : digits.startsWith('0')
      ? parseInt(digits, 8)
      : parseInt(digits, 10);
  const value = m[1] === '-' ? -magnitude : magnitude;
  return value < -(2 ** 31) || value > 2 ** 31 - 1 ? undefined : value;
}

/**
 * The text to write after `key=` so WSL reads exactly `value`: backslash, quote, newline, tab and
 * backspace escaped (the only escapes WSL knows), and quotes around a value with `#` or with spaces at
 * either end (outside quotes `#` starts a comment and trailing spaces are trimmed).
 */
export function encodeWslValue(value: string): string {
  const escaped = value.replace(
    /[\\"\n\t\b]/g,
    (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\b': '\\b' })[c]!,
  );
  return /#|^[ \t]|[ \t]$/.test(value) ? `"${escaped}"` : escaped;
}

/** A value WSL cannot hold in one line: a carriage return (it ends the line whatever precedes it). */
export function encodableWslValue(value: string): boolean {
  return !value.includes('\r');
}

/** A section or key name WSL's parser accepts: an ASCII letter, then ASCII letters and digits. */
export const wslNamePattern = /^[A-Za-z][A-Za-z0-9]*$/;

/** How WSL types a setting: the parse it applies to the text. */
export type WslValueKind = 'bool' | 'int' | 'size' | 'path' | 'enum' | 'string';

/** The setting WSL reads from `text`, normalised so equal settings compare equal; undefined when rejected. */
export function wslSetting(kind: WslValueKind, text: string): string | undefined {
  switch (kind) {
    case 'bool':
      return parseWslBool(text)?.toString();
    case 'int':
      return parseWslInt(text)?.toString();
    case 'size':
      return parseWslMemorySize(text)?.toString();
    case 'path':
    case 'enum':
      // Windows paths and WSL's enum maps (CaseInsensitiveCompare) ignore case.
      return text.toLowerCase();
    case 'string':
      return text;
  }
}

/** What each kind of value must look like, for messages. */
export const wslKindHint: Record<WslValueKind, string> = {
  bool: 'true, false, 1 or 0',
  int: 'a whole number (decimal, 0x hex or 0 octal)',
  size: 'a size such as 8GB, 512MB or 8G (units B, K, KB, M, MB, G, GB, T, TB in capitals)',
  path: 'a path',
  enum: 'one of the values WSL knows',
  string: 'text',
};
