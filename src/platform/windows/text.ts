/**
 * Bytes from Windows tools: wsl.exe writes UTF-16LE unless WSL_UTF8=1 took effect (old and inbox
 * builds ignore it), lines end in CRLF and old builds wrote \r\r\n. Plus the one quoting rule
 * Windows programs share (CommandLineToArgvW), for the few places that need a command line string.
 */

/**
 * Decodes a Windows tool's output. UTF-16LE is recognised by NUL bytes in odd positions (ASCII text
 * in UTF-16LE has one after every character), so it works whether or not WSL_UTF8 was honoured.
 */
export function decodeWindowsText(buffer: Uint8Array): string {
  const bytes = Buffer.from(buffer);
  let start = 0;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  if (looksUtf16le(body)) return body.subarray(0, body.length - (body.length % 2)).toString('utf16le');
  return body.toString('utf8');
}

function looksUtf16le(bytes: Buffer): boolean {
  if (bytes.length < 2) return false;
  let oddNuls = 0;
  let evenNuls = 0;
  const pairs = Math.floor(bytes.length / 2);
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  // Most characters of wsl.exe's messages are ASCII: their high byte is NUL.
  return oddNuls >= pairs / 2 && evenNuls < oddNuls;
}

/** Splits text into lines on \n, \r\n and \r\r\n; a final empty line is dropped. */
export function textLines(text: string): string[] {
  const lines = text.split(/\r*\n/);
  if (lines.length > 0 && lines[lines.length - 1]!.replace(/\r/g, '') === '') lines.pop();
  return lines.map((line) => line.replace(/\r+$/, ''));
}

/**
 * Quotes one argument the way the C runtime's CommandLineToArgvW reads it back (libuv's
 * quote_cmd_arg): bare when it has no space, tab or quote; otherwise in quotes with backslashes
 * doubled only where they precede a quote.
 */
export function quoteWindowsArgument(arg: string): string {
  if (arg.includes('\0')) throw new Error('a command line argument cannot contain a NUL character');
  if (arg === '') return '""';
  if (!/[ \t"]/.test(arg)) return arg;
  let quoted = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      backslashes++;
    } else if (ch === '"') {
      quoted += '\\'.repeat(backslashes * 2 + 1) + '"';
      backslashes = 0;
    } else {
      quoted += '\\'.repeat(backslashes) + ch;
      backslashes = 0;
    }
  }
  return `${quoted}${'\\'.repeat(backslashes * 2)}"`;
}

/** A whole command line from argv, each argument quoted for CommandLineToArgvW. */
export function windowsCommandLine(argv: readonly string[]): string {
  return argv.map(quoteWindowsArgument).join(' ');
}
