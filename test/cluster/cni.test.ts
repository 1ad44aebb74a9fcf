/**
 * cluster.cni on the real rig: a kind cluster made by devbox's cluster.kind with kindnet disabled and
 * calico's subnets, then a calico-shaped manifest (assets/cni/calico-fixture.yaml) served by a local HTTP
 * server and pinned by sha256 through the test's own release entry (a ClusterDesired built here: a user
 * manifest can only name devbox's table). Proves: a wrong sha256 applies nothing; with the images absent
 * from the nodes the rollout never completes and devbox says which pod waits on which image; once the
 * mirrored images are in the nodes' containerd (docker tag + kind load: no registry here), devbox applies
 * the manifest through kubectl's kustomize in the node and reports calico-node rolled out with the mirrored
 * images. Leaves nothing behind.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../net/http-server.mjs';
import {
  ensureDocker,
  hostSnapshot,
  kindBinary,
  leftovers,
  nodeImage,
  nodeRootfsTarball,
  randomClusterName,
  tryRun,
  type DockerEngine,
  type HostSnapshot,
  rigUnavailable,
} from './rig/index.js';
import { GuestRunner } from '../../src/platform/guest/runner.js';
import { localTransport } from '../../src/platform/guest/transports.js';
import { NodeProcessRunner } from '../../src/platform/process.js';
import { RuntimeNet } from '../../src/platform/net.js';
import type { ApplyContext, ReadContext } from '../../src/engine/resource.js';
import type { ClusterDesired } from '../../src/resources/cluster/desired.js';
import { clusterResource } from '../../src/resources/cluster/cluster.js';
import { cniResource } from '../../src/resources/cluster/cni/resource.js';
import { cniRelease, type CniRelease } from '../../src/resources/cluster/cni/releases.js';
import { devboxKindPath } from '../../src/resources/cluster/probe.js';

const unavailable = rigUnavailable();
const fixture = readFileSync(join(import.meta.dirname, 'assets/cni/calico-fixture.yaml'));
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const mirrored = [
  'registry.devbox.test:5000/quay/calico/cni:v3.32.1',
  'registry.devbox.test:5000/quay/calico/node:v3.32.1',
];

describe.runIf(!unavailable)('cluster.cni on the real rig', () => {
  let engine: DockerEngine;
  let before: HostSnapshot;
  let server: TestServer;
  let d: ClusterDesired;
  let release: CniRelease;
  let kindPath = '';
  let installedKind = false;
  const hadOptDevbox = existsSync('/opt/devbox');
  const hadVarLibDevbox = existsSync('/var/lib/devbox');
  const cacheDir = mkdtempSync(join(tmpdir(), 'devbox-cni-cache-'));
  const saved = {
    dockerHost: process.env.DOCKER_HOST,
    kubeconfig: existsSync('/root/.kube/config') ? readFileSync('/root/.kube/config') : undefined,
  };
  const guest = new GuestRunner(localTransport(), new NodeProcessRunner());
  const platform = { os: 'linux' as const, guestDescription: 'the local system' };
  const reports: string[] = [];
  const read: ReadContext = { platform, guest };
  const apply = (): ApplyContext => ({
    platform,
    guest,
    net: new RuntimeNet({ DEVBOX_CACHE_DIR: cacheDir, PATH: process.env.PATH }, cacheDir),
    report: (m) => reports.push(m),
    confirm: async () => true,
  });
  const node = () => `${d.name}-control-plane`;
  const kubectl = (...args: string[]) =>
    engine.docker(['exec', node(), 'kubectl', '--kubeconfig', '/etc/kubernetes/admin.conf', ...args]);

  beforeAll(async () => {
    engine = ensureDocker();
    process.env.DOCKER_HOST = engine.host;
    const image = nodeImage(engine);
    kindPath = kindBinary().path;
    // The guest agent runs with a fixed PATH: devbox finds kind where cluster.kind-binary puts it.
    if (!existsSync(devboxKindPath)) {
      execFileSync('install', ['-D', '-m', '0755', kindPath, devboxKindPath]);
      installedKind = true;
    }
    const kindVersion = execFileSync(kindPath, ['version', '-q'], { encoding: 'utf8' }).trim();
    server = await startTestServer();
    server.file('/calico.yaml', fixture);
    release = { ...cniRelease('calico')!, url: server.url('/calico.yaml'), sha256: sha256(fixture) };
    before = hostSnapshot(engine);
    d = {
      name: randomClusterName().replace(/^rig-/, 'cni-'),
      kindVersion: `v${kindVersion}`,
      kindUrls: ['https://example.invalid/kind-linux-amd64'],
      kindSha256: sha256(readFileSync(kindPath)),
      image,
      workers: 0,
      portMappings: [],
      mounts: [],
      registryMirrors: { 'quay.io': ['http://registry.devbox.test:5000/quay'] },
      cni: 'calico',
      cniRelease: release,
      readyTimeoutSeconds: 150,
      runc: { policy: 'safe-floor', allowUnsafe: true },
      user: 'root',
    };
  }, 1_200_000);

  afterAll(async () => {
    if (d)
      execFileSync(kindPath, ['delete', 'cluster', '--name', d.name, '--kubeconfig', '/root/.kube/config'], {
        env: { ...process.env, DOCKER_HOST: engine.host },
      });
    for (const ref of mirrored) tryRun(['/usr/bin/docker', 'rmi', '--no-prune', ref], { env: engine.env });
    await server?.close();
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(hadVarLibDevbox ? `/var/lib/devbox/cluster/cni/${release?.cni}-${release?.version}` : '/var/lib/devbox', {
      recursive: true,
      force: true,
    });
    if (saved.kubeconfig) writeFileSync('/root/.kube/config', saved.kubeconfig);
    else rmSync('/root/.kube/config', { force: true });
    if (installedKind) rmSync(devboxKindPath, { force: true });
    if (!hadOptDevbox) rmSync('/opt/devbox', { recursive: true, force: true });
    if (saved.dockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved.dockerHost;
  }, 120_000);

  it("creates the cluster without kindnet, with calico's pod subnet", async () => {
    const r = clusterResource(d);
    await r.apply(await r.get(read), apply());
    expect(reports.at(-1)).toMatch(/1 node\(s\) registered \(Ready once calico runs\)/);
    const kubeadm = engine.docker(['exec', node(), 'cat', '/kind/kubeadm.conf']);
    expect(kubeadm).toMatch(/podSubnet: "?192\.168\.0\.0\/16/);
    // disableDefaultCNI: kind did not apply its CNI manifest (the rig's stands in a ConfigMap).
    expect(
      engine.docker([
        'exec',
        node(),
        'kubectl',
        '--kubeconfig',
        '/etc/kubernetes/admin.conf',
        'get',
        'configmaps',
        '-n',
        'kube-system',
        '-o',
        'name',
      ]),
    ).not.toContain('devbox-sim-cni');
  }, 600_000);

  it('a wrong sha256 applies nothing', async () => {
    const wrong = cniResource({ ...d, cniRelease: undefined }, { ...release, sha256: sha256(Buffer.from('other')) });
    await expect(wrong.apply(await wrong.get(read), apply())).rejects.toThrow(/sha256/i);
    expect(server.stats.requests.some((r) => r.path === '/calico.yaml')).toBe(true);
    expect(kubectl('get', 'daemonsets,serviceaccounts', '-n', 'kube-system', '-o', 'name')).not.toMatch(/calico/);
  }, 120_000);

  it('plans the install, and without the images in the nodes the rollout waits on them', async () => {
    const r = cniResource({ ...d, readyTimeoutSeconds: 15 }, release);
    const plan = r.test(await r.get(read));
    expect(plan).toMatchObject({ inDesiredState: false, action: 'create' });
    expect(plan.changes[0]).toMatchObject({ property: 'daemonset kube-system/calico-node', before: 'absent' });
    await expect(r.apply(await r.get(read), apply())).rejects.toMatchObject({
      code: 'cluster.cni.ready',
      message: expect.stringMatching(
        /calico-node ready: 0\/1 available.*ImagePullBackOff \(Back-off pulling image "registry\.devbox\.test:5000\/quay\/calico\/cni:v3\.32\.1"\)/,
      ),
    });
    const images = kubectl(
      'get',
      'daemonset',
      'calico-node',
      '-n',
      'kube-system',
      '-o',
      'jsonpath={.spec.template.spec.initContainers[*].image} {.spec.template.spec.containers[*].image}',
    );
    expect(images.trim().split(' ')).toEqual(mirrored);
    expect(kubectl('get', 'crd', '-o', 'name')).toContain('ippools.crd.projectcalico.org');
  }, 300_000);

  it('with the mirrored images in the nodes, calico-node rolls out and devbox reports it', async () => {
    const tiny = `devbox-rig-tiny:${nodeRootfsTarball()
      .replace(/^.*node-rootfs-[a-z]+-/, '')
      .replace(/\.tar$/, '')}`;
    if (engine.docker(['images', '-q', tiny]).trim() === '') {
      const script =
        'set -e; w=$(mktemp -d /var/tmp/devbox-cni-tiny.XXXXXX); trap \'rm -rf "$w"\' EXIT; ' +
        'tar -C "$w" -xf "$1" ./usr/bin/dash; tar -C "$w" -c . | docker import - "$2" >/dev/null';
      execFileSync('bash', ['-c', script, 'tiny', nodeRootfsTarball(), tiny], { env: engine.env });
    }
    for (const ref of mirrored) engine.docker(['tag', tiny, ref]);
    execFileSync(kindPath, ['load', 'docker-image', ...mirrored, '--name', d.name], { env: engine.env, stdio: 'pipe' });
    const r = cniResource(d, release);
    await r.apply(await r.get(read), apply());
    expect(reports.at(-1)).toBe('calico v3.32.1 rolled out (calico-node); every node Ready');
    const after = r.test(await r.get(read));
    expect(after).toMatchObject({ inDesiredState: true, changes: [] });
    expect(kubectl('get', 'pods', '-n', 'kube-system', '-o', 'jsonpath={.items[*].status.phase}')).toBe('Running');
  }, 300_000);

  it('leaves nothing behind', () => {
    execFileSync(kindPath, ['delete', 'cluster', '--name', d.name, '--kubeconfig', '/root/.kube/config'], {
      env: { ...process.env, DOCKER_HOST: engine.host },
    });
    for (const ref of mirrored) engine.docker(['rmi', '--no-prune', ref]);
    const after = hostSnapshot(engine);
    const rigImages = after.images
      .map((i) => i.split(' ')[1]!)
      .filter((tag) => tag.startsWith('devbox-rig-node:') || tag.startsWith('devbox-rig-tiny:'));
    expect(leftovers(before, after, [d.name], [d.image, ...rigImages])).toEqual([]);
  }, 120_000);
});
