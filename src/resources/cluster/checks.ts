/**
 * Cross-field rules of the `cluster` section, checked after the schema passed: pins the cluster
 * cannot work without (node image digest, checksums) and the runc floor. Each finding names the
 * field it is about, relative to the manifest root, so the loader can give its line.
 */
import type { Manifest } from '../../manifest/schema/index.js';
import { judgeRuncVersion, runcLinePolicies } from './runc-floor.js';
import { kindRelease } from './sources.js';
import { t } from '../../i18n/catalogue.js';

export interface ClusterFinding {
  severity: 'error' | 'warning';
  path: (string | number)[];
  message: string;
}

/** The floors of the runc lines upstream still supports, for messages: "1.3.6, 1.4.3, 1.5.0". */
export const safeRuncFloors = runcLinePolicies
  .filter((p) => p.verdict === 'floor' && p.supported)
  .map((p) => p.floor)
  .join(', ');

export function checkCluster(cluster: NonNullable<Manifest['cluster']>): ClusterFinding[] {
  const findings: ClusterFinding[] = [];
  const error = (path: (string | number)[], message: string) =>
    findings.push({ severity: 'error', path: ['cluster', ...path], message });
  const warn = (path: (string | number)[], message: string) =>
    findings.push({ severity: 'warning', path: ['cluster', ...path], message });
  if (!cluster.enabled) return findings;

  const release = kindRelease(cluster.kind.version);
  if (cluster.kind.sha256 === undefined && cluster.kind.url !== undefined) {
    error(['kind', 'sha256'], t('clusterCheck.kindUrlSha'));
  } else if (cluster.kind.sha256 === undefined && !release) {
    error(['kind', 'version'], t('clusterCheck.kindUnknown', { version: cluster.kind.version }));
  }

  const image = cluster.nodeImage;
  if (image === undefined) {
    if (!release?.nodeImage) {
      error(['kind', 'version'], t('clusterCheck.noImageDigest'));
    }
  } else {
    if (/:latest(@|$)/.test(image) || !/[:@]/.test(image.split('/').pop()!)) {
      error(['nodeImage'], t('clusterCheck.latest'));
    } else if (!image.includes('@sha256:') && !cluster.nodeImageArchive) {
      error(['nodeImage'], t('clusterCheck.unpinned'));
    }
  }
  if (cluster.nodeImageArchive && image === undefined) {
    error(['nodeImage'], t('clusterCheck.archiveImage'));
  }

  const runc = cluster.runc;
  if (runc.version !== undefined) {
    const verdict = judgeRuncVersion(runc.version);
    if (!verdict.safe && !runc.allowUnsafe) {
      const use = verdict.floor
        ? t('clusterCheck.useFloor', { floor: verdict.floor })
        : t('clusterCheck.useLine', { floors: safeRuncFloors });
      error(['runc', 'version'], t('clusterCheck.unsafeRunc', { reason: verdict.reason, use }));
    } else if (!verdict.safe) {
      warn(['runc', 'version'], t('clusterCheck.unsafeAccepted', { reason: verdict.reason }));
    }
    if (runc.url !== undefined && runc.sha256 === undefined) error(['runc', 'sha256'], t('clusterCheck.runcUrlSha'));
  }
  if (runc.path !== undefined && runc.version !== undefined) {
    error(['runc', 'path'], t('clusterCheck.pathAndVersion'));
  }
  if (runc.path !== undefined && /\/runc(\.[a-z0-9]+)?$/.test(runc.path)) {
    error(['runc', 'path'], t('clusterCheck.pathIsFile'));
  }
  return findings;
}
