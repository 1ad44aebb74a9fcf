/**
 * Verified downloads: what every devbox resource that needs a file from the internet calls
 * (`{urls, sha256, dest}`). The file is looked up in the sha256-keyed cache first; otherwise it is
 * fetched from the first mirror that works, in parallel pieces, into a partial file that survives
 * a kill (the next run resumes it), hashed while it streams, and moved into place only when the
 * hash matches. The destination never holds a partial or unverified file.
 */
import { basename, join } from 'node:path';
import type { Dispatcher } from 'undici';
import { InterruptedError, UsageError } from '../../errors.js';
import { AllSourcesFailedError, NetError } from '../errors.js';
import { hashWholeFile, OrderedHash } from './ordered-hash.js';
import type { DownloadFiles, PartFile } from './ports.js';
import { etaSeconds, RateMeter, type DownloadProgress } from './progress.js';
import { RangeSet } from './ranges.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry.js';
import { formatState, parseState } from './state.js';
import { BufferReclaimer } from './memory.js';
import { transfer, type TransferJob, type TransferSettings } from './transfer.js';

/** What to download. */
export interface DownloadRequest {
  /** The artifact's URLs, best first: the next is tried when one fails (mirrors). */
  urls: readonly string[];
  /** The pinned sha256 (hex). Without it the file is only as good as the connection. */
  sha256?: string;
  /** Where the file goes. Optional with a sha256: the result's path is then the cache entry. */
  dest?: string;
  /** The size when it is known in advance; any other size is an error. */
  size?: number;
  /** Parallel connections (1 = one stream). */
  connections?: number;
  /** For messages, e.g. "kind v0.27.0"; defaults to the file name. */
  name?: string;
  onProgress?(progress: DownloadProgress): void;
  /** Aborting stops the download; what is on disk is kept for the next run. */
  signal?: AbortSignal;
}

/** Where the bytes of a finished download came from. */
export type DownloadSource = 'network' | 'cache' | 'destination';

/** A finished, verified download. */
export interface DownloadResult {
  /** The verified file: `dest`, or the cache entry when no `dest` was given. */
  path: string;
  sha256: string;
  size: number;
  source: DownloadSource;
  /** The URL that delivered the file (undefined when nothing was fetched). */
  url: string | undefined;
  /** Bytes fetched over the network by this run. */
  downloadedBytes: number;
  /** Bytes a previous, interrupted run had left. */
  resumedBytes: number;
  elapsedMs: number;
  /** Mirrors that were tried and failed before the one that worked. */
  failures: Array<{ url: string; kind: string; message: string }>;
}

/** The downloader's ports and tuning. */
export interface DownloaderDeps {
  files: DownloadFiles;
  dispatcher: Dispatcher;
  retry?: RetryPolicy;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** How often progress events fire. */
  progressIntervalMs?: number;
  /** How often the resume state is saved. */
  stateIntervalMs?: number;
  minPieceBytes?: number;
  maxPieceBytes?: number;
}

export const defaultConnections = 4;
const maxConnections = 16;
const sha256Pattern = /^[0-9a-f]{64}$/;

interface Paths {
  part: string;
  state: string;
  lock: string;
  /** Where a verified file is kept by hash (undefined: not cached). */
  cached: string | undefined;
}

function cachePath(cacheDir: string, sha256: string): string {
  return join(cacheDir, 'sha256', sha256);
}

function validate(request: DownloadRequest, files: DownloadFiles): { sha256: string | undefined; connections: number } {
  if (request.urls.length === 0) throw new UsageError('A download needs at least one URL.');
  for (const url of request.urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UsageError(`"${url}" is not a URL.`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new UsageError(`${url}: only http:// and https:// URLs can be downloaded.`);
  }
  const sha256 = request.sha256?.trim().toLowerCase();
  if (sha256 !== undefined && !sha256Pattern.test(sha256)) throw new UsageError(`"${request.sha256}" is not a sha256: it must be 64 hexadecimal digits.`);
  if (!request.dest && !(sha256 && files.cacheDir)) throw new UsageError('A download needs a destination unless it is pinned by sha256 and the cache is on.');
  const connections = request.connections ?? defaultConnections;
  if (!Number.isInteger(connections) || connections < 1 || connections > maxConnections) {
    throw new UsageError(`connections must be a whole number from 1 to ${maxConnections} (got ${connections}).`);
  }
  return { sha256, connections };
}

/** Downloads files for devbox. One per run; it holds no state between downloads. */
export class Downloader {
  constructor(private readonly deps: DownloaderDeps) {}

  /** Fetches (or finds) the file, verifies it, puts it in place. Throws NetError, InterruptedError or UsageError. */
  async download(request: DownloadRequest): Promise<DownloadResult> {
    const started = performance.now();
    const { sha256, connections } = validate(request, this.deps.files);
    const files = this.deps.files;
    const name = request.name ?? (basename(request.dest ?? new URL(request.urls[0]!).pathname) || request.urls[0]!);
    const finish = (partial: Omit<DownloadResult, 'elapsedMs'>): DownloadResult => ({ ...partial, elapsedMs: Math.round(performance.now() - started) });

    if (sha256) {
      const found = await this.findVerified(request.dest, sha256);
      if (found) {
        if (found.source === 'cache' && request.dest) await files.linkOrCopy(found.path, request.dest);
        return finish({ path: request.dest ?? found.path, sha256, size: found.size, source: found.source, url: undefined, downloadedBytes: 0, resumedBytes: 0, failures: [] });
      }
    }

    const cached = sha256 && files.cacheDir ? cachePath(files.cacheDir, sha256) : undefined;
    const part = cached ? join(files.cacheDir!, 'partial', `${sha256}.part`) : `${request.dest!}.devbox-partial`;
    const paths: Paths = { part, state: `${part}.state`, lock: `${part}.lock`, cached };

    const lock = await files.lock(paths.lock);
    if (typeof lock !== 'function') {
      throw new NetError('busy', request.urls[0]!, `another devbox (pid ${lock.heldBy}) is downloading ${name} right now`, {
        suggestions: [`Wait for it to finish, or stop it. If no devbox is running, remove ${paths.lock}.`],
      });
    }
    try {
      const outcome = await this.fetch(request, sha256, connections, name, paths);
      let path: string;
      if (paths.cached) {
        await files.rename(paths.part, paths.cached);
        await files.remove(paths.state);
        if (request.dest) await files.linkOrCopy(paths.cached, request.dest);
        path = request.dest ?? paths.cached;
      } else {
        await files.rename(paths.part, request.dest!);
        await files.remove(paths.state);
        path = request.dest!;
      }
      return finish({ path, sha256: outcome.sha256, size: outcome.size, source: 'network', url: outcome.url, downloadedBytes: outcome.downloaded, resumedBytes: outcome.resumed, failures: outcome.failures });
    } finally {
      await lock();
    }
  }

  /** A file already holding the pinned bytes: the destination itself, or a cache entry (a bad entry is removed). */
  private async findVerified(dest: string | undefined, sha256: string): Promise<{ path: string; size: number; source: DownloadSource } | undefined> {
    const files = this.deps.files;
    const candidates: Array<[string, DownloadSource]> = [];
    if (dest) candidates.push([dest, 'destination']);
    if (files.cacheDir) candidates.push([cachePath(files.cacheDir, sha256), 'cache']);
    for (const [path, source] of candidates) {
      const file = await files.openRead(path);
      if (!file) continue;
      let digest: string;
      let size: number;
      try {
        size = await file.size();
        digest = await hashWholeFile(file, size);
      } finally {
        await file.close();
      }
      if (digest === sha256) return { path, size, source };
      // A cache entry that no longer matches (disk error, or someone edited a linked copy) is useless.
      if (source === 'cache') await files.remove(path);
    }
    return undefined;
  }

  private async fetch(request: DownloadRequest, sha256: string | undefined, connections: number, name: string, paths: Paths) {
    const files = this.deps.files;
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
      const reclaimer = new BufferReclaimer();
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
        const text = formatState({ version: 1, sha256, url, size: job.size, etag: job.etag, lastModified: job.lastModified, done: done.toJSON() });
        saving = (async () => {
          // Data first, then the claim that it is there: after a crash the state may under-claim, never over-claim.
          await part.datasync();
          await files.writeTextAtomic(paths.state, text);
        })().finally(() => {
          saving = undefined;
        });
        return saving;
      };
      const stateTimer = setInterval(() => void saveState().catch(() => undefined), this.deps.stateIntervalMs ?? 1000);
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
      const progressTimer = setInterval(() => progress(false), this.deps.progressIntervalMs ?? 250);
      stopTimers.push(() => clearInterval(progressTimer));

      const settings: TransferSettings = {
        dispatcher: this.deps.dispatcher,
        connections,
        retry: this.deps.retry ?? defaultRetryPolicy,
        headersTimeoutMs: this.deps.headersTimeoutMs ?? 30_000,
        bodyTimeoutMs: this.deps.bodyTimeoutMs ?? 30_000,
        minPiece: this.deps.minPieceBytes ?? 1024 * 1024,
        maxPiece: this.deps.maxPieceBytes ?? 64 * 1024 * 1024,
        maxQueued: 4 * 1024 * 1024,
      };

      const failures: NetError[] = [];
      let freshRetry = resumed > 0;
      const changedRetried = new Set<string>();
      for (let i = 0; i < request.urls.length; i++) {
        url = request.urls[i]!;
        try {
          await transfer(url, job, settings);
          const size = job.size!;
          const digest = await hash.digest(size);
          if (sha256 && digest !== sha256) {
            const error = new NetError('checksum', url, `checksum mismatch: expected sha256 ${sha256}, got ${digest} (${size} bytes${freshRetry ? `, partly from an earlier interrupted run` : ''})`, {
              expected: sha256,
              actual: digest,
            });
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
          return { sha256: digest, size, url, downloaded: meter.bytes, resumed, failures: failures.map((f) => ({ url: f.url, kind: f.kind, message: f.message })) };
        } catch (error) {
          if (request.signal?.aborted) {
            await quiesce();
            await saveState().catch(() => undefined);
            throw new InterruptedError(`The download of ${name} was interrupted; ${done.bytes} bytes are kept in ${paths.part} and the next run continues from there.`, { cause: error });
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
}
