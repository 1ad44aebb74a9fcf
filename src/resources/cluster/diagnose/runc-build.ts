/**
 * Which runc build a node really runs, judged against the pipe-hang signature and the CVE floor.
 *
 * The hang (runc init blocked in ExportBPF writing a pipe nobody reads) came with upstream
 * v1.0.0-rc93 (runc#2750) and was fixed in rc94 (runc#2871). Distro builds keep the upstream number
 * and backport: which Debian revisions carry the fix is a row of runc-floor.ts's `distroBuildFacts`
 * (cluster-rig.md), and the build is judged there, by its package revision, never by the upstream
 * number alone. This module only words that verdict for doctor.
 */
import { distroBuildFacts, judgeRuncBuild, judgeRuncVersion, type RuncVerdict } from '../runc-floor.js';
import { t } from '../../../i18n/catalogue.js';

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

/** The package revision from which a distro's rc93 carries the pipe fix (for messages). */
const pipeFixFrom = distroBuildFacts.find((f) => f.fixes.includes('pipe-hang'));

/**
 * Judges `runc --version` output (and the owning package's version, when dpkg knows the file: it
 * wins over the commit line). Undefined when the text has no `runc version` line.
 */
export function judgeNodeRunc(versionText: string, packageVersion?: string): RuncBuild | undefined {
  const version = /^runc version (\S+)/m.exec(versionText)?.[1];
  if (!version) return undefined;
  const commit = /^commit: (.+)$/m.exec(versionText)?.[1]?.trim();
  const verdict = judgeRuncBuild(packageVersion ?? versionText);
  const upstream = verdict.build?.upstream ?? upstreamOf(version);
  const pkg = verdict.build?.packageVersion;
  const base = {
    version,
    upstream,
    floor: judgeRuncVersion(upstream),
    ...(commit ? { commit } : {}),
    ...(verdict.build && verdict.build.origin !== 'upstream' ? { distro: pkg ? { packageVersion: pkg } : {} } : {}),
  };
  const fixedFrom = pipeFixFrom ? `${pipeFixFrom.upstream}-${pipeFixFrom.fromRevision}` : t('hang.laterRevision');
  if (!/^1\.0\.0-rc\.?93$/.test(upstream))
    return {
      ...base,
      hang: 'unaffected',
      hangReason: t('hang.unaffected', { upstream }),
    };
  if (!base.distro)
    return {
      ...base,
      hang: 'signature',
      hangReason: t('hang.upstreamRc93'),
    };
  if (verdict.pipeHang === 'unknown')
    return {
      ...base,
      hang: 'unknown',
      hangReason: t('hang.unknownRevision', { version, fixedFrom }),
    };
  return verdict.pipeHang === 'no'
    ? {
        ...base,
        hang: 'fixed',
        hangReason: t('hang.debianFixed', { pkg: String(pkg), fixedFrom }),
      }
    : { ...base, hang: 'signature', hangReason: t('hang.debianUnfixed', { pkg: String(pkg), fixedFrom }) };
}
