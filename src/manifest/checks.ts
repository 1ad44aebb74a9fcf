/**
 * Rules that span fields or sections, checked on the typed manifest after the schema passed. Each
 * finding is located through the merged tree so it points into the file that set the value.
 */
import type { Manifest } from './schema/index.js';
import { formatPath, type IssueList } from './issues.js';
import { locate, type LNode } from './tree.js';
import { checkCluster } from '../resources/cluster/checks.js';
import { knownBucketNames } from '../resources/scoop/known-buckets.js';

function duplicates<T>(items: readonly T[], keyOf: (item: T) => string): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) repeated.push(index);
    seen.add(key);
  });
  return repeated;
}

/** Runs every cross-field rule, reporting into `issues`. */
export function checkManifest(manifest: Manifest, tree: LNode, issues: IssueList): void {
  const at = (...path: (string | number)[]) => locate(tree, path);
  const error = (path: (string | number)[], message: string) => issues.error(formatPath(path), message, at(...path));
  const warn = (path: (string | number)[], message: string) => issues.warn(formatPath(path), message, at(...path));

  const scoop = manifest.scoop;
  if (scoop) {
    for (const index of duplicates(scoop.buckets, (b) => b.name.toLowerCase())) {
      error(['scoop', 'buckets', index, 'name'], `bucket "${scoop.buckets[index]!.name}" is listed twice: keep one entry`);
    }
    for (const index of duplicates(scoop.apps, (a) => a.name.toLowerCase())) {
      error(['scoop', 'apps', index, 'name'], `app "${scoop.apps[index]!.name}" is listed twice: keep one entry`);
    }
    const added = new Set(scoop.buckets.filter((b) => b.ensure === 'present').map((b) => b.name.toLowerCase()));
    scoop.buckets.forEach((bucket, index) => {
      if (bucket.url === undefined && !knownBucketNames.includes(bucket.name.toLowerCase())) {
        error(['scoop', 'buckets', index, 'url'], `is required: "${bucket.name}" is not one of Scoop's known buckets (${knownBucketNames.join(', ')}); give the bucket's git URL`);
      }
    });
    scoop.apps.forEach((app, index) => {
      if (app.bucket && app.bucket.toLowerCase() !== 'main' && !added.has(app.bucket.toLowerCase()) && app.ensure === 'present') {
        error(['scoop', 'apps', index, 'bucket'], `bucket "${app.bucket}" is not added: add it under scoop.buckets`);
      }
    });
  }

  const hosts = manifest.hosts;
  if (hosts) {
    for (const index of duplicates(hosts.entries, (e) => e.name.toLowerCase())) {
      error(['hosts', 'entries', index, 'name'], `"${hosts.entries[index]!.name}" is listed twice: keep one entry`);
    }
    hosts.entries.forEach((entry, index) => {
      if (entry.address === 'auto' && !entry.verifyTls) {
        error(['hosts', 'entries', index, 'verifyTls'], 'cannot be false with address "auto": a resolved address is only trusted once its certificate is verified');
      }
    });
  }

  const fixedIp = manifest.distro?.network.fixedIp;
  const networkingMode = manifest.wsl?.config.wsl2.networkingMode;
  if (fixedIp && networkingMode) {
    if (fixedIp.strategy === 'mirrored' && networkingMode !== 'mirrored') {
      error(['wsl', 'config', 'wsl2', 'networkingMode'], `is "${networkingMode}" but distro.network.fixedIp.strategy is "mirrored": set it to mirrored or remove it`);
    }
    if ((fixedIp.strategy === 'alias' || fixedIp.strategy === 'nat-registry') && networkingMode !== 'nat') {
      error(['distro', 'network', 'fixedIp', 'strategy'], `"${fixedIp.strategy}" needs NAT networking, but wsl.config.wsl2.networkingMode is "${networkingMode}"`);
    }
  }

  const wslConf = manifest.distro?.wslConf ?? {};
  const iniKey = (section: string, key: string): [string, string] | undefined => {
    const s = Object.keys(wslConf).find((k) => k.toLowerCase() === section);
    const k = s ? Object.keys(wslConf[s]!).find((x) => x.toLowerCase() === key) : undefined;
    return s && k ? [s, k] : undefined;
  };
  const generate = iniKey('network', 'generateresolvconf');
  if (manifest.distro?.dns && generate && String(wslConf[generate[0]]![generate[1]]).toLowerCase() !== 'false') {
    error(['distro', 'wslConf', ...generate], 'must be false (or left out) with distro.dns: WSL would otherwise replace the resolv.conf devbox writes at every start');
  }

  if (manifest.distro?.dns && manifest.wsl?.config.wsl2.dnsTunneling === true) {
    // Reported at dnsTunneling: that is the value to change, and often the one a user's own file sets.
    warn(['wsl', 'config', 'wsl2', 'dnsTunneling'], 'is true while distro.dns sets fixed nameservers: WSL then answers DNS itself and a fixed resolv.conf bypasses it; set dnsTunneling: false to use distro.dns, or remove distro.dns');
  }

  if (manifest.cluster) {
    for (const f of checkCluster(manifest.cluster)) (f.severity === 'error' ? error : warn)(f.path, f.message);
  }
}
