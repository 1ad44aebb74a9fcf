/**
 * The seed's outage inside a real kind node, end to end: a process in the node, named as runc names
 * its init stage (prctl PR_SET_NAME `runc:[2:INIT]`), makes its pipe while fs.pipe-user-pages-soft is
 * lowered (restored right after, always) and without CAP_SYS_RESOURCE, so the pipe is born at 8 KiB,
 * and blocks writing 200 KB into it: the exact kernel state of the rc93 hang (wchan anon_pipe_write,
 * both ends held). The rig's kubelet sees it in the node's /proc, its PLEG stops, the Node goes
 * NotReady with kubelet's wording; `devbox doctor` must name it all and `--fix runc-hang --yes` must
 * bring the node back to Ready. The process is a stand-in for runc's code: the rc93 binary itself is
 * exercised once the rig ships its builds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPrerequisites } from '../rig/privileges.js';
import { runDevbox } from '../rig/cli.js';
import {
  createKindCluster,
  ensureDocker,
  randomClusterName,
  shortenPlegThreshold,
  type KindCluster,
} from './rig/index.js';
import { readPipeSoftLimit, withPipeSoftLimit } from './pipe-limit.js';

const unavailable = missingPrerequisites('runc hang in a kind node', [
  'docker',
  'perl',
  'setpriv',
  'flock',
  'debootstrap',
]);

interface DoctorJson {
  processStarts: Record<string, number>;
  findings: { id: string; severity: string; message: string; fix?: string }[];
  fixed?: { ended: { pid: number; outcome: string }[] };
  cluster: {
    report: {
      stuck: { pid: number; node?: string; wchan?: string; pipes: { size?: number }[] }[];
      nodes: {
        name: string;
        pleg: boolean;
        kubeletLines: string[];
        condition?: { ready: string; reason: string; message: string };
      }[];
    };
    cost: { guestCalls: number; dockerExecs: number; ms: number };
  };
}

describe.runIf(!unavailable)('runc hang in a kind node: doctor names it, --fix runc-hang recovers the node', () => {
  let cluster: KindCluster;
  let node: string;
  let env: Record<string, string | undefined>;
  const original = readPipeSoftLimit();
  const dir = mkdtempSync(join(tmpdir(), 'devbox-hang-'));
  const manifest = join(dir, 'devbox.yaml');
  const doctor = (...extra: string[]) =>
    runDevbox(
      ['doctor', '-m', manifest, '--plane', 'guest', '--only', 'cluster.*', '--stuck-after', '3', '--json', ...extra],
      { env },
    );

  beforeAll(async () => {
    const engine = ensureDocker();
    cluster = createKindCluster(engine, { name: randomClusterName('hang') });
    node = cluster.nodes[0]!;
    env = { DOCKER_HOST: engine.host };
    writeFileSync(manifest, `version: 1\ncluster:\n  name: ${cluster.name}\n`);
    // kubelet's PLEG threshold is 3 min; the rig's kubelet takes a shorter one so the test is quick.
    shortenPlegThreshold(cluster, node);
    await withPipeSoftLimit(1, async () => {
      cluster.exec(node, [
        'systemd-run',
        '--unit',
        'devbox-test-stuck-init',
        '--',
        'setpriv',
        '--inh-caps=-all',
        '--bounding-set=-all',
        '--',
        // `$$` is systemd's escape for a literal `$` in a command line.
        'perl',
        '-e',
        '$$0="runc:[2:INIT]"; pipe R,W; syswrite W, "x" x 200000',
      ]);
      await new Promise((r) => setTimeout(r, 1000));
    });
    expect(readPipeSoftLimit()).toBe(original);
  });

  afterAll(() => {
    cluster?.delete();
    rmSync(dir, { recursive: true, force: true });
    expect(readPipeSoftLimit()).toBe(original);
  });

  it('the node goes NotReady with PLEG is not healthy', () => {
    cluster.kubectl(['wait', '--for=condition=Ready=false', `node/${node}`, '--timeout=90s']);
  });

  it('doctor names the stuck init in its node, its 8 KiB pipe, the PLEG condition and kubelet line, in one agent process', () => {
    const r = doctor();
    expect(r.code, r.stderr).toBe(5);
    const out = JSON.parse(r.stdout) as DoctorJson;
    expect(out.processStarts).toEqual({ bash: 1 });
    expect(out.cluster.cost).toMatchObject({ guestCalls: 1, dockerExecs: 1 });
    const [stuck] = out.cluster.report.stuck;
    expect(stuck).toMatchObject({ node });
    expect(stuck!.wchan).toMatch(/pipe_write|anon_pipe_write|pipe_wait/);
    expect(stuck!.pipes.some((p) => p.size === 8192)).toBe(true);
    const view = out.cluster.report.nodes.find((n) => n.name === node)!;
    expect(view.condition).toMatchObject({ ready: 'False', reason: 'KubeletNotReady' });
    expect(view.condition!.message).toMatch(/PLEG is not healthy: pleg was last seen active .* ago; threshold is 5s/);
    expect(
      view.kubeletLines.some((l) => l.includes('"Skipping pod synchronization"') && l.includes('PLEG is not healthy')),
    ).toBe(true);
    const hang = out.findings.find((f) => f.id === 'cluster.runc-hang')!;
    expect(hang.message).toContain(`in node ${node}`);
    expect(hang.message).toContain('8 KiB');
    expect(out.findings.find((f) => f.id === `cluster.node[${node}]`)).toMatchObject({
      severity: 'problem',
      fix: 'devbox doctor --fix runc-hang',
    });
    const text = runDevbox(
      ['doctor', '-m', manifest, '--plane', 'guest', '--only', 'cluster.*', '--stuck-after', '3'],
      { env },
    );
    expect(text.stdout).toMatch(/✗ cluster\.runc-hang: 1 runc init\(s\) stuck writing a pipe .* in node .* 8 KiB/);
    expect(text.stdout).toContain(`node ${node}: Ready=False (KubeletNotReady)`);
  });

  it('--fix runc-hang --yes ends it and the node is Ready again', () => {
    const r = doctor('--fix', 'runc-hang', '--yes');
    const out = JSON.parse(r.stdout) as DoctorJson;
    expect(out.fixed!.ended).toHaveLength(1);
    expect(out.fixed!.ended[0]!.outcome).toBe('killed');
    expect(out.cluster.report.stuck).toEqual([]);
    cluster.kubectl(['wait', '--for=condition=Ready', `node/${node}`, '--timeout=90s']);
    const after = JSON.parse(doctor().stdout) as DoctorJson;
    expect(after.cluster.report.nodes.find((n) => n.name === node)!.condition).toMatchObject({ ready: 'True' });
    // kubelet's PLEG lines of the last 15 minutes stay as a warning: history, not a problem.
    expect(
      after.findings.filter(
        (f) => f.severity === 'problem' && (f.id === 'cluster.runc-hang' || f.id === `cluster.node[${node}]`),
      ),
    ).toEqual([]);
  });
});
