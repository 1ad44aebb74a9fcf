/**
 * The Docker Engine the cluster tests use: started by scripts/ci/start-docker.sh (the same script .ci/run
 * calls), reused when it already answers. Where this sandbox's capability bounding set lacks
 * CAP_SYS_RESOURCE, that script runs a second dockerd of the test rig with a capability-dropping runc
 * wrapper (see README.md); elsewhere the machine's own dockerd.
 */
import { existsSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheDir } from '../../rig/rootfs.js';
import { run, type RunOptions } from './sh.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
/** Cache of the cluster rig: apt lists, unpacked .debs, the second dockerd's data root, built artefacts. */
export const clusterCache = join(cacheDir, 'cluster');
/** Directory put first on PATH for kind and tests: docker (Debian's client), kind, kubectl. */
export const rigBin = join(clusterCache, 'bin');

/** True when CAP_SYS_RESOURCE (bit 24) is missing from this process's capability bounding set. */
export function lacksSysResource(): boolean {
  const m = /^CapBnd:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? ((BigInt(`0x${m[1]}`) >> 24n) & 1n) === 0n : false;
}

export interface DockerEngine {
  /** unix:///… socket of the engine. */
  host: string;
  /** Environment for docker, kind and kubectl: DOCKER_HOST and PATH with rigBin first. */
  env: NodeJS.ProcessEnv;
  /** True when this is the rig's own second dockerd with the capability-dropping runtime. */
  capDropWrapper: boolean;
  /** Runs `docker ARGS` against this engine, returns stdout. */
  docker(args: readonly string[], options?: RunOptions): string;
}

/** Links NAME → target in rigBin. Atomic (rename over the old link): other test processes use it concurrently. */
export function linkRigBin(name: string, target: string): string {
  mkdirSync(rigBin, { recursive: true });
  const link = join(rigBin, name);
  if (existsSync(link) && readlinkSync(link) === target) return link;
  const temp = `${link}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  symlinkSync(target, temp);
  renameSync(temp, link);
  return link;
}

/** Ensures a dockerd answers; returns how to reach it. Throws with the script's message when it cannot. */
export function ensureDocker(): DockerEngine {
  if (!existsSync('/usr/bin/docker')) throw new Error('Docker Engine is missing: apt-get install -y docker.io');
  const host = run([join(repoRoot, 'scripts/ci/start-docker.sh')], { timeoutMs: 120_000 }).trim();
  // Debian's client matches the 20.10 engine (another `docker` may come first on PATH).
  linkRigBin('docker', '/usr/bin/docker');
  const env = { ...process.env, DOCKER_HOST: host, PATH: `${rigBin}:${process.env.PATH ?? '/usr/bin:/bin'}` };
  return {
    host,
    env,
    capDropWrapper: lacksSysResource(),
    docker: (args, options = {}) => run(['/usr/bin/docker', ...args], { ...options, env: options.env ?? env }),
  };
}
