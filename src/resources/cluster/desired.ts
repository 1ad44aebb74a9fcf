/**
 * The cluster as the manifest wants it, in one value every cluster resource shares, and the kind
 * configuration devbox feeds to `kind create cluster --config -`.
 */
import { stringify } from 'yaml';
import { ExitCode, UserError } from '../../errors.js';
import type { OpResult } from '../../engine/ports/guest.js';
import { devboxKindPath, type ClusterFacts, type ProbeParams } from './probe.js';
import type { CniRelease } from './cni/releases.js';
import { t } from '../../i18n/catalogue.js';

/** Where a pinned runc's directory is mounted in every node, and the runc containerd then runs. */
export const nodeRuncDir = '/opt/devbox/runc';
export const nodeRuncBinary = `${nodeRuncDir}/runc`;
/** Where devbox puts a runc release it downloads, per version, in the distro. */
export const devboxRuncDir = (version: string) =>
  `/opt/devbox/runc/${version.startsWith('v') ? version : `v${version}`}`;
/** Logs of failed creates (`kind export logs`), in the distro. */
export const clusterLogDir = '/var/log/devbox';

export interface ClusterDesired {
  name: string;
  kindVersion: string;
  kindUrls: string[];
  kindSha256?: string;
  image: string;
  imageArchive?: { path: string; sha256: string };
  workers: number;
  portMappings: { containerPort: number; hostPort: number; listenAddress?: string; protocol: string }[];
  mounts: { hostPath: string; containerPath: string; readOnly: boolean }[];
  registryMirrors: Record<string, string[]>;
  apiServerPort?: number;
  /** kindnet: kind's own; none: the user's; calico / kube-ovn: installed by cluster.cni from `cniRelease`. */
  cni: 'kindnet' | 'none' | 'calico' | 'kube-ovn';
  /** The pinned release of a CNI devbox installs (cni/releases.ts). */
  cniRelease?: CniRelease;
  /** Other URLs of the CNI's file, verified by the same sha256. */
  cniMirrors?: string[];
  readyTimeoutSeconds: number;
  runc: {
    policy: 'safe-floor' | 'pin';
    /** The directory in the distro holding the runc to pin (the user's, or where devbox downloads one). */
    pinDir?: string;
    /** A release devbox downloads into pinDir. */
    download?: { version: string; urls: string[]; sha256?: string };
    allowUnsafe: boolean;
  };
  /** The user who gets the docker group and the kubeconfig; undefined: the first user (uid 1000). */
  user?: string;
}

/** Probe parameters: the same for every resource of the cluster, so the probe runs once. */
export function probeParams(d: ClusterDesired): ProbeParams {
  return { name: d.name, kindPath: devboxKindPath, image: d.image, user: d.user ?? '' };
}

/** The user the facts name; a user the manifest names that does not exist is a manifest error. */
export function clusterUser(
  facts: ClusterFacts,
  d: ClusterDesired,
): { user: string; home: string; kubeconfig: string } {
  if (!facts.user.name) {
    throw new UserError(t('cluster.userMissing', { user: String(d.user) }), ExitCode.manifestInvalid, {
      code: 'cluster.user',
    });
  }
  return { user: facts.user.name, home: facts.user.home, kubeconfig: `${facts.user.home}/.kube/config` };
}

/** The `kind.x-k8s.io/v1alpha4` Cluster document (kind-runc.md §3.1). */
export function kindConfig(d: ClusterDesired): string {
  const mounts = [
    ...d.mounts.map((m) => ({ hostPath: m.hostPath, containerPath: m.containerPath, readOnly: m.readOnly })),
    ...(d.runc.pinDir ? [{ hostPath: d.runc.pinDir, containerPath: nodeRuncDir, readOnly: true }] : []),
  ];
  const node = (role: 'control-plane' | 'worker') => ({
    role,
    image: d.image,
    ...(mounts.length ? { extraMounts: mounts } : {}),
    ...(role === 'control-plane' && d.portMappings.length ? { extraPortMappings: d.portMappings } : {}),
  });
  const patches: string[] = [];
  // TOML basic strings accept JSON's escapes, so JSON.stringify quotes values safely.
  if (d.runc.pinDir)
    patches.push(
      `[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n  BinaryName = ${JSON.stringify(nodeRuncBinary)}\n`,
    );
  for (const [host, endpoints] of Object.entries(d.registryMirrors)) {
    patches.push(
      `[plugins."io.containerd.grpc.v1.cri".registry.mirrors.${JSON.stringify(host)}]\n  endpoint = ${JSON.stringify(endpoints)}\n`,
    );
  }
  const networking = {
    apiServerAddress: '127.0.0.1',
    ...(d.apiServerPort ? { apiServerPort: d.apiServerPort } : {}),
    ...(d.cni !== 'kindnet' ? { disableDefaultCNI: true } : {}),
    ...(d.cniRelease ? { podSubnet: d.cniRelease.podSubnet, serviceSubnet: d.cniRelease.serviceSubnet } : {}),
  };
  return stringify({
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    name: d.name,
    nodes: [node('control-plane'), ...Array.from({ length: d.workers }, () => node('worker'))],
    networking,
    ...(patches.length ? { containerdConfigPatches: patches } : {}),
  });
}

/** A Windows path as the distro sees it (drvfs under /mnt); Linux paths are already guest paths. */
export function guestPathOf(path: string): string {
  const m = /^([A-Za-z]):[\\/](.*)$/.exec(path);
  return m ? `/mnt/${m[1]!.toLowerCase()}/${m[2]!.replace(/\\/g, '/')}` : path;
}

export function errorText(result: OpResult): string {
  return (
    (result.error ?? `${result.stderr.toString('utf8')}${result.stdout.toString('utf8')}`).trim() ||
    `exit code ${result.code}`
  );
}
