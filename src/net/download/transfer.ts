/**
 * Fetching one file from one URL into a partial file: the first request finds out whether the
 * server does ranges and how big the file is; with ranges, several connections fill the missing
 * pieces (skipping what is already on disk); without, one stream from byte 0. Resets, timeouts and
 * 5xx are retried with backoff, resuming where they stopped.
 */
import type { Dispatcher } from 'undici';
import { NetError, classifyRequestError } from '../errors.js';
import { get, header, type GetResponse } from '../http.js';
import type { OrderedHash } from './ordered-hash.js';
import type { PartFile } from './ports.js';
import { RangeSet, parseContentLength, parseContentRange, parseUnsatisfiedRange, type ContentRange } from './ranges.js';
import { backoffDelay, sleep, type RetryPolicy } from './retry.js';
import { Scheduler, type Claim } from './scheduler.js';
import { RateMeter } from './progress.js';

/** The download in progress, shared by every connection and across mirrors. */
export interface TransferJob {
  readonly part: PartFile;
  readonly done: RangeSet;
  readonly hash: OrderedHash;
  size: number | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
  /** Size the caller knows the file has, if any: any other size is an error. */
  readonly expectedSize: number | undefined;
  /** Connections transferring right now. */
  connections: number;
  readonly signal: AbortSignal;
  /** Counts bytes newly on disk. */
  received(bytes: number): void;
  /** Forgets every byte on disk: the file changed, or what we had was wrong. */
  reset(): Promise<void>;
}

/** How one transfer behaves. */
export interface TransferSettings {
  dispatcher: Dispatcher;
  connections: number;
  retry: RetryPolicy;
  headersTimeoutMs: number;
  /** A connection that delivers nothing for this long is dropped and retried. */
  bodyTimeoutMs: number;
  /** Smallest piece worth a request of its own (like aria2's min-split-size). */
  minPiece: number;
  /** Largest piece one request asks for. */
  maxPiece: number;
  /**
   * Bytes a connection may have received but not yet written. Beyond it (a disk slower than the
   * network) the connection is dropped and its piece re-requested later: undici's own backpressure
   * cannot be used safely (see bodyQueueLimit in http.ts).
   */
  maxQueued: number;
}

/** Counts failures in a row; any progress resets it. Gives up after the policy's attempts. */
class Retrier {
  private failures = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly signal: AbortSignal,
  ) {}

  progressed(): void {
    this.failures = 0;
  }

  /** Waits before the next try, or throws `error` when it is not worth retrying (any more). */
  async failed(error: NetError, signal: AbortSignal = this.signal): Promise<void> {
    if (signal.aborted) throw signal.reason;
    if (!error.retryable) throw error;
    this.failures++;
    if (this.failures >= this.policy.attempts) {
      throw new NetError(error.kind, error.url, `${error.message.slice(error.url.length + 2)} (gave up after ${this.failures} attempts)`, {
        ...(error.expected ? { expected: error.expected } : {}),
        ...(error.actual ? { actual: error.actual } : {}),
        ...(error.status ? { status: error.status } : {}),
        cause: error,
      });
    }
    await sleep(backoffDelay(this.policy, this.failures), signal);
  }
}

function asNetError(url: string, error: unknown, signal: AbortSignal): NetError {
  if (signal.aborted) throw signal.reason;
  return classifyRequestError(url, error);
}

const retryableStatuses = new Set([408, 425, 429, 500, 502, 503, 504]);

function statusError(url: string, response: GetResponse): NetError {
  const where = response.url === url ? '' : ` (redirected to ${response.url})`;
  const status = response.statusCode;
  return new NetError('http', url, `answered HTTP ${status}${where}`, {
    status,
    expected: 'HTTP 200 or 206',
    actual: `HTTP ${status}`,
    retryable: retryableStatuses.has(status) || (status >= 500 && status !== 501 && status !== 505),
  });
}

function strongEtag(etag: string | undefined): string | undefined {
  return etag && !etag.startsWith('W/') ? etag : undefined;
}

async function discard(response: GetResponse): Promise<void> {
  await response.body.dump().catch(() => undefined);
}

function checkSize(url: string, job: TransferJob, size: number, source: string): void {
  if (job.expectedSize !== undefined && size !== job.expectedSize) {
    throw new NetError('length', url, `${source} says the file is ${size} bytes, expected ${job.expectedSize}`, { expected: `${job.expectedSize} bytes`, actual: `${size} bytes` });
  }
}

/** A 206 answer must describe the range we asked for, consistently with its Content-Length. */
function checkRangeAnswer(url: string, response: GetResponse, start: number, askedEnd: number): ContentRange {
  const raw = header(response.headers, 'content-range');
  const range = parseContentRange(raw);
  if (!range || range.start !== start) {
    throw new NetError('range', url, `asked for bytes ${start}-${askedEnd - 1}, got Content-Range ${raw ?? '(none)'}`, { expected: `bytes ${start}-${askedEnd - 1}`, actual: raw ?? '(none)' });
  }
  const length = parseContentLength(response.headers['content-length']);
  if (length !== undefined && length !== range.end - range.start) {
    throw new NetError('length', url, `wrong Content-Length: ${length} for Content-Range ${raw} (${range.end - range.start} bytes)`, {
      expected: `${range.end - range.start} bytes`,
      actual: `${length} bytes`,
    });
  }
  return range;
}

function truncated(url: string, what: string, received: number, expected: number | undefined, cause?: unknown): NetError {
  const reason = cause ? ` (${(cause as Error).message ?? String(cause)})` : ' (the server ended the body early)';
  return new NetError('truncated', url, `truncated body: ${what} stopped after ${received} of ${expected ?? '?'} bytes${reason}`, {
    expected: `${expected ?? '?'} bytes`,
    actual: `${received} bytes`,
    retryable: true,
    ...(cause ? { cause } : {}),
  });
}

type FirstAnswer =
  | { kind: 'complete' }
  | { kind: 'single'; response: GetResponse }
  | { kind: 'ranged'; response: GetResponse; range: ContentRange; claimEnd: number };

/**
 * Downloads whatever `job` is missing from `url`. Resolves when every byte of the file is on disk
 * (not yet verified); throws NetError when this URL cannot deliver it.
 */
export async function transfer(url: string, job: TransferJob, settings: TransferSettings): Promise<void> {
  const retrier = new Retrier(settings.retry, job.signal);
  for (;;) {
    let first: FirstAnswer;
    try {
      first = await firstRequest(url, job, settings);
    } catch (error) {
      await retrier.failed(asNetError(url, error, job.signal));
      continue;
    }
    if (first.kind === 'complete') return;
    if (first.kind === 'single') return singleStream(url, job, settings, retrier, first.response);
    return segmented(url, job, settings, retrier, first);
  }
}

function requestOptions(job: TransferJob, settings: TransferSettings, headers: Record<string, string>) {
  return { dispatcher: settings.dispatcher, headers, signal: job.signal, headersTimeoutMs: settings.headersTimeoutMs, bodyTimeoutMs: settings.bodyTimeoutMs };
}

async function firstRequest(url: string, job: TransferJob, settings: TransferSettings): Promise<FirstAnswer> {
  // While the size is unknown, ask for one small piece: the answer tells the size and whether ranges work.
  let start = 0;
  let end = settings.minPiece;
  if (job.size !== undefined) {
    const gap = job.done.gaps(job.size)[0];
    if (!gap) return { kind: 'complete' };
    start = gap[0];
    end = Math.min(gap[1], start + basePiece(job.size, settings));
  }
  const headers: Record<string, string> = { range: `bytes=${start}-${end - 1}` };
  // If the file changed since the bytes we have were fetched, the server sends it whole (200).
  const validator = strongEtag(job.etag) ?? job.lastModified;
  if (job.done.bytes > 0 && validator) headers['if-range'] = validator;
  const response = await get(url, requestOptions(job, settings, headers));
  const status = response.statusCode;
  if (status === 206) {
    let range: ContentRange;
    try {
      range = checkRangeAnswer(url, response, start, end);
    } catch (error) {
      await discard(response);
      throw error;
    }
    if (range.total === undefined) {
      // A range without a total size cannot be split: fetch the file in one stream.
      await discard(response);
      return { kind: 'single', response: await wholeFile(url, job, settings) };
    }
    checkSize(url, job, range.total, 'Content-Range');
    const etag = header(response.headers, 'etag');
    const lastModified = header(response.headers, 'last-modified');
    const changed = (job.size !== undefined && job.size !== range.total) || (job.etag !== undefined && etag !== undefined && job.etag !== etag);
    if (changed) {
      await job.reset();
      if (start !== 0) {
        // What we had belongs to another version of the file; start this one from its first byte.
        await discard(response);
        job.size = range.total;
        return firstRequest(url, job, settings);
      }
    }
    job.size = range.total;
    job.etag = etag;
    job.lastModified = lastModified;
    return { kind: 'ranged', response, range, claimEnd: Math.min(end, range.end) };
  }
  if (status === 200) return { kind: 'single', response };
  if (status === 416) {
    const total = parseUnsatisfiedRange(header(response.headers, 'content-range'));
    await discard(response);
    if (total === 0) {
      checkSize(url, job, 0, 'The server');
      await job.reset();
      job.size = 0;
      return { kind: 'complete' };
    }
    if (job.size !== undefined) {
      await job.reset();
      throw new NetError('changed', url, `the file changed on the server (it no longer has byte ${start})`, { retryable: true });
    }
    throw new NetError('range', url, `refused the range bytes=${start}-${end - 1} (HTTP 416)`, { status });
  }
  await discard(response);
  throw statusError(url, response);
}

async function wholeFile(url: string, job: TransferJob, settings: TransferSettings): Promise<GetResponse> {
  const response = await get(url, requestOptions(job, settings, {}));
  if (response.statusCode !== 200) {
    await discard(response);
    throw statusError(url, response);
  }
  return response;
}

/** One stream from byte 0 (the server does no ranges); a failure starts over. */
async function singleStream(url: string, job: TransferJob, settings: TransferSettings, retrier: Retrier, first: GetResponse): Promise<void> {
  let response: GetResponse | undefined = first;
  for (;;) {
    try {
      response ??= await wholeFile(url, job, settings);
      await job.reset();
      const length = parseContentLength(response.headers['content-length']);
      if (length !== undefined) checkSize(url, job, length, 'Content-Length');
      job.size = length;
      job.etag = header(response.headers, 'etag');
      job.lastModified = header(response.headers, 'last-modified');
      let pos = 0;
      job.connections++;
      try {
        for await (const chunk of response.body) {
          const data = chunk as Buffer;
          if (length !== undefined && pos + data.length > length) throw new NetError('length', url, `sent more than its Content-Length of ${length} bytes`, { expected: `${length} bytes` });
          await job.part.write(data, pos);
          job.received(job.done.add(pos, pos + data.length));
          job.hash.onWritten(pos, data);
          pos += data.length;
          retrier.progressed();
          if (response.body.readableLength > settings.maxQueued) {
            throw new NetError('network', url, `the disk is slower than the network: more than ${settings.maxQueued} bytes waited to be written`, { retryable: true });
          }
        }
      } catch (error) {
        if (error instanceof NetError || job.signal.aborted) throw error;
        throw truncated(url, 'the download', pos, length, error);
      } finally {
        job.connections--;
      }
      if (length !== undefined && pos < length) throw truncated(url, 'the download', pos, length);
      checkSize(url, job, pos, 'The body');
      job.size = pos;
      return;
    } catch (error) {
      response = undefined;
      await retrier.failed(asNetError(url, error, job.signal));
    }
  }
}

/** Pieces small enough that each connection asks several times (the file fills from the front, the tail stays short). */
function basePiece(size: number, settings: TransferSettings): number {
  return Math.min(settings.maxPiece, Math.max(settings.minPiece, Math.ceil(size / (settings.connections * 8))));
}

async function segmented(url: string, job: TransferJob, settings: TransferSettings, retrier: Retrier, first: Extract<FirstAnswer, { kind: 'ranged' }>): Promise<void> {
  const size = job.size!;
  const scheduler = new Scheduler(job.done, size, { minPiece: settings.minPiece });
  // Later requests go straight to where the redirects ended (a CDN's signed URL, say).
  const target = first.response.url;
  const stop = new AbortController();
  const signal = AbortSignal.any([job.signal, stop.signal]);
  const missing = size - job.done.bytes;
  const connections = Math.max(1, Math.min(settings.connections, Math.ceil(missing / settings.minPiece)));
  const base = basePiece(size, settings);

  const pieceFor = (meter: RateMeter): number => {
    // A fast connection asks for about two seconds' worth, so the round trip per request stays small.
    const wanted = Math.max(base, Math.floor(meter.rate() * 2));
    const fairShare = Math.ceil(scheduler.unclaimedBytes() / connections);
    return Math.max(settings.minPiece, Math.min(settings.maxPiece, wanted, fairShare));
  };

  /**
   * Taking over half of another connection's piece costs a new request: worth it only when that
   * half takes longer than a couple of round trips (estimated by the last time to first byte).
   */
  const minSteal = (meter: RateMeter, ttfbMs: number): number => Math.max(64 * 1024, Math.floor(meter.rate() * ((2 * ttfbMs) / 1000)));

  const worker = async (initial?: { claim: Claim; response: GetResponse; range: ContentRange }): Promise<void> => {
    const meter = new RateMeter(3000);
    const timing = { ttfbMs: 50 };
    let claim = initial?.claim;
    let answered = initial;
    while ((claim ??= scheduler.next(pieceFor(meter), minSteal(meter, timing.ttfbMs)))) {
      job.connections++;
      try {
        await fetchPiece(target, claim, answered, meter, timing);
      } catch (error) {
        scheduler.release(claim);
        claim = undefined;
        answered = undefined;
        await retrier.failed(asNetError(url, error, signal), signal);
        continue;
      } finally {
        job.connections--;
      }
      scheduler.release(claim);
      claim = undefined;
      answered = undefined;
    }
  };

  const fetchPiece = async (fetchUrl: string, claim: Claim, answered: { response: GetResponse; range: ContentRange } | undefined, meter: RateMeter, timing: { ttfbMs: number }): Promise<void> => {
    let response = answered?.response;
    let range = answered?.range;
    if (!response || !range) {
      const headers: Record<string, string> = { range: `bytes=${claim.pos}-${claim.end - 1}` };
      const validator = strongEtag(job.etag) ?? job.lastModified;
      if (validator) headers['if-range'] = validator;
      const asked = performance.now();
      response = await get(fetchUrl, { ...requestOptions(job, settings, headers), signal });
      timing.ttfbMs = performance.now() - asked;
      if (response.statusCode !== 206) {
        await discard(response);
        if (response.statusCode === 200) {
          throw new NetError('changed', url, 'answered a range request with the whole file (HTTP 200): the file changed, or the server stopped doing ranges');
        }
        if (response.statusCode === 416) throw new NetError('changed', url, `the file changed on the server (it no longer has byte ${claim.pos})`);
        throw statusError(url, response);
      }
      try {
        range = checkRangeAnswer(url, response, claim.pos, claim.end);
      } catch (error) {
        await discard(response);
        throw error;
      }
      if (range.total !== size) {
        await discard(response);
        throw new NetError('changed', url, `the file changed on the server while downloading (it was ${size} bytes, now ${range.total ?? 'unknown'})`, { expected: `${size} bytes`, actual: `${range.total} bytes` });
      }
    }
    const from = claim.pos;
    let received = 0;
    let yielded = false;
    try {
      for await (const chunk of response.body) {
        let data = chunk as Buffer;
        received += data.length;
        const room = claim.end - claim.pos;
        if (room <= 0) break;
        if (data.length > room) data = data.subarray(0, room);
        claim.writing = claim.pos + data.length;
        await job.part.write(data, claim.pos);
        const added = job.done.add(claim.pos, claim.pos + data.length);
        job.hash.onWritten(claim.pos, data);
        claim.pos += data.length;
        job.received(added);
        meter.add(data.length);
        retrier.progressed();
        // Stop early only when the rest of this answer is someone else's (a piece was stolen).
        if (claim.pos >= claim.end && range.end > claim.end) break;
        if (response.body.readableLength > settings.maxQueued && claim.pos < claim.end) {
          // The disk cannot keep up: drop this connection, the rest of the piece goes back to the pool.
          yielded = true;
          break;
        }
      }
    } catch (error) {
      if (error instanceof NetError || signal.aborted) throw error;
      throw truncated(url, `bytes ${from}-${range.end - 1}`, received, range.end - from, error);
    }
    if (!yielded && claim.pos < Math.min(range.end, claim.end)) throw truncated(url, `bytes ${from}-${range.end - 1}`, received, range.end - from);
  };

  const initialClaim = scheduler.claimExact(first.range.start, first.claimEnd);
  let failure: unknown;
  const workers = [worker({ claim: initialClaim, response: first.response, range: first.range })];
  for (let i = 1; i < connections; i++) workers.push(worker());
  await Promise.all(
    workers.map((w) =>
      w.catch((error: unknown) => {
        // The first failure stops the other connections; theirs are consequences.
        if (failure === undefined) {
          failure = error;
          stop.abort(error);
        }
      }),
    ),
  );
  if (failure !== undefined) throw failure;
  if (!job.done.covers(size)) throw new Error(`internal: download of ${url} ended with bytes missing`);
}
