/**
 * The runc safety floor as data. Sources: ../shared/research/kind-runc.md §2.1-2.4 (runc GHSA
 * advisories, CHANGELOG.md and RELEASES.md as of August 2026) and ../shared/research/cluster-rig.md
 * (Debian's builds, read from their packages). Re-check upstream advisories before raising it.
 */
import { compareDebianVersions, parseDebianVersion } from './debian-version.js';
import { t, type MessageKey } from '../../i18n/catalogue.js';

export interface RuncLinePolicy {
  /** `major.minor` of the release line. */
  line: string;
  verdict: 'reject' | 'floor';
  /** Lowest safe patch version on this line, for `floor`. */
  floor?: string;
  recommended?: string;
  /** Upstream still ships fixes for this line (RELEASES.md: latest, latest-1, latest-2). */
  supported: boolean;
  /** Why: its message in the catalogue (src/i18n/en-cluster-views.ts), in the user's language. */
  note: `runcFloor.line${string}` & MessageKey;
  source: string;
}

/** One row per release line; lines not listed are older than 1.0 (rejected) or newer than 1.5 (accepted). */
export const runcLinePolicies: readonly RuncLinePolicy[] = [
  {
    line: '1.0',
    verdict: 'reject',
    supported: false,
    note: 'runcFloor.line1.0',
    source: 'kind-runc.md §1.1, §2.4',
  },
  {
    line: '1.1',
    verdict: 'reject',
    supported: false,
    note: 'runcFloor.line1.1',
    source: 'kind-runc.md §2.3 (CVE-2025-31133, -52565, -52881)',
  },
  {
    line: '1.2',
    verdict: 'floor',
    floor: '1.2.9',
    supported: false,
    note: 'runcFloor.line1.2',
    source: 'kind-runc.md §2.1, §2.4',
  },
  {
    line: '1.3',
    verdict: 'floor',
    floor: '1.3.6',
    supported: true,
    note: 'runcFloor.line1.3',
    source: 'kind-runc.md §2.4, §2.5',
  },
  {
    line: '1.4',
    verdict: 'floor',
    floor: '1.4.3',
    supported: true,
    note: 'runcFloor.line1.4',
    source: 'kind-runc.md §2.4',
  },
  {
    line: '1.5',
    verdict: 'floor',
    floor: '1.5.0',
    recommended: '1.5.1',
    supported: true,
    note: 'runcFloor.line1.5',
    source: 'kind-runc.md §2.4',
  },
];

/**
 * What a distribution's build carries beyond its upstream number: patches backported from later
 * runc releases. A row applies to builds of `upstream` whose Debian revision is `fromRevision` or
 * later (dpkg ordering).
 */
export interface DistroBuildFact {
  distro: 'debian' | 'ubuntu';
  /** Upstream part of the package version, as the package spells it (`1.0.0~rc93+ds1`). */
  upstream: string;
  fromRevision: string;
  /** `pipe-hang` (runc#2871) or a CVE id. */
  fixes: readonly string[];
  source: string;
}

export const distroBuildFacts: readonly DistroBuildFact[] = [
  {
    distro: 'debian',
    upstream: '1.0.0~rc93+ds1',
    fromRevision: '3',
    fixes: ['pipe-hang'],
    source:
      'cluster-rig.md: Debian patch 0010 "Ensure the seccomp pipe is being read" (runc#2871), changelog "Fix runc init stuck"',
  },
  {
    distro: 'debian',
    upstream: '1.1.5+ds1',
    fromRevision: '1+deb12u1',
    fixes: ['CVE-2024-21626'],
    source: 'kind-runc.md §2.2: changelog.Debian of runc 1.1.5+ds1-1+deb12u1',
  },
];

/** The newest line the table knows; anything newer is assumed to be at least as safe. */
const newestKnownLine = [1, 5] as const;

/** Parses `1.4.3`, `v1.4.3`, `1.2.0-rc.2`, `1.0.0-rc93` into numbers and a pre-release tag. */
export function parseRuncVersion(
  version: string,
): { major: number; minor: number; patch: number; pre?: string } | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(version.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), ...(m[4] ? { pre: m[4] } : {}) };
}

/** What the floor says about an upstream runc version. */
export type RuncVerdict = { safe: true; note?: string } | { safe: false; reason: string; floor?: string };

/** Judges an upstream version string against the floor table. Distro builds: {@link judgeRuncBuild}. */
export function judgeRuncVersion(version: string): RuncVerdict {
  const v = parseRuncVersion(version);
  if (!v) return { safe: false, reason: t('runcFloor.notVersion', { version }) };
  const line = `${v.major}.${v.minor}`;
  const policy = runcLinePolicies.find((p) => p.line === line);
  if (!policy) {
    const newer = v.major > newestKnownLine[0] || (v.major === newestKnownLine[0] && v.minor > newestKnownLine[1]);
    return newer && !v.pre
      ? { safe: true, note: t('runcFloor.newer', { line }) }
      : { safe: false, reason: t('runcFloor.endOfLife', { line }) };
  }
  const note = t(policy.note);
  if (policy.verdict === 'reject') return { safe: false, reason: t('runcFloor.rejected', { line, note }) };
  const floor = parseRuncVersion(policy.floor!)!;
  if (v.pre || v.patch < floor.patch) {
    return {
      safe: false,
      reason: t('runcFloor.below', { version, line, floor: policy.floor!, note }),
      floor: policy.floor!,
    };
  }
  return {
    safe: true,
    note: policy.supported ? note : t('runcFloor.unsupported', { line, note }),
  };
}

/** A runc build as found on a machine: upstream, or a distribution's package build. */
export interface RuncBuild {
  /** The upstream version it is built from, in upstream spelling (`1.0.0-rc93`). */
  upstream: string;
  /** `debian`/`ubuntu` for a package build (`+ds1`, `~rc93`, `-0ubuntu1`), else `upstream`. */
  origin: 'upstream' | 'debian' | 'ubuntu' | 'distro';
  /** The full package version when known (`1.0.0~rc93+ds1-5+deb11u5`). */
  packageVersion?: string;
}

/**
 * Reads a version as `runc --version` prints it (first line `runc version X`, `commit:` line), a
 * bare version (`1.4.3`, `v1.4.3`) or a package version (`1.1.5+ds1-1+deb12u1`, `1.1.12-0ubuntu3.1`).
 * Debian's runc prints `runc version 1.3.6+ds1` and its package version on the `commit:` line.
 */
export function parseRuncBuild(text: string): RuncBuild | undefined {
  const first = /^runc version (\S+)/m.exec(text)?.[1] ?? text.trim().split(/\s+/)[0] ?? '';
  // Only a commit line that is exactly a package version names the build: a rebuild that says more
  // ("… with patch 0010 reversed") is not the package it was built from.
  const commit = /^commit:\s*(\S+)\s*$/m.exec(text)?.[1];
  const asUpstream = parseRuncVersion(first);
  // `1.1.12-0ubuntu3.1` also reads as a semver pre-release: only rc tags are upstream's.
  if (asUpstream && (!asUpstream.pre || /^rc\.?\d+$/.test(asUpstream.pre)))
    return { upstream: first.replace(/^v/, ''), origin: 'upstream' };
  const deb = parseDebianVersion(first);
  if (!deb) return undefined;
  const upstream = deb.upstream.replace(/\+(ds|dfsg)\d*$/, '').replace(/~(rc\.?\d+)$/, '-$1');
  if (!parseRuncVersion(upstream)) return undefined;
  // The commit line carries the package version for Debian's builds: use it when it names this build.
  const pkg =
    deb.revision !== undefined
      ? first
      : commit && parseDebianVersion(commit)?.upstream === deb.upstream && parseDebianVersion(commit)?.revision
        ? commit
        : undefined;
  const revision = pkg ? parseDebianVersion(pkg)!.revision! : undefined;
  const origin =
    revision && /ubuntu/.test(revision)
      ? 'ubuntu'
      : /\+(ds|dfsg)|~|deb\d/.test(first + (revision ?? ''))
        ? 'debian'
        : 'distro';
  return { upstream, origin, ...(pkg ? { packageVersion: pkg } : {}) };
}

/** A verdict on a build found on a machine. */
export interface RuncBuildVerdict {
  safe: boolean;
  /** Why it is unsafe, or what to know about a safe one. */
  reason: string;
  floor?: string;
  /** Whether the runc init pipe hang (upstream rc93 only) can happen: `unknown` for unknown distro revisions. */
  pipeHang: 'yes' | 'no' | 'unknown';
  /** Fixes a distro build carries beyond its upstream number, from {@link distroBuildFacts}. */
  backports: string[];
  build?: RuncBuild;
}

function backportsOf(build: RuncBuild): string[] {
  if (!build.packageVersion || (build.origin !== 'debian' && build.origin !== 'ubuntu')) return [];
  const pkg = parseDebianVersion(build.packageVersion)!;
  return distroBuildFacts
    .filter(
      (f) =>
        f.distro === build.origin &&
        f.upstream === pkg.upstream &&
        compareDebianVersions(pkg.revision ?? '0', f.fromRevision) >= 0,
    )
    .flatMap((f) => f.fixes);
}

/**
 * Judges any runc version form. A distribution's build is judged by its upstream number AND the
 * fixes its revision is known to carry: a build at or above the floor is safe (distributions add
 * patches, they do not remove upstream fixes); one below it stays unsafe unless backports are
 * known to close the gap (none are listed), and the pipe hang of rc93 is ruled out only by a
 * revision known to carry runc#2871.
 */
export function judgeRuncBuild(text: string): RuncBuildVerdict {
  const build = parseRuncBuild(text);
  if (!build)
    return {
      safe: false,
      reason: t('runcFloor.notVersion', { version: text.trim().split('\n')[0] ?? '' }),
      pipeHang: 'unknown',
      backports: [],
    };
  const upstream = judgeRuncVersion(build.upstream);
  const backports = backportsOf(build);
  const rc93 = /^1\.0\.0-rc\.?93$/.test(build.upstream);
  const pipeHang = !rc93
    ? 'no'
    : build.origin === 'upstream'
      ? 'yes'
      : backports.includes('pipe-hang')
        ? 'no'
        : build.packageVersion
          ? 'yes'
          : 'unknown';
  const name = build.packageVersion ?? build.upstream;
  const label =
    build.origin === 'upstream' ? `runc ${name}` : t('runcFloor.distroBuild', { origin: build.origin, name });
  const carried = backports.length ? t('runcFloor.carries', { fixes: backports.join(', ') }) : '';
  const hang = pipeHang === 'yes' ? t('runcFloor.hasHang') : pipeHang === 'unknown' ? t('runcFloor.hangUnknown') : '';
  if (upstream.safe)
    return { safe: true, reason: `${label}${upstream.note ? `: ${upstream.note}` : ''}`, pipeHang, backports, build };
  return {
    safe: false,
    reason:
      build.origin === 'upstream'
        ? `${upstream.reason}${hang}`
        : t('runcFloor.buildBelow', { label, upstream: build.upstream, reason: upstream.reason, carried, hang }),
    ...(upstream.floor ? { floor: upstream.floor } : {}),
    pipeHang,
    backports,
    build,
  };
}
