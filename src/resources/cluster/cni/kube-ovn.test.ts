import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryGuest } from '../../../../test/fakes/memory-guest.js';
import type { ApplyContext, ReadContext } from '../../../engine/resource.js';
import type { NetPort } from '../../../engine/ports/net.js';
import type { ClusterDesired } from '../desired.js';
import { clusterDesired } from '../index.js';
import { clusterSection } from '../../../manifest/schema/cluster.js';
import { cniRelease } from './releases.js';
import { cniResource } from './resource.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const mirrors = { 'docker.io': ['http://hub.example:5000'] };

describe('cluster.cni with kube-ovn (install script)', () => {
  const kubeOvn = { ...cniRelease('kube-ovn')!, url: 'https://example.invalid/install.sh', sha256: sha('#!/bin/sh\n') };
  const d = (): ClusterDesired => ({
    ...clusterDesired(clusterSection.parse({ cni: 'kube-ovn', registryMirrors: mirrors })),
    readyTimeoutSeconds: 10,
  });
  function world(kernel: string) {
    const guest = new MemoryGuest();
    const state = { ds: JSON.stringify({ kind: 'List', items: [] }), ran: [] as string[][] };
    guest.on((argv) =>
      argv[3] === 'devbox-cni-probe' ? { stdout: `state=node k-control-plane\n${state.ds}\nexit=0\n` } : undefined,
    );
    guest.on((argv) => (argv[3] === 'devbox-cni-precheck' ? { stdout: kernel } : undefined));
    guest.on((argv, stdin, g) => {
      state.ran.push([...argv]);
      if (argv[0] === 'install') return (g.setFile(argv[6]!, g.text(argv[5]!)!), {});
      if (argv[0] === 'sha256sum')
        return { code: sha(g.text(stdin.trim().split(/\s+/)[1]!) ?? '') === kubeOvn.sha256 ? 0 : 1 };
      if (['grep', 'sed'].includes(argv[0]!) || (argv[0] === 'docker' && argv[1] === 'cp')) return {};
      if (argv[0] === 'docker' && argv[3] === 'rm') return {};
      if (argv[0] === 'docker' && argv.includes('bash')) {
        const ds = (name: string) => ({
          kind: 'DaemonSet',
          metadata: { name, generation: 1 },
          spec: { template: { spec: { containers: [{ image: 'hub.example:5000/kubeovn/kube-ovn:v1.15.24' }] } } },
          status: {
            desiredNumberScheduled: 1,
            numberReady: 1,
            updatedNumberScheduled: 1,
            numberAvailable: 1,
            observedGeneration: 1,
          },
        });
        state.ds = JSON.stringify({ kind: 'List', items: [ds('ovs-ovn'), ds('kube-ovn-cni')] });
        return {};
      }
      return undefined;
    });
    guest.setFile('/cache/install.sh', '#!/bin/sh\n');
    const net = {
      fetchFile: async () => ({ path: '/cache/install.sh', source: 'network' as const }),
    } as unknown as NetPort;
    const platform = { os: 'linux' as const, guestDescription: 't' };
    const reports: string[] = [];
    return {
      guest,
      state,
      read: { platform, guest } as ReadContext,
      apply: { platform, guest, net, report: (m: string) => reports.push(m) } as ApplyContext,
      reports,
    };
  }
  const modules =
    '- kernel 6.6.87.2-microsoft-standard-WSL2\n- modules yes\nopenvswitch loaded yes\ngeneve loaded yes\n';

  it('runs install.sh in the node with its registry line made to read the mirror from the environment', async () => {
    const w = world(modules);
    const r = cniResource(d(), kubeOvn);
    await r.apply(await r.get(w.read), w.apply);
    const dir = '/var/lib/devbox/cluster/cni/kube-ovn-v1.15.24';
    expect(w.state.ran).toContainEqual(['grep', '-qxF', '--', 'REGISTRY="docker.io/kubeovn"', `${dir}/install.sh`]);
    expect(w.state.ran).toContainEqual([
      'sed',
      '-i',
      '-e',
      's|^REGISTRY="docker\\.io\\/kubeovn"$|REGISTRY="${DEVBOX_CNI_REGISTRY:-docker.io/kubeovn}"|',
      '--',
      `${dir}/install.sh`,
    ]);
    expect(w.state.ran.at(-1)).toEqual([
      'docker',
      'exec',
      '-e',
      'KUBECONFIG=/etc/kubernetes/admin.conf',
      '-e',
      'DEVBOX_CNI_REGISTRY=hub.example:5000/kubeovn',
      'k-control-plane',
      'bash',
      '/kind/devbox-cni/install.sh',
    ]);
    expect(w.reports.at(-1)).toBe('kube-ovn v1.15.24 rolled out (ovs-ovn, kube-ovn-cni); every node Ready');
  });
  it('plans the missing kernel modules and refuses with exit 7 before downloading anything', async () => {
    const w = world('- kernel 5.10.16.3-custom\n- modules yes\nopenvswitch modprobe no\ngeneve modprobe no\n');
    const r = cniResource(d(), kubeOvn);
    const actual = await r.get(w.read);
    expect(r.test(actual).changes[0]).toMatchObject({
      property: 'kernel modules',
      before: 'missing openvswitch, geneve (5.10.16.3-custom)',
    });
    await expect(r.apply(actual, w.apply)).rejects.toMatchObject({
      exitCode: 7,
      message: expect.stringMatching(/wsl --update/),
    });
    expect(w.guest.mutations).toBe(0);
  });
});
