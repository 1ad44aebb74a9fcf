/**
 * Mirror ranking against real mirrors of different speed: throttled, slow to answer, serving the
 * wrong file, missing the file, redirecting; measured in parallel, within a time budget, through
 * a proxy when the dispatcher says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './http-server.mjs';
import { startProxyServer, type ProxyServer } from './proxy-server.js';
import { devbox, randomFile } from './helpers.js';
import { rankMirrors } from '../../src/net/rank.js';
import { createDispatcher } from '../../src/net/http.js';

const KiB = 1024;
const probePath = 'dists/bookworm/Release';
const file = randomFile(400 * KiB);
let fast: TestServer;
let slow: TestServer;
let late: TestServer;
let wrong: TestServer;
let empty: TestServer;
let moved: TestServer;
let proxy: ProxyServer;

beforeAll(async () => {
  fast = await startTestServer({ throttle: 16 * 1024 * KiB });
  slow = await startTestServer({ throttle: 200 * KiB });
  late = await startTestServer({ throttle: 16 * 1024 * KiB });
  wrong = await startTestServer();
  empty = await startTestServer();
  moved = await startTestServer();
  fast.file(`/debian/${probePath}`, file.data);
  slow.file(`/debian/${probePath}`, file.data);
  late.file(`/debian/${probePath}`, file.data, { latencyMs: 400 });
  wrong.file(`/debian/${probePath}`, randomFile(400 * KiB).data);
  moved.redirect(`/debian/${probePath}`, fast.url(`/debian/${probePath}`), 301);
  proxy = await startProxyServer();
});

afterAll(async () => {
  await Promise.all([fast, slow, late, wrong, empty, moved].map((s) => s.close()));
  await proxy.close();
});

const candidates = () => [slow, late, wrong, empty, fast].map((s) => ({ baseUrl: s.url('/debian/') }));

describe('rankMirrors', () => {
  it('ranks by time to first byte and throughput, and drops mirrors that fail or serve the wrong file', async () => {
    const dispatcher = createDispatcher({ env: {} });
    const ranking = await rankMirrors(candidates(), {
      probePath,
      timeBudgetMs: 4000,
      maxBytes: 1024 * KiB,
      sha256: file.sha256,
      dispatcher,
    });
    await dispatcher.destroy();
    expect(ranking.ranked.map((m) => m.baseUrl)).toEqual([
      fast.url('/debian/'),
      late.url('/debian/'),
      slow.url('/debian/'),
    ]);
    for (const m of ranking.ranked) {
      expect(m.ok).toBe(true);
      expect(m.bytes).toBe(file.data.length);
      expect(m.throughput).toBeGreaterThan(0);
    }
    expect(ranking.ranked[1]!.ttfbMs).toBeGreaterThanOrEqual(390);
    const failed = Object.fromEntries(ranking.failed.map((m) => [m.baseUrl, m.error]));
    expect(failed[empty.url('/debian/')]).toBe('HTTP 404');
    expect(failed[wrong.url('/debian/')]).toMatch(/^wrong content: sha256 [0-9a-f]{64}, expected /);
    expect(ranking.elapsedMs).toBeLessThan(4500);
  });

  it('keeps its earlier API: a validate callback, the default dispatcher, a budget that cuts slow mirrors', async () => {
    const ranking = await rankMirrors(
      [{ baseUrl: fast.url('/debian'), name: 'fast' }, { baseUrl: slow.url('/debian') }],
      {
        probePath,
        timeBudgetMs: 600,
        maxBytes: 1024 * KiB,
        validate: (body) =>
          body.subarray(0, 16).equals(file.data.subarray(0, 16)) ? undefined : 'not the Release file',
      },
    );
    // The slow mirror is cut off by the budget but judged on what it delivered.
    expect(ranking.ranked.map((m) => m.name)).toEqual(['fast', slow.host + ':' + slow.port]);
    expect(ranking.ranked[1]!.bytes).toBeLessThan(file.data.length);
    expect(ranking.elapsedMs).toBeLessThan(1500);
  });

  it('follows a redirecting mirror, and goes through the proxy its dispatcher names', async () => {
    const dispatcher = createDispatcher({ env: {}, proxy: proxy.url });
    const ranking = await rankMirrors([{ baseUrl: moved.url('/debian') }], {
      probePath,
      sha256: file.sha256,
      maxBytes: 1024 * KiB,
      dispatcher,
    });
    await dispatcher.destroy();
    expect(ranking.ranked[0]).toMatchObject({ ok: true, finalUrl: fast.url(`/debian/${probePath}`) });
    expect(proxy.seen.length).toBeGreaterThan(0);
  });
});

describe('devbox net rank', () => {
  it('prints the ranking with figures, and --json', async () => {
    const urls = [slow, fast, empty].map((s) => s.url('/debian'));
    const json = await devbox([
      'net',
      'rank',
      ...urls,
      '--path',
      probePath,
      '--sha256',
      file.sha256,
      '--budget',
      '4000',
      '--json',
    ]);
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as {
      ranked: Array<{ baseUrl: string }>;
      failed: Array<{ baseUrl: string; error: string }>;
    };
    expect(result.ranked.map((m) => m.baseUrl)).toEqual([fast.url('/debian'), slow.url('/debian')]);
    expect(result.failed).toEqual([expect.objectContaining({ baseUrl: empty.url('/debian'), error: 'HTTP 404' })]);

    const none = await devbox(['net', 'rank', empty.url('/debian'), '--path', probePath, '--budget', '4000']);
    expect(none.code, none.stderr).toBe(4);
    expect(none.stderr).toContain('No mirror worked: all 1 failed or served the wrong file.');

    const text = await devbox(['net', 'rank', fast.url(`/debian/${probePath}`)]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      / 1\. http:\/\/127\.0\.0\.1:\d+\/debian\/dists\/bookworm\/Release\n\s+first byte \d+ ms, [\d.]+ [KM]iB\/s over 256\.0 KiB/,
    );
  });
});
