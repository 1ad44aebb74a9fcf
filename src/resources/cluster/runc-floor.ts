/**
 * The runc safety floor as data. Source: ../shared/research/kind-runc.md §2.3-2.4 (runc GHSA
 * advisories and RELEASES.md as of August 2026). Re-check upstream advisories before raising it.
 */

export interface RuncLinePolicy {
  /** `major.minor` of the release line. */
  line: string;
  verdict: 'reject' | 'floor';
  /** Upstream still ships fixes for this line (runc RELEASES.md). */
  supported: boolean;
  /** Lowest safe patch version on this line, for `floor`. */
  floor?: string;
  recommended?: string;
  note: string;
}

/** One row per release line; lines not listed are older than 1.1 (rejected) or newer than 1.5 (accepted). */
export const runcLinePolicies: readonly RuncLinePolicy[] = [
  { line: '1.0', supported: false, verdict: 'reject', note: 'end of life; 1.0.0-rc93 has the runc init pipe hang (runc#2871)' },
  { line: '1.1', supported: false, verdict: 'reject', note: 'end of life; 1.1.15 still has three High 2025 CVEs' },
  { line: '1.2', supported: false, verdict: 'floor', floor: '1.2.9', note: 'unsupported upstream; CVE-2026-41579 (Low) is never fixed on this line' },
  { line: '1.3', supported: true, verdict: 'floor', floor: '1.3.6', note: '1.3.0-1.3.5 can leave runc run/exec stuck (SIGCHLD race)' },
  { line: '1.4', supported: true, verdict: 'floor', floor: '1.4.3', note: '1.4.0-1.4.1 share the SIGCHLD hang; 1.4.3 has every listed CVE fixed' },
  { line: '1.5', supported: true, verdict: 'floor', floor: '1.5.0', recommended: '1.5.1', note: '1.5.1 fixes 1.5.0 regressions (seccomp WAIT_KILLABLE_RECV, tmpfs nr_inodes)' },
];

/** The newest line the table knows; anything newer is assumed to be at least as safe. */
const newestKnownLine = [1, 5] as const;

/** Parses `1.4.3`, `v1.4.3`, `1.2.0-rc.2`, `1.0.0-rc93` into numbers and a pre-release tag. */
export function parseRuncVersion(version: string): { major: number; minor: number; patch: number; pre?: string } | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(version.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), ...(m[4] ? { pre: m[4] } : {}) };
}

/** What the floor says about an upstream runc version. Distro builds (`+ds1`, `-1ubuntu…`) are judged elsewhere. */
export type RuncVerdict =
  | { safe: true; note?: string }
  | { safe: false; reason: string; floor?: string };

/** Judges an upstream version string against the floor table. */
export function judgeRuncVersion(version: string): RuncVerdict {
  const v = parseRuncVersion(version);
  if (!v) return { safe: false, reason: `"${version}" is not a runc version` };
  const line = `${v.major}.${v.minor}`;
  const policy = runcLinePolicies.find((p) => p.line === line);
  if (!policy) {
    const newer = v.major > newestKnownLine[0] || (v.major === newestKnownLine[0] && v.minor > newestKnownLine[1]);
    return newer && !v.pre ? { safe: true, note: `runc ${line} is newer than the safety table; assumed safe` } : { safe: false, reason: `runc ${line} is end of life` };
  }
  if (policy.verdict === 'reject') return { safe: false, reason: `the runc ${line} line is rejected: ${policy.note}` };
  const floor = parseRuncVersion(policy.floor!)!;
  if (v.pre || v.patch < floor.patch) {
    return { safe: false, reason: `runc ${version} is below the ${line} floor ${policy.floor} (${policy.note})`, floor: policy.floor! };
  }
  return { safe: true, note: policy.note };
}
