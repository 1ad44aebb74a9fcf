/**
 * `devbox cluster debug kubelet` on a real kind node of the rig: a Go stand-in kubelet built with
 * Debian's Go and `-gcflags=all=-N -l` (it runs the rig's simulated kubelet as its child), Debian's
 * Delve copied in, the drop-in applied; the test attaches through Delve's JSON-RPC API (what `dlv
 * connect` and the IDEs speak), sets a breakpoint, sees it hit, then `--restore`s and the node is Ready.
 * Then `--build` on a Kubernetes-shaped checkout (assets/kube-tree) end to end, and its refusal of a
 * release-style (optimised, stripped) build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPrerequisites } from '../rig/privileges.js';
import { runDevbox } from '../rig/cli.js';
import { clusterCache, createKindCluster, ensureDocker, randomClusterName, type KindCluster } from './rig/index.js';

const unavailable = missingPrerequisites('kubelet under Delve in a kind node', ['docker', 'go', 'dlv', 'debootstrap']);

/** Delve's JSON-RPC 2 (net/rpc/jsonrpc): one request, its answer. */
function rpc(host: string, port: number) {
  const socket = connect(port, host);
  let buffer = '';
  const waiting = new Map<number, (v: { result?: unknown; error?: string | null }) => void>();
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const msg = JSON.parse(buffer.slice(0, nl)) as { id: number; result?: unknown; error?: string | null };
      buffer = buffer.slice(nl + 1);
      waiting.get(msg.id)?.(msg);
    }
  });
  let id = 0;
  return {
    ready: new Promise<void>(
      (resolve, reject) => (socket.once('connect', () => resolve()), socket.once('error', reject)),
    ),
    call: (method: string, params: unknown) =>
      new Promise<{ result?: unknown; error?: string | null }>((resolve) => {
        const n = ++id;
        waiting.set(n, resolve);
        socket.write(`${JSON.stringify({ method: `RPCServer.${method}`, params: [params], id: n })}\n`);
      }),
    send: (method: string, params: unknown) =>
      socket.write(`${JSON.stringify({ method: `RPCServer.${method}`, params: [params], id: ++id })}\n`),
    close: () => socket.end(),
  };
}

describe.runIf(!unavailable)('cluster debug kubelet', () => {
  let cluster: KindCluster;
  let node: string;
  let env: Record<string, string | undefined>;
  const dir = mkdtempSync(join(tmpdir(), 'devbox-dlv-'));
  const binary = join(dir, 'kubelet-standin');
  const port = 20000 + Math.floor(Math.random() * 20000);

  beforeAll(() => {
    const cache = join(clusterCache, 'gocache');
    mkdirSync(cache, { recursive: true });
    execFileSync('go', ['build', '-gcflags=all=-N -l', '-o', binary, 'main.go'], {
      cwd: new URL('./assets/kubelet-standin/', import.meta.url).pathname,
      env: { ...process.env, CGO_ENABLED: '0', GO111MODULE: 'off', GOCACHE: cache, HOME: dir },
    });
    const engine = ensureDocker();
    cluster = createKindCluster(engine, { name: randomClusterName('dlv') });
    node = cluster.nodes[0]!;
    env = { DOCKER_HOST: engine.host };
    writeFileSync(join(dir, 'devbox.yaml'), `version: 1\ncluster:\n  name: ${cluster.name}\n`);
  });

  afterAll(() => {
    cluster?.delete();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Attaches over Delve's JSON-RPC, sees a breakpoint on main.relist hit, clears it and lets kubelet run on. */
  async function breakpointHits(address: string, dlvPort: number) {
    const client = rpc(address, dlvPort);
    await client.ready;
    await client.call('Command', { name: 'halt' });
    const bp = await client.call('CreateBreakpoint', { Breakpoint: { functionName: 'main.relist' } });
    expect(bp.error ?? null).toBeNull();
    const hit = (await client.call('Command', { name: 'continue' })) as {
      result: {
        State: { currentThread: { breakPoint: { functionName: string } | null; function?: { name: string } } };
      };
      error?: string | null;
    };
    expect(hit.error ?? null).toBeNull();
    expect(hit.result.State.currentThread.breakPoint?.functionName).toBe('main.relist');
    await client.call('ClearBreakpoint', { Id: (bp.result as { Breakpoint: { id: number } }).Breakpoint.id });
    client.send('Command', { name: 'continue' });
    client.close();
  }

  function restore(m: string) {
    const restored = runDevbox(['cluster', 'debug', 'kubelet', '-m', m, '--restore'], { env });
    expect(restored.code, restored.stderr).toBe(0);
    expect(cluster.exec(node, ['systemctl', 'cat', 'kubelet.service'])).not.toContain('dlv');
    cluster.kubectl(['wait', '--for=condition=Ready', `node/${node}`, '--timeout=60s']);
  }

  it('runs kubelet under Delve, a breakpoint hits, --restore puts kubelet back and the node is Ready', async () => {
    const m = join(dir, 'devbox.yaml');
    const r = runDevbox(
      ['cluster', 'debug', 'kubelet', '-m', m, '--binary', binary, '--port', String(port), '--json'],
      { env },
    );
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const out = JSON.parse(r.stdout) as {
      address: string;
      port: number;
      ide: { vscode: { configurations: { host: string; port: number }[] } };
    };
    expect(out.ide.vscode.configurations[0]).toMatchObject({ host: out.address, port });
    expect(cluster.exec(node, ['systemctl', 'cat', 'kubelet.service'])).toContain(
      `--listen=:${port} --continue /usr/local/bin/kubelet-devbox-debug --`,
    );
    cluster.kubectl(['wait', '--for=condition=Ready', `node/${node}`, '--timeout=60s']);
    await breakpointHits(out.address, port);
    restore(m);
  });

  /** A Kubernetes-shaped checkout (assets/kube-tree: its Makefile honours DBG=1 as kubernetes' does). */
  function kubeTree(name: string, makefile?: (text: string) => string): string {
    const tree = join(dir, name);
    cpSync(new URL('./assets/kube-tree/', import.meta.url).pathname, tree, { recursive: true });
    mkdirSync(join(tree, 'cmd/kubelet'), { recursive: true });
    copyFileSync(
      new URL('./assets/kubelet-standin/main.go', import.meta.url).pathname,
      join(tree, 'cmd/kubelet/main.go'),
    );
    if (makefile) writeFileSync(join(tree, 'Makefile'), makefile(readFileSync(join(tree, 'Makefile'), 'utf8')));
    return tree;
  }

  it('--build runs make all WHAT=cmd/kubelet DBG=1, checks the build settings, and Delve stops in it', async () => {
    const m = join(dir, 'devbox.yaml');
    const tree = kubeTree('kubernetes');
    const buildPort = port + 1;
    const r = runDevbox(
      ['cluster', 'debug', 'kubelet', '-m', m, '--build', tree, '--port', String(buildPort), '--json'],
      { env: { ...env, GOCACHE: join(clusterCache, 'gocache'), HOME: dir } },
    );
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const out = JSON.parse(r.stdout) as { address: string; built: { path: string; settingsChecked: boolean } };
    expect(out.built).toEqual({ path: join(tree, '_output/bin/kubelet'), settingsChecked: true });
    expect(execFileSync('go', ['version', '-m', out.built.path], { encoding: 'utf8' })).toMatch(
      /build\s+-gcflags="all=-N -l"/,
    );
    expect(cluster.exec(node, ['systemctl', 'cat', 'kubelet.service'])).toContain(
      `--listen=:${buildPort} --continue /usr/local/bin/kubelet-devbox-debug --`,
    );
    cluster.kubectl(['wait', '--for=condition=Ready', `node/${node}`, '--timeout=60s']);
    await breakpointHits(out.address, buildPort);
    restore(m);
  });

  it('--build refuses a kubelet built optimised and stripped, before touching the node', () => {
    const m = join(dir, 'devbox.yaml');
    // A Makefile that ignores DBG: optimised, -s -w, as a release build.
    const tree = kubeTree('kubernetes-nodbg', (text) => text.replace('DBG ?=', 'override DBG :='));
    const r = runDevbox(['cluster', 'debug', 'kubelet', '-m', m, '--build', tree, '--port', String(port + 2)], {
      env: { ...env, GOCACHE: join(clusterCache, 'gocache'), HOME: dir },
    });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(
      /_output\/bin\/kubelet is not a debug build: optimisations are on \(no -gcflags -N\); inlining is on \(no -gcflags -l\); it is stripped \(-ldflags -s -w\)/,
    );
    expect(cluster.exec(node, ['systemctl', 'cat', 'kubelet.service'])).not.toContain('dlv');
  });
});
