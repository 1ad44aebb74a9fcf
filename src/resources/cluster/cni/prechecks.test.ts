import { describe, expect, it } from 'vitest';
import { readPrecheck } from './prechecks.js';
import { clusterSection } from '../../../manifest/schema/cluster.js';

const out = (text: string) => ({ code: 0, stdout: Buffer.from(text), stderr: Buffer.alloc(0) });

describe('readPrecheck', () => {
  it('passes modules that are loaded or can be loaded', () => {
    const r = readPrecheck(
      'kube-ovn',
      out(
        '- kernel 6.6.87.2-microsoft-standard-WSL2\n- modules yes\nopenvswitch file /lib/modules/6.6.87.2-microsoft-standard-WSL2/kernel/net/openvswitch/openvswitch.ko\nopenvswitch modprobe yes\ngeneve loaded yes\ngeneve sysmodule yes\ngeneve modprobe yes\ngeneve device yes\n',
      ),
    );
    expect(r.ok).toBe(true);
    expect(r.modules.map((m) => [m.module, m.verdict])).toEqual([
      ['openvswitch', 'loadable'],
      ['geneve', 'present'],
    ]);
    expect(r.fix).toBeUndefined();
  });

  it('names the missing modules and the fix', () => {
    const r = readPrecheck(
      'kube-ovn',
      out(
        '- kernel 5.10.16.3-microsoft-standard-WSL2\n- modules yes\nopenvswitch modprobe no\nopenvswitch config unset\ngeneve modprobe no\ngeneve config unset\ngeneve device no\n',
      ),
    );
    expect(r.ok).toBe(false);
    expect(r.modules.every((m) => m.verdict === 'missing')).toBe(true);
    expect(r.fix).toContain('openvswitch and geneve');
    expect(r.fix).toContain('wsl --update');
    expect(r.fix).toContain('.wslconfig');
  });

  it('needs nothing for kindnet', () => {
    expect(readPrecheck('kindnet', undefined)).toMatchObject({ ok: true, modules: [] });
  });
});

describe('cluster.containerRuntime', () => {
  it('says CRI-O cannot run inside kind', () => {
    const r = clusterSection.safeParse({ containerRuntime: 'cri-o' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain('CRI-O cannot run inside kind');
    const docker = clusterSection.safeParse({ containerRuntime: 'docker' });
    expect(docker.error!.issues[0]!.message).toBe(
      'must be "containerd", the only runtime in kind\'s node images (Docker runs the nodes themselves)',
    );
    const asCni = clusterSection.safeParse({ cni: 'CRI-O' });
    expect(asCni.error!.issues[0]!.message).toMatch(
      /container runtime, not a network plugin: CRI-O cannot run inside kind/,
    );
    expect(clusterSection.safeParse({ cni: 'flannel' }).error!.issues[0]!.message).not.toContain('CRI-O');
    expect(clusterSection.parse({ cni: 'kube-ovn' })).toMatchObject({
      cni: 'kube-ovn',
      containerRuntime: 'containerd',
    });
  });
});
