/**
 * The first request to a URL: it asks for one piece, and the answer tells the size, the validators,
 * and whether the server does ranges (206 with the right Content-Range) or not (200: one stream).
 */
import { t } from '../../i18n/catalogue.js';
import { NetError } from '../errors.js';
import { get, header, type GetResponse } from '../http.js';
import { parseUnsatisfiedRange, type ContentRange } from './ranges.js';
import {
  checkRangeAnswer,
  checkSize,
  discard,
  requestOptions,
  sharePiece,
  statusError,
  strongEtag,
  type TransferJob,
  type TransferSettings,
} from './job.js';

export type FirstAnswer =
  | { kind: 'complete' }
  | { kind: 'single'; response: GetResponse }
  | { kind: 'ranged'; response: GetResponse; range: ContentRange; claimEnd: number };

export async function firstRequest(url: string, job: TransferJob, settings: TransferSettings): Promise<FirstAnswer> {
  // While the size is unknown, ask for one small piece: the answer tells the size and whether ranges work.
  let start = 0;
  let end = settings.minPiece;
  if (job.size !== undefined) {
    const gap = job.done.gaps(job.size)[0];
    if (!gap) return { kind: 'complete' };
    start = gap[0];
    end = Math.min(gap[1], start + sharePiece(job, settings));
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
      if (!(error instanceof NetError) || error.kind !== 'range') throw error;
      // A 206 that describes other bytes than asked: its ranges cannot be trusted; one plain stream can.
      job.note(
        t('download.noteWrongFirstRange', { range: header(response.headers, 'content-range') ?? t('download.none') }),
      );
      return { kind: 'single', response: await wholeFile(url, job, settings) };
    }
    if (range.total === undefined) {
      // A range without a total size cannot be split: fetch the file in one stream.
      await discard(response);
      return { kind: 'single', response: await wholeFile(url, job, settings) };
    }
    checkSize(url, job, range.total, 'Content-Range');
    const etag = header(response.headers, 'etag');
    const lastModified = header(response.headers, 'last-modified');
    const changed =
      (job.size !== undefined && job.size !== range.total) ||
      (job.etag !== undefined && etag !== undefined && job.etag !== etag);
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
  if (status === 200) {
    if (/bytes/i.test(header(response.headers, 'accept-ranges') ?? '')) job.note(t('download.noteWholeFile'));
    return { kind: 'single', response };
  }
  if (status === 416) {
    const total = parseUnsatisfiedRange(header(response.headers, 'content-range'));
    await discard(response);
    if (total === 0) {
      checkSize(url, job, 0, t('download.theServer'));
      await job.reset();
      job.size = 0;
      return { kind: 'complete' };
    }
    if (job.size !== undefined) {
      await job.reset();
      throw new NetError('changed', url, t('download.noLongerHasByte', { pos: start }), {
        retryable: true,
      });
    }
    throw new NetError('range', url, t('download.refusedRange', { range: `${start}-${end - 1}` }), { status });
  }
  await discard(response);
  throw statusError(url, response);
}

export async function wholeFile(url: string, job: TransferJob, settings: TransferSettings): Promise<GetResponse> {
  const response = await get(url, requestOptions(job, settings, {}));
  if (response.statusCode !== 200) {
    await discard(response);
    throw statusError(url, response);
  }
  return response;
}
