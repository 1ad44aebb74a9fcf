/**
 * The cluster rig itself, for real: a Docker Engine, the real kind (Debian sid) creating a cluster from the
 * rig's node image, the host's kubectl seeing the node Ready, a container run through the node's real
 * containerd and runc, and a cleanup that leaves no containers, images, networks, volumes or mounts behind and
 * no sysctl changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKindCluster,
  ensureDocker,
  hostSnapshot,
  kindBinary,
  kubectlBinary,
  leftovers,
  loadTinyImage,
  nodeImage,
  type DockerEngine,
  type HostSnapshot,
  type KindCluster,
  rigUnavailable,
} from './rig/index.js';

const unavailable = rigUnavailable();

describe.runIf(!unavailable)('cluster rig: Docker Engine + real kind + the rig node image', () => {
  let engine: DockerEngine;
  let before: HostSnapshot;
  let image: string;
  let cluster: KindCluster | undefined;
  let tiny = '';
  const mine: string[] = [];

  beforeAll(() => {
    engine = ensureDocker();
    image = nodeImage(engine);
    kindBinary();
    kubectlBinary();
    before = hostSnapshot(engine);
  });
  afterAll(() => {
    cluster?.delete();
  });

  it('runs a Docker Engine that answers on the socket it names', () => {
    expect(engine.host).toMatch(/^unix:\/\//);
    expect(engine.docker(['version', '--format', '{{.Server.Version}}']).trim()).toMatch(/^\d+\.\d+/);
    // Where the sandbox lacks CAP_SYS_RESOURCE the rig's own engine must run the capability-dropping runtime.
    const runtime = engine.docker(['info', '--format', '{{.DefaultRuntime}}']).trim();
    expect(runtime).toBe(engine.capDropWrapper ? 'devbox-capdrop' : runtime);
  });

  it('creates a cluster with the real kind, and the host kubectl sees its node Ready', () => {
    expect(kindBinary().version).toMatch(/^0\.\d+\./);
    cluster = createKindCluster(engine, { image });
    const c = cluster;
    mine.push(c.name, ...c.nodes);
    for (const node of c.nodes) {
      const [id, ...volumes] = engine
        .docker([
          'inspect',
          '--format',
          '{{.Id}} {{.GraphDriver.Data.MergedDir}} {{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}',
          node,
        ])
        .trim()
        .split(/\s+/);
      mine.push(id!, ...volumes.filter(Boolean));
    }
    expect(c.nodes).toEqual([`${c.name}-control-plane`]);
    const nodes = c.kubectl(['get', 'nodes', '--no-headers']).trim().split(/\s+/);
    expect(nodes.slice(0, 3)).toEqual([`${c.name}-control-plane`, 'Ready', 'control-plane']);
    const ready = JSON.parse(
      c.kubectl(['get', 'node', `${c.name}-control-plane`, '-o', 'json']),
    ).status.conditions.find((x: { type: string }) => x.type === 'Ready');
    expect([ready.status, ready.reason, ready.message]).toEqual([
      'True',
      'KubeletReady',
      'kubelet is posting ready status',
    ]);
    expect(c.kubectl(['config', 'current-context']).trim()).toBe(`kind-${c.name}`);
    expect(c.kubectl(['get', '--raw', '/readyz']).trim()).toBe('ok');
  });

  it('runs a container in the node through its real containerd and runc', () => {
    const c = cluster!;
    tiny = loadTinyImage(c);
    const node = c.nodes[0]!;
    const out = c.exec(node, [
      'ctr',
      '-n',
      'k8s.io',
      'run',
      '--rm',
      tiny,
      'rig-probe',
      '/bin/sh',
      '-c',
      'echo hello from $$; cat /proc/1/comm',
    ]);
    expect(out.split('\n')).toEqual(['hello from 1', 'sh', '']);
    expect(c.exec(node, ['runc', '--version'])).toMatch(/^runc version 1\.\d+\.\d+/);
    expect(c.exec(node, ['ctr', '-n', 'k8s.io', 'containers', 'ls', '-q']).trim()).toBe('');
  });

  it('leaves nothing behind after kind delete cluster', () => {
    const cached = [image, tiny.replace('docker.io/library/', '')];
    // The check sees a live cluster, so an empty answer below means the delete really cleaned up.
    const live = leftovers(before, hostSnapshot(engine), mine, cached);
    expect(live.some((x) => x.startsWith('container '))).toBe(true);
    expect(live.some((x) => x.startsWith('mount ') && x.endsWith('/merged'))).toBe(true);
    cluster!.delete();
    cluster = undefined;
    const after = hostSnapshot(engine);
    expect(leftovers(before, after, mine, cached)).toEqual([]);
    expect(after.containers.filter((x) => mine.some((m) => x.includes(m)))).toEqual([]);
  });
});
