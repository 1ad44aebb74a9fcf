/**
 * Real kind clusters on the rig's Docker Engine, made of the rig's node image, and the checks that a test
 * left nothing behind. kind is the real binary (Debian sid); kubeadm, kubelet and the API server inside the
 * node are the rig's simulations (README.md).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../../rig/rootfs.js';
import { kindBinary, kubectlBinary } from './debs.js';
import { clusterCache, type DockerEngine } from './docker.js';
import { nodeImage, nodeRootfsTarball } from './node-image.js';
import { run, tryRun, type RunOptions } from './sh.js';

export interface KindCluster {
  name: string;
  /** kubeconfig kind exported (context kind-NAME, server https://127.0.0.1:PORT). */
  kubeconfig: string;
  /** Node container names, control plane first. */
  nodes: string[];
  engine: DockerEngine;
  /** The host's kubectl (Debian sid) against this cluster. */
  kubectl(args: readonly string[], options?: RunOptions): string;
  /** `docker exec NODE ARGV…` (stdin when options.input is given). */
  exec(node: string, argv: readonly string[], options?: RunOptions): string;
  /** kind delete cluster; removes the kubeconfig's folder. Safe to call twice. */
  delete(): void;
}

export interface CreateOptions {
  /** Cluster name; default rig-<random>, so parallel helpers never collide. */
  name?: string;
  /** Node image; default the rig's node image (built on first use). */
  image?: string;
  /** kind Cluster config YAML, passed on stdin (`--config -`). */
  config?: string;
  /** How long every node may take to report Ready (our own check: kind's --wait exits 0 on timeout). */
  readyTimeoutSeconds?: number;
}

/** A fresh cluster name no other test or helper uses. */
export function randomClusterName(prefix = 'rig'): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** `kind create cluster` with the rig's image, then waits for every node Ready through the host's kubectl. */
export function createKindCluster(engine: DockerEngine, options: CreateOptions = {}): KindCluster {
  const kind = kindBinary().path;
  const kubectl = kubectlBinary().path;
  const image = options.image ?? nodeImage(engine);
  const name = options.name ?? randomClusterName();
  mkdirSync(join('/var/tmp', 'devbox-test'), { recursive: true });
  const work = mkdtempSync(join('/var/tmp', 'devbox-test', `kind-${name}-`));
  const kubeconfig = join(work, 'kubeconfig');
  const env = { ...engine.env, KUBECONFIG: kubeconfig };
  const del = () => {
    tryRun([kind, 'delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig], { env, timeoutMs: 120_000 });
    rmSync(work, { recursive: true, force: true });
  };
  const args = [kind, 'create', 'cluster', '--name', name, '--image', image, '--kubeconfig', kubeconfig];
  try {
    run(options.config ? [...args, '--config', '-'] : args, { env, input: options.config, timeoutMs: 10 * 60_000 });
  } catch (error) {
    del();
    throw error;
  }
  const cluster: KindCluster = {
    name,
    kubeconfig,
    nodes: [],
    engine,
    kubectl: (a, o = {}) => run([kubectl, '--kubeconfig', kubeconfig, ...a], { ...o, env: o.env ?? env }),
    exec: (node, argv, o = {}) =>
      run(['/usr/bin/docker', 'exec', ...(o.input !== undefined ? ['-i'] : []), node, ...argv], {
        ...o,
        env: o.env ?? env,
      }),
    delete: del,
  };
  try {
    cluster.nodes = run([kind, 'get', 'nodes', '--name', name], { env })
      .split('\n')
      .filter(Boolean)
      .sort(
        (a, b) => Number(b.endsWith('-control-plane')) - Number(a.endsWith('-control-plane')) || a.localeCompare(b),
      );
    cluster.kubectl([
      'wait',
      '--for=condition=Ready',
      'nodes',
      '--all',
      `--timeout=${options.readyTimeoutSeconds ?? 120}s`,
    ]);
  } catch (error) {
    del();
    throw error;
  }
  return cluster;
}

/** What the tiny image must hold (as `docker export` names it); an image without all of it is built again. */
const tinyFiles = [
  'usr/bin/dash',
  'usr/bin/sh',
  'usr/bin/sleep',
  'usr/bin/cat',
  'usr/lib/x86_64-linux-gnu/libc.so.6',
  'usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2',
  'bin',
  'lib',
  'lib64',
];

/**
 * A tiny image (dash, sleep, cat and glibc from the node root) for running real containers through the
 * node's containerd: docker import, then `kind load docker-image` (docker save → ctr images import).
 * Built once per node root under a lock, from a tar file (pipefail: a cut stream once imported an image
 * holding dash alone, in a full CI run, and every later test found it); an image in the engine is used
 * only when `docker export` of it lists every file of {@link tinyFiles}, else it is built again.
 * Returns the reference containerd knows it by (docker.io/library/devbox-rig-tiny:<id>).
 */
export function loadTinyImage(cluster: KindCluster): string {
  const rootfs = nodeRootfsTarball();
  const tag = `devbox-rig-tiny:${rootfs.replace(/^.*node-rootfs-[a-z]+-/, '').replace(/\.tar$/, '')}`;
  const { engine } = cluster;
  const script = [
    'set -euo pipefail',
    'rootfs=$1; tag=$2; shift 2',
    'complete() {',
    '  docker image inspect "$tag" >/dev/null 2>&1 || return 1',
    '  local id listing; id=$(docker create "$tag" /bin/sh)',
    '  listing=$(docker export "$id" | tar -t); docker rm "$id" >/dev/null',
    '  for f in "$@"; do grep -qxF -- "$f" <<<"$listing" || grep -qxF -- "$f/" <<<"$listing" || return 1; done',
    '}',
    'complete "$@" && exit 0',
    'work=$(mktemp -d /var/tmp/devbox-rig-tiny.XXXXXX); trap \'rm -rf "$work"\' EXIT',
    'mkdir "$work/root"',
    'tar -C "$work/root" -xf "$rootfs" ./usr/bin/dash ./usr/bin/sleep ./usr/bin/cat ./usr/lib/x86_64-linux-gnu/libc.so.6 ./usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2',
    'cd "$work/root"; ln -s usr/bin bin; ln -s usr/lib lib; ln -s usr/lib/x86_64-linux-gnu lib64; ln -s dash usr/bin/sh',
    'tar -C "$work/root" -cf "$work/layer.tar" .',
    // The cut's cause is not known: a second import before the test fails, each attempt on stderr.
    'for attempt in 1 2; do',
    '  docker rmi -f "$tag" >/dev/null 2>&1 || true',
    '  docker import --change \'CMD ["/bin/sh"]\' "$work/layer.tar" "$tag" >/dev/null',
    '  complete "$@" && exit 0',
    '  echo "import $attempt: $tag lacks some of: $* (layer.tar: $(tar -tf "$work/layer.tar" | tr \'\\n\' \' \'))" >&2',
    'done',
    'exit 1',
  ].join('\n');
  run(['flock', join(clusterCache, '.tiny.lock'), 'bash', '-c', script, 'tiny', rootfs, tag, ...tinyFiles], {
    env: engine.env,
  });
  run([kindBinary().path, 'load', 'docker-image', tag, '--name', cluster.name], {
    env: engine.env,
    timeoutMs: 300_000,
  });
  return `docker.io/library/${tag}`;
}

/** Sysctls a cluster test must leave as it found them (the host's initial namespaces). */
export const watchedSysctls = [
  'net.ipv4.ip_forward',
  'net.ipv6.conf.all.forwarding',
  'net.bridge.bridge-nf-call-iptables',
  'fs.pipe-user-pages-soft',
  'fs.pipe-user-pages-hard',
  'fs.inotify.max_user_watches',
  'fs.inotify.max_user_instances',
  'kernel.pid_max',
  'kernel.keys.root_maxkeys',
  'vm.overcommit_memory',
  'kernel.panic',
  'kernel.panic_on_oops',
  'fs.protected_regular',
];

export interface HostSnapshot {
  containers: string[];
  images: string[];
  networks: string[];
  volumes: string[];
  mounts: string[];
  sysctls: Record<string, string | null>;
}

function readSysctl(key: string): string | null {
  const path = `/proc/sys/${key.replace(/\./g, '/')}`;
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : null;
}

/** What a test could leave behind: engine objects (ids), this host's mount points, the watched sysctls. */
export function hostSnapshot(engine: DockerEngine): HostSnapshot {
  const list = (args: string[]) => engine.docker(args).split('\n').filter(Boolean).sort();
  return {
    containers: list(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}}']),
    images: list(['images', '-a', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}']),
    networks: list(['network', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Name}}']),
    volumes: list(['volume', 'ls', '--format', '{{.Name}}']),
    mounts: readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ')[4]!)
      .sort(),
    sysctls: Object.fromEntries(watchedSysctls.map((k) => [k, readSysctl(k)])),
  };
}

/**
 * What AFTER has that BEFORE had not, as readable lines (empty when clean). Only objects that mention one
 * of `mine` (cluster names, image tags) count for containers and volumes-by-container, so helpers sharing the
 * engine do not disturb each other; images are allowed when they are in `cached`; kind's shared `kind`
 * network is allowed (kind keeps it).
 */
export function leftovers(
  before: HostSnapshot,
  after: HostSnapshot,
  mine: readonly string[],
  cached: readonly string[] = [],
): string[] {
  const added = (a: string[], b: string[]) => b.filter((x) => !a.includes(x));
  const found: string[] = [];
  for (const c of added(before.containers, after.containers))
    if (mine.some((m) => c.includes(m))) found.push(`container ${c}`);
  for (const i of added(before.images, after.images))
    if (!cached.some((c) => i.endsWith(` ${c}`))) found.push(`image ${i}`);
  // kind keeps its shared `kind` network after a delete, and so does the rig: removing it races with a
  // concurrent `kind create` of another test on the same engine ("network kind not found").
  for (const n of added(before.networks, after.networks)) if (!n.endsWith(' kind')) found.push(`network ${n}`);
  for (const v of added(before.volumes, after.volumes)) if (mine.includes(v)) found.push(`volume ${v}`);
  for (const m of added(before.mounts, after.mounts)) if (mine.some((x) => m.includes(x))) found.push(`mount ${m}`);
  for (const [k, v] of Object.entries(before.sysctls))
    if (after.sysctls[k] !== v) found.push(`sysctl ${k}: ${v} → ${after.sysctls[k]}`);
  return found;
}

/**
 * Gives the node's (simulated) kubelet a 5 s PLEG threshold instead of kubelet's 3 min, so a test sees
 * `PLEG is not healthy` quickly, and waits until the node is Ready again.
 */
export function shortenPlegThreshold(cluster: KindCluster, node: string): void {
  cluster.exec(node, [
    'sh',
    '-c',
    'echo PLEG_RELIST_THRESHOLD_SECONDS=5 >/etc/default/kubelet-sim && systemctl restart kubelet',
  ]);
  cluster.kubectl(['wait', '--for=condition=Ready', `node/${node}`, '--timeout=60s']);
}

export { cacheDir };
