/**
 * One stream for a server that does no ranges (or stopped doing them). After a failure it asks for
 * the rest with Range; a server that ignores that sends the file from byte 0 again, and the bytes
 * already on disk are read past, not written. Such re-sent bytes are bounded: one retry's worth (the
 * file's size) per URL, then the URL is given up with a message that says why.
 */
import { t } from '../../i18n/catalogue.js';
import { NetError } from '../errors.js';
import { get, header, type GetResponse } from '../http.js';
import { parseContentLength, parseContentRange } from './ranges.js';
import {
  asNetError,
  checkSize,
  discard,
  sameFile,
  requestOptions,
  statusError,
  strongEtag,
  truncated,
  type Retrier,
  type TransferJob,
  type TransferSettings,
} from './job.js';

/** The last failure, explained: another try would send more than one retry's worth again. */
function giveUp(url: string, job: TransferJob, last: NetError | undefined): NetError {
  return new NetError(
    last?.kind ?? 'truncated',
    url,
    t('download.ignoresRange', {
      detail: last ? last.message.slice(url.length + 2) : t('download.failed'),
      wasted: job.wasted,
    }),
    {
      ...(last?.expected ? { expected: last.expected } : {}),
      ...(last?.actual ? { actual: last.actual } : {}),
      retryable: false,
      ...(last ? { cause: last } : {}),
    },
  );
}

/** Asks for the rest of the file from `from` (with Range when worth it). */
async function request(
  url: string,
  job: TransferJob,
  settings: TransferSettings,
  from: number,
  useRange: boolean,
): Promise<GetResponse> {
  const headers: Record<string, string> = {};
  if (from > 0 && useRange) {
    headers.range = `bytes=${from}-`;
    const validator = strongEtag(job.etag) ?? job.lastModified;
    if (validator) headers['if-range'] = validator;
  }
  const response = await get(url, requestOptions(job, settings, headers));
  if (response.statusCode !== 200 && response.statusCode !== 206) {
    await discard(response);
    throw statusError(url, response);
  }
  return response;
}

/** Writes the parts of [pos, pos + data.length) not yet on disk; returns how many bytes were already there. */
async function writeMissing(job: TransferJob, pos: number, data: Buffer): Promise<number> {
  let written = 0;
  for (const [gapStart, gapEnd] of job.done.gaps(pos + data.length)) {
    if (gapEnd <= pos) continue;
    const start = Math.max(gapStart, pos);
    const piece = data.subarray(start - pos, gapEnd - pos);
    await job.part.write(piece, start);
    job.received(job.done.add(start, gapEnd));
    job.hash.onWritten(start, piece);
    written += piece.length;
  }
  return data.length - written;
}

/** One stream from where the bytes on disk end; `first` is an answer already in hand. */
export async function singleStream(
  url: string,
  job: TransferJob,
  settings: TransferSettings,
  retrier: Retrier,
  first?: GetResponse,
  rangesWork = true,
): Promise<void> {
  let response = first;
  let useRange = rangesWork;
  let last: NetError | undefined;
  for (;;) {
    const from = job.size === undefined ? job.done.contiguousEnd(0) : (job.done.gaps(job.size)[0]?.[0] ?? job.size);
    if (!response && !useRange && from > 0 && job.wasted + from > (job.size ?? from)) throw giveUp(url, job, last);
    try {
      const given = response !== undefined;
      response ??= await request(url, job, settings, from, useRange);
      let pos = 0;
      if (response.statusCode === 206) {
        const range = parseContentRange(header(response.headers, 'content-range'));
        if (!range || range.start !== from) {
          await discard(response);
          job.note(
            t('download.noteWrongResume', { range: header(response.headers, 'content-range') ?? t('download.none') }),
          );
          useRange = false;
          throw new NetError(
            'range',
            url,
            t('download.gotRange', {
              asked: `${from}-`,
              got: header(response.headers, 'content-range') ?? `(${t('download.none')})`,
            }),
            { retryable: true },
          );
        }
        pos = range.start;
      } else if (from > 0 && !given) {
        job.note(t('download.noteIgnoredRange', { pos: from }));
        useRange = false;
      }
      const length = parseContentLength(response.headers['content-length']);
      const end = length === undefined ? undefined : pos + length;
      if (response.statusCode === 200) {
        // Another version of the file (validators or size differ): the bytes on disk are of no use.
        if (job.done.bytes > 0 && !sameFile(job, response)) await job.reset();
        if (end !== undefined) checkSize(url, job, end, 'Content-Length');
        job.size = end ?? job.size;
        job.etag = header(response.headers, 'etag');
        job.lastModified = header(response.headers, 'last-modified');
      }
      job.connections++;
      try {
        for await (const chunk of response.body) {
          const data = chunk as Buffer;
          job.wire(data.length);
          if (end !== undefined && pos + data.length > end)
            throw new NetError('length', url, t('download.moreThanLength', { length: length! }), {
              expected: `${length} bytes`,
            });
          job.wasted += await writeMissing(job, pos, data);
          pos += data.length;
          retrier.progressed();
        }
      } catch (error) {
        if (error instanceof NetError || job.signal.aborted) throw error;
        throw truncated(url, t('download.theDownload'), pos, end, error);
      } finally {
        job.connections--;
      }
      if (end !== undefined && pos < end) throw truncated(url, t('download.theDownload'), pos, end);
      checkSize(url, job, pos, 'The body');
      job.size = pos;
      return;
    } catch (error) {
      response = undefined;
      last = asNetError(url, error, job.signal);
      await retrier.failed(last);
    }
  }
}
