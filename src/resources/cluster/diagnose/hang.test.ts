import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { diagnoseHang } from './hang.js';
import { parseClusterOutput, parseScan, type Scan } from './scan.js';

const captured = parseScan(readFileSync(new URL('./fixtures/scan-stuck-fifo-shim.json', import.meta.url), 'utf8'))!;
const [writer, fifo, shim] = captured.procs;

/** The capture, with its processes aged and (optionally) placed under a node's init. */
function aged(sec: number, nodeInit?: number): Scan {
  return {
    ...captured,
    procs: captured.procs.map((p) => ({
      ...p,
      ageSec: sec,
      ...(nodeInit && p.pid !== shim!.pid ? { ppid: nodeInit } : {}),
    })),
  };
}

const nodeOut = (runc: string, ready = 'False') =>
  parseClusterOutput(
    [
      '@@node devbox-control-plane 4242 control-plane',
      '@@runc-path /opt/devbox/runc/runc',
      '@@runc-version',
      runc,
      '@@kubelet-log',
      'skipping pod synchronization - [container runtime status check may not have completed yet, PLEG is not healthy: pleg was last seen active 11m54s ago; threshold is 3m0s]',
      '@@nodes',
      `devbox-control-plane\t${ready}\tKubeletNotReady\tPLEG is not healthy: pleg was last seen active 3m7.34s ago; threshold is 3m0s`,
      '@@done',
      '@@end',
    ].join('\n'),
  );

describe('diagnoseHang on a real /proc capture', () => {
  it('finds the pipe writer, leaves the exec.fifo waiter alone, and reads the pipe sizes', () => {
    expect(writer!.wchan).toBe('anon_pipe_write');
    const r = diagnoseHang(aged(400), 65536, undefined, { stuckAfterSec: 60 });
    expect(r.stuck.map((p) => p.pid)).toEqual([writer!.pid]);
    expect(r.created.map((p) => p.pid)).toEqual([fifo!.pid]);
    expect(r.created[0]!.execFifo).toMatch(/exec\.fifo$/);
    const both = r.stuck[0]!.pipes.filter((p) => p.size === 65536);
    expect(new Set(both.map((p) => p.inode)).size).toBeLessThan(both.length);
    const hang = r.findings.find((f) => f.id === 'cluster.runc-hang')!;
    expect(hang.severity).toBe('problem');
    expect(hang.message).toContain(`pid ${writer!.pid} runc:[2:INIT], state S for 400 s, wchan anon_pipe_write`);
    expect(hang.message).toContain('64 KiB');
    expect(hang.fix).toContain('devbox doctor --fix runc-hang');
  });

  it('does not call young inits stuck', () => {
    const r = diagnoseHang(aged(5), 65536, undefined, { stuckAfterSec: 60 });
    expect(r.stuck).toEqual([]);
    expect(r.findings.some((f) => f.id === 'cluster.runc-hang')).toBe(false);
  });

  it('reads an 8 KiB canary as root over the soft limit', () => {
    const r = diagnoseHang(aged(400), 8192, undefined, { stuckAfterSec: 60 });
    const canary = r.findings.find((f) => f.id === 'cluster.pipe-canary')!;
    expect(canary.severity).toBe('problem');
    expect(canary.message).toContain('8 KiB');
    expect(canary.message).toContain('fs.pipe-user-pages-soft=16384');
    expect(
      diagnoseHang(aged(5), 65536, undefined, { stuckAfterSec: 60 }).findings.find(
        (f) => f.id === 'cluster.pipe-canary',
      )!.severity,
    ).toBe('ok');
  });

  it('ties the stuck init to its node, the node NotReady with PLEG, and the node runc build', () => {
    const r = diagnoseHang(aged(400, 4242), 8192, nodeOut('runc version 1.0.0-rc93\ncommit: 12644e61'), {
      stuckAfterSec: 60,
    });
    expect(r.stuck[0]!.node).toBe('devbox-control-plane');
    const hang = r.findings.find((f) => f.id === 'cluster.runc-hang')!;
    expect(hang.message).toContain('in node devbox-control-plane');
    expect(hang.message).toContain('devbox-control-plane: runc 1.0.0-rc93 (commit 12644e61)');
    const node = r.findings.find((f) => f.id === 'cluster.node[devbox-control-plane]')!;
    expect(node).toMatchObject({ severity: 'problem', fix: 'devbox doctor --fix runc-hang' });
    expect(node.message).toContain('Ready=False KubeletNotReady: PLEG is not healthy');
    expect(node.message).toContain('skipping pod synchronization');
    const runc = r.findings.filter((f) => f.id === 'cluster.runc[devbox-control-plane]');
    expect(runc.map((f) => f.severity)).toEqual(['problem', 'problem']);
    expect(r.nodes[0]).toMatchObject({ pleg: true, runc: { hang: 'signature' } });
  });

  it("reports Debian's fixed rc93 as carrying the fix, not as the hang", () => {
    const r = diagnoseHang(
      aged(5, 4242),
      65536,
      nodeOut('runc version 1.0.0~rc93+ds1\ncommit: 1.0.0~rc93+ds1-5+deb11u5', 'True'),
      { stuckAfterSec: 60 },
    );
    expect(r.findings.some((f) => f.id === 'cluster.runc-hang')).toBe(false);
    expect(r.nodes[0]!.runc!.hang).toBe('fixed');
    const runc = r.findings.filter((f) => f.id === 'cluster.runc[devbox-control-plane]');
    expect(runc).toHaveLength(1);
    expect(runc[0]!.message).toContain('carries the pipe fix');
  });

  it('on kernels where both waits show pipe_wait, the scratch pipe decides', () => {
    const old = {
      ...aged(400),
      procs: aged(400).procs.map((p) => (p.comm.startsWith('runc') ? { ...p, wchan: 'pipe_wait' } : p)),
    };
    const r = diagnoseHang(old, 4096, undefined, { stuckAfterSec: 60 });
    expect(r.stuck.map((p) => p.pid)).toEqual([writer!.pid]);
    expect(r.created.map((p) => p.pid)).toEqual([fifo!.pid]);
  });
});
