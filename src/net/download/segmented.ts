/**
 * Several connections fill the file's missing pieces with Range requests (skipping what is already on
 * disk); an idle connection takes over half of a slow one's piece.
 */
import { t } from '../../i18n/catalogue.js';
import { NetError } from '../errors.js';
import { get, header, type GetResponse } from '../http.js';
import type { FirstAnswer } from './first-request.js';
import {
  asNetError,
  checkRangeAnswer,
  discard,
  requestOptions,
  sameFile,
  sharePiece,
  statusError,
  strongEtag,
  truncated,
  type Retrier,
  type TransferJob,
  type TransferSettings,
} from './job.js';
import { RateMeter } from './progress.js';
import type { ContentRange } from './ranges.js';
import { Scheduler, type Claim } from './scheduler.js';
import { singleStream } from './single-stream.js';

/** A connection found that the server stopped doing ranges: the rest comes in one stream (from `response`, a 200, if any). */
class RangesStopped extends Error {
  constructor(readonly response?: GetResponse) {
    super('the server stopped doing ranges');
  }
}

/**
 * Fills the file's gaps over several connections. When a piece is answered with the whole file
 * (HTTP 200 after 206, validators unchanged) or with a wrong Content-Range, no new pieces are handed
 * out, the pieces in flight finish, and the rest comes in one stream.
 */
export async function segmented(
  url: string,
  job: TransferJob,
  settings: TransferSettings,
  retrier: Retrier,
  first: Extract<FirstAnswer, { kind: 'ranged' }>,
): Promise<void> {
  const size = job.size!;
  const scheduler = new Scheduler(job.done, size, { minPiece: settings.minPiece });
  // Later requests go straight to where the redirects ended (a CDN's signed URL, say).
  const target = first.response.url;
  const stop = new AbortController();
  const signal = AbortSignal.any([job.signal, stop.signal]);
  const missing = size - job.done.bytes;
  const connections = Math.max(1, Math.min(settings.connections, Math.ceil(missing / settings.minPiece)));
  // Every connection asks for its share of what is missing, once (the scheduler hands out less when
  // less is left): the connection that made the first request takes the last share after its probe.
  const share = sharePiece(job, settings);

  /**
   * Taking over half of another connection's piece costs a new request, and the other connection's
   * answer, abandoned at the new end, costs its connection: worth it only for at least a minimum
   * piece (aria2c's --min-split-size) that also takes longer than a couple of round trips
   * (estimated by the last time to first byte).
   */
  const minSteal = (meter: RateMeter, ttfbMs: number): number =>
    Math.max(settings.minPiece, Math.floor(meter.rate() * ((2 * ttfbMs) / 1000)));

  let rangesStopped = false;
  let handover: GetResponse | undefined;
  const own: AbortController[] = [];
  const worker = async (initial?: { claim: Claim; response: GetResponse; range: ContentRange }): Promise<void> => {
    const mine = new AbortController();
    own.push(mine);
    const workerSignal = AbortSignal.any([signal, mine.signal]);
    const meter = new RateMeter(3000);
    const timing = { ttfbMs: 50 };
    let claim = initial?.claim;
    let answered = initial;
    while (
      !rangesStopped &&
      (claim ??= scheduler.next(share, minSteal(meter, timing.ttfbMs), Math.max(0.5, (4 * timing.ttfbMs) / 1000)))
    ) {
      job.connections++;
      try {
        await fetchPiece(target, claim, answered, meter, timing, workerSignal);
      } catch (error) {
        scheduler.release(claim);
        claim = undefined;
        answered = undefined;
        if (error instanceof RangesStopped && !rangesStopped) {
          rangesStopped = true;
          handover = error.response;
          // The others stop now: their answers would be whole files too.
          for (const other of own) if (other !== mine) other.abort(error);
          return;
        }
        if (rangesStopped) {
          if (error instanceof RangesStopped) await discardQuietly(error.response);
          return;
        }
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

  const fetchPiece = async (
    fetchUrl: string,
    claim: Claim,
    answered: { response: GetResponse; range: ContentRange } | undefined,
    meter: RateMeter,
    timing: { ttfbMs: number },
    signal: AbortSignal,
  ): Promise<void> => {
    let response = answered?.response;
    let range = answered?.range;
    claim.asked = { at: performance.now(), pos: claim.pos };
    if (!response || !range) {
      const headers: Record<string, string> = { range: `bytes=${claim.pos}-${claim.end - 1}` };
      const validator = strongEtag(job.etag) ?? job.lastModified;
      if (validator) headers['if-range'] = validator;
      const asked = performance.now();
      response = await get(fetchUrl, { ...requestOptions(job, settings, headers), signal });
      timing.ttfbMs = performance.now() - asked;
      if (response.statusCode !== 206) {
        if (response.statusCode === 200 && sameFile(job, response)) {
          job.note(t('download.noteStoppedRanges'));
          // This answer is the whole file: it becomes the one stream, read past the bytes on disk.
          throw new RangesStopped(response);
        }
        await discard(response);
        if (response.statusCode === 200) {
          throw new NetError('changed', url, t('download.otherVersion'));
        }
        if (response.statusCode === 416)
          throw new NetError('changed', url, t('download.noLongerHasByte', { pos: claim.pos }));
        throw statusError(url, response);
      }
      try {
        range = checkRangeAnswer(url, response, claim.pos, claim.end);
      } catch (error) {
        await discard(response);
        if (!(error instanceof NetError) || error.kind !== 'range') throw error;
        job.note(
          t('download.noteWrongRange', { range: header(response.headers, 'content-range') ?? t('download.none') }),
        );
        throw new RangesStopped();
      }
      if (range.total !== size) {
        await discard(response);
        throw new NetError(
          'changed',
          url,
          t('download.sizeChanged', { size, now: String(range.total ?? t('download.unknown')) }),
          { expected: `${size} bytes`, actual: `${range.total} bytes` },
        );
      }
    }
    const from = claim.pos;
    let received = 0;
    let yielded = false;
    try {
      for await (const chunk of response.body) {
        let data = chunk as Buffer;
        received += data.length;
        job.wire(data.length);
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
      throw truncated(
        url,
        t('download.bytes', { range: `${from}-${range.end - 1}` }),
        received,
        range.end - from,
        error,
      );
    }
    if (!yielded && claim.pos < Math.min(range.end, claim.end))
      throw truncated(url, t('download.bytes', { range: `${from}-${range.end - 1}` }), received, range.end - from);
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
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the first part's error, as is
  if (failure !== undefined) throw failure;
  if (rangesStopped && !job.done.covers(size)) return singleStream(url, job, settings, retrier, handover, false);
  await discardQuietly(handover);
  if (!job.done.covers(size)) throw new Error(`internal: download of ${url} ended with bytes missing`);
}

async function discardQuietly(response: GetResponse | undefined): Promise<void> {
  if (response) response.body.destroy();
}
