/**
 * `devbox net fetch`: download a file the way devbox fetches everything (segmented, resumable,
 * verified, cached), wiring src/net to the disk (src/platform).
 */
import { t } from '../i18n/catalogue.js';
import { basename, resolve as resolvePath } from 'node:path';
import { UsageError } from '../errors.js';
import { createDispatcher } from '../net/http.js';
import { Downloader, type DownloadResult } from '../net/download/download.js';
import type { DownloadProgress } from '../net/download/progress.js';
import { cacheDirectory, NodeDownloadFiles } from '../platform/files.js';
import { httpSettings, type NetSettings } from './net-settings.js';

/** What `devbox net fetch` asks for. */
export interface FetchRequest {
  /** The URL and its mirrors, tried in order. */
  urls: string[];
  sha256?: string;
  /** Output file; defaults to the URL's file name in the current directory. */
  output?: string;
  connections?: number;
  size?: number;
  /** Use the sha256-keyed cache (default true). */
  cache?: boolean;
  cacheDir?: string;
  onProgress?(progress: DownloadProgress): void;
  signal?: AbortSignal;
}

function defaultOutput(url: string): string {
  let name = '';
  try {
    name = basename(decodeURIComponent(new URL(url).pathname));
  } catch {
    // not a URL: the downloader reports it
  }
  if (!name || name === '/' || name === '.' || name === '..')
    throw new UsageError(t('net.noFileName', { url }), {
      suggestions: [t('net.noFileNameFix')],
    });
  return name;
}

/** Throws a UsageError naming the first of `urls` that is not an http(s) URL. */
export function requireUrls(urls: readonly string[]): void {
  for (const url of urls) {
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      // not a URL at all
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new UsageError(t('net.notUrl', { url }), {
        suggestions: [
          t('net.notUrlFix', { example: 'devbox net fetch https://example.org/file.tar.gz -o file.tar.gz' }),
        ],
      });
    }
  }
}

/** Downloads one file (or finds it in the cache / already in place). */
export async function netFetch(request: FetchRequest, settings: NetSettings = {}): Promise<DownloadResult> {
  requireUrls(request.urls);
  const env = settings.env ?? process.env;
  const dispatcher = createDispatcher(await httpSettings(settings));
  const cacheDir = request.cache === false ? undefined : (request.cacheDir ?? cacheDirectory(env));
  const output = resolvePath(settings.cwd ?? process.cwd(), request.output ?? defaultOutput(request.urls[0] ?? ''));
  try {
    const downloader = new Downloader({ files: new NodeDownloadFiles(cacheDir), dispatcher });
    return await downloader.download({
      urls: request.urls,
      dest: output,
      ...(request.sha256 ? { sha256: request.sha256, pinnedBy: 'flag' as const } : {}),
      ...(request.connections ? { connections: request.connections } : {}),
      ...(request.size !== undefined ? { size: request.size } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } finally {
    await dispatcher.destroy();
  }
}
