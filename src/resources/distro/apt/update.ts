/**
 * Judging `apt-get update`. apt exits 0 even when an index could not be fetched (it prints a warning
 * and keeps old lists) unless `APT::Update::Error-Mode=any` is understood (apt >= 2.3), so devbox
 * reads the output too. A failure counts against the new mirror when it names one of the URIs devbox
 * just wrote, or names no repository at all (a source file apt cannot parse); failures of unrelated
 * third-party repositories are reported but are not a reason to roll back.
 */

/** argv of the update devbox runs; failures must be errors, whatever the apt version. */
export const aptUpdateArgv = ['apt-get', 'update', '-o', 'APT::Update::Error-Mode=any'] as const;

/** The verdict on one `apt-get update`. */
export interface UpdateVerdict {
  ok: boolean;
  /** Failure lines that concern the URIs devbox wrote (or no repository at all). */
  ours: string[];
  /** Failure lines of other repositories. */
  others: string[];
}

const failure =
  /^(Err:\S*\s|E: |W: (Failed to fetch|GPG error|The repository|Release file)|W: .*(is not signed|NO_PUBKEY|is not valid yet|expired))/;
const summary = /^[WE]: Some index files failed to download/;

function urlsIn(line: string): string[] {
  return [...line.matchAll(/(?:https?|ftp|file|cdrom|mirror\+\w+|tor\+\w+):\/*[^\s'"]+/g)].map((m) => m[0]);
}

/** Joins Err: lines with their indented reason line, which apt prints right after. */
function logicalLines(output: string): string[] {
  const out: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (/^\s+\S/.test(line) && out.length > 0 && out[out.length - 1]!.startsWith('Err:'))
      out[out.length - 1] += ` —${line.trimEnd()}`;
    else out.push(line);
  }
  return out;
}

/** Reads the exit code and output of `apt-get update` against the URIs and files just written. */
export function judgeUpdate(
  exitCode: number,
  stdout: string,
  stderr: string,
  written: readonly string[],
  files: readonly string[],
): UpdateVerdict {
  const bare = written.map((w) => w.replace(/^[a-z+]+:\/\//i, '').replace(/\/+$/, ''));
  const ours: string[] = [];
  const others: string[] = [];
  for (const line of logicalLines(`${stdout}\n${stderr}`)) {
    if (!failure.test(line) || summary.test(line)) continue;
    const urls = urlsIn(line).map((u) => u.replace(/^[a-z+]+:\/\//i, ''));
    const mentionsOurs = urls.some((u) => bare.some((b) => u === b || u.startsWith(`${b}/`)));
    // "Malformed entry 3 in list file /etc/apt/…": ours only when it is a file devbox wrote.
    const paths = [...line.matchAll(/\/etc\/apt\/\S+/g)].map((m) => m[0].replace(/[).,:]+$/, ''));
    const unattributed = urls.length === 0 && (paths.length === 0 || paths.some((p) => files.includes(p)));
    if (mentionsOurs || unattributed) ours.push(line.trim());
    else others.push(line.trim());
  }
  // A non-zero exit without any failure line (killed, out of disk) is ours to report too.
  if (exitCode !== 0 && ours.length === 0 && others.length === 0)
    ours.push(`apt-get update exited with code ${exitCode}`);
  return { ok: ours.length === 0, ours: [...new Set(ours)], others: [...new Set(others)] };
}
