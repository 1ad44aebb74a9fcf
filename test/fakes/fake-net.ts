/**
 * Network ports for unit tests: TLS verdicts and DoH answers come from data the test sets, fetched
 * files are recorded with the path they would get. Anything unscripted throws.
 */
import type { FetchedFile, FetchFileRequest, NetPort } from '../../src/engine/ports/index.js';
import type { VerifiedAddresses } from '../../src/net/verified-addresses.js';
import type { TlsVerdict } from '../../src/net/tls-probe.js';

export class FakeNet implements NetPort {
  /** Address → whether it proves the name (or a full verdict). */
  tls = new Map<string, boolean | TlsVerdict>();
  /** Name → DoH answer addresses (each judged by `tls`). */
  doh = new Map<string, string[]>();
  readonly probed: string[] = [];
  readonly resolved: { name: string; resolvers?: readonly string[] }[] = [];
  readonly fetched: FetchFileRequest[] = [];

  verdict(address: string, name: string): TlsVerdict {
    const scripted = this.tls.get(address);
    if (scripted === undefined) throw new Error(`FakeNet: no TLS verdict scripted for ${address}`);
    if (typeof scripted !== 'boolean') return scripted;
    return scripted
      ? { address, name, port: 443, ok: true, connectMs: 1, handshakeMs: 1 }
      : {
          address,
          name,
          port: 443,
          ok: false,
          code: 'ERR_TLS_CERT_ALTNAME_INVALID',
          error: `the certificate is not valid for ${name}`,
        };
  }

  async rankMirrors(): Promise<never> {
    throw new Error('FakeNet: rankMirrors is not scripted');
  }

  async probeTls(address: string, name: string): Promise<TlsVerdict> {
    this.probed.push(address);
    return this.verdict(address, name);
  }

  async verifiedAddresses(name: string, options: { resolvers?: readonly string[] } = {}): Promise<VerifiedAddresses> {
    this.resolved.push({ name, ...(options.resolvers ? { resolvers: options.resolvers } : {}) });
    const addresses = this.doh.get(name);
    if (!addresses) throw new Error(`FakeNet: no DoH answer scripted for ${name}`);
    const checked = addresses.map((address) => ({
      address,
      family: (address.includes(':') ? 6 : 4) as 4 | 6,
      resolvers: ['https://doh.test/dns-query'],
      ttl: 60,
      tls: this.verdict(address, name),
    }));
    return {
      name,
      accepted: checked.filter((c) => c.tls.ok),
      rejected: checked.filter((c) => !c.tls.ok),
      answers: [
        { resolver: 'https://doh.test/dns-query', format: 'wire', ok: true, rcode: 'NOERROR', addresses, ms: 1 },
      ],
    };
  }

  async fetchFile(request: FetchFileRequest): Promise<FetchedFile> {
    this.fetched.push(request);
    return {
      path: `C:\\Users\\dev\\AppData\\Local\\devbox\\cache\\files\\${request.sha256.slice(0, 32)}\\${request.name}`,
      source: 'network',
    };
  }
}
