/**
 * Which runc build a node really runs, judged against the pipe-hang signature and the CVE floor.
 *
 * The hang (runc init blocked in ExportBPF writing a pipe nobody reads) came with upstream
 * v1.0.0-rc93 (runc#2750) and was fixed in rc94 (runc#2871). Distro builds keep the upstream number
 * and backport: Debian's `1.0.0~rc93+ds1-3` and later carry patch 0010 "Ensure the seccomp pipe is
 * being read" (changelog: "Fix runc init stuck"), so a Debian rc93 does not hang (cluster-rig.md,
 * reproduced on this project's rig). Such builds are judged by their package revision, never by the
 * upstream number alone. Debian's `runc --version` prints `runc version 1.0.0~rc93+ds1` and a
 * `commit:` line carrying the full package version.
 */
import { judgeRuncVersion, type RuncVerdict } from '../runc-floor.js';

/** Debian revisions of the rc93 package from which the pipe fix (patch 0010) is carried. */
const debianRc93FixedFromRevision = 3;

export type HangVerdict =
  /** Upstream rc93, or a distro rc93 built before the fix: the seed's hang can happen. */
  | 'signature'
  /** An rc93 whose distro revision carries the fix. */
  | 'fixed'
  /** Not rc93: the bug is not in this version. */
  | 'unaffected'
  /** A distro rc93 whose revision we could not read. */
  | 'unknown';

export interface RuncBuild {
  /** As printed: `1.0.0-rc93`, `1.0.0~rc93+ds1`, `1.4.3`. */
  version: string;
  /** The upstream release it is built from: `1.0.0-rc93`. */
  upstream: string;
  commit?: string;
  /** A distro build: its package version (`1.0.0~rc93+ds1-5+deb11u5`) when known. */
  distro?: { packageVersion?: string };
  hang: HangVerdict;
  hangReason: string;
  floor: RuncVerdict;
}

/** `1.0.0~rc93+ds1` → `1.0.0-rc93`; `1.1.15+ds1` → `1.1.15`; upstream strings unchanged. */
export function upstreamOf(version: string): string {
  return version
    .replace(/\+ds\d*$|\+dfsg\d*$/, '')
    .replace('~', '-')
    .replace(/^v/, '');
}

function isDistroBuild(version: string): boolean {
  return /~|\+ds|\+dfsg/.test(version);
}

/** The Debian revision's leading number: `5+deb11u5` → 5, `1ubuntu0.1` → 1. */
function revisionNumber(packageVersion: string, version: string): number | undefined {
  if (!packageVersion.startsWith(`${version}-`)) return undefined;
  const m = /^(\d+)/.exec(packageVersion.slice(version.length + 1));
  return m ? Number(m[1]) : undefined;
}

/**
 * Judges `runc --version` output (and the owning package's version, when dpkg knows the file).
 * Undefined when the text has no `runc version` line.
 */
export function judgeNodeRunc(versionText: string, packageVersion?: string): RuncBuild | undefined {
  const version = /^runc version (\S+)/m.exec(versionText)?.[1];
  if (!version) return undefined;
  const commit = /^commit: (.+)$/m.exec(versionText)?.[1]?.trim();
  const upstream = upstreamOf(version);
  const distro = isDistroBuild(version);
  // The commit line of Debian's build is exactly its package version; anything more is a rebuild we cannot vouch for.
  const pkg = packageVersion ?? (commit && commit.startsWith(`${version}-`) && !/\s/.test(commit) ? commit : undefined);
  const floor = judgeRuncVersion(upstream);
  const base: Pick<RuncBuild, 'version' | 'upstream' | 'floor'> & Partial<RuncBuild> = {
    version,
    upstream,
    floor,
    ...(commit ? { commit } : {}),
  };
  if (distro) base.distro = pkg ? { packageVersion: pkg } : {};
  if (upstream !== '1.0.0-rc93') {
    return {
      ...base,
      hang: 'unaffected',
      hangReason: `runc ${upstream} does not have the rc93 pipe hang (introduced in rc93 by runc#2750, fixed in rc94 by runc#2871)`,
    };
  }
  if (!distro) {
    return {
      ...base,
      hang: 'signature',
      hangReason:
        'upstream runc 1.0.0-rc93: runc init can block forever writing the seccomp filter into a pipe shrunk by fs.pipe-user-pages-soft (runc#2828, fixed in rc94 by runc#2871)',
    };
  }
  const revision = pkg ? revisionNumber(pkg, version) : undefined;
  if (revision === undefined) {
    return {
      ...base,
      hang: 'unknown',
      hangReason: `a distro build of rc93 (${version}) whose package revision is unknown: Debian's carries the fix from ${version}-${debianRc93FixedFromRevision}; check its changelog for "Fix runc init stuck"`,
    };
  }
  return revision >= debianRc93FixedFromRevision
    ? {
        ...base,
        hang: 'fixed',
        hangReason: `Debian's ${pkg} carries the pipe fix (patch 0010, backport of runc#2871, from revision ${debianRc93FixedFromRevision})`,
      }
    : {
        ...base,
        hang: 'signature',
        hangReason: `Debian's ${pkg} predates the pipe fix (carried from ${version}-${debianRc93FixedFromRevision})`,
      };
}
