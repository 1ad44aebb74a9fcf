/**
 * The `devbox net` use cases: fetch a file the way devbox fetches everything (segmented, resumable,
 * verified, cached), resolve a name over DoH with each address's TLS verdict, rank mirrors. They
 * wire src/net to the disk (src/platform) and to the settings a user can override by flag or
 * environment (DoH resolvers, CA bundle, proxy, cache directory), so the commands work against
 * any server, including a test server with its own CA.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve as resolvePath } from 'node:path';
import { UsageError } from '../errors.js';
import { createDispatcher, type HttpSettings } from '../net/http.js';
import { Downloader, type DownloadResult } from '../net/download/download.js';
import type { DownloadProgress } from '../net/download/progress.js';
import { parseResolver, type DohResolver } from '../net/doh.js';
import { verifiedAddresses, type VerifiedAddresses } from '../net/verified-addresses.js';
import { rankMirrors, type Ranking } from '../net/rank.js';
import { cacheDirectory, NodeDownloadFiles } from '../platform/files.js';

/** Settings every net command shares. */
export interface NetSettings {
  /** A CA bundle file (PEM) trusted in addition to the normal store; defaults to $DEVBOX_CA_BUNDLE. */
  caBundle?: string;
  /** A proxy URL, or `none`; defaults to HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  proxy?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

async function httpSettings(settings: NetSettings): Promise<HttpSettings> {
  const env = settings.env ?? process.env;
  const bundle = settings.caBundle ?? (env.DEVBOX_CA_BUNDLE || undefined);
  let extraCaPem: string | undefined;
  if (bundle) {
    try {
      extraCaPem = await readFile(resolvePath(settings.cwd ?? process.cwd(), bundle), 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read the CA bundle ${bundle}: ${(error as Error).message}`, { suggestions: ['Pass a PEM file with --ca-bundle FILE or DEVBOX_CA_BUNDLE.'] });
    }
  }
  return { env, ...(settings.proxy ? { proxy: settings.proxy } : {}), ...(extraCaPem ? { extraCaPem } : {}) };
}

/** What `devbox net fetch` asks for. */
export interface FetchRequest {
  /** The URL and its mirrors, tried in order. */
  urls: string[];
  sha256?: string;
  /** Output file; defaults to the URL's file name in the current directory. */
  output?: string;
  connections?: number;
  size?: number;
  /** Use the sha256-keyed cache (default true). */
  cache?: boolean;
  cacheDir?: string;
  onProgress?(progress: DownloadProgress): void;
  signal?: AbortSignal;
}

function defaultOutput(url: string): string {
  let name = '';
  try {
    name = basename(decodeURIComponent(new URL(url).pathname));
  } catch {
    // not a URL: the downloader reports it
  }
  if (!name || name === '/' || name === '.' || name === '..') throw new UsageError(`${url} has no file name to save it as.`, { suggestions: ['Name the output file with -o FILE.'] });
  return name;
}

/** Downloads one file (or finds it in the cache / already in place). */
export async function netFetch(request: FetchRequest, settings: NetSettings = {}): Promise<DownloadResult> {
  const env = settings.env ?? process.env;
  const dispatcher = createDispatcher(await httpSettings(settings));
  const cacheDir = request.cache === false ? undefined : (request.cacheDir ?? cacheDirectory(env));
  const output = resolvePath(settings.cwd ?? process.cwd(), request.output ?? defaultOutput(request.urls[0] ?? ''));
  try {
    const downloader = new Downloader({ files: new NodeDownloadFiles(cacheDir), dispatcher });
    return await downloader.download({
      urls: request.urls,
      dest: output,
      ...(request.sha256 ? { sha256: request.sha256 } : {}),
      ...(request.connections ? { connections: request.connections } : {}),
      ...(request.size !== undefined ? { size: request.size } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } finally {
    await dispatcher.destroy();
  }
}

/** The DoH resolvers to use: the flag's, else $DEVBOX_DOH_RESOLVERS (comma or space separated), else the defaults. */
export function resolversFrom(specs: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): DohResolver[] | undefined {
  const list = specs?.length ? specs : (env.DEVBOX_DOH_RESOLVERS ?? '').split(/[\s,]+/).filter(Boolean);
  return list.length ? list.map(parseResolver) : undefined;
}

export interface ResolveRequest {
  name: string;
  resolvers?: string[];
  /** The port the TLS probe connects to (443 unless testing a server elsewhere). */
  port?: number;
  timeoutMs?: number;
}

/** DoH answers for a name, each address with its TLS verdict. */
export async function netResolve(request: ResolveRequest, settings: NetSettings = {}): Promise<VerifiedAddresses> {
  const http = await httpSettings(settings);
  const dispatcher = createDispatcher(http);
  const resolvers = resolversFrom(request.resolvers, settings.env);
  try {
    return await verifiedAddresses(request.name, {
      doh: { dispatcher, ...(resolvers ? { resolvers } : {}), ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}) },
      probe: { ...(request.port ? { port: request.port } : {}), ...(http.extraCaPem ? { extraCaPem: http.extraCaPem } : {}), ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}) },
    });
  } finally {
    await dispatcher.destroy();
  }
}

export interface RankRequest {
  /** Base URLs of the candidate mirrors. */
  urls: string[];
  /** Appended to each base URL; empty: fetch the URLs themselves. */
  path?: string;
  budgetMs?: number;
  maxBytes?: number;
  /** The sha256 the probe file must have. */
  sha256?: string;
}

/** Ranks mirrors by time to first byte and throughput. */
export async function netRank(request: RankRequest, settings: NetSettings = {}): Promise<Ranking> {
  for (const url of request.urls) {
    try {
      const { protocol } = new URL(url);
      if (protocol !== 'http:' && protocol !== 'https:') throw new Error();
    } catch {
      throw new UsageError(`"${url}" is not an http(s) URL.`);
    }
  }
  if (request.sha256 && !/^[0-9a-fA-F]{64}$/.test(request.sha256)) throw new UsageError(`"${request.sha256}" is not a sha256: it must be 64 hexadecimal digits.`);
  const dispatcher = createDispatcher(await httpSettings(settings));
  try {
    return await rankMirrors(
      request.urls.map((baseUrl) => ({ baseUrl })),
      {
        probePath: request.path ?? '',
        dispatcher,
        ...(request.budgetMs ? { timeBudgetMs: request.budgetMs } : {}),
        // Checking a sha256 needs the whole file, not the usual first 256 KiB.
        ...(request.maxBytes ? { maxBytes: request.maxBytes } : request.sha256 ? { maxBytes: 64 * 1024 * 1024 } : {}),
        ...(request.sha256 ? { sha256: request.sha256 } : {}),
      },
    );
  } finally {
    await dispatcher.destroy();
  }
}
