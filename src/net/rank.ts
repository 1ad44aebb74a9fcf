/**
 * Mirror ranking: fetch the same probe path from every candidate in parallel, within one time
 * budget, and rank those that answered with the right content by the time they would take to
 * deliver a reference amount of data (time to first byte + size / throughput).
 */
import { request, type Dispatcher } from 'undici';

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
}

export interface Ranking {
  /** Candidates that served valid content, best first. */
  ranked: MirrorMeasurement[];
  failed: MirrorMeasurement[];
  elapsedMs: number;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

async function measure(candidate: MirrorCandidate, options: Required<Pick<RankOptions, 'probePath' | 'maxBytes' | 'referenceBytes'>> & RankOptions, signal: AbortSignal): Promise<MirrorMeasurement> {
  const url = joinUrl(candidate.baseUrl, options.probePath);
  const name = candidate.name ?? new URL(candidate.baseUrl).host;
  const base = { name, baseUrl: candidate.baseUrl, url };
  const started = performance.now();
  const chunks: Buffer[] = [];
  let bytes = 0;
  let headersAt: number | undefined;
  let status: number | undefined;
  try {
    const response = await request(url, { signal, headers: { 'user-agent': 'devbox' }, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) });
    headersAt = performance.now();
    status = response.statusCode;
    if (status !== 200) {
      await response.body.dump().catch(() => undefined);
      return { ...base, ok: false, status, bytes: 0, ttfbMs: headersAt - started, error: `HTTP ${status}` };
    }
    try {
      for await (const chunk of response.body) {
        bytes += (chunk as Buffer).length;
        if (chunks.reduce((n, c) => n + c.length, 0) < 64 * 1024) chunks.push(chunk as Buffer);
        if (bytes >= options.maxBytes) break;
      }
    } catch (error) {
      // Cut off by the time budget: judge the mirror on what it delivered so far.
      if (!signal.aborted || bytes === 0) throw error;
    }
    response.body.destroy();
  } catch (error) {
    const why = signal.aborted ? 'no answer within the time budget' : (error as Error).message;
    return { ...base, ok: false, bytes, ...(status ? { status } : {}), error: why };
  }
  const ended = performance.now();
  const problem = options.validate?.(Buffer.concat(chunks), url);
  if (problem) return { ...base, ok: false, status, bytes, error: problem };
  const ttfbMs = headersAt - started;
  const bodyMs = Math.max(ended - headersAt, 1);
  const throughput = (bytes / bodyMs) * 1000;
  return { ...base, ok: true, status, bytes, ttfbMs, throughput, scoreMs: ttfbMs + (options.referenceBytes / Math.max(throughput, 1)) * 1000 };
}

/** Measures every candidate in parallel and ranks them; never takes (much) longer than the budget. */
export async function rankMirrors(candidates: readonly MirrorCandidate[], options: RankOptions): Promise<Ranking> {
  const started = performance.now();
  const budget = AbortSignal.timeout(options.timeBudgetMs ?? 5000);
  const settings = { maxBytes: 256 * 1024, referenceBytes: 1024 * 1024, ...options };
  const measurements = await Promise.all(candidates.map((c) => measure(c, settings, budget)));
  const ranked = measurements.filter((m) => m.ok).sort((a, b) => a.scoreMs! - b.scoreMs!);
  return { ranked, failed: measurements.filter((m) => !m.ok), elapsedMs: performance.now() - started };
}
