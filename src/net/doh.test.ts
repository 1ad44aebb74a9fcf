import { describe, expect, it } from 'vitest';
import { addressesFor, checkHostName, defaultResolvers, parseResolver } from './doh.js';

describe('resolver specs', () => {
  it('reads the format from #json / #wire or a /resolve path', () => {
    expect(parseResolver('https://dns.alidns.com/dns-query')).toEqual({
      url: 'https://dns.alidns.com/dns-query',
      format: 'wire',
    });
    expect(parseResolver('https://dns.alidns.com/resolve')).toEqual({
      url: 'https://dns.alidns.com/resolve',
      format: 'json',
    });
    expect(parseResolver('https://x.example/dns-query#json')).toEqual({
      url: 'https://x.example/dns-query',
      format: 'json',
    });
    expect(parseResolver('https://x.example/resolve#wire').format).toBe('wire');
    expect(() => parseResolver('http://x.example/dns-query')).toThrow('must be an https:// URL');
    expect(() => parseResolver('https://x.example/q#xml')).toThrow('must be json or wire');
    expect(() => parseResolver('nope')).toThrow('is not a DoH resolver URL');
  });

  it('defaults to resolvers that answer from mainland China, in both formats', () => {
    expect(defaultResolvers.map((r) => new URL(r.url).host)).toEqual(
      expect.arrayContaining(['dns.alidns.com', 'doh.pub', 'doh.360.cn']),
    );
    expect(new Set(defaultResolvers.map((r) => r.format))).toEqual(new Set(['wire', 'json']));
  });
});

describe('answers', () => {
  const records = [
    { name: 'www.example.com', type: 'CNAME', ttl: 60, data: 'edge.example.net' },
    { name: 'edge.example.net', type: 'A', ttl: 30, data: '192.0.2.1' },
    { name: 'edge.example.net', type: 'AAAA', ttl: 30, data: '2001:db8::1' },
    { name: 'unrelated.example', type: 'A', ttl: 30, data: '192.0.2.99' },
    { name: 'edge.example.net', type: 'A', ttl: 30, data: 'not-an-ip' },
  ];
  it("keeps only addresses on the name's CNAME chain, of the right family", () => {
    expect(addressesFor('WWW.example.com.', records, 'A')).toEqual([{ address: '192.0.2.1', ttl: 30 }]);
    expect(addressesFor('www.example.com', records, 'AAAA')).toEqual([{ address: '2001:db8::1', ttl: 30 }]);
  });

  it('validates host names', () => {
    expect(checkHostName('GitHub.com.')).toBe('github.com');
    expect(() => checkHostName('bad name')).toThrow('is not a host name');
    expect(() => checkHostName('-x.com')).toThrow();
  });
});
