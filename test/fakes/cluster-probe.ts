/**
 * Output of the cluster probe (src/resources/cluster/probe.ts) built from a description, for unit
 * tests over MemoryGuest: the same sections the real script prints.
 */
import type { ClusterDesired } from '../../src/resources/cluster/desired.js';
export interface FakeNode {
  name: string;
  role?: 'control-plane' | 'worker';
  state?: string;
  image?: string;
  mounts?: { Source: string; Destination: string; RW: boolean; Type?: string }[];
  /** The node probe's output lines (see node-probe.ts). */
  runc?: string;
  ready?: boolean;
}

export interface FakeCluster {
  user?: [string, string];
  cgroup?: string[];
  pid1?: string;
  packages?: string[];
  service?: [string, string];
  group?: string;
  kind?: string[];
  pathKind?: string[];
  docker?: 'missing' | 'stopped' | Record<string, unknown>;
  image?: string;
  nodes?: FakeNode[];
  readyError?: string;
}

export const safeNodeRunc = (
  ran = '/usr/local/sbin/runc',
  version = 'runc version 1.4.3\ncommit: v1.4.3-0-gabc\n',
  sha = 'a'.repeat(64),
) => `binary=${ran}\nconfigured=no\nstarted=yes\nran=${ran}\nransha256=${sha}\n--version--\n${version}`;

export function fakeProbeOutput(f: FakeCluster): string {
  const out: string[] = [];
  const s = (name: string, body: string) => out.push(`\n@@${name}\n${body}`);
  s('user', `${(f.user ?? ['dev', '/home/dev']).join('\n')}\n`);
  s('cgroup', `${(f.cgroup ?? ['cgroup2fs']).join('\n')}\n`);
  s('pid1', `${f.pid1 ?? 'systemd'}\n`);
  s('os', 'ID=ubuntu\nVERSION_CODENAME=noble\nUBUNTU_CODENAME=noble\n');
  s(
    'packages',
    `${(f.packages ?? ['docker-ce 5:28.1.1-1~ubuntu.24.04~noble ii', 'containerd.io 1.7.27-1 ii']).join('\n')}\n`,
  );
  s('service', f.service ? `${f.service.join('\n')}\n` : 'enabled\nactive\n');
  s('group', `${f.group ?? 'docker:x:999:dev'}\n`);
  s('kind', f.kind ? `${f.kind.join('\n')}\n` : '');
  s('pathkind', f.pathKind ? `${f.pathKind.join('\n')}\n` : '');
  if (f.docker === 'missing') {
    s('docker', 'exit=127\n');
    return out.join('');
  }
  if (f.docker === 'stopped') {
    s(
      'docker',
      'exit=1\nCannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
    );
    return out.join('');
  }
  s(
    'docker',
    `exit=0\n${JSON.stringify(f.docker ?? { ServerVersion: '28.1.1', RuncCommit: { ID: 'v1.2.5-0-g59923ef' } })}\n`,
  );
  s('image', f.image ? `${f.image}\n` : '');
  const nodes = f.nodes ?? [];
  s('nodes', nodes.map((n) => `${n.name}|${n.state ?? 'running'}|${n.role ?? 'control-plane'}`).join('\n') + '\n');
  const running = nodes.filter((n) => (n.state ?? 'running') === 'running');
  if (running.length === 0) return out.join('');
  s('inspect', running.map((n) => `/${n.name}|${n.image ?? ''}|${JSON.stringify(n.mounts ?? [])}`).join('\n') + '\n');
  for (const n of running) s(`node ${n.name}`, n.runc ?? safeNodeRunc());
  const items = running.map((n) => ({
    metadata: { name: n.name },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: n.ready === false ? 'False' : 'True',
          ...(n.ready === false ? { reason: 'KubeletNotReady', message: 'PLEG is not healthy' } : {}),
        },
      ],
    },
  }));
  s('ready', f.readyError ? `${f.readyError}\nexit=1\n` : `${JSON.stringify({ items })}\nexit=0\n`);
  return out.join('');
}

/** Is this argv the cluster probe? */
export const isClusterProbe = (argv: readonly string[]) => argv[0] === 'bash' && argv[3] === 'devbox-cluster-probe';
export const isReadyPoll = (argv: readonly string[]) => argv[0] === 'bash' && argv[3] === 'devbox-ready';
export const isPinProbe = (argv: readonly string[]) => argv[0] === 'bash' && argv[3] === 'devbox-runc-pin';

/** A kind cluster as the manifest describes it: one control-plane node, kindnet, safe runc floor. */
export const fakeDesired = (over: Partial<ClusterDesired> = {}): ClusterDesired => ({
  name: 'devbox',
  kindVersion: 'v0.32.0',
  kindUrls: ['https://example.invalid/kind-linux-amd64'],
  image: `kindest/node:v1.36.1@sha256:${'3'.repeat(64)}`,
  workers: 0,
  portMappings: [],
  mounts: [],
  registryMirrors: {},
  cni: 'kindnet',
  readyTimeoutSeconds: 10,
  runc: { policy: 'safe-floor', allowUnsafe: false },
  ...over,
});
