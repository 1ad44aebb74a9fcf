/** Shared pieces of the network tests: temp dirs, random files, a downloader wired to the real disk. */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, type HttpSettings } from '../../src/net/http.js';
import { Downloader, type DownloaderDeps } from '../../src/net/download/download.js';
import { NodeDownloadFiles } from '../../src/platform/files.js';
import { startDevbox } from '../rig/cli.js';

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Random bytes and their sha256. */
export function randomFile(size: number): { data: Buffer; sha256: string } {
  const data = randomBytes(size);
  return { data, sha256: sha256(data) };
}

/** A temp directory removed by `dispose`. */
export function tempDir(label: string): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), `devbox-net-${label}-`));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

export const fastRetry = { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 };

/** A Downloader on the real disk with quick retries; `close` releases its connections. */
export function makeDownloader(
  options: { cacheDir?: string; http?: HttpSettings; deps?: Partial<DownloaderDeps> } = {},
) {
  const dispatcher = createDispatcher({ env: {}, ...options.http });
  const downloader = new Downloader({
    files: new NodeDownloadFiles(options.cacheDir),
    dispatcher,
    retry: fastRetry,
    ...options.deps,
  });
  return { downloader, close: () => dispatcher.destroy() };
}

/** Runs the built devbox without blocking the event loop (the test servers live in this process). */
export async function devbox(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  cwd?: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = startDevbox(args, {
    env: {
      DEVBOX_CACHE_DIR: undefined,
      DEVBOX_CA_BUNDLE: undefined,
      DEVBOX_DOH_RESOLVERS: undefined,
      HTTP_PROXY: '',
      HTTPS_PROXY: '',
      http_proxy: '',
      https_proxy: '',
      ...env,
    },
    ...(cwd ? { cwd } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  return { code, signal, stdout, stderr };
}
