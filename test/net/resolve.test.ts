/**
 * DoH resolution and the TLS probe against real servers on distinct loopback addresses: an honest
 * RFC 8484 resolver, a lying JSON resolver (it adds addresses of hosts that are not the name), a
 * broken one, and TLS servers with a right certificate, a certificate for another name, a self-
 * signed one, and nothing at all. Only the honest server's address may pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeTestCa, type LeafCertificate, type TestCa } from './ca.js';
import { startDohServer, type DohServer } from './doh-server.js';
import { loopbackAddresses } from './loopback.js';
import { devbox } from './helpers.js';
import { createDispatcher } from '../../src/net/http.js';
import { resolveDoh } from '../../src/net/doh.js';
import { verifiedAddresses } from '../../src/net/verified-addresses.js';
import { probeTls } from '../../src/net/tls-probe.js';
import type { Dispatcher } from 'undici';

let ca: TestCa;
let port: number;
const tlsServers: Server[] = [];
let honest: DohServer;
let liar: DohServer;
let broken: DohServer;
let dispatcher: Dispatcher;
const [dohAddress, goodAddress, otherNameAddress, selfSignedAddress, refusedAddress] = loopbackAddresses(5) as [
  string,
  string,
  string,
  string,
  string,
];

async function tlsServer(host: string, cert: LeafCertificate, listenPort: number): Promise<number> {
  const server = createServer({ key: cert.key, cert: cert.cert }, (_req, res) => res.end('hello'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, host, () => resolve());
  });
  tlsServers.push(server);
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  ca = makeTestCa();
  // One port for every address, as 443 is in real life.
  port = await tlsServer(goodAddress, ca.issue(['good.test']), 0);
  await tlsServer(otherNameAddress, ca.issue(['other.test']), port);
  await tlsServer(selfSignedAddress, ca.selfSigned(['good.test']), port);
  const dohCert = ca.issue([dohAddress]);
  honest = await startDohServer({
    host: dohAddress,
    tls: dohCert,
    zone: { 'good.test': { A: [goodAddress, otherNameAddress], AAAA: ['::1'] }, 'alias.test': { CNAME: 'good.test' } },
  });
  liar = await startDohServer({
    host: dohAddress,
    tls: dohCert,
    zone: { 'good.test': { A: [goodAddress, selfSignedAddress, refusedAddress] } },
  });
  broken = await startDohServer({ host: dohAddress, tls: dohCert, zone: {}, failWith: 500 });
  dispatcher = createDispatcher({ env: {}, extraCaPem: ca.caPem });
});

afterAll(async () => {
  await dispatcher.destroy();
  await Promise.all([honest.close(), liar.close(), broken.close()]);
  for (const s of tlsServers) {
    s.closeAllConnections();
    s.close();
  }
  ca.dispose();
});

describe('DoH client', () => {
  it('asks wire-format and JSON resolvers in parallel and merges their A/AAAA answers', async () => {
    const result = await resolveDoh('Good.Test.', {
      dispatcher,
      resolvers: [
        { url: honest.wireUrl, format: 'wire' },
        { url: liar.jsonUrl, format: 'json' },
        { url: broken.wireUrl, format: 'wire' },
      ],
    });
    expect(result.name).toBe('good.test');
    expect(result.addresses.map((a) => a.address).sort()).toEqual(
      [goodAddress, otherNameAddress, selfSignedAddress, refusedAddress, '::1'].sort(),
    );
    const good = result.addresses.find((a) => a.address === goodAddress)!;
    expect(good.resolvers.sort()).toEqual([honest.wireUrl, liar.jsonUrl].sort());
    expect(result.addresses.find((a) => a.address === '::1')!.family).toBe(6);
    // IPv4 first.
    expect(result.addresses[result.addresses.length - 1]!.family).toBe(6);
    expect(result.answers.find((a) => a.resolver === broken.wireUrl)).toMatchObject({ ok: false, error: 'HTTP 500' });
    expect(honest.queries.map((q) => `${q.format} ${q.type}`).sort()).toEqual(['wire A', 'wire AAAA']);
    expect(liar.queries.map((q) => `${q.format} ${q.type}`).sort()).toEqual(['json A', 'json AAAA']);
  });

  it('follows CNAME chains and reports NXDOMAIN as an empty answer', async () => {
    const alias = await resolveDoh('alias.test', {
      dispatcher,
      resolvers: [{ url: honest.wireUrl, format: 'wire' }],
      types: ['A'],
    });
    expect(alias.addresses.map((a) => a.address).sort()).toEqual([goodAddress, otherNameAddress].sort());
    const missing = await resolveDoh('missing.test', {
      dispatcher,
      resolvers: [
        { url: honest.wireUrl, format: 'wire' },
        { url: liar.jsonUrl, format: 'json' },
      ],
    });
    expect(missing.addresses).toEqual([]);
    expect(missing.answers.every((a) => a.ok && a.rcode === 'NXDOMAIN')).toBe(true);
  });
});

describe('TLS probe', () => {
  it('passes a server that proves the name, with its handshake time', async () => {
    const verdict = await probeTls(goodAddress, 'good.test', { port, extraCaPem: ca.caPem });
    expect(verdict).toMatchObject({ ok: true, address: goodAddress, name: 'good.test' });
    expect(verdict.handshakeMs).toBeGreaterThan(0);
    expect(verdict.certificate?.altNames).toBe('DNS:good.test');
  });

  it('rejects a valid certificate for another name, an untrusted chain, and a dead address', async () => {
    const other = await probeTls(otherNameAddress, 'good.test', { port, extraCaPem: ca.caPem });
    expect(other).toMatchObject({
      ok: false,
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      error: 'the certificate is not valid for good.test',
    });
    expect(other.certificate?.altNames).toBe('DNS:other.test');
    const selfSigned = await probeTls(selfSignedAddress, 'good.test', { port, extraCaPem: ca.caPem });
    expect(selfSigned).toMatchObject({ ok: false, error: 'the certificate chain is not trusted' });
    const refused = await probeTls(refusedAddress, 'good.test', { port, extraCaPem: ca.caPem });
    expect(refused).toMatchObject({ ok: false, code: 'ECONNREFUSED', error: 'connection refused' });
    // The normal trust store alone does not know the test CA.
    expect((await probeTls(goodAddress, 'good.test', { port })).ok).toBe(false);
  });
});

describe('verified addresses', () => {
  it('offers only the address whose server proved the name; the poisoned ones are rejected with reasons', async () => {
    const result = await verifiedAddresses('good.test', {
      doh: {
        dispatcher,
        resolvers: [
          { url: honest.wireUrl, format: 'wire' },
          { url: liar.jsonUrl, format: 'json' },
        ],
      },
      probe: { port, extraCaPem: ca.caPem },
    });
    expect(result.accepted.map((a) => a.address)).toEqual([goodAddress]);
    const rejected = Object.fromEntries(result.rejected.map((a) => [a.address, a.tls.error]));
    expect(rejected).toMatchObject({
      [otherNameAddress]: 'the certificate is not valid for good.test',
      [selfSignedAddress]: 'the certificate chain is not trusted',
      [refusedAddress]: 'connection refused',
    });
    expect(Object.keys(rejected)).toContain('::1');
  });

  it('devbox net resolve shows the same, with --json, and takes its resolvers and CA from flags or the environment', async () => {
    const flags = await devbox([
      'net',
      'resolve',
      'good.test',
      '--resolver',
      honest.wireUrl,
      '--resolver',
      `${liar.jsonUrl}`,
      '--ca-bundle',
      ca.caFile,
      '--port',
      String(port),
      '--json',
    ]);
    expect(flags.code, flags.stderr).toBe(0);
    const json = JSON.parse(flags.stdout) as {
      accepted: Array<{ address: string; tls: { handshakeMs: number } }>;
      rejected: Array<{ address: string }>;
    };
    expect(json.accepted.map((a) => a.address)).toEqual([goodAddress]);
    expect(json.accepted[0]!.tls.handshakeMs).toBeGreaterThan(0);
    expect(json.rejected.map((a) => a.address).sort()).toEqual(
      [otherNameAddress, selfSignedAddress, refusedAddress, '::1'].sort(),
    );

    const env = await devbox(['net', 'resolve', 'good.test', '--port', String(port)], {
      DEVBOX_DOH_RESOLVERS: `${honest.wireUrl},${liar.jsonUrl}#json`,
      DEVBOX_CA_BUNDLE: ca.caFile,
    });
    expect(env.code, env.stderr).toBe(0);
    expect(env.stdout).toMatch(new RegExp(`✓ ${goodAddress.replace(/\./g, '\\.')}\\s+TLS ok in [\\d.]+ ms`));
    expect(env.stdout).toContain(`✗ ${otherNameAddress}`);
    expect(env.stdout).toContain('the certificate is not valid for good.test [certificate: DNS:other.test]');
    expect(env.stdout).toContain('1 address(es) passed the TLS check, 4 rejected.');
  });

  it('exits 4 when no address passes the TLS check, with the rejected ones in --json', async () => {
    // Nothing listens on port 1: every address is refused.
    const none = await devbox([
      'net',
      'resolve',
      'good.test',
      '--resolver',
      liar.wireUrl,
      '--ca-bundle',
      ca.caFile,
      '--port',
      '1',
      '--json',
    ]);
    expect(none.code, none.stderr).toBe(4);
    const json = JSON.parse(none.stdout) as {
      error: { code: string; message: string };
      result: { accepted: unknown[]; rejected: unknown[] };
    };
    expect(json.error).toMatchObject({
      code: 'net.nothing-usable',
      message: expect.stringContaining('No address of good.test passed the TLS check'),
    });
    expect([json.result.accepted.length, json.result.rejected.length]).toEqual([0, 3]);
  });

  it('refuses a resolver that is not an https URL', async () => {
    const run = await devbox(['net', 'resolve', 'good.test', '--resolver', 'http://127.0.0.1/dns-query']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a DoH resolver must be an https:// URL');
  });
});
