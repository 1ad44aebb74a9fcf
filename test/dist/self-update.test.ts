/**
 * `devbox self-update` run by the real Linux executable against a local HTTPS server (test CA, trusted
 * through DEVBOX_CA_BUNDLE) that publishes latest.json and the executable the way a release does.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsync } from '../rig/guest.js';
import { createTestCa, startHttpsServer, type TestCa, type TestHttpsServer } from '../rig/tls.js';
import { buildStandalone, linuxBinary } from './build.js';

const skip = buildStandalone();

describe.skipIf(skip)('devbox self-update (Linux executable)', () => {
  let ca: TestCa;
  let server: TestHttpsServer;
  let work: string;
  let release: Buffer;
  let metadata: { version: string; assets: Record<string, { sha256: string; size: number }> };

  beforeAll(async () => {
    release = readFileSync(linuxBinary);
    const sha256 = createHash('sha256').update(release).digest('hex');
    metadata = { version: '0.1.0', assets: { 'devbox-linux-x64': { sha256, size: release.length } } };
    ca = createTestCa('devbox-update-ca-');
    server = await startHttpsServer(ca.issue({ ip: ['127.0.0.1'] }), (request, response) => {
      const path = request.url ?? '';
      if (path.startsWith('/down/')) return void response.writeHead(503).end();
      if (path === '/rel/latest/download/latest.json') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata));
      if (path === `/rel/download/v${metadata.version}/devbox-linux-x64`) return void response.writeHead(200).end(release);
      response.writeHead(404).end();
    });
    work = mkdtempSync(join(tmpdir(), 'devbox-update-'));
  });
  afterAll(async () => {
    await server?.close();
    ca?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function installed(): string {
    const dir = mkdtempSync(join(work, 'bin-'));
    const exe = join(dir, 'devbox');
    copyFileSync(linuxBinary, exe);
    return exe;
  }
  async function update(exe: string, args: string[]) {
    const r = await runAsync(exe, ['self-update', ...args], { timeoutMs: 580_000, env: { DEVBOX_CA_BUNDLE: ca.certPath, DEVBOX_CACHE_DIR: join(work, 'cache') } });
    return { code: r.code, stdout: r.stdout, stderr: r.stderr };
  }
  const bases = () => ['--base-url', `${server.origin}/down`, '--base-url', `${server.origin}/rel`];

  it('finds the running version current without downloading it', async () => {
    const exe = installed();
    const before = server.requests.length;
    const r = await update(exe, bases());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('devbox 0.1.0 is the newest release');
    expect(server.requests.slice(before).map((q) => q.path)).toEqual(['/down/latest/download/latest.json', '/rel/latest/download/latest.json']);
  });

  it('replaces the executable with the verified download (falling back past a failing mirror)', async () => {
    const exe = installed();
    const inode = statSync(exe).ino;
    const r = await update(exe, [...bases(), '--force', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'updated', from: '0.1.0', to: '0.1.0', sha256: metadata.assets['devbox-linux-x64']!.sha256 });
    expect(statSync(exe).ino).not.toBe(inode);
    expect(readFileSync(exe).equals(release)).toBe(true);
    expect(statSync(exe).mode & 0o111).toBe(0o111);
    // Off Windows the old file is unlinked at once; no download or temp file is left.
    expect(readdirSync(join(exe, '..'))).toEqual(['devbox']);
  });

  it('refuses a download whose sha256 is not the published one, changing nothing', async () => {
    const exe = installed();
    const inode = statSync(exe).ino;
    const good = metadata.assets['devbox-linux-x64']!;
    metadata.assets['devbox-linux-x64'] = { ...good, sha256: 'f'.repeat(64) };
    try {
      const r = await update(exe, [...bases(), '--force']);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/sha256/i);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      metadata.assets['devbox-linux-x64'] = good;
    }
    expect(statSync(exe).ino).toBe(inode);
    expect(readdirSync(join(exe, '..'))).toEqual(['devbox']);
  });

  it('refuses metadata that disagrees with a --sha256 pin', async () => {
    const exe = installed();
    const r = await update(exe, [...bases(), '--force', '--sha256', '0'.repeat(64)]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('not the 0000');
    expect(readdirSync(join(exe, '..'))).toEqual(['devbox']);
  });

  it('refuses a file that does not run as the announced version', async () => {
    const exe = installed();
    const inode = statSync(exe).ino;
    metadata.version = '0.2.0';
    try {
      const check = await update(exe, [...bases(), '--check']);
      expect(check.code, check.stderr).toBe(0);
      expect(check.stdout).toContain('devbox 0.2.0 is available');
      const r = await update(exe, bases());
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('does not run as devbox 0.2.0');
    } finally {
      metadata.version = '0.1.0';
    }
    expect(statSync(exe).ino).toBe(inode);
    expect(readdirSync(join(exe, '..'))).toEqual(['devbox']);
  });
});
