import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { proxyFor, proxyFromScoopSetting, trustedCas } from './proxy.js';

describe('proxy settings', () => {
  it('picks HTTPS_PROXY / HTTP_PROXY by scheme and honours NO_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://s:1', http_proxy: 'http://p:2', NO_PROXY: 'internal.example, .corp' };
    expect(proxyFor('https://github.com/x', { env })).toBe('http://s:1');
    expect(proxyFor('http://github.com/x', { env })).toBe('http://p:2');
    expect(proxyFor('https://internal.example/x', { env })).toBeUndefined();
    expect(proxyFor('https://a.corp/x', { env })).toBeUndefined();
    expect(proxyFor('https://github.com/x', { env, proxy: 'none' })).toBeUndefined();
    expect(proxyFor('https://github.com/x', { env, proxy: 'http://m:3' })).toBe('http://m:3');
    expect(proxyFor('https://github.com/x', { env: {} })).toBeUndefined();
  });

  it("maps Scoop's proxy setting from the manifest", () => {
    expect(proxyFromScoopSetting('127.0.0.1:7890')).toBe('http://127.0.0.1:7890');
    expect(proxyFromScoopSetting('user:pw@proxy:8080')).toBe('http://user:pw@proxy:8080');
    expect(proxyFromScoopSetting('currentuser@proxy:8080')).toBe('http://proxy:8080');
    expect(proxyFromScoopSetting('none')).toBe('none');
    expect(proxyFromScoopSetting('default')).toBeUndefined();
    expect(proxyFromScoopSetting(undefined)).toBeUndefined();
  });
});

describe('trust', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
  it('adds a bundle to the normal roots instead of replacing them', () => {
    expect(trustedCas(undefined)).toBeUndefined();
    const cas = trustedCas(`junk\n${pem}\n${pem}\n`)!;
    expect(cas).toHaveLength(rootCertificates.length + 2);
    expect(cas.slice(0, rootCertificates.length)).toEqual([...rootCertificates]);
  });

  it('refuses a bundle without certificates', () => {
    expect(() => trustedCas('not a certificate')).toThrow('holds no PEM certificate');
  });
});
