/**
 * Cross-field rules of the `cluster` section, checked after the schema passed: pins the cluster
 * cannot work without (node image digest, checksums) and the runc floor. Each finding names the
 * field it is about, relative to the manifest root, so the loader can give its line.
 */
import type { Manifest } from '../../manifest/schema/index.js';
import { judgeRuncVersion, runcLinePolicies } from './runc-floor.js';
import { kindRelease } from './sources.js';

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
    error(
      ['kind', 'sha256'],
      'is required with kind.url: a file from your own URL has no published checksum devbox could trust; give its sha256',
    );
  } else if (cluster.kind.sha256 === undefined && !release) {
    error(
      ['kind', 'version'],
      `has no checksum: ${cluster.kind.version} is not one of the kind releases devbox knows; give kind.sha256 (the sha256 of kind-linux-amd64)`,
    );
  }

  const image = cluster.nodeImage;
  if (image === undefined) {
    if (!release?.nodeImage) {
      error(
        ['kind', 'version'],
        `has no known default node image digest: set cluster.nodeImage to an image pinned with @sha256:`,
      );
    }
  } else {
    if (/:latest(@|$)/.test(image) || !/[:@]/.test(image.split('/').pop()!)) {
      error(
        ['nodeImage'],
        'must not be :latest or untagged: name an exact Kubernetes version and pin it with @sha256:<digest>',
      );
    } else if (!image.includes('@sha256:') && !cluster.nodeImageArchive) {
      error(
        ['nodeImage'],
        'must be pinned by digest (…@sha256:<64 hex>), or come from nodeImageArchive (pinned by its sha256)',
      );
    }
  }
  if (cluster.nodeImageArchive && image === undefined) {
    error(['nodeImage'], 'is required with nodeImageArchive: name the image reference the archive holds');
  }

  const runc = cluster.runc;
  if (runc.version !== undefined) {
    const verdict = judgeRuncVersion(runc.version);
    if (!verdict.safe && !runc.allowUnsafe) {
      const use = verdict.floor
        ? `${verdict.floor} or newer`
        : `a supported line at or above its floor (${safeRuncFloors})`;
      error(['runc', 'version'], `${verdict.reason}: use ${use} (or set allowUnsafe: true to accept the risk)`);
    } else if (!verdict.safe) {
      warn(['runc', 'version'], `${verdict.reason}; accepted because allowUnsafe is true`);
    }
    if (runc.url !== undefined && runc.sha256 === undefined)
      error(['runc', 'sha256'], 'is required with runc.url: give the sha256 of the runc binary');
  }
  if (runc.path !== undefined && runc.version !== undefined) {
    error(
      ['runc', 'path'],
      'and runc.version both pin runc: keep one (path: your own directory; version: a download devbox verifies). ' +
        'A version set by the manifest you extend (builtin:default pins one) is dropped with `version: null`',
    );
  }
  if (runc.path !== undefined && /\/runc(\.[a-z0-9]+)?$/.test(runc.path)) {
    error(
      ['runc', 'path'],
      'looks like a file: give the DIRECTORY holding runc. A single-file bind mount over runc is refused: runc ≥ 1.2 re-executes itself through its directory and would silently run the file underneath',
    );
  }
  return findings;
}
