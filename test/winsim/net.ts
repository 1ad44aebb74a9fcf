/**
 * The simulated machine's network client, as Windows programs (WebClient, git) use it: a name is
 * looked up in the DNS client's cache, then the hosts file (C:\Windows\System32\drivers\etc\hosts,
 * first matching line wins), then the machine's DNS server (state.network.dns, whose answers are
 * cached until a flush). The connection itself is real: HTTPS to port 443 of that address, with the
 * name as SNI and certificates checked against the CA Windows trusts here (state.network.caFile).
 * Failures read as .NET's messages do.
 */
import { readFileSync, existsSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { isIP } from 'node:net';
import { hostPath } from './drive.js';
import { withState, type SimState } from './state.js';

export const hostsFile = 'C:\\Windows\\System32\\drivers\\etc\\hosts';

/** A download that failed, with the text .NET (and so Scoop) prints for it. */
export class SimNetError extends Error {}

/** The hosts file's answer for a name (the first line that names it), if any. */
export function hostsLookup(dir: string, name: string): string | undefined {
  const path = hostPath(dir, hostsFile);
  if (!path || !existsSync(path)) return undefined;
  let bytes = readFileSync(path);
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    text = bytes.toString('latin1');
  }
  for (const line of text.split(/\r?\n/)) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length >= 2 && isIP(fields[0]!) && fields.slice(1).some((f) => f.toLowerCase() === name.toLowerCase()))
      return fields[0];
  }
  return undefined;
}

/** Resolves like the DNS client: cache, hosts file, DNS server (answers cached). */
export function resolveName(dir: string, name: string): string {
  if (isIP(name)) return name;
  const lower = name.toLowerCase();
  return withState(dir, (state: SimState) => {
    const cached = state.network.dnsCache[lower];
    if (cached) {
      if (cached.length === 0) throw new SimNetError(`The remote name could not be resolved: '${name}'`);
      return cached[0]!;
    }
    const fromHosts = hostsLookup(dir, name);
    if (fromHosts) return fromHosts;
    const answer = state.network.dns[lower] ?? [];
    state.network.dnsCache[lower] = answer;
    if (answer.length === 0) throw new SimNetError(`The remote name could not be resolved: '${name}'`);
    return answer[0]!;
  });
}

/** The trust store of this machine: Windows' own roots are not here, only the test CA. */
function trusted(dir: string): string | undefined {
  const file = withState(dir, (s) => s.network.caFile);
  return file ? readFileSync(file, 'utf8') : undefined;
}

/** GETs a URL (redirects followed) the way a Windows program on this machine would. */
export async function simGet(
  dir: string,
  url: string,
  redirects = 5,
): Promise<{ status: number; body: Buffer; url: string }> {
  const target = new URL(url);
  if (target.protocol !== 'https:')
    throw new SimNetError(`The underlying connection was closed: only https is simulated (${url})`);
  const address = resolveName(dir, target.hostname);
  const ca = trusted(dir);
  const timeoutMs = withState(dir, (s) => s.network.timeoutMs);
  const response = await new Promise<{ status: number; body: Buffer; location?: string }>((resolve, reject) => {
    const req = request(
      {
        host: address,
        port: 443,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        servername: isIP(target.hostname) ? undefined : target.hostname,
        headers: {
          host: target.host,
          'user-agent': 'Scoop/1.0 (+http://scoop.sh/) PowerShell/5.1 (Windows NT 10.0; Win64; x64)',
        },
        ...(ca ? { ca } : {}),
        rejectUnauthorized: true,
        timeout: timeoutMs,
        // The address is fixed: never ask Linux' resolver.
        lookup: (
          _host: string,
          _options: unknown,
          callback: (error: Error | null, address: string, family: number) => void,
        ) => callback(null, address, isIP(address)),
      } as unknown as RequestOptions,
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            ...(res.headers.location ? { location: res.headers.location } : {}),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED')
        reject(
          new SimNetError(
            `Unable to connect to the remote server (${target.hostname} ${address}:443: connection refused)`,
          ),
        );
      else if (error.code === 'ETIMEDOUT')
        reject(new SimNetError(`The operation has timed out (${target.hostname} ${address}:443)`));
      else if (/certificate|altname|self.signed|CERT/i.test(`${error.code} ${error.message}`))
        reject(
          new SimNetError(
            `The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel (${target.hostname} at ${address}: ${error.message})`,
          ),
        );
      else
        reject(
          new SimNetError(
            `The underlying connection was closed: An unexpected error occurred on a send (${target.hostname} at ${address}: ${error.code ?? error.message})`,
          ),
        );
    });
    req.end();
  });
  if ([301, 302, 303, 307, 308].includes(response.status) && response.location && redirects > 0)
    return simGet(dir, new URL(response.location, url).toString(), redirects - 1);
  return { status: response.status, body: response.body, url };
}

/** Empties the DNS client's cache (what Clear-DnsClientCache / ipconfig /flushdns do). */
export function flushDnsCache(state: SimState): void {
  state.network.dnsCache = {};
  state.network.dnsCacheFlushes++;
}
