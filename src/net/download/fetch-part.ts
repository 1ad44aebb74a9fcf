/**
 * One download into its partial file: the resume state, the shared job, progress and state timers,
 * and the walk over the mirrors (a changed file is fetched again once; a checksum mismatch partly from
 * an earlier run is retried from scratch once before the mirror is blamed).
 */
import { InterruptedError } from '../../errors.js';
import { AllSourcesFailedError, checksumHint, NetError } from '../errors.js';
import type { DownloaderDeps, DownloadRequest, Paths } from './download.js';
import { BufferReclaimer } from './memory.js';
import { OrderedHash } from './ordered-hash.js';
import type { PartFile } from './ports.js';
import { etaSeconds, RateMeter } from './progress.js';
import { RangeSet } from './ranges.js';
import { defaultRetryPolicy } from './retry.js';
import { formatState, parseState } from './state.js';
import { transfer, type TransferJob, type TransferSettings } from './transfer.js';
import { t } from '../../i18n/catalogue.js';

export async function fetchToPart(
  deps: DownloaderDeps,
  request: DownloadRequest,
  sha256: string | undefined,
  connections: number,
  name: string,
  paths: Paths,
) {
  const files = deps.files;
  const saved = parseState(await files.readText(paths.state));
  const usable = saved && saved.sha256 === sha256 && (sha256 !== undefined || request.urls.includes(saved.url));
  const part: PartFile = await files.openPart(paths.part);
  let closed = false;
  let emptyAtExit = false;
  const stopTimers: Array<() => void> = [];
  let saving: Promise<void> | undefined;
  /** Stops the timers and waits for a state save in flight, so nothing writes after we move on. */
  const quiesce = async () => {
    for (const stop of stopTimers) stop();
    await saving?.catch(() => undefined);
  };
  try {
    const onDisk = await part.size();
    const done = new RangeSet(usable ? saved.done : []);
    done.truncate(onDisk);
    if (!usable && onDisk > 0) await part.truncate(0);
    const resumed = done.bytes;
    const meter = new RateMeter();
    let transferred = 0;
    const serverNotes: string[] = [];
    const reclaimer = new BufferReclaimer();
    reclaimer.begin();
    const hash = new OrderedHash(part, done);
    let url = request.urls[0]!;
    const job: TransferJob = {
      part,
      done,
      hash,
      size: usable ? saved.size : undefined,
      etag: usable ? saved.etag : undefined,
      lastModified: usable ? saved.lastModified : undefined,
      expectedSize: request.size,
      connections: 0,
      signal: request.signal ?? new AbortController().signal,
      received: (n) => {
        meter.add(n);
        reclaimer.received(n);
      },
      wire: (n) => {
        transferred += n;
      },
      wasted: 0,
      note: (event) => {
        const text = `${url}: ${event}`;
        if (!serverNotes.includes(text)) serverNotes.push(text);
      },
      reset: async () => {
        await hash.reset();
        done.clear();
        await part.truncate(0);
        job.size = undefined;
        job.etag = undefined;
        job.lastModified = undefined;
      },
    };

    const saveState = async (): Promise<void> => {
      if (saving) return saving;
      const text = formatState({
        version: 1,
        sha256,
        url,
        size: job.size,
        etag: job.etag,
        lastModified: job.lastModified,
        done: done.toJSON(),
      });
      saving = (async () => {
        // Data first, then the claim that it is there: after a crash the state may under-claim, never over-claim.
        await part.datasync();
        await files.writeTextAtomic(paths.state, text);
      })().finally(() => {
        saving = undefined;
      });
      return saving;
    };
    const stateTimer = setInterval(() => void saveState().catch(() => undefined), deps.stateIntervalMs ?? 1000);
    stopTimers.push(() => clearInterval(stateTimer));

    const progress = (last: boolean) => {
      if (!request.onProgress) return;
      const rate = meter.rate();
      request.onProgress({
        url,
        bytes: done.bytes,
        total: job.size,
        resumedBytes: resumed,
        rate,
        etaSeconds: last ? 0 : etaSeconds(job.size === undefined ? undefined : job.size - done.bytes, rate),
        connections: job.connections,
        done: last,
      });
    };
    const progressTimer = setInterval(() => progress(false), deps.progressIntervalMs ?? 250);
    stopTimers.push(() => clearInterval(progressTimer));

    const settings: TransferSettings = {
      dispatcher: deps.dispatcher,
      connections,
      retry: deps.retry ?? defaultRetryPolicy,
      headersTimeoutMs: deps.headersTimeoutMs ?? 30_000,
      bodyTimeoutMs: deps.bodyTimeoutMs ?? 30_000,
      minPiece: deps.minPieceBytes ?? 1024 * 1024,
      maxPiece: deps.maxPieceBytes ?? 64 * 1024 * 1024,
      maxQueued: 4 * 1024 * 1024,
    };

    const failures: NetError[] = [];
    let freshRetry = resumed > 0;
    const changedRetried = new Set<string>();
    for (let i = 0; i < request.urls.length; i++) {
      url = request.urls[i]!;
      // The budget for bytes sent again (a server ignoring Range) is per URL.
      job.wasted = 0;
      try {
        await transfer(url, job, settings);
        const size = job.size!;
        const digest = await hash.digest(size);
        if (sha256 && digest !== sha256) {
          const error = new NetError(
            'checksum',
            url,
            t('net.checksumMismatch', { expected: sha256, actual: digest, size, resumed: Boolean(freshRetry) }),
            {
              expected: sha256,
              actual: digest,
              suggestions: [checksumHint(request.pinnedBy ?? 'manifest')],
            },
          );
          await job.reset();
          await saveState();
          if (freshRetry) {
            // The earlier run's bytes may be what is wrong: once more from scratch before blaming the mirror.
            freshRetry = false;
            i--;
            continue;
          }
          failures.push(error);
          continue;
        }
        await quiesce();
        progress(true);
        await part.close();
        closed = true;
        return {
          sha256: digest,
          size,
          url,
          downloaded: meter.bytes,
          resumed,
          transferred,
          serverNotes,
          failures: failures.map((f) => ({ url: f.url, kind: f.kind, message: f.message })),
        };
      } catch (error) {
        if (request.signal?.aborted) {
          await quiesce();
          await saveState().catch(() => undefined);
          throw new InterruptedError(
            `The download of ${name} was interrupted; ${done.bytes} bytes are kept in ${paths.part} and the next run continues from there.`,
            { cause: error },
          );
        }
        if (!(error instanceof NetError)) throw error;
        if (error.kind === 'changed' && !changedRetried.has(url)) {
          changedRetried.add(url);
          await job.reset();
          i--;
          continue;
        }
        failures.push(error);
        freshRetry = false;
      }
    }
    await quiesce();
    await saveState().catch(() => undefined);
    emptyAtExit = done.bytes === 0;
    throw failures.length === 1 ? failures[0]! : new AllSourcesFailedError(name, failures);
  } finally {
    await quiesce();
    if (!closed) await part.close().catch(() => undefined);
    if (emptyAtExit) {
      // Nothing worth resuming: leave no empty partial file behind.
      await files.remove(paths.part);
      await files.remove(paths.state);
    }
  }
}
