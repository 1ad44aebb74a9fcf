/**
 * Mirror ranking: fetch the same probe path from every candidate in parallel, within one time
 * budget, and rank those that answered with the right content by the time they would take to
 * deliver a reference amount of data (time to first byte + size / throughput).
 */
import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { createDispatcher, get } from './http.js';

export interface MirrorCandidate {
  /** Short name for messages (e.g. "tuna"); defaults to the URL's host. */
  name?: string;
  /** Base URL; the probe path is appended to it. */
  baseUrl: string;
}

export interface RankOptions {
  /** Path appended to each base URL, e.g. `dists/bookworm/InRelease`. */
  probePath: string;
  /** Whole measurement budget; candidates still running at the end are cut off and measured on what they delivered. */
  timeBudgetMs?: number;
  /** Stop reading a body after this many bytes. */
  maxBytes?: number;
  /** The amount of data the score is computed for. */
  referenceBytes?: number;
  /** Checks what a mirror served (first bytes of the body); returns why it is wrong, or undefined. */
  validate?(body: Buffer, url: string): string | undefined;
  /**
   * The sha256 the whole probe file must have. A mirror whose body is cut off (budget, maxBytes)
   * before the end cannot be checked and fails.
   */
  sha256?: string;
  /**
   * Carries proxy and trust settings (see createDispatcher in http.ts). Without one, a dispatcher
   * honouring HTTPS_PROXY / HTTP_PROXY / NO_PROXY is made for the call and closed after it.
   */
  dispatcher?: Dispatcher;
}

export interface MirrorMeasurement {
  name: string;
  baseUrl: string;
  url: string;
  ok: boolean;
  error?: string;
  status?: number;
  ttfbMs?: number;
  bytes: number;
  /** Bytes per second over the body. */
  throughput?: number;
  /** Estimated milliseconds to fetch `referenceBytes`: lower is better. */
  scoreMs?: number;
  /** Where the probe ended up after redirects, when it was redirected. */
  finalUrl?: string;
}

export interface Ranking {
  /** Candidates that served valid content, best first. */
  ranked: MirrorMeasurement[];
  failed: MirrorMeasurement[];
  elapsedMs: number;
}

function joinUrl(base: string, path: string): string {
  if (!path) return base;
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

async function measure(
  candidate: MirrorCandidate,
  options: Required<Pick<RankOptions, 'probePath' | 'maxBytes' | 'referenceBytes' | 'dispatcher'>> & RankOptions,
  signal: AbortSignal,
): Promise<MirrorMeasurement> {
  const url = joinUrl(candidate.baseUrl, options.probePath);
  let name = candidate.name;
  try {
    name ??= new URL(candidate.baseUrl).host;
  } catch {
    return { name: candidate.baseUrl, baseUrl: candidate.baseUrl, url, ok: false, bytes: 0, error: 'not a URL' };
  }
  const base = { name, baseUrl: candidate.baseUrl, url };
  const started = performance.now();
  const chunks: Buffer[] = [];
  let kept = 0;
  let bytes = 0;
  let headersAt: number | undefined;
  let status: number | undefined;
  let finalUrl: string | undefined;
  let complete = false;
  const hash = options.sha256 ? createHash('sha256') : undefined;
  try {
    const response = await get(url, { dispatcher: options.dispatcher, signal, maxRedirects: 5 });
    headersAt = performance.now();
    status = response.statusCode;
    if (response.url !== url) finalUrl = response.url;
    if (status !== 200) {
      await response.body.dump().catch(() => undefined);
      return {
        ...base,
        ok: false,
        status,
        bytes: 0,
        ttfbMs: headersAt - started,
        error: `HTTP ${status}`,
        ...(finalUrl ? { finalUrl } : {}),
      };
    }
    try {
      complete = true;
      for await (const chunk of response.body) {
        if (bytes >= options.maxBytes) {
          complete = false;
          break;
        }
        // Count no more than maxBytes, however large the last chunk: the figures are per the bytes judged.
        const data = (chunk as Buffer).subarray(0, options.maxBytes - bytes);
        bytes += data.length;
        hash?.update(data);
        if (kept < 64 * 1024) {
          chunks.push(data);
          kept += data.length;
        }
        if (data.length < (chunk as Buffer).length) {
          complete = false;
          break;
        }
      }
    } catch (error) {
      // Cut off by the time budget: judge the mirror on what it delivered so far.
      if (!signal.aborted || bytes === 0) throw error;
    }
    response.body.destroy();
  } catch (error) {
    const why = signal.aborted ? 'no answer within the time budget' : (error as Error).message;
    return { ...base, ok: false, bytes, ...(status ? { status } : {}), error: why, ...(finalUrl ? { finalUrl } : {}) };
  }
  const ended = performance.now();
  const extra = finalUrl ? { finalUrl } : {};
  const problem = options.validate?.(Buffer.concat(chunks), url);
  if (problem) return { ...base, ok: false, status, bytes, error: problem, ...extra };
  if (hash) {
    if (!complete)
      return {
        ...base,
        ok: false,
        status,
        bytes,
        error: `cannot check its sha256: cut off after ${bytes} bytes`,
        ...extra,
      };
    const digest = hash.digest('hex');
    if (digest !== options.sha256!.toLowerCase())
      return {
        ...base,
        ok: false,
        status,
        bytes,
        error: `wrong content: sha256 ${digest}, expected ${options.sha256}`,
        ...extra,
      };
  }
  const ttfbMs = headersAt - started;
  const bodyMs = Math.max(ended - headersAt, 1);
  const throughput = (bytes / bodyMs) * 1000;
  return {
    ...base,
    ok: true,
    status,
    bytes,
    ttfbMs,
    throughput,
    scoreMs: ttfbMs + (options.referenceBytes / Math.max(throughput, 1)) * 1000,
    ...extra,
  };
}

/** Measures every candidate in parallel and ranks them; never takes (much) longer than the budget. */
export async function rankMirrors(candidates: readonly MirrorCandidate[], options: RankOptions): Promise<Ranking> {
  const started = performance.now();
  const budget = AbortSignal.timeout(options.timeBudgetMs ?? 5000);
  const owned = options.dispatcher ? undefined : createDispatcher();
  const settings = {
    maxBytes: 256 * 1024,
    referenceBytes: 1024 * 1024,
    ...options,
    dispatcher: options.dispatcher ?? owned!,
  };
  const measurements = await Promise.all(candidates.map((c) => measure(c, settings, budget))).finally(() =>
    owned?.destroy(),
  );
  const ranked = measurements.filter((m) => m.ok).sort((a, b) => a.scoreMs! - b.scoreMs!);
  return { ranked, failed: measurements.filter((m) => !m.ok), elapsedMs: performance.now() - started };
}
