/**
 * The downloader against real local HTTP(S) servers: ranges over several connections, the
 * single-stream fallback, retries, mirrors, resume, the cache, and every failure the user must
 * be able to tell apart (checksum, truncated body, wrong length, redirect loop, TLS).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './http-server.mjs';
import { makeDownloader, randomFile, sha256, tempDir } from './helpers.js';
import { makeTestCa, type TestCa } from './ca.js';
import { startProxyServer } from './proxy-server.js';
import { NetError, AllSourcesFailedError } from '../../src/net/errors.js';
import { InterruptedError } from '../../src/errors.js';
import type { DownloadProgress } from '../../src/net/download/progress.js';

const MiB = 1024 * 1024;
let server: TestServer;
const closers: Array<() => Promise<unknown> | unknown> = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  server.resetStats();
});

function setup(options: Parameters<typeof makeDownloader>[0] = {}) {
  const work = tempDir('dl');
  const cacheDir = join(work.path, 'cache');
  const { downloader, close } = makeDownloader({ cacheDir, ...options });
  closers.push(close, () => work.dispose());
  return { downloader, cacheDir, dir: work.path };
}

/** Files left in a directory (to prove no partial file stays where the final file goes). */
function listing(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('segmented downloads', () => {
  it('fetches a file over several connections with Range requests and verifies it', async () => {
    const file = randomFile(6 * MiB + 12345);
    server.file('/seg.bin', file.data, { ratePerConnection: 8 * MiB });
    const { downloader, dir } = setup({ deps: { minPieceBytes: 256 * 1024, progressIntervalMs: 20 } });
    const events: DownloadProgress[] = [];
    const result = await downloader.download({
      urls: [server.url('/seg.bin')],
      sha256: file.sha256,
      dest: join(dir, 'out.bin'),
      connections: 4,
      onProgress: (p) => events.push(p),
    });

    expect(readFileSync(join(dir, 'out.bin')).equals(file.data)).toBe(true);
    expect(result).toMatchObject({
      source: 'network',
      sha256: file.sha256,
      size: file.data.length,
      downloadedBytes: file.data.length,
      resumedBytes: 0,
    });
    const ranged = server.stats.requests.filter((r) => r.path === '/seg.bin');
    expect(ranged.every((r) => r.status === 206 && /^bytes=\d+-\d+$/.test(r.range ?? ''))).toBe(true);
    expect(server.stats.maxConcurrentConnections).toBeGreaterThanOrEqual(4);
    // Pieces do not overlap: little more than the file crossed the network (a connection whose
    // tail was taken over by an idle one is dropped with a few KiB in flight).
    expect(server.stats.bytesSent).toBeLessThan(file.data.length * 1.05);
    const last = events[events.length - 1]!;
    expect(last).toMatchObject({ done: true, bytes: file.data.length, total: file.data.length });
    expect(events.some((e) => !e.done && e.rate > 0 && e.etaSeconds !== undefined)).toBe(true);
    expect(events.map((e) => e.bytes)).toEqual([...events.map((e) => e.bytes)].sort((a, b) => a - b));
  });

  it('splits the file as aria2c does: one request per connection, no extra connections', async () => {
    // Issue 15 item 8: 35 requests on 11-13 connections for 8 asked, where aria2c makes 8 on 8.
    const file = randomFile(4 * MiB);
    server.file('/split.bin', file.data, { ratePerConnection: 2 * MiB });
    const { downloader, dir } = setup({ deps: { minPieceBytes: 256 * 1024 } });
    await downloader.download({
      urls: [server.url('/split.bin')],
      sha256: file.sha256,
      dest: join(dir, 'f'),
      connections: 4,
    });
    const ranged = server.stats.requests.filter((r) => r.path === '/split.bin');
    // The first request probes one minimum piece; then every connection asks once for its share (5
    // requests on 4 connections; a machine too loaded to keep the connections even may take over one
    // lagging tail: one more request, and its connection).
    expect(ranged.length).toBeGreaterThanOrEqual(5);
    expect(ranged.length).toBeLessThanOrEqual(6);
    expect(server.stats.connections).toBeLessThanOrEqual(5);
    expect(server.stats.bytesSent).toBeLessThan(file.data.length * 1.05);
  });

  it('falls back to one stream when the server ignores Range', async () => {
    const file = randomFile(3 * MiB);
    server.file('/norange.bin', file.data, { ranges: false });
    const { downloader, dir } = setup();
    const result = await downloader.download({
      urls: [server.url('/norange.bin')],
      sha256: file.sha256,
      dest: join(dir, 'f'),
      connections: 8,
    });
    expect(result.size).toBe(file.data.length);
    expect(server.stats.requests.filter((r) => r.path === '/norange.bin')).toHaveLength(1);
    expect(server.stats.bytesSent).toBe(file.data.length);
  });

  it('downloads a body of unknown length (chunked) in one stream', async () => {
    const file = randomFile(700_000);
    server.file('/chunked.bin', file.data, { ranges: false, chunked: true });
    const { downloader, dir } = setup();
    const result = await downloader.download({ urls: [server.url('/chunked.bin')], dest: join(dir, 'f') });
    expect(result.sha256).toBe(file.sha256);
    expect(readFileSync(join(dir, 'f')).equals(file.data)).toBe(true);
  });

  it('downloads an empty file', async () => {
    server.file('/empty.bin', Buffer.alloc(0));
    const { downloader, dir } = setup();
    const result = await downloader.download({
      urls: [server.url('/empty.bin')],
      sha256: sha256(Buffer.alloc(0)),
      dest: join(dir, 'empty'),
    });
    expect(result.size).toBe(0);
    expect(readFileSync(join(dir, 'empty'))).toHaveLength(0);
  });

  it('follows redirects once, then fetches every piece from where they ended', async () => {
    const file = randomFile(4 * MiB);
    server.file('/real.bin', file.data);
    server.redirect('/hop1', '/hop2', 301).redirect('/hop2', server.url('/real.bin'), 302);
    const { downloader, dir } = setup({ deps: { minPieceBytes: 256 * 1024 } });
    await downloader.download({
      urls: [server.url('/hop1')],
      sha256: file.sha256,
      dest: join(dir, 'f'),
      connections: 3,
    });
    expect(server.stats.requests.filter((r) => r.path === '/hop1')).toHaveLength(1);
    expect(server.stats.requests.filter((r) => r.path === '/real.bin').length).toBeGreaterThan(3);
  });
});

// Issue 15 item 8: servers that break Range. Each is detected, the download continues as one stream, and
// never more than the file's size plus one retry's worth crosses the network (server.stats.bytesSent).
describe('servers that misbehave with Range', () => {
  const size = 4 * MiB;
  const cases: Array<[string, Parameters<TestServer['file']>[2], { ok: boolean; maxSent: number; note?: RegExp }]> = [
    [
      'advertises Accept-Ranges but answers 200',
      { ranges: 'ignored' },
      {
        ok: true,
        maxSent: size,
        note: /advertises Accept-Ranges: bytes but answered a range request with the whole file/,
      },
    ],
    [
      'ignores Range and drops the first answer',
      { ranges: 'ignored', resetAfterBytes: 1536 * 1024, resets: 1 },
      { ok: true, maxSent: size + 1536 * 1024, note: /ignored Range when resuming at byte \d+ \(HTTP 200\)/ },
    ],
    [
      'ignores Range and drops every answer',
      { ranges: 'ignored', resetAfterBytes: 1536 * 1024 },
      { ok: false, maxSent: 2 * size },
    ],
    [
      '200 after 206',
      { rangesFor: 2, ratePerConnection: 16 * MiB },
      { ok: true, maxSent: 2 * size, note: /stopped doing ranges \(HTTP 200 after 206, same file\)/ },
    ],
    [
      'wrong Content-Range',
      { contentRangeShift: 1 },
      { ok: true, maxSent: size + 256 * 1024, note: /answered a range request with a wrong Content-Range \(bytes 1-/ },
    ],
    ['short bodies on ranges', { resetAfterBytes: 100_000, resets: 3 }, { ok: true, maxSent: size + 3 * 100_000 }],
  ];
  it.each(cases)('%s', async (name, behaviour, expected) => {
    const file = randomFile(size);
    const path = `/misbehave-${name.replace(/\W+/g, '-')}.bin`;
    server.file(path, file.data, behaviour);
    const { downloader, dir } = setup({ deps: { minPieceBytes: 256 * 1024 } });
    const outcome = await downloader
      .download({ urls: [server.url(path)], sha256: file.sha256, dest: join(dir, 'f'), connections: 4 })
      .catch((e: unknown) => e);
    const sent = server.stats.bytesSent;
    expect(sent).toBeLessThanOrEqual(expected.maxSent);
    if (!expected.ok) {
      expect(outcome).toBeInstanceOf(NetError);
      expect((outcome as NetError).message).toMatch(
        /the server ignores Range, so every retry starts again from byte 0; gave up after one retry's worth/,
      );
      return;
    }
    if (outcome instanceof Error) throw outcome;
    const result = outcome as Awaited<ReturnType<typeof downloader.download>>;
    expect(readFileSync(join(dir, 'f')).equals(file.data)).toBe(true);
    // What the client counted matches what the server sent, give or take bytes in flight when a connection dropped.
    expect(result.transferredBytes).toBeLessThanOrEqual(sent);
    expect(result.transferredBytes).toBeGreaterThanOrEqual(size);
    if (expected.note) expect(result.serverNotes.join('\n')).toMatch(expected.note);
  });
});

describe('retries and mirrors', () => {
  it('retries 503 answers with backoff', async () => {
    const file = randomFile(500_000);
    server.file('/flaky.bin', file.data, { failFirst: { count: 2, status: 503 } });
    const { downloader, dir } = setup();
    const result = await downloader.download({
      urls: [server.url('/flaky.bin')],
      sha256: file.sha256,
      dest: join(dir, 'f'),
    });
    expect(result.source).toBe('network');
    expect(server.stats.requests.map((r) => r.status).slice(0, 3)).toEqual([503, 503, 206]);
  });

  it('survives connections reset mid-body and fetches only what is missing', async () => {
    const file = randomFile(4 * MiB);
    // The first three answers are cut off after 300 KB each.
    server.file('/resets.bin', file.data, { resetAfterBytes: 300_000, resets: 3 });
    const { downloader, dir } = setup({ deps: { minPieceBytes: 1 * MiB } });
    const result = await downloader.download({
      urls: [server.url('/resets.bin')],
      sha256: file.sha256,
      dest: join(dir, 'f'),
      connections: 2,
    });
    expect(readFileSync(join(dir, 'f')).equals(file.data)).toBe(true);
    expect(result.downloadedBytes).toBe(file.data.length);
    // Resumed where each reset stopped, not from the start of the piece: at most what the three
    // cut-off answers carried is fetched again.
    expect(server.stats.bytesSent).toBeLessThan(file.data.length + 3 * 300_000);
    expect(server.stats.requests.filter((r) => r.path === '/resets.bin').length).toBeGreaterThan(4);
  });

  it('moves to the next mirror when one fails, and reports the failed one', async () => {
    const file = randomFile(300_000);
    server.file('/m2.bin', file.data);
    const { downloader, dir } = setup();
    const result = await downloader.download({
      urls: [server.url('/missing.bin'), server.url('/m2.bin')],
      sha256: file.sha256,
      dest: join(dir, 'f'),
    });
    expect(result.url).toBe(server.url('/m2.bin'));
    expect(result.failures).toEqual([expect.objectContaining({ url: server.url('/missing.bin'), kind: 'http' })]);
    expect(result.failures[0]!.message).toContain('HTTP 404');
  });

  it('moves on from a mirror that serves the wrong bytes, discarding them', async () => {
    const file = randomFile(400_000);
    const wrong = randomFile(400_000);
    server.file('/evil.bin', wrong.data).file('/good.bin', file.data);
    const { downloader, dir } = setup();
    const result = await downloader.download({
      urls: [server.url('/evil.bin'), server.url('/good.bin')],
      sha256: file.sha256,
      dest: join(dir, 'f'),
    });
    expect(readFileSync(join(dir, 'f')).equals(file.data)).toBe(true);
    expect(result.failures[0]).toMatchObject({ kind: 'checksum', url: server.url('/evil.bin') });
  });

  it("a mismatch's hint names where the expected hash came from, also when every mirror sent other bytes", async () => {
    const wrong = randomFile(50_000);
    server.file('/other1.bin', wrong.data).file('/other2.bin', wrong.data);
    const expected = sha256(Buffer.from('pinned elsewhere'));
    const hints: Record<string, string> = {
      flag: 'than --sha256 expects',
      publisher: "than the publisher's checksum file lists",
      manifest: 'than the manifest pins',
    };
    for (const [pinnedBy, hint] of Object.entries(hints)) {
      const { downloader, dir } = setup();
      const error = await downloader
        .download({
          urls: [server.url('/other1.bin'), server.url('/other2.bin')],
          sha256: expected,
          pinnedBy: pinnedBy as 'flag',
          dest: join(dir, 'f'),
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AllSourcesFailedError);
      expect((error as AllSourcesFailedError).suggestions, pinnedBy).toEqual([expect.stringContaining(hint)]);
      expect((error as AllSourcesFailedError).failures[0]!.suggestions).toEqual([expect.stringContaining(hint)]);
    }
  });

  it('names every mirror and its reason when all fail', async () => {
    const { downloader, dir } = setup();
    const error = await downloader
      .download({ urls: [server.url('/nope1'), server.url('/nope2')], dest: join(dir, 'f') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllSourcesFailedError);
    const message = (error as Error).message;
    expect(message).toContain(`${server.url('/nope1')}: answered HTTP 404`);
    expect(message).toContain(`${server.url('/nope2')}: answered HTTP 404`);
    expect(listing(dir)).toEqual(['cache'].filter((d) => existsSync(join(dir, d))));
  });
});

describe('failures name the URL and what was expected, and leave no file at the destination', () => {
  async function failure(
    path: string,
    request: { sha256?: string; size?: number; connections?: number } = {},
    options: Parameters<typeof setup>[0] = {},
  ) {
    const { downloader, dir } = setup(options);
    const dest = join(dir, 'out', 'final.bin');
    const error = await downloader.download({ urls: [server.url(path)], dest, ...request }).catch((e: unknown) => e);
    expect(existsSync(dest)).toBe(false);
    expect(error).toBeInstanceOf(NetError);
    expect((error as NetError).message.startsWith(server.url(path))).toBe(true);
    return { error: error as NetError, dir, dest };
  }

  it('checksum mismatch', async () => {
    const file = randomFile(200_000);
    server.file('/tampered.bin', file.data);
    const expected = sha256(Buffer.from('something else'));
    const { error, dest } = await failure('/tampered.bin', { sha256: expected });
    expect(error.kind).toBe('checksum');
    expect(error.message).toContain(`expected sha256 ${expected}, got ${file.sha256}`);
    expect(error.exitCode).toBe(4);
    // Without a source the hash is the manifest's pin, and the hint says so.
    expect(error.suggestions).toEqual([expect.stringContaining('than the manifest pins')]);
    // Nothing useful to resume: no partial file either.
    expect(listing(join(dest, '..')).filter((n) => n.startsWith('final'))).toEqual([]);
  });

  it('truncated body (the server closes before its Content-Length)', async () => {
    server.file('/short.bin', randomFile(100_000).data, { ranges: false, lengthLie: 'over' });
    const { error } = await failure('/short.bin');
    expect(error.kind).toBe('truncated');
    expect(error.message).toMatch(
      /truncated body: the download stopped after \d+ of 101000 bytes \(Response body length does not match content-length header\)/,
    );
    // The server does no ranges: one retry from byte 0 is all it gets (not fastRetry.attempts of them).
    expect(error.message).toContain(
      "the server ignores Range, so every retry starts again from byte 0; gave up after one retry's worth",
    );
    expect(server.stats.bytesSent).toBeLessThanOrEqual(2 * 101_000);
  });

  it('wrong Content-Length on a range answer', async () => {
    server.file('/badlen.bin', randomFile(2 * MiB).data, { lengthLie: 'range-mismatch' });
    const { error } = await failure('/badlen.bin');
    expect(error.kind).toBe('length');
    expect(error.message).toMatch(/wrong Content-Length: \d+ for Content-Range bytes 0-\d+\/2097152/);
  });

  it('a Content-Length other than the size the caller knows', async () => {
    server.file('/under.bin', randomFile(50_000).data, { ranges: false, lengthLie: 'under' });
    const { error } = await failure('/under.bin', { size: 50_000 });
    expect(error.kind).toBe('length');
    expect(error.message).toContain('Content-Length says the file is 49000 bytes, expected 50000');
  });

  it('redirect loop', async () => {
    server.redirect('/loop-a', '/loop-b').redirect('/loop-b', '/loop-a');
    const { error } = await failure('/loop-a');
    expect(error.kind).toBe('redirect-loop');
    expect(error.message).toContain(
      `redirect loop: ${server.url('/loop-a')} → ${server.url('/loop-b')} → ${server.url('/loop-a')}`,
    );
  });
});

describe('TLS', () => {
  let ca: TestCa;
  let tlsServer: TestServer;
  const file = randomFile(1 * MiB + 7);
  beforeAll(async () => {
    ca = makeTestCa();
    tlsServer = await startTestServer({ tls: ca.issue(['127.0.0.1', 'localhost']) });
    tlsServer.file('/tls.bin', file.data);
  });
  afterAll(async () => {
    await tlsServer.close();
    ca.dispose();
  });

  it('fails with a TLS error naming the URL when the chain is not trusted', async () => {
    const { downloader, dir } = setup();
    const error = (await downloader
      .download({ urls: [tlsServer.url('/tls.bin')], dest: join(dir, 'f') })
      .catch((e: unknown) => e)) as NetError;
    expect(error).toBeInstanceOf(NetError);
    expect(error.kind).toBe('tls');
    expect(error.message).toContain(
      `${tlsServer.url('/tls.bin')}: TLS verification failed: the certificate chain is not trusted`,
    );
    expect(error.suggestions.join(' ')).toContain('--ca-bundle');
    expect(existsSync(join(dir, 'f'))).toBe(false);
  });

  it('works when the CA is added to the trust store', async () => {
    const { downloader, dir } = setup({ http: { extraCaPem: ca.caPem } });
    const result = await downloader.download({
      urls: [tlsServer.url('/tls.bin')],
      sha256: file.sha256,
      dest: join(dir, 'f'),
    });
    expect(result.size).toBe(file.data.length);
  });

  it('rejects a trusted certificate issued for another name', async () => {
    const other = await startTestServer({ tls: ca.issue(['other.test']) });
    other.file('/x', file.data);
    closers.push(() => other.close());
    const { downloader, dir } = setup({ http: { extraCaPem: ca.caPem } });
    const error = (await downloader
      .download({ urls: [other.url('/x')], dest: join(dir, 'f') })
      .catch((e: unknown) => e)) as NetError;
    expect(error.kind).toBe('tls');
    expect(error.message).toContain('the certificate is not valid for this host name');
  });
});

describe('proxy', () => {
  it('goes through HTTP_PROXY for http:// and HTTPS_PROXY (CONNECT) for https://', async () => {
    const proxy = await startProxyServer();
    const ca = makeTestCa();
    const tlsServer = await startTestServer({ tls: ca.issue(['127.0.0.1']) });
    closers.push(
      () => proxy.close(),
      () => tlsServer.close(),
      () => ca.dispose(),
    );
    const plain = randomFile(2 * MiB);
    const secure = randomFile(2 * MiB);
    server.file('/via-proxy.bin', plain.data);
    tlsServer.file('/via-proxy.bin', secure.data);
    const { downloader, dir } = setup({
      http: { env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url }, extraCaPem: ca.caPem },
    });
    await downloader.download({ urls: [server.url('/via-proxy.bin')], sha256: plain.sha256, dest: join(dir, 'a') });
    await downloader.download({
      urls: [tlsServer.url('/via-proxy.bin')],
      sha256: secure.sha256,
      dest: join(dir, 'b'),
      connections: 2,
    });
    expect(proxy.seen).toContain(`CONNECT ${tlsServer.host}:${tlsServer.port}`);
    expect(proxy.seen.some((line) => line.includes(`${server.host}:${server.port}`))).toBe(true);
  });

  it("honours NO_PROXY, and an explicit proxy (the manifest's) over the environment", async () => {
    const proxy = await startProxyServer();
    closers.push(() => proxy.close());
    const file = randomFile(100_000);
    server.file('/np.bin', file.data);
    const direct = setup({ http: { env: { HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1' } } });
    await direct.downloader.download({ urls: [server.url('/np.bin')], dest: join(direct.dir, 'a') });
    expect(proxy.seen).toEqual([]);
    const explicit = setup({ http: { env: { HTTP_PROXY: 'http://127.0.0.1:9' }, proxy: proxy.url } });
    await explicit.downloader.download({ urls: [server.url('/np.bin')], dest: join(explicit.dir, 'b') });
    expect(proxy.seen.length).toBeGreaterThan(0);
  });
});

describe('cache and resume', () => {
  it('a second download of the same sha256 fetches nothing', async () => {
    const file = randomFile(1 * MiB);
    server.file('/cached.bin', file.data);
    const { downloader, dir, cacheDir } = setup();
    await downloader.download({ urls: [server.url('/cached.bin')], sha256: file.sha256, dest: join(dir, 'first') });
    expect(existsSync(join(cacheDir, 'sha256', file.sha256))).toBe(true);
    server.resetStats();
    const again = await downloader.download({
      urls: [server.url('/cached.bin')],
      sha256: file.sha256,
      dest: join(dir, 'second'),
    });
    expect(again).toMatchObject({ source: 'cache', downloadedBytes: 0 });
    expect(readFileSync(join(dir, 'second')).equals(file.data)).toBe(true);
    expect(server.stats.requests).toHaveLength(0);
    // And without a destination, the cache entry itself is the answer.
    const bare = await downloader.download({ urls: [server.url('/cached.bin')], sha256: file.sha256 });
    expect(bare.path).toBe(join(cacheDir, 'sha256', file.sha256));
  });

  it('finds the destination already right, and replaces a corrupted cache entry', async () => {
    const file = randomFile(300_000);
    server.file('/c2.bin', file.data);
    const { downloader, dir, cacheDir } = setup();
    await downloader.download({ urls: [server.url('/c2.bin')], sha256: file.sha256, dest: join(dir, 'f') });
    const present = await downloader.download({
      urls: [server.url('/c2.bin')],
      sha256: file.sha256,
      dest: join(dir, 'f'),
    });
    expect(present.source).toBe('destination');
    writeFileSync(join(cacheDir, 'sha256', file.sha256), 'corrupted');
    server.resetStats();
    const fresh = await downloader.download({
      urls: [server.url('/c2.bin')],
      sha256: file.sha256,
      dest: join(dir, 'g'),
    });
    expect(fresh.source).toBe('network');
    expect(readFileSync(join(cacheDir, 'sha256', file.sha256)).equals(file.data)).toBe(true);
  });

  it('an aborted download keeps its bytes and the next one resumes from them', async () => {
    const file = randomFile(3 * MiB);
    server.file('/slow.bin', file.data, { ratePerConnection: 1 * MiB });
    const { downloader, dir } = setup({ deps: { stateIntervalMs: 50, minPieceBytes: 256 * 1024 } });
    const abort = new AbortController();
    const first = downloader.download({
      urls: [server.url('/slow.bin')],
      sha256: file.sha256,
      dest: join(dir, 'f'),
      connections: 2,
      signal: abort.signal,
      onProgress: (p) => p.bytes > 1 * MiB && abort.abort(new Error('test stop')),
    });
    const error = await first.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect(existsSync(join(dir, 'f'))).toBe(false);
    const sentBefore = server.stats.bytesSent;
    server.resetStats();
    const result = await downloader.download({
      urls: [server.url('/slow.bin')],
      sha256: file.sha256,
      dest: join(dir, 'f'),
      connections: 2,
    });
    expect(result.resumedBytes).toBeGreaterThan(1 * MiB);
    expect(server.stats.bytesSent).toBeLessThan(file.data.length - 1 * MiB);
    expect(result.resumedBytes + server.stats.bytesSent).toBeGreaterThanOrEqual(file.data.length);
    expect(sentBefore).toBeGreaterThan(1 * MiB);
    expect(readFileSync(join(dir, 'f')).equals(file.data)).toBe(true);
  });

  it('refuses to download what another live devbox is downloading', async () => {
    const file = randomFile(1000);
    server.file('/busy.bin', file.data);
    const { downloader, dir, cacheDir } = setup();
    // The parent of this test process is alive: its pid in the lock means "someone is on it".
    mkdirSync(join(cacheDir, 'partial'), { recursive: true });
    writeFileSync(join(cacheDir, 'partial', `${file.sha256}.part.lock`), String(process.ppid));
    const error = (await downloader
      .download({ urls: [server.url('/busy.bin')], sha256: file.sha256, dest: join(dir, 'f') })
      .catch((e: unknown) => e)) as NetError;
    expect(error.kind).toBe('busy');
    expect(error.message).toContain(`another devbox (pid ${process.ppid}) is downloading f right now`);
    expect(server.stats.requests).toHaveLength(0);
  });

  it('starts over when the file changed on the server since the bytes on disk were fetched', async () => {
    const v1 = randomFile(2 * MiB);
    const v2 = randomFile(2 * MiB);
    server.file('/versioned.bin', v1.data, { ratePerConnection: 2 * MiB, etag: '"v1"' });
    const { downloader, dir } = setup({ deps: { stateIntervalMs: 50 } });
    const abort = new AbortController();
    await downloader
      .download({
        urls: [server.url('/versioned.bin')],
        dest: join(dir, 'f'),
        connections: 1,
        signal: abort.signal,
        onProgress: (p) => p.bytes > 512 * 1024 && abort.abort(new Error('stop')),
      })
      .catch(() => undefined);
    server.file('/versioned.bin', v2.data, { etag: '"v2"' });
    server.resetStats();
    const result = await downloader.download({ urls: [server.url('/versioned.bin')], dest: join(dir, 'f') });
    expect(result.sha256).toBe(v2.sha256);
    expect(server.stats.requests[0]!.ifRange).toBe('"v1"');
  });
});
