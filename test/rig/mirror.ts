/**
 * A local apt mirror for tests: an HTTP server that serves /debian/… and /debian-security/… by
 * forwarding to the archives this machine's own apt configuration uses (read at run time, never
 * written in the repository), records every request, and can be slowed down (latency before the
 * answer, a bandwidth cap on the body) to rank mirrors against each other. Upstream answers are kept
 * in memory and shared by every mirror of the process, so repeated runs fetch each file once.
 */
import { createServer, get as httpGet, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import { machineDebianMirror, machineDebianSecurityMirror } from './rootfs.js';

/** The archive roots a mirror forwards, by the first path segment it serves them under. */
export function machineArchives(): Record<string, string> {
  const debian = machineDebianMirror();
  // Without a security entry of its own, the machine's mirror has Debian's usual sibling archive.
  return {
    debian,
    'debian-security': machineDebianSecurityMirror() ?? debian.replace(/\/debian$/, '/debian-security'),
  };
}

interface Cached {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const cache = new Map<string, Promise<Cached>>();

function fetchUpstream(url: string, redirects = 5): Promise<Cached> {
  return new Promise((resolve, reject) => {
    const getter = url.startsWith('https:') ? httpsGet : httpGet;
    const request = getter(
      url,
      { headers: { 'user-agent': 'devbox-test-mirror' }, timeout: 60_000 },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? 502;
        if (status >= 300 && status < 400 && response.headers.location && redirects > 0) {
          response.resume();
          resolve(fetchUpstream(new URL(response.headers.location, url).toString(), redirects - 1));
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const headers: Record<string, string> = {};
          for (const name of ['content-type', 'last-modified']) {
            const value = response.headers[name];
            if (typeof value === 'string') headers[name] = value;
          }
          resolve({ status, headers, body: Buffer.concat(chunks) });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`upstream timeout: ${url}`)));
    request.on('error', reject);
  });
}

/** Fetches through the shared cache; only successful answers are kept. */
function cachedUpstream(url: string): Promise<Cached> {
  let entry = cache.get(url);
  if (!entry) {
    entry = fetchUpstream(url);
    cache.set(url, entry);
    entry.then(
      (r) => {
        if (r.status !== 200) cache.delete(url);
      },
      () => cache.delete(url),
    );
  }
  return entry;
}

export interface MirrorOptions {
  /** Address to listen on (e.g. the host end of the guest network). */
  host: string;
  /** Path segment → upstream archive root; defaults to machineArchives(). */
  upstream?: Record<string, string>;
  /** Delay before each answer's headers. */
  latencyMs?: number;
  /** Body bandwidth cap. */
  bytesPerSecond?: number;
}

export interface AptMirror {
  /** Base URL, e.g. http://10.1.2.1:41234 (append /debian). */
  url: string;
  /** Paths requested so far, in order. */
  requests: string[];
  latencyMs: number;
  bytesPerSecond: number | undefined;
  close(): Promise<void>;
}

async function send(
  res: ServerResponse,
  body: Buffer,
  bytesPerSecond: number | undefined,
  head: boolean,
): Promise<void> {
  if (head) return void res.end();
  if (!bytesPerSecond) return void res.end(body);
  // Paced in 20 slices a second so a capped mirror delivers steadily, as a slow link would.
  const slice = Math.max(1, Math.floor(bytesPerSecond / 20));
  for (let at = 0; at < body.length && !res.destroyed; at += slice) {
    res.write(body.subarray(at, at + slice));
    await new Promise((r) => setTimeout(r, 50));
    // Checked after the pause: a drain that came during it must not be waited for again.
    if (res.writableNeedDrain && !res.destroyed) await new Promise((r) => res.once('drain', r));
  }
  res.end();
}

/** Starts a mirror on an ephemeral port. */
export async function startAptMirror(options: MirrorOptions): Promise<AptMirror> {
  const upstream = options.upstream ?? machineArchives();
  const requests: string[] = [];
  const state = { latencyMs: options.latencyMs ?? 0, bytesPerSecond: options.bytesPerSecond };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push(path);
    const [, segment, ...rest] = path.split('/');
    const root = segment ? upstream[segment] : undefined;
    const answer = async () => {
      if (state.latencyMs) await new Promise((r) => setTimeout(r, state.latencyMs));
      if (!root || rest.some((p) => p === '..')) {
        res.writeHead(404).end();
        return;
      }
      const cached = await cachedUpstream(`${root.replace(/\/+$/, '')}/${rest.join('/')}`);
      res.writeHead(cached.status, { ...cached.headers, 'content-length': String(cached.body.length) });
      await send(res, cached.body, state.bytesPerSecond, req.method === 'HEAD');
    };
    answer().catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    requests,
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(value: number) {
      state.latencyMs = value;
    },
    get bytesPerSecond() {
      return state.bytesPerSecond;
    },
    set bytesPerSecond(value: number | undefined) {
      state.bytesPerSecond = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Fetches an upstream file into the shared cache, so a measurement does not time the upstream. */
export async function warmMirrorCache(
  path: string,
  upstream: Record<string, string> = machineArchives(),
): Promise<void> {
  const [, segment, ...rest] = path.split('/');
  const cached = await cachedUpstream(`${upstream[segment!]!.replace(/\/+$/, '')}/${rest.join('/')}`);
  if (cached.status !== 200) throw new Error(`cannot warm the mirror cache with ${path}: HTTP ${cached.status}`);
}

/** A URL on `host` where nothing listens: connections are refused, as from a dead mirror. */
export async function deadMirrorUrl(host: string): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://${host}:${port}`;
}
