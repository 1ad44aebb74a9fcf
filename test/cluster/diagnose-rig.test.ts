/**
 * `devbox cluster ps` and `devbox doctor` against a real kind cluster on the rig: real kind, real
 * containerd and runc in the node, a real container started through the node's containerd (so a real
 * containerd-shim-runc-v2 with its bundle), the simulated kubelet (test/cluster/rig). The CLI reads
 * /proc of this machine, which plays the distro, and runs one `docker exec` per node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPrerequisites } from '../rig/privileges.js';
import { runDevbox } from '../rig/cli.js';
import { createKindCluster, ensureDocker, loadTinyImage, randomClusterName, type KindCluster } from './rig/index.js';
import type { NodeChain } from '../../src/resources/cluster/diagnose/chain.js';

const unavailable = missingPrerequisites('cluster diagnosis on a kind rig', [
  'docker',
  'perl',
  'setpriv',
  'flock',
  'debootstrap',
]);

describe.runIf(!unavailable)('cluster ps and doctor on a real kind cluster', () => {
  let cluster: KindCluster;
  let env: Record<string, string | undefined>;
  const dir = mkdtempSync(join(tmpdir(), 'devbox-diag-rig-'));
  const manifest = join(dir, 'devbox.yaml');

  beforeAll(() => {
    const engine = ensureDocker();
    cluster = createKindCluster(engine, { name: randomClusterName('diag') });
    const image = loadTinyImage(cluster);
    cluster.exec(cluster.nodes[0]!, ['ctr', '-n', 'k8s.io', 'run', '-d', image, 'diag-sleeper', 'sleep', '3600']);
    env = { DOCKER_HOST: engine.host };
    writeFileSync(manifest, `version: 1\ncluster:\n  name: ${cluster.name}\n`);
  });

  afterAll(() => {
    cluster?.delete();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws kubelet, containerd, the shim with its runc and the container, in one guest call and one docker exec', () => {
    const r = runDevbox(['cluster', 'ps', '-m', manifest, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { nodes: NodeChain[]; cost: { guestCalls: number; dockerExecs: number } };
    expect(out.cost).toMatchObject({ guestCalls: 1, dockerExecs: 1 });
    const node = out.nodes.find((n) => n.name === cluster.nodes[0])!;
    expect(node.pid).toBeGreaterThan(1);
    expect(node.role).toBe('control-plane');
    expect(node.kubelet.length).toBeGreaterThan(0);
    expect(node.containerd.map((c) => c.comm)).toEqual(['containerd']);
    const shim = node.shims.find((s) => s.id === 'diag-sleeper')!;
    expect(shim).toMatchObject({ namespace: 'k8s.io', runc: 'runc' });
    expect(shim.children.map((c) => [c.comm, c.kind])).toEqual([['sleep', 'container']]);
    expect(shim.children[0]!.nsPid).toBe(1);
    const text = runDevbox(['cluster', 'ps', '-m', manifest], { env });
    expect(text.stdout).toContain(`node ${cluster.nodes[0]} (control-plane)`);
    expect(text.stdout).toMatch(/containerd-shim-runc-v2 .* k8s\.io\/diag-sleeper {2}runc: runc/);
  });

  it('doctor reads the node Ready, its runc build against the floor, and stays one agent process', () => {
    const r = runDevbox(['doctor', '-m', manifest, '--plane', 'guest', '--only', 'cluster.*', '--json'], { env });
    const out = JSON.parse(r.stdout) as {
      processStarts: Record<string, number>;
      findings: { id: string; severity: string; message: string }[];
      cluster: {
        report: {
          stuck: unknown[];
          nodes: {
            name: string;
            condition?: { ready: string };
            runcPath?: string;
            runc?: { version: string; hang: string; floor: { safe: boolean } };
          }[];
        };
        cost: { dockerExecs: number };
      };
    };
    expect(out.processStarts).toEqual({ bash: 1 });
    expect(out.cluster.cost.dockerExecs).toBe(1);
    expect(out.cluster.report.stuck).toEqual([]);
    const node = out.cluster.report.nodes.find((n) => n.name === cluster.nodes[0])!;
    expect(node.condition?.ready).toBe('True');
    const version = cluster.exec(cluster.nodes[0]!, ['runc', '--version']).split('\n')[0]!.replace('runc version ', '');
    expect(node.runc?.version).toBe(version);
    expect(node.runc?.hang).toBe('unaffected');
    // Debian trixie's runc is on the 1.1 line, which the CVE floor rejects.
    if (version.startsWith('1.1.')) {
      expect(node.runc?.floor.safe).toBe(false);
      expect(out.findings.some((f) => f.id === `cluster.runc[${cluster.nodes[0]}]` && f.severity === 'problem')).toBe(
        true,
      );
    }
  });
});
