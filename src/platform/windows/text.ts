/**
 * Bytes from Windows tools: wsl.exe writes UTF-16LE unless WSL_UTF8=1 took effect (old and inbox
 * builds ignore it), lines end in CRLF and old builds wrote \r\r\n. Plus the one quoting rule
 * Windows programs share (CommandLineToArgvW), for the few places that need a command line string.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a Windows tool's output, whether or not WSL_UTF8 was honoured. UTF-8 text never contains
 * NUL bytes, while UTF-16LE has one in every ASCII character (and every line ends in \r\0\n\0);
 * text without NULs that is not valid UTF-8 (e.g. Chinese only) is UTF-16LE too.
 */
export function decodeWindowsText(buffer: Uint8Array): string {
  const bytes = Buffer.from(buffer);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return bytes.subarray(2, bytes.length - (bytes.length % 2)).toString('utf16le');
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const utf16 = () => body.subarray(0, body.length - (body.length % 2)).toString('utf16le');
  if (body.includes(0)) return utf16();
  try {
    return strictUtf8.decode(body);
  } catch {
    return body.length % 2 === 0 ? utf16() : body.toString('utf8');
  }
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
