/**
 * Verified downloads: what every devbox resource that needs a file from the internet calls
 * (`{urls, sha256, dest}`). The file is looked up in the sha256-keyed cache first; otherwise it is
 * fetched from the first mirror that works, in parallel pieces, into a partial file that survives
 * a kill (the next run resumes it), hashed while it streams, and moved into place only when the
 * hash matches. The destination never holds a partial or unverified file.
 */
import { basename, join } from 'node:path';
import type { Dispatcher } from 'undici';
import { UsageError } from '../../errors.js';
import { t } from '../../i18n/catalogue.js';
import { NetError, type ChecksumSource } from '../errors.js';
import { fetchToPart } from './fetch-part.js';
import { hashWholeFile } from './ordered-hash.js';
import type { DownloadFiles } from './ports.js';
import type { DownloadProgress } from './progress.js';
import type { RetryPolicy } from './retry.js';

/**
 * Where a download's expected sha256 came from, so a mismatch's hint names it: the manifest's pin
 * (also a backed-up manifest's, on restore), a command-line flag (`net fetch --sha256`), or the
 * publisher's own checksum file (fetched beside the release when the manifest pins nothing). A
 * backup's own parts are checked against its manifest.json by `backup verify`, not downloaded.
 */
export type PinSource = ChecksumSource;

/** What to download. */
export interface DownloadRequest {
  /** The artifact's URLs, best first: the next is tried when one fails (mirrors). */
  urls: readonly string[];
  /** The pinned sha256 (hex). Without it the file is only as good as the connection. */
  sha256?: string;
  /** Where `sha256` came from (default `manifest`), for the hint of a mismatch. */
  pinnedBy?: PinSource;
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
  /** Body bytes that crossed the network, kept or not (more than downloadedBytes when a server re-sent bytes). */
  transferredBytes: number;
  /** What servers did that the download worked around, e.g. "… ignores Range …" (URL first). */
  serverNotes: string[];
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

export interface Paths {
  part: string;
  state: string;
  lock: string;
  /** Where a verified file is kept by hash (undefined: not cached). */
  cached: string | undefined;
}

export function cachePath(cacheDir: string, sha256: string): string {
  return join(cacheDir, 'sha256', sha256);
}

function validate(request: DownloadRequest, files: DownloadFiles): { sha256: string | undefined; connections: number } {
  if (request.urls.length === 0) throw new UsageError(t('download.noUrl'));
  for (const url of request.urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UsageError(t('download.notUrl', { url }));
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw new UsageError(t('download.scheme', { url }));
  }
  const sha256 = request.sha256?.trim().toLowerCase();
  if (sha256 !== undefined && !sha256Pattern.test(sha256))
    throw new UsageError(t('net.notSha256', { value: request.sha256 ?? '' }));
  if (!request.dest && !(sha256 && files.cacheDir)) throw new UsageError(t('download.noDest'));
  const connections = request.connections ?? defaultConnections;
  if (!Number.isInteger(connections) || connections < 1 || connections > maxConnections) {
    throw new UsageError(t('download.connections', { max: maxConnections, got: connections }));
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
    // Before any byte is fetched: a folder there would fail only at the final rename.
    const problem = request.dest ? await files.targetProblem(request.dest) : undefined;
    if (problem)
      throw new UsageError(
        'isFolder' in problem
          ? t('net.destIsFolder', { path: request.dest! })
          : 'notAFile' in problem
            ? t('net.destNotAFile', { path: request.dest! })
            : t('net.destUnderFile', { path: request.dest!, file: problem.notAFolder }),
      );
    const name = request.name ?? (basename(request.dest ?? new URL(request.urls[0]!).pathname) || request.urls[0]!);
    const finish = (partial: Omit<DownloadResult, 'elapsedMs'>): DownloadResult => ({
      ...partial,
      elapsedMs: Math.round(performance.now() - started),
    });

    if (sha256) {
      const found = await this.findVerified(request.dest, sha256);
      if (found) {
        if (found.source === 'cache' && request.dest) await files.linkOrCopy(found.path, request.dest);
        return finish({
          path: request.dest ?? found.path,
          sha256,
          size: found.size,
          source: found.source,
          url: undefined,
          downloadedBytes: 0,
          resumedBytes: 0,
          transferredBytes: 0,
          serverNotes: [],
          failures: [],
        });
      }
    }

    const cached = sha256 && files.cacheDir ? cachePath(files.cacheDir, sha256) : undefined;
    const part = cached ? join(files.cacheDir!, 'partial', `${sha256}.part`) : `${request.dest!}.devbox-partial`;
    const paths: Paths = { part, state: `${part}.state`, lock: `${part}.lock`, cached };

    const lock = await files.lock(paths.lock);
    if (typeof lock !== 'function') {
      throw new NetError('busy', request.urls[0]!, t('download.busy', { pid: lock.heldBy, name }), {
        suggestions: [t('download.busyFix', { lock: paths.lock })],
      });
    }
    try {
      const outcome = await fetchToPart(this.deps, request, sha256, connections, name, paths);
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
      return finish({
        path,
        sha256: outcome.sha256,
        size: outcome.size,
        source: 'network',
        url: outcome.url,
        downloadedBytes: outcome.downloaded,
        resumedBytes: outcome.resumed,
        transferredBytes: outcome.transferred,
        serverNotes: outcome.serverNotes,
        failures: outcome.failures,
      });
    } finally {
      await lock();
    }
  }

  /** A file already holding the pinned bytes: the destination itself, or a cache entry (a bad entry is removed). */
  private async findVerified(
    dest: string | undefined,
    sha256: string,
  ): Promise<{ path: string; size: number; source: DownloadSource } | undefined> {
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
}
