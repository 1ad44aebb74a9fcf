/**
 * devbox's cluster resources against the real rig (test/cluster/rig): a real Docker Engine, the real
 * kind, the rig's node image (real systemd, containerd, runc; simulated kubeadm/kubelet/API server).
 * The resources run through the real guest agent on this machine, as `devbox up --plane guest` does.
 * Proves: up creates the cluster; a second up changes nothing; the pinned runc (Debian experimental's
 * 1.4.x, a directory mount + containerd BinaryName) is what runs containers while the image's own
 * runc is a tripwire; status reports drift after the node's runc is swapped and after the cluster is
 * deleted, and up repairs both; a single-file pin is refused; Docker unreachable is exit 7. Leaves
 * nothing behind.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureDocker,
  hostSnapshot,
  kindBinary,
  leftovers,
  nodeImage,
  randomClusterName,
  runcFromSuite,
  type DockerEngine,
  type HostSnapshot,
  rigUnavailable,
} from './rig/index.js';
import { GuestRunner } from '../../src/platform/guest/runner.js';
import { localTransport } from '../../src/platform/guest/transports.js';
import { NodeProcessRunner } from '../../src/platform/process.js';
import type { ApplyContext, ManagedResource, ReadContext } from '../../src/engine/resource.js';
import type { NetPort } from '../../src/engine/ports/net.js';
import type { ClusterDesired } from '../../src/resources/cluster/desired.js';
import { kindBinaryResource } from '../../src/resources/cluster/kind-binary.js';
import { imageResource } from '../../src/resources/cluster/image.js';
import { clusterResource } from '../../src/resources/cluster/cluster.js';
import { runcResource } from '../../src/resources/cluster/runc.js';
import { devboxKindPath } from '../../src/resources/cluster/probe.js';
import { ExitCode } from '../../src/errors.js';

const unavailable = rigUnavailable();
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe.runIf(!unavailable)('cluster resources on the real rig', () => {
  let engine: DockerEngine;
  let before: HostSnapshot;
  let d: ClusterDesired;
  let pinDir: string;
  const saved = {
    dockerHost: process.env.DOCKER_HOST,
    kubeconfig: existsSync('/root/.kube/config') ? readFileSync('/root/.kube/config') : undefined,
  };
  const hadKind = existsSync(devboxKindPath);
  const hadOptDevbox = existsSync('/opt/devbox');
  const guest = new GuestRunner(localTransport(), new NodeProcessRunner());
  const platform = { os: 'linux' as const, guestDescription: 'the local system' };
  const reports: string[] = [];
  let kindPath = '';
  const net = (): NetPort => ({
    rankMirrors: () => Promise.reject(new Error('unexpected')),
    verifiedAddresses: () => Promise.reject(new Error('unexpected')),
    probeTls: () => Promise.reject(new Error('unexpected')),
    // The "download" is the rig's real kind binary: devbox installs and checks it by sha256.
    fetchFile: async (request) => {
      expect(request.sha256).toBe(sha256(kindPath));
      return { path: kindPath, source: 'cache' };
    },
  });
  const read: ReadContext = { platform, guest };
  const apply = (confirm: boolean): ApplyContext => ({
    platform,
    guest,
    net: net(),
    report: (m) => reports.push(m),
    confirm: async () => confirm,
  });
  const resources = () =>
    [kindBinaryResource(d), imageResource(d), clusterResource(d), runcResource(d)] as ManagedResource[];
  async function status() {
    const out: Record<string, string[]> = {};
    for (const r of resources()) out[`${r.type}[${r.key}]`] = r.test(await r.get(read)).changes.map((c) => c.property);
    return out;
  }
  async function up(confirm = true) {
    let applied = 0;
    for (const r of resources()) {
      const actual = await r.get(read);
      if (!r.test(actual).inDesiredState) {
        await r.apply(actual, apply(confirm));
        applied++;
      }
    }
    return applied;
  }
  const inNode = (node: string, argv: string[]) => engine.docker(['exec', node, ...argv]);

  beforeAll(() => {
    engine = ensureDocker();
    process.env.DOCKER_HOST = engine.host;
    const image = nodeImage(engine);
    kindPath = kindBinary().path;
    const kindVersion = execFileSync(kindPath, ['version', '-q'], { encoding: 'utf8' }).trim();
    const runc = runcFromSuite('experimental');
    pinDir = mkdtempSync(join(tmpdir(), 'devbox-runc-pin-'));
    copyFileSync(runc.path, join(pinDir, 'runc'));
    chmodSync(join(pinDir, 'runc'), 0o755);
    before = hostSnapshot(engine);
    d = {
      name: randomClusterName().replace(/^rig-/, 'dbx-'),
      kindVersion: `v${kindVersion}`,
      kindUrls: ['https://example.invalid/kind-linux-amd64'],
      kindSha256: sha256(kindPath),
      image,
      workers: 0,
      portMappings: [],
      mounts: [],
      registryMirrors: {},
      cni: 'kindnet',
      readyTimeoutSeconds: 120,
      runc: { policy: 'pin', pinDir, allowUnsafe: false },
      user: 'root',
    };
  }, 1_200_000);

  afterAll(() => {
    if (d)
      execFileSync(kindPath, ['delete', 'cluster', '--name', d.name, '--kubeconfig', '/root/.kube/config'], {
        env: { ...process.env, DOCKER_HOST: engine.host },
      });
    if (!hadKind) rmSync(devboxKindPath, { force: true });
    if (!hadOptDevbox) rmSync('/opt/devbox', { recursive: true, force: true });
    if (pinDir) rmSync(pinDir, { recursive: true, force: true });
    if (saved.kubeconfig) writeFileSync('/root/.kube/config', saved.kubeconfig);
    else rmSync('/root/.kube/config', { force: true });
    if (saved.dockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved.dockerHost;
  }, 120_000);

  it('up creates the cluster with the pinned runc, and a second up changes nothing', async () => {
    const drift = await status();
    expect(drift[`cluster.kind[${d.name}]`]).toEqual(['cluster']);
    expect(await up()).toBe(2);
    expect(reports.join('\n')).toMatch(new RegExp(`kind cluster "${d.name}" is up: 1 node\\(s\\) Ready`));
    expect(Object.values(await status()).flat()).toEqual([]);
    expect(await up()).toBe(0);
  }, 600_000);

  it("runs real containers with the pinned runc while the image's own runc is a tripwire", async () => {
    const node = `${d.name}-control-plane`;
    inNode(node, [
      'sh',
      '-c',
      'mv /usr/sbin/runc /usr/sbin/runc.image && printf "#!/bin/sh\\ntouch /run/tripwire-hit\\nexit 99\\n" > /usr/sbin/runc && chmod 755 /usr/sbin/runc',
    ]);
    const facts = await runcResource(d).get(read);
    const runc = facts.facts.nodes[0]!.runc!;
    expect(runc).toMatchObject({
      configured: true,
      started: true,
      ran: '/opt/devbox/runc/runc',
      ranSha256: sha256(join(pinDir, 'runc')),
      fileMounts: [],
    });
    expect(runc.version).toMatch(/^runc version 1\.4\./);
    expect(
      engine.docker(['exec', node, 'sh', '-c', 'test -e /run/tripwire-hit && echo hit || echo clean']).trim(),
    ).toBe('clean');
  }, 300_000);

  it("status reports drift after the node's runc is swapped, and up repairs it (confirmed)", async () => {
    const node = `${d.name}-control-plane`;
    // The containerd config no longer names the pin: the tripwire on PATH would run.
    inNode(node, ['sed', '-i', '/BinaryName/d', '/etc/containerd/config.toml']);
    const drift = await status();
    expect(drift[`cluster.runc[${d.name}]`]!.join(' ')).toMatch(/runc/);
    await expect(up(false)).rejects.toThrow(/not done without your agreement/);
    await up(true);
    expect(Object.values(await status()).flat()).toEqual([]);
  }, 600_000);

  it('status reports a deleted cluster, and up creates it again', async () => {
    execFileSync(kindPath, ['delete', 'cluster', '--name', d.name, '--kubeconfig', '/root/.kube/config'], {
      env: { ...process.env, DOCKER_HOST: engine.host },
    });
    expect((await status())[`cluster.kind[${d.name}]`]).toEqual(['cluster']);
    await up();
    expect(Object.values(await status()).flat()).toEqual([]);
  }, 600_000);

  it('detects an unsafe runc in a node by the container it ran, and up repairs it', async () => {
    const node = `${d.name}-control-plane`;
    // Without the pin, containerd runs the image's own runc: Debian trixie's 1.1.15, below the floor.
    inNode(node, ['sed', '-i', '/BinaryName/d', '/etc/containerd/config.toml']);
    const r = runcResource(d);
    const result = r.test(await r.get(read));
    const before = result.changes.map((c) => String(c.before)).join(' ');
    expect(before).toMatch(
      /\/usr\/sbin\/runc: debian build 1\.1\.15\S* is built from runc 1\.1\.15: the runc 1\.1 line is rejected/,
    );
    await up(true);
    expect(Object.values(await status()).flat()).toEqual([]);
  }, 600_000);

  it('says Docker is unreachable with exit 7', async () => {
    process.env.DOCKER_HOST = 'unix:///run/devbox-test-no-docker.sock';
    try {
      const r = clusterResource(d);
      const actual = await r.get(read);
      expect(r.test(actual).changes[0]!.before).toBe('unknown (Docker is not running)');
      await expect(r.apply(actual, apply(true))).rejects.toMatchObject({ exitCode: ExitCode.prerequisiteMissing });
    } finally {
      process.env.DOCKER_HOST = engine.host;
    }
  }, 120_000);

  it('refuses a single-file runc pin at plan time', async () => {
    await expect(
      runcResource({ ...d, runc: { ...d.runc, pinDir: join(pinDir, 'runc') } }).get(read),
    ).rejects.toMatchObject({
      exitCode: ExitCode.manifestInvalid,
      message: expect.stringMatching(/is a file\. A single-file bind mount over runc is refused/),
    });
  }, 120_000);

  it('leaves nothing behind', () => {
    execFileSync(kindPath, ['delete', 'cluster', '--name', d.name, '--kubeconfig', '/root/.kube/config'], {
      env: { ...process.env, DOCKER_HOST: engine.host },
    });
    const after = hostSnapshot(engine);
    // Node images are the rig's cache (kept on purpose); other helpers may build new ones meanwhile.
    const rigImages = after.images.map((i) => i.split(' ')[1]!).filter((tag) => tag.startsWith('devbox-rig-node:'));
    expect(leftovers(before, after, [d.name], [d.image, ...rigImages])).toEqual([]);
    expect(existsSync(join(pinDir, 'runc'))).toBe(true);
  }, 120_000);
});
