import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MemoryGuest } from '../../../../test/fakes/memory-guest.js';
import type { ApplyContext, ReadContext } from '../../../engine/resource.js';
import type { NetPort } from '../../../engine/ports/net.js';
import { kindConfig, type ClusterDesired } from '../desired.js';
import { clusterDesired, clusterResources } from '../index.js';
import { clusterSection } from '../../../manifest/schema/cluster.js';
import { kustomization, normalizeImage, rewriteImage, scriptRegistry } from './images.js';
import { cniRelease, type CniRelease } from './releases.js';
import { cniResource } from './resource.js';
import { RecordingGuest } from '../../../platform/guest/recording.js';
import { nothingToReadBack } from '../../../engine/ports/index.js';

const mirrors = { 'quay.io': ['https://mirror.example/quay/'], 'docker.io': ['http://hub.example:5000'] };
const manifest = [
  'apiVersion: apps/v1',
  'kind: DaemonSet',
  'metadata: {name: calico-node, namespace: kube-system}',
  'spec:',
  '  template:',
  '    spec:',
  '      initContainers:',
  '        - name: install-cni',
  '          image: quay.io/calico/cni:v3.32.1',
  '      containers:',
  '        - name: calico-node',
  '          image: "quay.io/calico/node:v3.32.1" # pinned',
  '          env: [{name: NOTE, value: "image: not an image field"}]',
  '',
].join('\n');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const release = (over: Partial<CniRelease> = {}): CniRelease => ({
  ...cniRelease('calico')!,
  url: 'https://example.invalid/calico.yaml',
  sha256: sha(manifest),
  images: ['quay.io/calico/cni:v3.32.1', 'quay.io/calico/node:v3.32.1'],
  ...over,
});

describe('CNI image rewrite', () => {
  it('normalizes references as containerd does', () => {
    expect(normalizeImage('busybox')).toEqual({ registry: 'docker.io', path: 'library/busybox', tag: ':latest' });
    expect(normalizeImage('kubeovn/kube-ovn:v1')).toEqual({
      registry: 'docker.io',
      path: 'kubeovn/kube-ovn',
      tag: ':v1',
    });
    expect(normalizeImage('localhost:5000/a@sha256:ab')).toEqual({
      registry: 'localhost:5000',
      path: 'a',
      tag: '@sha256:ab',
    });
  });
  it('moves images to the first mirror of their registry, keeping the path', () => {
    expect(rewriteImage('quay.io/calico/node:v3.32.1', mirrors)).toBe('mirror.example/quay/calico/node:v3.32.1');
    expect(rewriteImage('nginx:1', mirrors)).toBe('hub.example:5000/library/nginx:1');
    expect(rewriteImage('registry.k8s.io/pause:3.10', mirrors)).toBe('registry.k8s.io/pause:3.10');
  });
  it('refuses a mirror that would give an invalid image name', () => {
    expect(() => rewriteImage('quay.io/a:1', { 'quay.io': ['https://Mirror.example/UP'] })).toThrow(/not valid/);
  });
  it('moves images through a kustomization (data), only those with a mirror', () => {
    expect(parse(kustomization('calico.yaml', release(), mirrors))).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['calico.yaml'],
      images: [
        { name: 'quay.io/calico/cni', newName: 'mirror.example/quay/calico/cni' },
        { name: 'quay.io/calico/node', newName: 'mirror.example/quay/calico/node' },
      ],
    });
    expect(parse(kustomization('calico.yaml', release(), {}))).not.toHaveProperty('images');
  });
  it('makes the install script read its registry from the environment (sed from the pin table)', () => {
    const kubeOvn = cniRelease('kube-ovn')!;
    const out = scriptRegistry(kubeOvn, mirrors);
    expect(out.sed).toBe('s|^REGISTRY="docker\\.io\\/kubeovn"$|REGISTRY="${DEVBOX_CNI_REGISTRY:-docker.io/kubeovn}"|');
    expect(out.registry).toBe('hub.example:5000/kubeovn');
    expect(scriptRegistry(kubeOvn, {}).registry).toBe('docker.io/kubeovn');
  });
});

describe('CNI in the kind config and the resources', () => {
  const section = (cni: string) => clusterSection.parse({ cni });
  it('disables kindnet and sets the subnets the CNI expects', () => {
    expect(parse(kindConfig(clusterDesired(section('calico')))).networking).toEqual({
      apiServerAddress: '127.0.0.1',
      disableDefaultCNI: true,
      podSubnet: '192.168.0.0/16',
      serviceSubnet: '10.96.0.0/16',
    });
    expect(parse(kindConfig(clusterDesired(section('kube-ovn')))).networking).toMatchObject({
      podSubnet: '10.16.0.0/16',
      serviceSubnet: '10.96.0.0/12',
    });
    expect(parse(kindConfig(clusterDesired(section('kindnet')))).networking).toEqual({ apiServerAddress: '127.0.0.1' });
  });
  it('adds cluster.cni after the runc resource only for calico and kube-ovn', () => {
    const ids = (cni: string) => clusterResources({ cluster: section(cni) } as never).map((r) => `${r.type}[${r.key}]`);
    expect(ids('calico')).toContain('cluster.cni[devbox]');
    expect(ids('kindnet')).not.toContain('cluster.cni[devbox]');
    const cni = clusterResources({ cluster: section('calico') } as never).find((r) => r.type === 'cluster.cni')!;
    expect(cni.dependsOn).toEqual(['cluster.kind[devbox]', 'cluster.runc[devbox]']);
    expect(cni.summary).toMatch(/^calico v3\.32\.1 \(manifest sha256 a1df919d9721…, images from their registries\)/);
  });
});

const dsJson = (images: string[], ready: number, waiting?: string) =>
  JSON.stringify({
    kind: 'List',
    items: [
      {
        kind: 'Node',
        metadata: { name: 'c-control-plane' },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      },
      {
        kind: 'DaemonSet',
        metadata: { name: 'calico-node', generation: 1 },
        spec: { template: { spec: { initContainers: [{ image: images[0] }], containers: [{ image: images[1] }] } } },
        status: {
          desiredNumberScheduled: 1,
          numberReady: ready,
          updatedNumberScheduled: 1,
          numberAvailable: ready,
          observedGeneration: 1,
        },
      },
      ...(waiting
        ? [
            {
              kind: 'Pod',
              metadata: { name: 'calico-node-x', ownerReferences: [{ kind: 'DaemonSet', name: 'calico-node' }] },
              status: { containerStatuses: [{ ready: false, state: { waiting: { reason: waiting } } }] },
            },
          ]
        : []),
    ],
  });

/** A cluster whose kubectl applies the staged kustomization's images to calico-node. */
function world(state: { applied?: string[]; ds?: string; sha?: string }) {
  const guest = new MemoryGuest();
  const staged = '/var/lib/devbox/cluster/cni/calico-v3.32.1';
  guest.on((argv) =>
    argv[3] === 'devbox-cni-probe'
      ? { stdout: state.ds === undefined ? 'state=no-cluster\n' : `state=node c-control-plane\n${state.ds}\nexit=0\n` }
      : undefined,
  );
  guest.on((argv, stdin, g) => {
    if (argv[0] === 'install') {
      g.setFile(argv[6]!, g.text(argv[5]!)!);
      return {};
    }
    if (argv[0] === 'sha256sum') {
      const [want, path] = stdin.trim().split(/\s+/);
      return { code: sha(g.text(path!) ?? '') === want ? 0 : 1 };
    }
    if (argv[0] === 'docker' && (argv[3] === 'rm' || argv[1] === 'cp')) return {};
    if (argv[0] !== 'docker' || !argv.includes('-k')) return undefined;
    const k = parse(g.text(`${staged}/kustomization.yaml`)!) as { images?: { name: string; newName: string }[] };
    const images = release().images.map((ref) => {
      const to = k.images?.find((i) => ref.startsWith(`${i.name}:`));
      return to ? `${to.newName}${ref.slice(to.name.length)}` : ref;
    });
    state.applied = images;
    state.ds = dsJson(images, 1);
    return { stdout: 'daemonset.apps/calico-node serverside-applied\n' };
  });
  const platform = { os: 'linux' as const, guestDescription: 't' };
  const fetched: string[] = [];
  const net = {
    fetchFile: async (req: { urls: readonly string[]; sha256: string }) => {
      fetched.push(...req.urls);
      if (req.sha256 !== sha(manifest)) throw new Error(`sha256 mismatch: got ${sha(manifest)}`);
      guest.setFile('/cache/calico.yaml', state.sha ?? manifest);
      return { path: '/cache/calico.yaml', source: 'network' as const };
    },
  } as unknown as NetPort;
  const reports: string[] = [];
  const read: ReadContext = { platform, guest };
  const apply: ApplyContext = { platform, guest, net, report: (m) => reports.push(m) };
  return { guest, read, apply, reports, fetched };
}

describe('cluster.cni', () => {
  const d = (over: Partial<ClusterDesired> = {}): ClusterDesired => ({
    ...clusterDesired(clusterSection.parse({ cni: 'calico', registryMirrors: mirrors })),
    readyTimeoutSeconds: 10,
    cniMirrors: ['http://files.example/calico.yaml'],
    ...over,
  });
  const mirrored = ['mirror.example/quay/calico/cni:v3.32.1', 'mirror.example/quay/calico/node:v3.32.1'];
  it('plans an install before the cluster exists, applies the mirrored manifest, then is converged', async () => {
    const state: { applied?: string[]; ds?: string } = {};
    const w = world(state);
    const r = cniResource(d(), release());
    const plan = r.test(await r.get(w.read));
    expect(plan).toMatchObject({ inDesiredState: false, action: 'create' });
    expect(plan.changes[0]).toMatchObject({ before: 'no cluster yet' });
    state.ds = JSON.stringify({ kind: 'List', items: [] });
    await r.apply(await r.get(w.read), w.apply);
    expect(w.fetched).toEqual(['https://example.invalid/calico.yaml', 'http://files.example/calico.yaml']);
    expect(state.applied).toEqual(mirrored);
    const runs = w.guest.calls.flat().flatMap((op) => (op.op === 'run' && op.argv[0] !== 'bash' ? [op.argv] : []));
    expect(runs.at(-1)).toEqual([
      'docker',
      'exec',
      'c-control-plane',
      'kubectl',
      '--kubeconfig',
      '/etc/kubernetes/admin.conf',
      'apply',
      '--server-side',
      '--force-conflicts',
      '--field-manager=devbox',
      '-k',
      '/kind/devbox-cni',
    ]);
    expect(runs).toContainEqual([
      'docker',
      'cp',
      '/var/lib/devbox/cluster/cni/calico-v3.32.1/.',
      'c-control-plane:/kind/devbox-cni',
    ]);
    expect(w.reports.at(-1)).toMatch(/calico v3.32.1 rolled out/);
    expect(r.test(await r.get(w.read))).toMatchObject({ inDesiredState: true, changes: [] });
  });
  it('reports images not from the mirror and pods waiting on a pull', async () => {
    const w = world({ ds: dsJson(['quay.io/calico/cni:v3.32.1', 'quay.io/calico/node:v3.32.1'], 1) });
    const r = cniResource(d(), release());
    expect(r.test(await r.get(w.read)).changes[0]).toMatchObject({ property: 'calico-node images' });
    const w2 = world({ ds: dsJson(mirrored, 0, 'ErrImagePull') });
    expect(r.test(await r.get(w2.read)).changes[0]).toMatchObject({
      property: 'calico-node ready',
      before: '0/1 available, 1 updated: calico-node-x: ErrImagePull',
    });
  });
  it('a wrong sha256 stops before anything is applied', async () => {
    const state = { ds: JSON.stringify({ kind: 'List', items: [] }) } as { applied?: string[]; ds?: string };
    const w = world(state);
    const r = cniResource(d(), release({ sha256: '0'.repeat(64) }));
    await expect(r.apply(await r.get(w.read), w.apply)).rejects.toThrow(/sha256 mismatch/);
    expect(state.applied).toBeUndefined();
    expect(w.guest.mutations).toBe(0);
  });
  it('a staged copy that differs from the pin is not applied', async () => {
    const state = { ds: JSON.stringify({ kind: 'List', items: [] }), sha: `${manifest}# changed\n` } as {
      applied?: string[];
      ds?: string;
      sha?: string;
    };
    const w = world(state);
    const r = cniResource(d(), release());
    await expect(r.apply(await r.get(w.read), w.apply)).rejects.toMatchObject({ code: 'cluster.cni.apply' });
    expect(state.applied).toBeUndefined();
  });
});

describe('cluster.cni in a dry run', () => {
  it('records the staging and the apply, and waits for no rollout it did not cause', async () => {
    const inner = new MemoryGuest();
    inner.on((argv) => (argv[3] === 'devbox-cni-probe' ? { stdout: 'state=no-cluster\n' } : undefined));
    const guest = new RecordingGuest(inner, 'the distro');
    const net = {
      fetchFile: async () => ({ path: '/cache/never-downloaded.yaml', source: 'network' as const }),
    } as unknown as NetPort;
    const reports: string[] = [];
    const platform = { os: 'linux' as const, guestDescription: 't' };
    const d = clusterDesired(clusterSection.parse({ cni: 'calico', registryMirrors: mirrors }));
    const r = cniResource(d, release());
    await r.apply(await r.get({ platform, guest: inner }), {
      platform,
      guest,
      net,
      readBack: nothingToReadBack,
      report: (m) => reports.push(m),
    });
    const what = guest.changes.map((c) => c.what);
    expect(what[0]).toMatch(/^run install -D -m 0644 -- \/cache\/never-downloaded.yaml /);
    expect(what[1]).toMatch(/^check that .* has the pinned sha256/);
    expect(what.at(-1)).toBe(
      'run docker exec devbox-control-plane kubectl --kubeconfig /etc/kubernetes/admin.conf apply --server-side ' +
        '--force-conflicts --field-manager=devbox -k /kind/devbox-cni',
    );
    expect(reports).toEqual([
      'applied projectcalico/calico v3.32.1 manifests/calico.yaml; its rollout is not read back here',
    ]);
  });
});
