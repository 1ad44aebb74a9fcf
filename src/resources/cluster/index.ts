/**
 * The cluster area: Docker Engine, the kind binary, the node image, the kind cluster and the runc
 * in its nodes, all on the guest plane, compiled from the manifest's `cluster` section.
 */
import type { Manifest } from '../../manifest/schema/index.js';
import { clusterSection } from '../../manifest/schema/cluster.js';
import { resourceId, type Resource } from '../../engine/resource.js';
import type { Area } from '../area.js';
import type { DistroHandles } from '../distro/index.js';
import type { WslHandles } from '../wsl/index.js';
import { checkCluster } from './checks.js';
import { devboxRuncDir, type ClusterDesired } from './desired.js';
import { dockerResource } from './docker.js';
import { kindBinaryResource } from './kind-binary.js';
import { imageResource } from './image.js';
import { clusterResource } from './cluster.js';
import { runcResource } from './runc.js';
import { kindAssetUrl, kindRelease, runcAssetUrl } from './sources.js';
import { cniRelease } from './cni/releases.js';
import { cniResource } from './cni/resource.js';

export { checkCluster } from './checks.js';

type ClusterSection = NonNullable<Manifest['cluster']>;

/** The shared desired state of a manifest's cluster. */
export function clusterDesired(cluster: ClusterSection, defaultUser?: string): ClusterDesired {
  const image = cluster.nodeImage ?? kindRelease(cluster.kind.version)?.nodeImage;
  // The manifest checks refuse a cluster without a pinned image before resources are compiled.
  if (!image) throw new Error(`no node image for kind ${cluster.kind.version}`);
  const runc = cluster.runc;
  const user = cluster.docker.user ?? defaultUser;
  return {
    name: cluster.name,
    kindVersion: cluster.kind.version.startsWith('v') ? cluster.kind.version : `v${cluster.kind.version}`,
    kindUrls: [
      cluster.kind.url ??
        kindAssetUrl(cluster.kind.version.startsWith('v') ? cluster.kind.version : `v${cluster.kind.version}`),
      ...cluster.kind.mirrors,
    ],
    ...(cluster.kind.sha256 ? { kindSha256: cluster.kind.sha256 } : {}),
    image,
    ...(cluster.nodeImageArchive ? { imageArchive: cluster.nodeImageArchive } : {}),
    workers: cluster.workers,
    portMappings: cluster.portMappings.map((p) => ({ ...p })),
    mounts: cluster.mounts.map((m) => ({ ...m })),
    registryMirrors: { ...cluster.registryMirrors },
    ...(cluster.apiServerPort ? { apiServerPort: cluster.apiServerPort } : {}),
    cni: cluster.cni,
    ...(cniRelease(cluster.cni) ? { cniRelease: cniRelease(cluster.cni)! } : {}),
    cniMirrors: [...cluster.cniMirrors],
    readyTimeoutSeconds: cluster.readyTimeout,
    runc: {
      policy: runc.policy,
      ...(runc.path ? { pinDir: runc.path } : runc.version ? { pinDir: devboxRuncDir(runc.version) } : {}),
      ...(runc.version && !runc.path
        ? {
            download: {
              version: runc.version,
              urls: [runc.url ?? runcAssetUrl(runc.version), ...runc.mirrors],
              ...(runc.sha256 ? { sha256: runc.sha256 } : {}),
            },
          }
        : {}),
      allowUnsafe: runc.allowUnsafe,
    },
    ...(user ? { user } : {}),
  };
}

/**
 * The cluster's resources. `ids` are the resources they build on when the manifest has them: the
 * distro (probe after it), wsl.conf (systemd), apt (docker-ce's repository), sysctl (inotify).
 */
export function clusterResources(
  manifest: Manifest,
  ids: { distro?: string; wslConf?: string; apt?: string; sysctl?: string } = {},
): Resource[] {
  const cluster = manifest.cluster;
  if (!cluster?.enabled) return [];
  const d = clusterDesired(cluster, manifest.distro?.defaultUser);
  const onDistro = ids.distro ? { probeAfter: [ids.distro] } : {};
  const docker = dockerResource(
    {
      engine: cluster.docker.engine,
      aptMirror: cluster.docker.aptMirror,
      daemon: {
        registryMirrors: cluster.docker.registryMirrors,
        ...(cluster.docker.cgroupDriver ? { cgroupDriver: cluster.docker.cgroupDriver } : {}),
      },
    },
    d,
    { ...onDistro, dependsOn: [ids.wslConf, ids.apt].filter((x): x is string => x !== undefined) },
  );
  const kind = kindBinaryResource(d, onDistro);
  const image = imageResource(d, { ...onDistro, dependsOn: [resourceId(docker)] });
  const kindCluster = clusterResource(d, {
    ...onDistro,
    dependsOn: [resourceId(docker), resourceId(kind), resourceId(image), ...(ids.sysctl ? [ids.sysctl] : [])],
  });
  const runc = runcResource(d, { ...onDistro, dependsOn: [resourceId(kindCluster)] });
  const cni = d.cniRelease
    ? [cniResource(d, d.cniRelease, { ...onDistro, dependsOn: [resourceId(kindCluster), resourceId(runc)] })]
    : [];
  return [docker, kind, image, kindCluster, runc, ...cni];
}

/** What the cluster area reads: its section and the distro's default user (the `docker` group's member). */
export interface ClusterInput {
  manifest: Manifest;
}

export const clusterArea: Area<ClusterInput, Record<string, never>, { wsl: WslHandles; distro: DistroHandles }> = {
  name: 'cluster',
  schema: { key: 'cluster', section: clusterSection },
  select: (manifest) => (manifest.cluster?.enabled ? { manifest } : undefined),
  check(manifest, report) {
    if (!manifest.cluster) return;
    for (const f of checkCluster(manifest.cluster))
      (f.severity === 'error' ? report.error : report.warn)(f.path, f.message);
  },
  compile(input, refs) {
    const id = (h: { type: string; key: string } | undefined) => (h ? { id: resourceId(h) } : {});
    const distro = id(refs.wsl?.distro).id;
    const wslConf = id(refs.distro?.wslConf).id;
    const apt = id(refs.distro?.apt).id;
    const sysctl = id(refs.distro?.sysctl).id;
    const resources = clusterResources(input.manifest, {
      ...(distro ? { distro } : {}),
      ...(wslConf ? { wslConf } : {}),
      ...(apt ? { apt } : {}),
      ...(sysctl ? { sysctl } : {}),
    });
    return { resources, handles: {} };
  },
};
