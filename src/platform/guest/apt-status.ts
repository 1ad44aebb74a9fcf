/**
 * apt's status reports (`-o APT::Status-Fd=N`), as apt documents them in doc/progress-reporting.md:
 *   dlstatus:AlreadyDownloaded:TotalPercentage:description   (downloading)
 *   pmstatus:pkgname:TotalPercentage:description             (dpkg installing/removing)
 *   pmerror:deb:TotalPercentage:error string                  (fields may be padded with spaces, "75%")
 * plus pmconffile and media-change, which carry no progress. The package name may hold a colon
 * (multi-arch "libc6:amd64") and the description may hold colons, so the percentage is the first
 * numeric field after the first one.
 */
import { StringDecoder } from 'node:string_decoder';
import type { StepProgress } from '../../engine/ports/progress.js';

const statusLine = /^(dlstatus|pmstatus|pmerror):(.*?):\s*(\d+(?:\.\d+)?)%?\s*:(.*)$/;
/** Any line of apt's status protocol (to keep them out of error text). */
const anyStatus = /^(dlstatus|pmstatus|pmerror|pmconffile|media-change):/;

/** One status line as progress; undefined for lines that carry none (or are not apt's). */
export function parseAptStatus(line: string): Extract<StepProgress, { kind: 'apt' }> | undefined {
  const match = statusLine.exec(line.trim());
  if (!match) return undefined;
  const [, kind, , percent, text] = match;
  const value = Math.min(100, Math.max(0, Number(percent)));
  return { kind: 'apt', phase: kind === 'dlstatus' ? 'download' : 'install', percent: value, text: text!.trim() };
}

/** True for a line of apt's status protocol. */
export function isAptStatus(line: string): boolean {
  return anyStatus.test(line.trim());
}

/** Splits a byte stream into lines, calling `line` for each complete one. */
export function lineSplitter(line: (text: string) => void): (chunk: Buffer) => void {
  let rest = '';
  const decoder = new StringDecoder('utf8');
  return (chunk) => {
    const parts = (rest + decoder.write(chunk)).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) line(part.replace(/\r$/, ''));
  };
}
