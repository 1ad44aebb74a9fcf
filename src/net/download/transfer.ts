/**
 * Fetching one file from one URL into a partial file: the first request finds out whether the
 * server does ranges and how big the file is; with ranges, several connections fill the missing
 * pieces (segmented.ts); without, one stream (single-stream.ts). Resets, timeouts and 5xx are retried
 * with backoff, resuming where they stopped.
 */
import { firstRequest, type FirstAnswer } from './first-request.js';
import { asNetError, Retrier, type TransferJob, type TransferSettings } from './job.js';
import { segmented } from './segmented.js';
import { singleStream } from './single-stream.js';

export type { TransferJob, TransferSettings } from './job.js';

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
