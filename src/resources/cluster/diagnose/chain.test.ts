import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildChains, formatAge, renderChains } from './chain.js';
import { setLocale } from '../../../i18n/catalogue.js';
import { parseClusterOutput, parseScan, type Proc } from './scan.js';

const captured = parseScan(readFileSync(new URL('./fixtures/scan-stuck-fifo-shim.json', import.meta.url), 'utf8'))!;
const shim = captured.procs.find((p) => p.comm === 'containerd-shim')!;

const proc = (pid: number, ppid: number, comm: string, extra: Partial<Proc> = {}): Proc => ({
  pid,
  ppid,
  comm,
  state: 'S',
  start: 1,
  ageSec: 700,
  wchan: null,
  exe: null,
  pidns: null,
  nspid: null,
  argv: [comm],
  ...extra,
});

describe('buildChains', () => {
  it('puts the shim with its runtime file and child under the node whose init it descends from', () => {
    const node = proc(4242, 1, 'systemd', { nspid: '4242\t1' });
    const scan = {
      ...captured,
      procs: [
        node,
        proc(4300, 4242, 'containerd'),
        proc(4310, 4242, 'kubelet', { nspid: '4310\t88' }),
        ...captured.procs.map((p) => (p.ppid === shim.ppid ? { ...p, ppid: 4242 } : p)),
      ],
    };
    const cluster = parseClusterOutput('@@node devbox-control-plane 4242 control-plane\n@@end\n');
    const [chain] = buildChains(scan, cluster);
    expect(chain).toMatchObject({ name: 'devbox-control-plane', pid: 4242, role: 'control-plane' });
    expect(chain!.kubelet.map((k) => [k.pid, k.nsPid])).toEqual([[4310, 88]]);
    expect(chain!.containerd.map((c) => c.pid)).toEqual([4300]);
    expect(chain!.shims).toHaveLength(1);
    expect(chain!.shims[0]).toMatchObject({
      id: '0123456789abcdef0123',
      namespace: 'k8s.io',
      runc: '/opt/devbox/runc/runc',
    });
    expect(chain!.shims[0]!.children.map((c) => [c.comm, c.kind])).toEqual([['pause', 'container']]);
    expect(chain!.strayRunc.map((r) => r.comm)).toEqual(['runc:[2:INIT]', 'runc:[2:INIT]']);
    const text = renderChains([chain!]);
    expect(text).toContain('node devbox-control-plane (control-plane)  init pid 4242');
    expect(text).toContain('kubelet  pid 4310 (88 inside)  S  11m');
    expect(text).toMatch(/containerd-shim-runc-v2  pid \d+ .* k8s\.io\/0123456789ab  runc: \/opt\/devbox\/runc\/runc/);
    expect(text).toMatch(/└─ pause  pid \d+/);
    setLocale('zh-CN');
    try {
      const zh = renderChains([chain!]);
      expect(zh).toContain('节点 devbox-control-plane (control-plane)  init 进程 pid 4242');
      expect(zh).toContain('kubelet  pid 4310 （容器内为 88）  S  11m');
      expect(zh).toMatch(/（不在 shim 下的 runc：.+）/);
      expect(renderChains([])).toBe('没有找到 containerd、kubelet 或 runc 进程。');
    } finally {
      setLocale('en');
    }
  });

  it("takes kubelet.service's main process as kubelet whatever its name (a stand-in, Delve)", () => {
    const scan = {
      ...captured,
      procs: [
        proc(10, 1, 'dlv-devbox', { unit: 'kubelet.service' }),
        proc(11, 10, 'kubelet', { unit: 'kubelet.service' }),
        proc(12, 1, 'python3', { unit: 'kubelet.service' }),
        proc(13, 12, 'ctr', { unit: 'kubelet.service' }),
      ],
    };
    expect(buildChains(scan, undefined)[0]!.kubelet.map((k) => k.pid)).toEqual([10, 11, 12]);
  });

  it('falls back to options.json, then to runc on PATH', () => {
    const withOptions = {
      ...captured,
      procs: [{ ...shim, runtime: null, options: '{"binary_name":"/usr/bin/runc-x"}' }],
    };
    expect(buildChains(withOptions, undefined)[0]!.shims[0]!.runc).toBe('/usr/bin/runc-x');
    expect(
      buildChains({ ...captured, procs: [{ ...shim, runtime: null, options: null }] }, undefined)[0]!.shims[0]!.runc,
    ).toBe('runc');
  });

  it('formats ages', () => {
    expect([formatAge(5), formatAge(125), formatAge(3 * 3600 + 240), formatAge(2 * 86400 + 3 * 3600)]).toEqual([
      '5s',
      '2m',
      '3h04m',
      '2d03h',
    ]);
  });
});
