import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import {
  fakeProbeOutput,
  isClusterProbe,
  isPinProbe,
  isReadyPoll,
  safeNodeRunc,
  type FakeCluster,
  fakeDesired,
} from '../../../test/fakes/cluster-probe.js';
import type { ApplyContext, ReadContext } from '../../engine/resource.js';
import { nothingToReadBack } from '../../engine/ports/index.js';
import { ExitCode, isUserError } from '../../errors.js';
import { kindConfig, type ClusterDesired } from './desired.js';
import { clusterResource } from './cluster.js';
import { dockerResource } from './docker.js';
import { imageResource } from './image.js';
import { runcResource } from './runc.js';
import { parseClusterProbe } from './probe.js';

const image = `kindest/node:v1.36.1@sha256:${'3'.repeat(64)}`;
const desired = (over: Partial<ClusterDesired> = {}): ClusterDesired => fakeDesired({ image, ...over });

function world(state: FakeCluster, handlers: Parameters<MemoryGuest['on']>[0][] = []) {
  const guest = new MemoryGuest();
  guest.on((argv) => (isClusterProbe(argv) ? { stdout: fakeProbeOutput(state) } : undefined));
  for (const h of handlers) guest.on(h);
  const reports: string[] = [];
  const platform = { os: 'linux' as const, guestDescription: 't' };
  const read: ReadContext = { platform, guest };
  const apply = (confirm?: boolean): ApplyContext => ({
    platform,
    guest,
    report: (m) => reports.push(m),
    ...(confirm === undefined ? {} : { confirm: async () => confirm }),
  });
  return { guest, read, apply, reports, state };
}

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    return error as Error & { exitCode?: number; code?: string };
  }
  throw new Error('expected a failure');
}

describe('the cluster probe', () => {
  it('reads users, cgroups, docker, nodes, the runc that ran and readiness', () => {
    const out = fakeProbeOutput({
      cgroup: ['tmpfs', 'unified=cgroup2fs'],
      nodes: [{ name: 'devbox-control-plane', image, ready: false }],
    });
    const facts = parseClusterProbe({ code: 0, stdout: Buffer.from(out), stderr: Buffer.alloc(0) });
    expect(facts.user).toEqual({ name: 'dev', home: '/home/dev' });
    expect(facts.cgroup).toEqual({ root: 'tmpfs', unified: 'cgroup2fs' });
    expect(facts.docker.running).toBe(true);
    expect(facts.nodes[0]).toMatchObject({
      name: 'devbox-control-plane',
      role: 'control-plane',
      image,
      runc: { started: true, ran: '/usr/local/sbin/runc', version: expect.stringMatching(/^runc version 1.4.3/) },
    });
    expect(facts.ready).toEqual({
      answered: true,
      nodes: [
        { name: 'devbox-control-plane', ready: false, reason: 'KubeletNotReady', message: 'PLEG is not healthy' },
      ],
    });
  });
});

describe('the kind config', () => {
  it('pins runc by a read-only directory mount and BinaryName, and adds registry mirrors', () => {
    const config = parse(
      kindConfig(
        desired({
          workers: 1,
          runc: { policy: 'pin', pinDir: '/opt/devbox/runc/v1.4.3', allowUnsafe: false },
          registryMirrors: { 'docker.io': ['https://m.example'] },
        }),
      ),
    );
    expect(config.nodes).toHaveLength(2);
    expect(config.nodes[1]).toEqual({
      role: 'worker',
      image,
      extraMounts: [{ hostPath: '/opt/devbox/runc/v1.4.3', containerPath: '/opt/devbox/runc', readOnly: true }],
    });
    expect(config.containerdConfigPatches[0]).toBe(
      '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n  BinaryName = "/opt/devbox/runc/runc"\n',
    );
    expect(config.containerdConfigPatches[1]).toBe(
      '[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]\n  endpoint = ["https://m.example"]\n',
    );
    expect(config.networking.apiServerAddress).toBe('127.0.0.1');
  });
});

describe('cluster.docker', () => {
  const docker = (_state: FakeCluster) =>
    dockerResource(
      { engine: 'docker.io', aptMirror: 'docker', daemon: { registryMirrors: ['https://hub.example'] } },
      desired(),
    );

  it('installs, merges daemon.json, starts the service and adds the user', async () => {
    const w = world({ packages: [], service: ['disabled', 'inactive'], docker: 'missing', group: 'docker:x:999:' }, [
      (argv) => (argv[0] === 'env' || argv[0] === 'systemctl' || argv[0] === 'usermod' ? { code: 0 } : undefined),
      (argv) => (argv[0] === 'docker' && argv[1] === 'info' ? { stdout: '28.1.1\n' } : undefined),
    ]);
    w.guest.setFile('/etc/docker/daemon.json', '{\n  "data-root": "/srv/docker"\n}\n');
    const r = docker(w.state);
    const actual = await r.get(w.read);
    const result = r.test(actual);
    expect(result.changes.map((c) => c.property)).toEqual([
      'package',
      'service enabled',
      'service running',
      'docker group has dev',
      'daemon.json registry-mirrors',
    ]);
    await r.apply(actual, w.apply());
    const argvs = w.guest.calls
      .flat()
      .filter((op) => op.op === 'run')
      .map((op) => (op.op === 'run' ? op.argv.join(' ') : ''));
    expect(argvs).toContain(
      'env DEBIAN_FRONTEND=noninteractive apt-get -y -o Dpkg::Use-Pty=0 install --no-install-recommends docker.io',
    );
    expect(argvs).toContain('systemctl enable --now docker');
    expect(argvs).toContain('usermod -aG docker -- dev');
    expect(JSON.parse(w.guest.text('/etc/docker/daemon.json')!)).toEqual({
      'data-root': '/srv/docker',
      'registry-mirrors': ['https://hub.example'],
    });
  });

  it('says systemd is missing with the wsl.conf fix (exit 7)', async () => {
    const w = world({ pid1: 'init', docker: 'missing', packages: ['docker.io 20.10.24 ii'] });
    const r = docker(w.state);
    const error = await failure(r.apply(await r.get(w.read), w.apply()));
    expect(error.exitCode).toBe(ExitCode.prerequisiteMissing);
    expect((error as unknown as { suggestions: string[] }).suggestions.join(' ')).toMatch(/systemd: true/);
  });

  it('notes an Engine runc below the floor, judged as a distro build', async () => {
    const w = world({ docker: { ServerVersion: '20.10.24', RuncCommit: { ID: '1.1.5+ds1-1+deb12u1' } } });
    const r = docker(w.state);
    const actual = await r.get(w.read);
    expect(r.test(actual).notes!.join(' ')).toMatch(
      /Engine's own runc is below the safety floor: debian build 1.1.5\+ds1-1\+deb12u1/,
    );
    expect(r.diagnose!(actual)[0]!.severity).toBe('problem');
  });
});

describe('cluster.kind', () => {
  const created =
    (w: ReturnType<typeof world>, node = { name: 'devbox-control-plane', image }) =>
    (argv: readonly string[], stdin: string) => {
      if (argv[0] === 'install' || argv[0] === 'chown') return { code: 0 };
      if (argv[0] === 'timeout' && argv[3] === 'create') {
        expect(parse(stdin).nodes[0].image).toBe(image);
        w.state.nodes = [node];
        return { code: 0 };
      }
      return undefined;
    };

  it('creates a missing cluster from the config on stdin and waits for Ready', async () => {
    const w = world({ nodes: [] });
    w.guest.on(created(w)).on((argv) =>
      isReadyPoll(argv)
        ? {
            stdout: `${JSON.stringify({ items: [{ metadata: { name: 'devbox-control-plane' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }] })}\nexit=0\n`,
          }
        : undefined,
    );
    const r = clusterResource(desired());
    const actual = await r.get(w.read);
    expect(r.test(actual)).toMatchObject({ inDesiredState: false, action: 'create' });
    await r.apply(actual, w.apply());
    expect(w.reports.at(-1)).toMatch(/is up: 1 node\(s\) Ready, context kind-devbox in \/home\/dev\/.kube\/config/);
    expect(r.test(await r.get(w.read)).inDesiredState).toBe(true);
  });

  it('a dry run does not poll for readiness (nothing was created to wait for)', async () => {
    const w = world({ nodes: [] });
    w.guest.on(created(w));
    const r = clusterResource(desired({ readyTimeoutSeconds: 600 }));
    const actual = await r.get(w.read);
    const started = Date.now();
    await r.apply(actual, { ...w.apply(), readBack: nothingToReadBack });
    expect(Date.now() - started).toBeLessThan(5000);
    const polls = w.guest.calls.flat().filter((op) => op.op === 'run' && isReadyPoll(op.argv));
    expect(polls).toEqual([]);
  });

  it('keeps the logs and deletes a cluster that never gets Ready', async () => {
    const w = world({ nodes: [] });
    const deleted: string[] = [];
    w.guest
      .on(created(w))
      .on((argv) => (isReadyPoll(argv) ? { stdout: 'connection refused\nexit=1\n' } : undefined))
      .on((argv) => (argv[1] === 'export' || argv[1] === 'delete' ? (deleted.push(argv[1]), { code: 0 }) : undefined));
    const r = clusterResource(desired({ readyTimeoutSeconds: 0 }));
    const error = await failure(r.apply(await r.get(w.read), w.apply()));
    expect(error.exitCode).toBe(ExitCode.applyFailed);
    expect(error.message).toMatch(
      /not Ready within 0 s: connection refused\. Logs: \/var\/log\/devbox\/kind-devbox-.* The half-made cluster was deleted\./,
    );
    expect(deleted).toEqual(['export', 'delete']);
  });

  it('reports nodes that differ as drift and recreates only when confirmed', async () => {
    const w = world({
      nodes: [{ name: 'devbox-control-plane', image: 'kindest/node:v1.35.0@sha256:' + '4'.repeat(64) }],
    });
    const r = clusterResource(desired({ workers: 1 }));
    const actual = await r.get(w.read);
    const result = r.test(actual);
    expect(result.changes.map((c) => c.property)).toEqual(['worker nodes', 'devbox-control-plane image']);
    const refused = await failure(r.apply(actual, w.apply(false)));
    expect(refused.message).toMatch(/must be recreated .* not done without your agreement/);
    expect(w.guest.mutations).toBe(0);
    const noPrompt = await failure(r.apply(actual, w.apply()));
    expect(noPrompt.message).toMatch(/not done without your agreement/);
  });

  it('fails with exit 7 when Docker is not running, and names the .wslconfig line on cgroup v1', async () => {
    const w = world({ docker: 'stopped' });
    const r = clusterResource(desired());
    const stopped = await failure(r.apply(await r.get(w.read), w.apply()));
    expect(stopped.exitCode).toBe(ExitCode.prerequisiteMissing);
    expect(stopped.message).toMatch(/Docker Engine is not running/);
    const v1 = world({ cgroup: ['tmpfs'], nodes: [] });
    const error = await failure(r.apply(await r.get(v1.read), v1.apply()));
    expect(error.exitCode).toBe(ExitCode.prerequisiteMissing);
    expect(error.message).toMatch(
      /cgroup v1 only .*kernelCommandLine = cgroup_no_v1=all. under \[wsl2\] in %UserProfile%\\.wslconfig/,
    );
  });
});

describe('cluster.runc', () => {
  const pinned = desired({ runc: { policy: 'pin', pinDir: '/srv/runc', allowUnsafe: false } });
  const pin =
    (kind: string, sha = 'b'.repeat(64)) =>
    (argv: readonly string[]) =>
      isPinProbe(argv) ? { stdout: `${kind}\n${kind === 'dir' ? sha : ''}\n` } : undefined;

  it('flags a node whose runc is below the floor, judged by what ran', async () => {
    const w = world({
      nodes: [
        {
          name: 'devbox-control-plane',
          image,
          runc: safeNodeRunc('/usr/local/sbin/runc', 'runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\n'),
        },
      ],
    });
    const r = runcResource(desired());
    const result = r.test(await r.get(w.read));
    expect(result.inDesiredState).toBe(false);
    expect(String(result.changes[0]!.before)).toMatch(/debian build 1.1.5\+ds1-1\+deb12u1/);
  });

  it('requires the pinned binary to be the one that ran', async () => {
    const w = world({ nodes: [{ name: 'devbox-control-plane', image }] }, [pin('dir')]);
    const result = runcResource(pinned).test(await runcResource(pinned).get(w.read));
    expect(result.changes).toEqual([
      {
        property: 'devbox-control-plane runc that ran',
        before: '/usr/local/sbin/runc',
        after: '/opt/devbox/runc/runc (pinned)',
      },
    ]);
    const ok = world(
      {
        nodes: [
          {
            name: 'devbox-control-plane',
            image,
            runc: safeNodeRunc('/opt/devbox/runc/runc', 'runc version 1.4.3\n', 'b'.repeat(64)),
          },
        ],
      },
      [pin('dir')],
    );
    expect(runcResource(pinned).test(await runcResource(pinned).get(ok.read)).inDesiredState).toBe(true);
  });

  it('refuses single-file mounts over runc and unverified probes', async () => {
    const w = world({
      nodes: [
        {
          name: 'a',
          runc: 'binary=/usr/local/sbin/runc\nconfigured=no\nfilemount=/usr/local/sbin/runc\nstarted=yes\nran=/usr/local/sbin/runc\n--version--\nrunc version 1.4.3\n',
        },
        {
          name: 'b',
          role: 'worker',
          runc: 'binary=/usr/local/sbin/runc\nconfigured=no\nstarted=no\nerror=exec format error\n',
        },
      ],
    });
    const r = runcResource(desired());
    const result = r.test(await r.get(w.read));
    expect(result.changes.map((c) => c.property)).toEqual(['a single-file mount', 'b runc']);
    expect(String(result.changes[1]!.before)).toMatch(
      /unverified: the probe container did not start \(exec format error\)/,
    );
  });

  it('stops a plan on a pin path that is a file or missing (exit 3)', async () => {
    for (const [kind, message] of [
      ['file', /is a file\. A single-file bind mount over runc is refused/],
      ['missing', /does not exist in the distro/],
    ] as const) {
      const w = world({ nodes: [] }, [pin(kind)]);
      const error = await failure(runcResource(pinned).get(w.read));
      expect(isUserError(error)).toBe(true);
      expect(error.exitCode).toBe(ExitCode.manifestInvalid);
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/^cluster\.runc\.path: \/srv\/runc/);
    }
  });
});

describe('cluster.image', () => {
  it('refuses an archive whose sha256 differs, and records the loaded id', async () => {
    const archive = { path: '/srv/node.tar', sha256: 'c'.repeat(64) };
    const w = world({ image: undefined }, [
      (argv) => (argv[0] === 'sha256sum' ? { stdout: `${'d'.repeat(64)}  /srv/node.tar\n` } : undefined),
    ]);
    const r = imageResource(desired({ image: 'devbox/node:test', imageArchive: archive }));
    const actual = await r.get(w.read);
    expect(r.test(actual)).toMatchObject({ inDesiredState: false, action: 'create' });
    const error = await failure(r.apply(actual, w.apply()));
    expect(error.message).toMatch(/has sha256 d{64}, not c{64} .*not loaded/);

    const ok = world({ image: `sha256:${'e'.repeat(64)}|[]|["devbox/node:test"]` }, [
      (argv) => (argv[0] === 'sha256sum' ? { stdout: `${'c'.repeat(64)}  /srv/node.tar\n` } : undefined),
      (argv) => (argv[0] === 'docker' && argv[1] === 'load' ? { code: 0 } : undefined),
      (argv) => (argv[0] === 'docker' && argv[1] === 'image' ? { stdout: `sha256:${'e'.repeat(64)}\n` } : undefined),
    ]);
    const loaded = await r.get(ok.read);
    expect(r.test(loaded).inDesiredState).toBe(false);
    await r.apply(loaded, ok.apply());
    expect(r.test(await r.get(ok.read)).inDesiredState).toBe(true);
  });
});
