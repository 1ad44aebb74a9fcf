/**
 * The seed's hang with real runc code, nested as in kind-in-WSL: runc 1.0.0~rc93 built from Debian's
 * source with the fix (patch 0010, runc#2871) reversed, pinned into a rig node (a directory outside
 * the image's runc, containerd's BinaryName and `ctr run --runc-binary`), a container started with
 * no-new-privileges (ctr's default) and a seccomp allow-list of every x86_64 syscall for three
 * architectures while fs.pipe-user-pages-soft is 1 for ~2.5 s (restored in a finally, and asserted).
 * `devbox doctor` must name the hang, the pipe size and the runc build; `--fix runc-hang` must bring
 * the node back to Ready. Debian's own rc93 under the same trigger must start the container and not be
 * reported as hung.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPrerequisites } from '../rig/privileges.js';
import { runDevbox } from '../rig/cli.js';
import {
  createKindCluster,
  ensureDocker,
  loadTinyImage,
  randomClusterName,
  shortenPlegThreshold,
  rc93BuildCommands,
  rc93DebianRunc,
  rc93UpstreamRunc,
  type KindCluster,
} from './rig/index.js';
import { readPipeSoftLimit, withPipeSoftLimit } from './pipe-limit.js';

const unistd = '/usr/include/x86_64-linux-gnu/asm/unistd_64.h';
const unavailable = missingPrerequisites('runc rc93 hang in a kind node', [
  'docker',
  'perl',
  'setpriv',
  'debootstrap',
  ...rc93BuildCommands,
]);

interface DoctorJson {
  findings: { id: string; severity: string; message: string }[];
  fixed?: { ended: { pid: number; outcome: string }[] };
  cluster: {
    report: {
      stuck: { pid: number; node?: string; wchan?: string; pipes: { size?: number }[] }[];
      nodes: {
        name: string;
        condition?: { ready: string; reason: string; message: string };
        runcPath?: string;
        runc?: { version: string; commit?: string; hang: string };
      }[];
    };
  };
}

describe.runIf(!unavailable)('runc rc93 pipe hang in a kind node', () => {
  let cluster: KindCluster;
  let node: string;
  let image: string;
  let env: Record<string, string | undefined>;
  let debian: string;
  const original = readPipeSoftLimit();
  const dir = mkdtempSync(join(tmpdir(), 'devbox-rc93-'));
  const manifest = join(dir, 'devbox.yaml');
  const doctor = (...extra: string[]) =>
    JSON.parse(
      runDevbox(
        ['doctor', '-m', manifest, '--plane', 'guest', '--only', 'cluster.*', '--stuck-after', '3', '--json', ...extra],
        { env },
      ).stdout,
    ) as DoctorJson;

  /** Pins a runc into the node: its own directory, containerd's CRI BinaryName, containerd restarted. */
  const pin = (binary: string, where: string) => {
    cluster.exec(node, ['mkdir', '-p', where]);
    cluster.engine.docker(['cp', binary, `${node}:${where}/runc`]);
    cluster.exec(node, [
      'sh',
      '-c',
      'sed -i "/BinaryName/d; s|^\\( *\\)SystemdCgroup = false|&\\n\\1BinaryName = \\"$1\\"|" /etc/containerd/config.toml && systemctl restart containerd',
      'sh',
      `${where}/runc`,
    ]);
  };
  /** Starts a container with the trigger: the soft limit is 1 only around the start. */
  const startWithTrigger = async (id: string, runc: string) =>
    withPipeSoftLimit(1, async () => {
      cluster.engine.docker([
        'exec',
        '-d',
        node,
        'ctr',
        '-n',
        'k8s.io',
        'run',
        '--runc-binary',
        runc,
        '--seccomp',
        '--seccomp-profile',
        '/kind/big-seccomp.json',
        image,
        id,
        'sleep',
        '3600',
      ]);
      await new Promise((r) => setTimeout(r, 2500));
    });

  beforeAll(() => {
    const upstream = rc93UpstreamRunc();
    debian = rc93DebianRunc();
    const engine = ensureDocker();
    cluster = createKindCluster(engine, { name: randomClusterName('rc93') });
    node = cluster.nodes[0]!;
    image = loadTinyImage(cluster);
    env = { DOCKER_HOST: engine.host };
    writeFileSync(manifest, `version: 1\ncluster:\n  name: ${cluster.name}\n`);
    const names = [...readFileSync(unistd, 'utf8').matchAll(/^#define __NR_(\w+) \d+$/gm)].map((m) => m[1]!);
    const profile = {
      defaultAction: 'SCMP_ACT_ERRNO',
      architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
      syscalls: [{ names, action: 'SCMP_ACT_ALLOW' }],
    };
    cluster.exec(node, ['sh', '-c', 'cat >/kind/big-seccomp.json'], { input: JSON.stringify(profile) });
    pin(upstream, '/opt/devbox/runc-upstream');
    shortenPlegThreshold(cluster, node);
  });

  afterAll(() => {
    cluster?.delete();
    rmSync(dir, { recursive: true, force: true });
    expect(readPipeSoftLimit()).toBe(original);
  });

  it('upstream-equivalent rc93: the init hangs, the node goes NotReady, doctor names hang, pipe size and build', async () => {
    await startWithTrigger('rc93-hang', '/opt/devbox/runc-upstream/runc');
    expect(readPipeSoftLimit()).toBe(original);
    cluster.kubectl(['wait', '--for=condition=Ready=false', `node/${node}`, '--timeout=90s']);
    const out = doctor();
    const stuck = out.cluster.report.stuck.filter((s) => s.node === node);
    expect(stuck.length).toBeGreaterThan(0);
    expect(stuck[0]!.wchan).toMatch(/pipe_write|anon_pipe_write|pipe_wait/);
    expect(stuck[0]!.pipes.some((p) => p.size === 8192)).toBe(true);
    const view = out.cluster.report.nodes.find((n) => n.name === node)!;
    expect(view.runcPath).toBe('/opt/devbox/runc-upstream/runc');
    expect(view.runc).toMatchObject({ version: '1.0.0~rc93+ds1' });
    expect(view.runc!.commit).toContain('patch 0010 reversed');
    expect(view.condition).toMatchObject({ ready: 'False', reason: 'KubeletNotReady' });
    const hang = out.findings.find((f) => f.id === 'cluster.runc-hang')!;
    expect(hang.message).toContain('8 KiB');
    expect(hang.message).toContain('runc 1.0.0~rc93+ds1 (commit 1.0.0~rc93+ds1-');
  });

  it('--fix runc-hang brings the node back to Ready', () => {
    const out = doctor('--fix', 'runc-hang', '--yes');
    expect(out.fixed!.ended.length).toBeGreaterThan(0);
    expect(out.fixed!.ended.every((e) => e.outcome === 'killed')).toBe(true);
    cluster.kubectl(['wait', '--for=condition=Ready', `node/${node}`, '--timeout=90s']);
  });

  it("Debian's rc93 under the same trigger starts the container and is not reported as hung", async () => {
    pin(debian, '/opt/devbox/runc-debian');
    await startWithTrigger('rc93-debian', '/opt/devbox/runc-debian/runc');
    expect(readPipeSoftLimit()).toBe(original);
    await new Promise((r) => setTimeout(r, 4000));
    expect(cluster.exec(node, ['ctr', '-n', 'k8s.io', 'tasks', 'ls'])).toMatch(/rc93-debian\s+\d+\s+RUNNING/);
    const out = doctor();
    expect(out.cluster.report.stuck).toEqual([]);
    expect(out.findings.some((f) => f.id === 'cluster.runc-hang')).toBe(false);
    const view = out.cluster.report.nodes.find((n) => n.name === node)!;
    expect(view.runc).toMatchObject({ version: '1.0.0~rc93+ds1', hang: 'fixed' });
    expect(view.condition).toMatchObject({ ready: 'True' });
  });
});
