/**
 * Output as Windows tools write it. wsl.exe: UTF-16LE without BOM unless WSL_UTF8=1 (exactly "1")
 * and a build that knows it; CRT text mode turns every \n into \r\n (old inbox builds: \r\r\n).
 * Other tools: console text with CRLF (UTF-8 here).
 */
export type Encoding = 'utf16le' | 'utf8';

export interface TextStyle {
  encoding: Encoding;
  /** Old builds' strings carried their own \r: each line ends \r\r\n. */
  doubleCr?: boolean;
}

export function encodeText(text: string, style: TextStyle): Buffer {
  const crlf = text.replace(/\r?\n/g, style.doubleCr ? '\r\r\n' : '\r\n');
  return Buffer.from(crlf, style.encoding);
}

/** Collects a tool's stdout and stderr text. */
export class ToolOutput {
  stdout = '';
  stderr = '';
  out(text: string): void {
    this.stdout += text;
  }
  err(text: string): void {
    this.stderr += text;
  }
  line(text = ''): void {
    this.stdout += `${text}\n`;
  }
}
