/**
 * The rig's kind node image: a debootstrap trixie root (real systemd, containerd, runc and kubectl from
 * Debian; cached as a tarball) plus assets/node (our entrypoint and the simulated kubeadm, kubelet and
 * kube-apiserver), imported with `docker import`. Tagged by a content hash of every input, so a second run
 * finds it in the engine and a changed asset builds a new one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { machineDebianMirror } from '../../rig/rootfs.js';
import { clusterCache, type DockerEngine } from './docker.js';
import { run, tryRun } from './sh.js';

const here = import.meta.dirname;
/** Suite of the node root: runc ≥ 1.1.15 needs its glibc (2.41). */
export const nodeSuite = 'trixie';
/** What the node root has beyond debootstrap's minbase. kubernetes-client brings the real kubectl kind runs inside. */
export const nodePackages = [
  'ca-certificates', 'containerd', 'dbus', 'iproute2', 'kubernetes-client', 'openssl', 'procps', 'python3', 'runc',
  'systemd', 'systemd-sysv',
];

/** Path of the cached node root tarball, building it with debootstrap the first time (flock-serialised). */
export function nodeRootfsTarball(): string {
  const id = createHash('sha256').update(`${nodeSuite}\n${[...nodePackages].sort().join(',')}`).digest('hex').slice(0, 12);
  const tarball = join(clusterCache, `node-rootfs-${nodeSuite}-${id}.tar`);
  if (existsSync(tarball)) return tarball;
  mkdirSync(clusterCache, { recursive: true });
  const script = [
    'set -e',
    'tarball=$1; suite=$2; packages=$3; mirror=$4',
    '[ -e "$tarball" ] && exit 0',
    'work=$(mktemp -d "$tarball.build.XXXXXX")',
    'trap \'rm -rf "$work"\' EXIT',
    'debootstrap --variant=minbase --include="$packages" "$suite" "$work/root" "$mirror" >"$work/log" 2>&1 || { tail -30 "$work/log" >&2; exit 1; }',
    'rm -rf "$work/root/var/cache/apt/archives/"*.deb',
    'tar -C "$work/root" -cf "$work/rootfs.tar" .',
    'mv "$work/rootfs.tar" "$tarball"',
  ].join('\n');
  const packages = [...nodePackages].sort().join(',');
  run(['flock', join(clusterCache, '.rootfs.lock'), 'nice', 'bash', '-c', script, 'node-rootfs', tarball, nodeSuite, packages, machineDebianMirror()], {
    timeoutMs: 30 * 60_000,
  });
  return tarball;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile())
    .sort();
}

/** Content hash of the image's inputs: the root tarball's identity, every asset (path, mode, bytes), the build script. */
export function nodeImageTag(rootfs = nodeRootfsTarball()): string {
  const hash = createHash('sha256').update(rootfs);
  const assets = join(here, 'assets/node');
  for (const file of [...filesUnder(assets), join(here, 'build-node-image.sh')]) {
    hash.update(`\0${relative(here, file)}\0${statSync(file).mode & 0o777}\0`).update(readFileSync(file));
  }
  return `devbox-rig-node:${hash.digest('hex').slice(0, 16)}`;
}

/** The node image tag, built (once per input hash) into ENGINE when it is missing. */
export function nodeImage(engine: DockerEngine): string {
  const rootfs = nodeRootfsTarball();
  const tag = nodeImageTag(rootfs);
  if (tryRun(['/usr/bin/docker', 'image', 'inspect', tag], { env: engine.env }).status === 0) return tag;
  const build = resolve(here, 'build-node-image.sh');
  const script = 'docker image inspect "$3" >/dev/null 2>&1 || "$4" "$1" "$2" "$3"';
  run(['flock', join(clusterCache, '.image.lock'), 'bash', '-c', script, 'build', rootfs, join(here, 'assets/node'), tag, build], {
    env: engine.env,
    timeoutMs: 10 * 60_000,
  });
  return tag;
}
