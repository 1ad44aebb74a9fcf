/**
 * The runc-hang doctor and the chain view on this machine's real /proc, without a cluster: processes
 * in the exact shapes doctor must tell apart (a runc:[2:INIT] blocked writing a pipe it made while
 * root was over fs.pipe-user-pages-soft, one waiting on exec.fifo), the pipe canary with the sysctl
 * lowered for a moment (always restored), and `--fix runc-hang` ending only the stuck one. The nested
 * reproduction with a real rc93 in a kind node is test/cluster/runc-hang.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPrerequisites } from '../rig/privileges.js';
import { runDevbox } from '../rig/cli.js';
import { GuestRunner } from '../../src/platform/guest/runner.js';
import { localTransport } from '../../src/platform/guest/transports.js';
import { NodeProcessRunner } from '../../src/platform/process.js';
import { probeCluster } from '../../src/resources/cluster/diagnose/probe.js';
import { withPipeSoftLimit, readPipeSoftLimit } from './pipe-limit.js';
import { ensureDocker } from './rig/index.js';

const unavailable = missingPrerequisites('cluster diagnosis on the local /proc', [
  'perl',
  'setpriv',
  'mkfifo',
  'dockerd',
]);

const alive = (p: ChildProcess) => p.exitCode === null && p.signalCode === null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(!unavailable)('devbox doctor: runc-hang shapes on the real /proc', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devbox-diag-'));
  const manifest = join(dir, 'devbox.yaml');
  const original = readPipeSoftLimit();
  let writer: ChildProcess;
  let waiter: ChildProcess;
  // doctor and `cluster ps` need a reachable Docker Engine (else exit 7): the test rig's engine,
  // which has no node of this test's cluster.
  let env: Record<string, string> = {};

  beforeAll(async () => {
    env = { DOCKER_HOST: ensureDocker().host };
    writeFileSync(manifest, `version: 1\ncluster:\n  name: diag-${process.pid}\n`);
    execFileSync('mkfifo', [join(dir, 'exec.fifo')]);
    // The writer makes its pipe while root is over the soft limit and without CAP_SYS_RESOURCE, as
    // runc init does after dropping capabilities: the pipe is born at 2 pages and the write blocks.
    await withPipeSoftLimit(1, async () => {
      writer = spawn(
        'setpriv',
        [
          '--inh-caps=-all',
          '--bounding-set=-all',
          '--',
          'perl',
          '-e',
          '$0="runc:[2:INIT]"; pipe R,W; syswrite W, "x" x 200000',
        ],
        { stdio: 'ignore' },
      );
      await sleep(300);
    });
    waiter = spawn(
      'perl',
      [
        '-e',
        '$0="runc:[2:INIT]"; sysopen(my $p, $ARGV[0], 010000000) or die; open(my $f, ">", "/proc/self/fd/" . fileno($p))',
        join(dir, 'exec.fifo'),
      ],
      { stdio: 'ignore' },
    );
    await sleep(1500);
  });

  afterAll(() => {
    for (const p of [writer, waiter]) if (p && alive(p)) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    expect(readPipeSoftLimit()).toBe(original);
  });

  it('reads the canary as 8 KiB only while root is over the soft limit, and restores the limit', async () => {
    const guest = new GuestRunner(localTransport(), new NodeProcessRunner(), { currentUid: 0 });
    const lowered = await withPipeSoftLimit(1, () => probeCluster(guest, undefined));
    expect(readPipeSoftLimit()).toBe(original);
    expect(lowered.canaryBytes).toBe(8192);
    expect(lowered.scan.sysctl.pipeUserPagesSoft).toBe(1);
    const normal = await probeCluster(guest, undefined);
    expect(normal.canaryBytes).toBe(65536);
  });

  it('names the stuck init with its 8 KiB pipe, and not the exec.fifo waiter', () => {
    const r = runDevbox(
      ['doctor', '-m', manifest, '--plane', 'guest', '--only', 'cluster.*', '--stuck-after', '1', '--json'],
      { env },
    );
    const out = JSON.parse(r.stdout) as {
      processStarts: Record<string, number>;
      cluster: {
        report: { stuck: { pid: number; wchan: string; pipes: { size: number }[] }[]; created: { pid: number }[] };
        cost: { guestCalls: number };
      };
      findings: { id: string; message: string }[];
    };
    expect(r.code, r.stderr).toBe(5);
    const stuck = out.cluster.report.stuck.find((s) => s.pid === writer.pid)!;
    expect(stuck.wchan).toMatch(/pipe_write|anon_pipe_write|pipe_wait/);
    expect(stuck.pipes.some((p) => p.size === 8192)).toBe(true);
    expect(out.cluster.report.created.map((c) => c.pid)).toContain(waiter.pid);
    expect(out.cluster.report.stuck.map((s) => s.pid)).not.toContain(waiter.pid);
    expect(out.findings.find((f) => f.id === 'cluster.runc-hang')!.message).toContain(
      `pid ${writer.pid} runc:[2:INIT]`,
    );
    expect(out.cluster.cost.guestCalls).toBe(1);
    // The plan's reads and the cluster scan went out together: one agent process for the whole doctor.
    expect(out.processStarts).toEqual({ bash: 1 });
  });

  it('names the stuck init also when Docker does not answer, and exits 7 for that', () => {
    const down = { DOCKER_HOST: `unix://${join(dir, 'no-docker.sock')}` };
    const r = runDevbox(
      ['doctor', '-m', manifest, '--plane', 'guest', '--only', 'cluster.*', '--stuck-after', '1', '--json'],
      {
        env: down,
      },
    );
    expect(r.code, r.stderr).toBe(7);
    const out = JSON.parse(r.stdout) as { dockerUnreachable?: boolean; findings: { id: string; message: string }[] };
    expect(out.dockerUnreachable).toBe(true);
    expect(out.findings.map((f) => f.id)).toContain('cluster.docker');
    expect(out.findings.find((f) => f.id === 'cluster.runc-hang')!.message).toContain(
      `pid ${writer.pid} runc:[2:INIT]`,
    );
  });

  it('shows them in cluster ps', () => {
    const r = runDevbox(['cluster', 'ps', '-m', manifest], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`runc:[2:INIT]  pid ${writer.pid}`);
  });

  it('--fix runc-hang changes nothing unconfirmed, then ends only the stuck init', async () => {
    const refused = runDevbox(
      ['doctor', '-m', manifest, '--plane', 'guest', '--only', 'cluster.*', '--stuck-after', '1', '--fix', 'runc-hang'],
      { env },
    );
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain('not confirmed');
    expect(alive(writer)).toBe(true);
    const fixed = runDevbox(
      [
        'doctor',
        '-m',
        manifest,
        '--plane',
        'guest',
        '--only',
        'cluster.*',
        '--stuck-after',
        '1',
        '--fix',
        'runc-hang',
        '--yes',
      ],
      { env },
    );
    expect(fixed.stdout).toContain(`runc init pid ${writer.pid} ended (SIGKILL)`);
    await sleep(200);
    expect(alive(writer)).toBe(false);
    expect(writer.signalCode).toBe('SIGKILL');
    expect(alive(waiter)).toBe(true);
  });
});
