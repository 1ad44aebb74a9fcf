import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import type { Ranking } from '../net/rank.js';
import type { VerifiedAddresses } from '../net/verified-addresses.js';
import { renderRanking, renderVerifiedAddresses } from './net.js';

const tls = { name: 'good.test', port: 443 };
const verified = {
  name: 'good.test',
  accepted: [
    {
      address: '192.0.2.1',
      resolvers: ['a', 'b'],
      tls: { ...tls, address: '192.0.2.1', ok: true, connectMs: 3, handshakeMs: 9 },
    },
  ],
  rejected: [
    {
      address: '192.0.2.2',
      resolvers: ['a'],
      tls: { ...tls, address: '192.0.2.2', ok: false, error: 'E', certificate: { altNames: 'DNS:other.test' } },
    },
  ],
  answers: [
    { resolver: 'a', ok: true },
    { resolver: 'b', ok: false, error: 'HTTP 500' },
  ],
} as unknown as VerifiedAddresses;
const ranking = {
  ranked: [{ url: 'http://m/Release', ok: true, ttfbMs: 12, throughput: 2048, bytes: 4096, scoreMs: 40 }],
  failed: [],
  elapsedMs: 120,
} as unknown as Ranking;

describe('net resolve and net rank views', () => {
  afterEach(() => setLocale('en'));

  it('names a failed mirror once, not again at the start of its error', () => {
    setLocale('en');
    const failed = {
      ranked: [],
      failed: [
        { url: 'http://a/', ok: false, error: 'http://a/: connect ECONNREFUSED 127.0.0.1:1' },
        { url: 'http://b/', ok: false, error: 'http://b/dists/Release: HTTP 404' },
      ],
      elapsedMs: 9,
    } as unknown as Ranking;
    expect(renderRanking(failed)).toContain(
      '   ✗ http://a/: connect ECONNREFUSED 127.0.0.1:1\n   ✗ http://b/: http://b/dists/Release: HTTP 404',
    );
  });

  it('read as before in English', () => {
    setLocale('en');
    const resolve = renderVerifiedAddresses(verified);
    expect(resolve).toContain('TLS ok in 9 ms (connect 3 ms)  via 2 resolvers');
    expect(resolve).toContain('E [certificate: DNS:other.test]  via 1 resolver');
    expect(resolve).toContain(
      'Resolvers: 1 of 2 answered.\n  b: HTTP 500\n1 address(es) passed the TLS check, 1 rejected.',
    );
    expect(renderRanking(ranking)).toBe(
      '   1. http://m/Release\n      first byte 12 ms, 2.0 KiB/s over 4.0 KiB, est. 40 ms per MiB\n\nMeasured in 120 ms.',
    );
  });

  it('are in Chinese in zh-CN, addresses, URLs and figures kept', () => {
    setLocale('zh-CN');
    const resolve = renderVerifiedAddresses(verified);
    expect(resolve).toContain('TLS 校验通过，用时 9 ms（连接 3 ms）  来自 2 个解析器');
    expect(resolve).toContain('E [证书：DNS:other.test]  来自 1 个解析器');
    expect(resolve).toContain('解析器：2 个中有 1 个应答。\n  b: HTTP 500\n1 个地址通过了 TLS 校验，1 个被拒绝。');
    const rank = renderRanking(ranking);
    expect(rank).toContain('首字节 12 ms，4.0 KiB 内速度 2.0 KiB/s，估计每 MiB 40 ms');
    expect(`${resolve}\n${rank}`).not.toMatch(/resolver|answered|passed|first byte|Measured|certificate:/);
    expect(renderRanking({ ranked: [], failed: [], elapsedMs: 1 })).toBe('  没有镜像返回有效内容\n\n测量用时 1 ms。');
  });
});
