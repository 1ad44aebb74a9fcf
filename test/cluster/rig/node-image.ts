/**
 * The rig's kind node image: a debootstrap trixie root (real systemd, containerd, runc and kubectl from
 * Debian; cached as a tarball) plus assets/node (our entrypoint and the simulated kubeadm, kubelet and
 * kube-apiserver), imported with `docker import`. Tagged by a content hash of every input, so a second run
 * finds it in the engine and a changed asset builds a new one.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { debootstrapTarball } from '../../rig/rootfs.js';
import { clusterCache, type DockerEngine } from './docker.js';
import { run, tryRun } from './sh.js';

const here = import.meta.dirname;
/** Suite of the node root: runc ≥ 1.1.15 needs its glibc (2.41). */
export const nodeSuite = 'trixie';
/** What the node root has beyond debootstrap's minbase. kubernetes-client brings the real kubectl kind runs inside. */
export const nodePackages = [
  'ca-certificates',
  'containerd',
  'dbus',
  'iproute2',
  'kubernetes-client',
  'openssl',
  'procps',
  'python3',
  'runc',
  'systemd',
  'systemd-sysv',
];

/** Path of the cached node root tarball, building it with debootstrap the first time (flock-serialised). */
export function nodeRootfsTarball(): string {
  const id = createHash('sha256')
    .update(`${nodeSuite}\n${[...nodePackages].sort().join(',')}`)
    .digest('hex')
    .slice(0, 12);
  const tarball = join(clusterCache, `node-rootfs-${nodeSuite}-${id}.tar`);
  return debootstrapTarball({
    tarball,
    suite: nodeSuite,
    packages: [...nodePackages].sort(),
    lock: join(clusterCache, '.rootfs.lock'),
    label: 'node-rootfs',
  });
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
  run(
    [
      'flock',
      join(clusterCache, '.image.lock'),
      'bash',
      '-c',
      script,
      'build',
      rootfs,
      join(here, 'assets/node'),
      tag,
      build,
    ],
    {
      env: engine.env,
      timeoutMs: 10 * 60_000,
    },
  );
  pruneOldNodeImages(engine, tag);
  return tag;
}

/**
 * Removes node images of older inputs once they are a day old (a branch may still use a younger one). Without
 * -f: an image a container still uses stays.
 */
function pruneOldNodeImages(engine: DockerEngine, keep: string): void {
  const lines = tryRun(
    ['/usr/bin/docker', 'images', 'devbox-rig-node', '--format', '{{.Repository}}:{{.Tag}} {{.CreatedAt}}'],
    { env: engine.env },
  );
  for (const line of lines.stdout.split('\n').filter(Boolean)) {
    const [ref, date, time, zone] = line.split(' ');
    const created = Date.parse(`${date}T${time}${zone === 'UTC' || zone === '+0000' ? 'Z' : ''}`);
    if (ref !== keep && Number.isFinite(created) && Date.now() - created > 24 * 3600_000) {
      tryRun(['/usr/bin/docker', 'rmi', ref!], { env: engine.env });
    }
  }
}
