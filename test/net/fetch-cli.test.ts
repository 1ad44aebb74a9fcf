/**
 * `devbox net fetch` as users run it: a real process against real local servers. A SIGKILLed
 * devbox resumes from what it had; a second fetch of a pinned file comes from the cache; failures
 * exit 4 with a message naming the URL; a test CA is trusted through --ca-bundle or the environment.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './http-server.mjs';
import { devbox, randomFile, tempDir } from './helpers.js';
import { makeTestCa, type TestCa } from './ca.js';
import { startDevbox } from '../rig/cli.js';

const MiB = 1024 * 1024;
let server: TestServer;
let work: ReturnType<typeof tempDir>;

beforeAll(async () => {
  server = await startTestServer();
  work = tempDir('cli');
});
afterAll(async () => {
  await server.close();
  work.dispose();
});

function doneBytes(statePath: string): number {
  try {
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { done: Array<[number, number]> };
    return state.done.reduce((n, [s, e]) => n + (e - s), 0);
  } catch {
    return 0;
  }
}

describe('devbox net fetch', () => {
  it('resumes after the process is SIGKILLed, then serves the next fetch from the cache', async () => {
    const file = randomFile(8 * MiB);
    server.file('/big.bin', file.data, { ratePerConnection: 1 * MiB });
    const cache = join(work.path, 'cache-kill');
    const out = join(work.path, 'big.bin');
    const env = { DEVBOX_CACHE_DIR: cache };
    const args = [
      'net',
      'fetch',
      server.url('/big.bin'),
      '--sha256',
      file.sha256,
      '--connections',
      '2',
      '-o',
      out,
      '--json',
    ];

    const child = startDevbox(args, { env: { ...env, HTTP_PROXY: '', HTTPS_PROXY: '' } });
    const statePath = join(cache, 'partial', `${file.sha256}.part.state`);
    const deadline = Date.now() + 30_000;
    while (doneBytes(statePath) < 2 * MiB) {
      if (Date.now() > deadline) throw new Error('the download never got 2 MiB on disk');
      await sleep(50);
    }
    child.kill('SIGKILL');
    const [, signal] = (await new Promise((resolve) => child.on('close', (...a) => resolve(a)))) as [
      number | null,
      string | null,
    ];
    expect(signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    const kept = doneBytes(statePath);
    expect(kept).toBeGreaterThanOrEqual(2 * MiB);

    server.resetStats();
    const resumed = await devbox(args, env);
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    const result = JSON.parse(resumed.stdout) as {
      source: string;
      resumedBytes: number;
      downloadedBytes: number;
      sha256: string;
    };
    expect(result).toMatchObject({ source: 'network', sha256: file.sha256 });
    expect(result.resumedBytes).toBeGreaterThanOrEqual(kept);
    expect(result.resumedBytes + result.downloadedBytes).toBe(file.data.length);
    // Only the missing bytes crossed the network the second time (give or take what was in flight
    // on a connection dropped when an idle one took over the end of its piece).
    expect(server.stats.bytesSent).toBeGreaterThanOrEqual(file.data.length - result.resumedBytes);
    expect(server.stats.bytesSent).toBeLessThan(file.data.length - result.resumedBytes + 512 * 1024);
    expect(readFileSync(out).equals(file.data)).toBe(true);
    expect(existsSync(statePath)).toBe(false);

    server.resetStats();
    const again = await devbox(
      ['net', 'fetch', server.url('/big.bin'), '--sha256', file.sha256, '-o', join(work.path, 'copy.bin'), '--json'],
      env,
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ source: 'cache', downloadedBytes: 0 });
    expect(server.stats.requests).toHaveLength(0);
    expect(readFileSync(join(work.path, 'copy.bin')).equals(file.data)).toBe(true);
  });

  it('prints what it did for humans, with the file name taken from the URL', async () => {
    const file = randomFile(300_000);
    server.file('/dir/named.tar.gz', file.data);
    const cwdOut = join(work.path, 'human');
    mkdirSync(cwdOut);
    const run = await devbox(
      ['net', 'fetch', server.url('/dir/named.tar.gz'), '--sha256', file.sha256],
      { DEVBOX_CACHE_DIR: join(work.path, 'cache-h') },
      cwdOut,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Saved ${join(cwdOut, 'named.tar.gz')} (293.0 KiB, sha256 ${file.sha256})`);
    expect(run.stdout).toContain(`from ${server.url('/dir/named.tar.gz')}`);
  });

  it('exits 4 on a checksum mismatch, naming the URL and the expected hash, leaving no file', async () => {
    server.file('/wrong.bin', randomFile(100_000).data);
    const expected = 'a'.repeat(64);
    const out = join(work.path, 'wrong.bin');
    const run = await devbox(['net', 'fetch', server.url('/wrong.bin'), '--sha256', expected, '-o', out, '--json'], {
      DEVBOX_CACHE_DIR: join(work.path, 'cache-w'),
    });
    expect(run.code).toBe(4);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string; suggestions: string[] } };
    expect(error.code).toBe('net.checksum');
    expect(error.message).toContain(server.url('/wrong.bin'));
    expect(error.message).toContain(`expected sha256 ${expected}`);
    // The expected hash came from --sha256, not from a manifest: the hint says so, in both languages.
    expect(error.suggestions).toEqual([expect.stringContaining('different bytes than --sha256 expects')]);
    expect(error.suggestions.join()).not.toContain('manifest');
    expect(existsSync(out)).toBe(false);
    const zh = await devbox(['net', 'fetch', server.url('/wrong.bin'), '--sha256', expected, '-o', out], {
      DEVBOX_CACHE_DIR: join(work.path, 'cache-w'),
      LC_ALL: 'zh_CN.UTF-8',
    });
    expect(zh.code).toBe(4);
    expect(zh.stderr).toContain('与 --sha256 给出的校验和不符');
    expect(zh.stderr).not.toContain('清单');
  });

  it('exits 4 on a redirect loop, and 2 on a malformed sha256', async () => {
    server.redirect('/ping', '/pong').redirect('/pong', '/ping');
    const loop = await devbox(['net', 'fetch', server.url('/ping'), '-o', join(work.path, 'loop')]);
    expect(loop.code).toBe(4);
    expect(loop.stderr).toContain(
      `redirect loop: ${server.url('/ping')} → ${server.url('/pong')} → ${server.url('/ping')}`,
    );
    const bad = await devbox(['net', 'fetch', server.url('/ping'), '--sha256', 'xyz', '-o', join(work.path, 'bad')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"xyz" is not a sha256');
  });

  it('exits 2 before fetching when -o is a folder or lies under a file, leaving nothing behind', async () => {
    server.file('/small.bin', randomFile(50_000).data);
    server.resetStats();
    const folder = join(work.path, 'a-folder');
    mkdirSync(folder);
    const into = await devbox(['net', 'fetch', server.url('/small.bin'), '-o', folder]);
    expect([into.code, into.stderr]).toEqual([
      2,
      `Error: ${folder} is a folder: give the file to write with -o FILE.\n`,
    ]);
    const file = join(work.path, 'a-file');
    writeFileSync(file, 'x');
    const under = await devbox([
      'net',
      'fetch',
      server.url('/small.bin'),
      '-o',
      join(file, 'x.bin'),
      '--lang',
      'zh-CN',
    ]);
    expect([under.code, under.stderr]).toEqual([
      2,
      `错误：无法写入 ${join(file, 'x.bin')}：${file} 是文件，不是文件夹。\n`,
    ]);
    expect(server.stats.requests).toHaveLength(0);
    expect(existsSync(`${folder}.devbox-partial`)).toBe(false);
  });

  it('exits 2 before fetching when -o is a device, pipe or socket, and leaves it as it was', async () => {
    server.file('/small.bin', randomFile(50_000).data);
    server.resetStats();
    // A unix socket stands for /dev/null (which the rename into place replaced when run as root).
    const socketPath = join(work.path, 'a-socket');
    const listening = createServer();
    await new Promise<void>((resolve) => listening.listen(socketPath, resolve));
    try {
      const into = await devbox(['net', 'fetch', server.url('/small.bin'), '-o', socketPath]);
      expect([into.code, into.stderr]).toEqual([
        2,
        `Error: ${socketPath} is not a regular file (a device, pipe or socket), which a download never replaces: ` +
          'give the file to write with -o FILE.\n',
      ]);
      expect(statSync(socketPath).isSocket()).toBe(true);
      expect(server.stats.requests).toHaveLength(0);
    } finally {
      listening.close();
    }
  });

  describe('TLS with a CA made for the test', () => {
    let ca: TestCa;
    let tls: TestServer;
    const file = randomFile(200_000);
    beforeAll(async () => {
      ca = makeTestCa();
      tls = await startTestServer({ tls: ca.issue(['127.0.0.1']) });
      tls.file('/secure.bin', file.data);
    });
    afterAll(async () => {
      await tls.close();
      ca.dispose();
    });

    it('refuses an untrusted server, and says how to trust a CA', async () => {
      const run = await devbox(['net', 'fetch', tls.url('/secure.bin'), '-o', join(work.path, 'untrusted')]);
      expect(run.code).toBe(4);
      expect(run.stderr).toContain(
        `${tls.url('/secure.bin')}: TLS verification failed: the certificate chain is not trusted`,
      );
      expect(run.stderr).toContain('--ca-bundle FILE or DEVBOX_CA_BUNDLE');
    });

    it('trusts the CA given with --ca-bundle or DEVBOX_CA_BUNDLE', async () => {
      const flag = await devbox([
        'net',
        'fetch',
        tls.url('/secure.bin'),
        '--sha256',
        file.sha256,
        '--no-cache',
        '--ca-bundle',
        ca.caFile,
        '-o',
        join(work.path, 'trusted1'),
      ]);
      expect(flag.code, flag.stderr).toBe(0);
      const env = await devbox(
        [
          'net',
          'fetch',
          tls.url('/secure.bin'),
          '--sha256',
          file.sha256,
          '--no-cache',
          '-o',
          join(work.path, 'trusted2'),
        ],
        { DEVBOX_CA_BUNDLE: ca.caFile },
      );
      expect(env.code, env.stderr).toBe(0);
      expect(readFileSync(join(work.path, 'trusted2')).equals(file.data)).toBe(true);
    });
  });
});
