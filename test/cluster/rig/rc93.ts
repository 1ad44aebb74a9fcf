/**
 * runc 1.0.0~rc93 for the pipe-hang reproduction (issue 12), built from bullseye's runc source by
 * build-rc93.sh with this machine's Go (bookworm's golang-go) and libseccomp-dev:
 * - rc93UpstreamRunc(): Debian's patch 0010 (runc#2871 backport) reversed → behaves like upstream rc93 (hangs
 *   when the seccomp BPF overflows runc init's pipe);
 * - rc93DebianRunc(): as Debian ships it (patch applied: no hang), the control.
 * Both print `runc version 1.0.0~rc93+ds1`; the `commit:` line tells them apart. Built once per input hash
 * (script, patch, Go version) and cached under /var/cache/devbox-test/cluster/rc93/; flock-serialised.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machineDebianMirror, machineDebianSecurityMirror } from '../../rig/rootfs.js';
import { clusterCache } from './docker.js';
import { run } from './sh.js';

const here = import.meta.dirname;
/** Host commands the build needs (.ci/run installs golang-go libseccomp-dev gcc pkg-config patch). */
export const rc93BuildCommands = ['go', 'gcc', 'pkg-config', 'patch', 'apt-get', 'dpkg-deb', 'flock'];

function buildRc93(variant: 'upstream' | 'debian'): string {
  const script = resolve(here, 'build-rc93.sh');
  const hash = createHash('sha256')
    .update(readFileSync(script))
    .update(readFileSync(join(here, 'assets/rc93/0010-seccomp-pipe-read.patch')))
    .update(run(['go', 'version']))
    .digest('hex')
    .slice(0, 12);
  const dir = join(clusterCache, 'rc93', `${variant}-${hash}`);
  const binary = join(dir, 'runc');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const mirror = machineDebianMirror();
  const security = machineDebianSecurityMirror() ?? mirror.replace(/\/debian$/, '/debian-security');
  const guarded = '[ -e "$6" ] || "$@"';
  run(
    [
      'flock',
      join(clusterCache, '.rc93.lock'),
      'bash',
      '-c',
      guarded,
      'rc93',
      script,
      clusterCache,
      mirror,
      security,
      variant,
      binary,
    ],
    {
      timeoutMs: 30 * 60_000,
    },
  );
  return binary;
}

/** Path of the upstream-equivalent rc93 (patch 0010 reversed): the runc init pipe hang of runc#2871. */
export function rc93UpstreamRunc(): string {
  return buildRc93('upstream');
}

/** Path of Debian's rc93 (1.0.0~rc93+ds1-5+deb11u5, patch 0010 applied): must NOT hang. */
export function rc93DebianRunc(): string {
  return buildRc93('debian');
}
