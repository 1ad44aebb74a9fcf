/**
 * What every connection of one download shares: the job (bytes on disk, size, validators, counters),
 * the settings, the retry rule, and the checks an answer must pass.
 */
import type { Dispatcher } from 'undici';
import { NetError, classifyRequestError } from '../errors.js';
import { header, type GetResponse } from '../http.js';
import type { OrderedHash } from './ordered-hash.js';
import type { PartFile } from './ports.js';
import { type RangeSet, parseContentLength, parseContentRange, type ContentRange } from './ranges.js';
import { backoffDelay, sleep, type RetryPolicy } from './retry.js';
import { t } from '../../i18n/catalogue.js';

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
  /** Counts body bytes that crossed the network, kept or not. */
  wire(bytes: number): void;
  /**
   * Body bytes received again although they were on disk already (a server that ignores Range sends
   * the file from byte 0 again). At most the file's size, one retry's worth, is allowed per URL.
   */
  wasted: number;
  /** Records what a server did that the download had to work around (reported in the result). */
  note(event: string): void;
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
export class Retrier {
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
      throw new NetError(
        error.kind,
        error.url,
        `${error.message.slice(error.url.length + 2)} (${t('net.gaveUp', { count: this.failures })})`,
        {
          ...(error.expected ? { expected: error.expected } : {}),
          ...(error.actual ? { actual: error.actual } : {}),
          ...(error.status ? { status: error.status } : {}),
          cause: error,
        },
      );
    }
    await sleep(backoffDelay(this.policy, this.failures), signal);
  }
}

export function asNetError(url: string, error: unknown, signal: AbortSignal): NetError {
  if (signal.aborted) throw signal.reason;
  return classifyRequestError(url, error);
}

const retryableStatuses = new Set([408, 425, 429, 500, 502, 503, 504]);

export function statusError(url: string, response: GetResponse): NetError {
  const status = response.statusCode;
  const redirectedTo = response.url === url ? '' : response.url;
  return new NetError('http', url, t('net.httpStatus', { status, redirectedTo }), {
    status,
    expected: 'HTTP 200 or 206',
    actual: `HTTP ${status}`,
    retryable: retryableStatuses.has(status) || (status >= 500 && status !== 501 && status !== 505),
  });
}

export function strongEtag(etag: string | undefined): string | undefined {
  return etag && !etag.startsWith('W/') ? etag : undefined;
}

export async function discard(response: GetResponse): Promise<void> {
  await response.body.dump().catch(() => undefined);
}

export function checkSize(url: string, job: TransferJob, size: number, source: string): void {
  if (job.expectedSize !== undefined && size !== job.expectedSize) {
    throw new NetError('length', url, t('download.sizeSays', { source, size, expected: job.expectedSize }), {
      expected: `${job.expectedSize} bytes`,
      actual: `${size} bytes`,
    });
  }
}

/** A 206 answer must describe the range we asked for, consistently with its Content-Length. */
export function checkRangeAnswer(url: string, response: GetResponse, start: number, askedEnd: number): ContentRange {
  const raw = header(response.headers, 'content-range');
  const range = parseContentRange(raw);
  if (!range || range.start !== start) {
    throw new NetError(
      'range',
      url,
      t('download.gotRange', { asked: `${start}-${askedEnd - 1}`, got: raw ?? `(${t('download.none')})` }),
      {
        expected: `bytes ${start}-${askedEnd - 1}`,
        actual: raw ?? '(none)',
      },
    );
  }
  const length = parseContentLength(response.headers['content-length']);
  if (length !== undefined && length !== range.end - range.start) {
    throw new NetError(
      'length',
      url,
      t('download.wrongLength', { length, range: raw ?? '', bytes: range.end - range.start }),
      {
        expected: `${range.end - range.start} bytes`,
        actual: `${length} bytes`,
      },
    );
  }
  return range;
}

export function truncated(
  url: string,
  what: string,
  received: number,
  expected: number | undefined,
  cause?: unknown,
): NetError {
  const reason = cause ? ((cause as Error).message ?? String(cause)) : t('download.endedEarly');
  return new NetError(
    'truncated',
    url,
    t('download.truncated', { what, received, expected: String(expected ?? '?'), reason }),
    {
      expected: `${expected ?? '?'} bytes`,
      actual: `${received} bytes`,
      retryable: true,
      ...(cause ? { cause } : {}),
    },
  );
}

export function requestOptions(job: TransferJob, settings: TransferSettings, headers: Record<string, string>) {
  return {
    dispatcher: settings.dispatcher,
    headers,
    signal: job.signal,
    headersTimeoutMs: settings.headersTimeoutMs,
    bodyTimeoutMs: settings.bodyTimeoutMs,
  };
}

/**
 * Each connection's share of the bytes still missing, as aria2c splits a file (`-s N`: N pieces, none
 * under `--min-split-size`): one request per connection carries it to the end, so a download costs
 * about as many requests and connections as it has connections, and they all finish together. Smaller
 * pieces cost a request each, and an answer abandoned for a stolen tail costs a connection.
 */
export function sharePiece(job: TransferJob, settings: TransferSettings): number {
  const missing = Math.max(0, (job.size ?? 0) - job.done.bytes);
  return Math.min(settings.maxPiece, Math.max(settings.minPiece, Math.ceil(missing / settings.connections)));
}

/** Whether a 200 answer is the same file as the one on disk (validators agree, or there are none to tell). */
export function sameFile(job: TransferJob, response: GetResponse): boolean {
  const etag = header(response.headers, 'etag');
  const lastModified = header(response.headers, 'last-modified');
  const length = parseContentLength(response.headers['content-length']);
  if (job.size !== undefined && length !== undefined && length !== job.size) return false;
  if (job.etag !== undefined && etag !== undefined && job.etag !== etag) return false;
  if (job.lastModified !== undefined && lastModified !== undefined && job.lastModified !== lastModified) return false;
  return true;
}
