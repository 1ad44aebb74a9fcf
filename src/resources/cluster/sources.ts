/**
 * Where the cluster's parts come from, as data with sources: Docker's apt repository and its
 * mirrors, kind releases (binary asset, checksum file, default node image), runc release assets.
 */
import { type DockerAptMirrorName } from '../../manifest/schema/cluster.js';

export { dockerAptMirrorNames, type DockerAptMirrorName } from '../../manifest/schema/cluster.js';

/**
 * Mirrors of Docker's apt repository (`<base>/linux/ubuntu`), by name. The repository's content is
 * checked by apt against Docker's key, pinned by fingerprint below, so a mirror cannot alter it.
 */
export const dockerAptMirrors: Record<DockerAptMirrorName, string> = {
  docker: 'https://download.docker.com',
  tuna: 'https://mirrors.tuna.tsinghua.edu.cn/docker-ce',
  aliyun: 'https://mirrors.aliyun.com/docker-ce',
  ustc: 'https://mirrors.ustc.edu.cn/docker-ce',
};

/**
 * Docker's release signing key (docs.docker.com "Install Docker Engine on Ubuntu"; the key at
 * https://download.docker.com/linux/ubuntu/gpg, fingerprint as Docker publishes it).
 */
export const dockerKeyFingerprint = '9DC858229FC7DD38854AE2D88D81803C0EBFCD88';

/** The URL of a kind release asset (kind-runc.md §3.5: the site's /dl/ redirects to GitHub releases). */
export function kindAssetUrl(version: string, asset = 'kind-linux-amd64'): string {
  return `https://github.com/kubernetes-sigs/kind/releases/download/${version}/${asset}`;
}

/** What devbox knows about a kind release. */
export interface KindRelease {
  version: string;
  /** The default node image with its digest, where the research gives the whole digest. */
  nodeImage?: string;
  /** The runc inside that node image (kind-runc.md §3.2), for plans before any node exists. */
  nodeRunc?: string;
  source: string;
}

export const kindReleases: readonly KindRelease[] = [
  { version: 'v0.31.0', nodeRunc: '1.2.9', source: 'kind-runc.md §3.2 (digest given only as 452d707d…)' },
  {
    version: 'v0.32.0',
    nodeImage: 'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5',
    nodeRunc: '1.4.2',
    source: 'kind-runc.md §3.1-3.2 (pkg/build/nodeimage/defaults.go at v0.32.0; images/base/Dockerfile)',
  },
  {
    version: 'v0.33.0',
    source: 'cluster-rig.md (Debian sid packages kind 0.33.0); node image digest not published there',
  },
];

export function kindRelease(version: string): KindRelease | undefined {
  const v = version.startsWith('v') ? version : `v${version}`;
  return kindReleases.find((r) => r.version === v);
}

/** The checksum file kind publishes beside each asset: `<hex>  <asset>` (kind-runc.md §3.5). */
export function parseSha256Sum(text: string, asset: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64})\s+\*?(\S+)$/.exec(line.trim());
    if (m && (m[2] === asset || m[2]!.endsWith(`/${asset}`))) return m[1]!.toLowerCase();
  }
  return undefined;
}

/** A runc release asset (kind-runc.md §2.2); its `runc.sha256sum` is clear-signed, parsed line by line. */
export function runcAssetUrl(version: string, arch = 'amd64'): string {
  const v = version.startsWith('v') ? version : `v${version}`;
  return `https://github.com/opencontainers/runc/releases/download/${v}/runc.${arch}`;
}
