/**
 * The network ports of a run (ReadContext.net, ApplyContext.net): src/net wired to this machine's
 * settings and disk. The settings are the ones the `devbox net` commands use: HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY, DEVBOX_CA_BUNDLE (extra CA certificates, never a switch that turns
 * verification off), DEVBOX_DOH_RESOLVERS, DEVBOX_CACHE_DIR. The src/net modules load on first use:
 * most runs never touch the network.
 *
 * Files a step fetches land in devbox's sha256-keyed cache, under `<cache>/files/<sha256
 * prefix>/<name>`, through node:fs. devbox runs on the machine it configures, so on Windows that is a
 * Windows path (%LOCALAPPDATA%\devbox\cache\...) that PowerShell, msiexec and wsl.exe open as they
 * are; there is no copy step. (The Windows simulator's tools accept the same absolute paths of the
 * machine they run on.)
 */
import { join, resolve as resolvePath } from 'node:path';
import {
  NotCheckedInDryRun,
  type FetchedFile,
  type FetchFileRequest,
  type NetPort,
  type ProgressObserver,
  type RecordedChange,
} from '../engine/ports/index.js';
import type { DownloadProgress } from '../net/download/progress.js';
import type { createDispatcher as CreateDispatcher, HttpSettings } from '../net/http.js';
import { UsageError } from '../errors.js';
import { cacheDirectory, NodeDownloadFiles, readUserTextFile } from './files.js';
import { t } from '../i18n/catalogue.js';

/** Where a fetched file goes: its own folder per sha256, so two files of the same name never meet. */
export function fetchedFilePath(cacheDir: string, request: Pick<FetchFileRequest, 'sha256' | 'name'>): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(request.name))
    throw new Error(`not a file name devbox gives a download: ${request.name}`);
  return join(cacheDir, 'files', request.sha256.toLowerCase().slice(0, 32), request.name);
}

/**
 * HTTP settings from the environment: the proxy variables, DEVBOX_CA_BUNDLE's extra CAs, and
 * DEVBOX_PROXY (what `--proxy` sets: a URL, or `none`). Every request devbox makes uses these, the
 * manifest's own download included.
 */
export async function httpSettingsFromEnv(env: NodeJS.ProcessEnv, cwd: string): Promise<HttpSettings> {
  const bundle = env.DEVBOX_CA_BUNDLE || undefined;
  let extraCaPem: string | undefined;
  if (bundle) {
    try {
      extraCaPem = await readUserTextFile(resolvePath(cwd, bundle));
    } catch (error) {
      throw new UsageError(t('net.caBundleFlagUnreadable', { file: bundle, error: (error as Error).message }), {
        suggestions: [t('net.caBundleUnreadableFix')],
      });
    }
  }
  return { env, ...(env.DEVBOX_PROXY ? { proxy: env.DEVBOX_PROXY } : {}), ...(extraCaPem ? { extraCaPem } : {}) };
}

/** The real network ports of a run. */
export class RuntimeNet implements NetPort {
  private settings: Promise<HttpSettings> | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly cwd: string = process.cwd(),
  ) {}

  /** Proxy from the environment, extra CAs from DEVBOX_CA_BUNDLE (read once). */
  private http(): Promise<HttpSettings> {
    this.settings ??= httpSettingsFromEnv(this.env, this.cwd);
    return this.settings;
  }

  /** Runs `fn` with a dispatcher made for it and closed after it (nothing outlives the call). */
  private async withDispatcher<T>(
    proxy: string | undefined,
    fn: (dispatcher: ReturnType<typeof CreateDispatcher>, settings: HttpSettings) => Promise<T>,
  ): Promise<T> {
    const settings = await this.http();
    const { createDispatcher } = await import('../net/http.js');
    const effective = { ...settings, ...(proxy ? { proxy } : {}) };
    const dispatcher = createDispatcher(effective);
    try {
      return await fn(dispatcher, effective);
    } finally {
      await dispatcher.destroy();
    }
  }

  async rankMirrors(...[candidates, options]: Parameters<NetPort['rankMirrors']>): ReturnType<NetPort['rankMirrors']> {
    const { rankMirrors } = await import('../net/rank.js');
    if (options.dispatcher) return rankMirrors(candidates, options);
    return this.withDispatcher(undefined, (dispatcher) => rankMirrors(candidates, { ...options, dispatcher }));
  }

  async verifiedAddresses(
    name: string,
    options: { resolvers?: readonly string[] } = {},
  ): ReturnType<NetPort['verifiedAddresses']> {
    const [{ verifiedAddresses }, { parseResolver }] = await Promise.all([
      import('../net/verified-addresses.js'),
      import('../net/doh.js'),
    ]);
    const specs = options.resolvers?.length
      ? options.resolvers
      : (this.env.DEVBOX_DOH_RESOLVERS ?? '').split(/[\s,]+/).filter(Boolean);
    const resolvers = specs.map(parseResolver);
    return this.withDispatcher(undefined, (dispatcher, settings) =>
      verifiedAddresses(name, {
        doh: { dispatcher, ...(resolvers.length ? { resolvers } : {}) },
        probe: settings.extraCaPem ? { extraCaPem: settings.extraCaPem } : {},
      }),
    );
  }

  async probeTls(address: string, name: string): ReturnType<NetPort['probeTls']> {
    const [{ probeTls }, settings] = await Promise.all([import('../net/tls-probe.js'), this.http()]);
    return probeTls(address, name, settings.extraCaPem ? { extraCaPem: settings.extraCaPem } : {});
  }

  async fetchText(urls: readonly string[]): Promise<string> {
    const { fetchSmall } = await import('../net/fetch-small.js');
    const failures: string[] = [];
    // The run's proxy and CA bundle apply here too (a checksum behind a proxy, a TLS-inspecting one).
    const text = await this.withDispatcher(undefined, async (dispatcher) => {
      for (const url of urls) {
        try {
          return Buffer.from(await fetchSmall(url, { maxBytes: 1024 * 1024, dispatcher })).toString('utf8');
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
      return undefined;
    });
    if (text !== undefined) return text;
    throw new Error(t('small.noneAnswered', { urls: urls.join(', '), failures: failures.join(t('list.separator')) }));
  }

  async fetchFile(request: FetchFileRequest, observer?: ProgressObserver): Promise<FetchedFile> {
    const { Downloader } = await import('../net/download/download.js');
    const cacheDir = cacheDirectory(this.env);
    const dest = fetchedFilePath(cacheDir, request);
    return this.withDispatcher(request.proxy, async (dispatcher) => {
      const result = await new Downloader({ files: new NodeDownloadFiles(cacheDir), dispatcher }).download({
        urls: request.urls,
        sha256: request.sha256,
        ...(request.pinnedBy ? { pinnedBy: request.pinnedBy } : {}),
        dest,
        name: request.name,
        ...(observer
          ? {
              onProgress: (p: DownloadProgress) =>
                observer.progress({
                  kind: 'transfer',
                  name: request.name,
                  bytes: p.bytes,
                  rate: p.rate,
                  done: p.done,
                  ...(p.total !== undefined ? { total: p.total } : {}),
                  ...(p.etaSeconds !== undefined ? { etaSeconds: p.etaSeconds } : {}),
                }),
            }
          : {}),
      });
      return { path: result.path, source: result.source };
    });
  }
}

/** The dry-run network: reads and measurements happen, downloads are recorded. */
export class RecordingNet implements NetPort {
  constructor(
    private readonly inner: NetPort,
    private readonly changes: RecordedChange[],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  rankMirrors(...args: Parameters<NetPort['rankMirrors']>): ReturnType<NetPort['rankMirrors']> {
    return this.inner.rankMirrors(...args);
  }

  verifiedAddresses(...args: Parameters<NetPort['verifiedAddresses']>): ReturnType<NetPort['verifiedAddresses']> {
    return this.inner.verifiedAddresses(...args);
  }

  probeTls(...args: Parameters<NetPort['probeTls']>): ReturnType<NetPort['probeTls']> {
    return this.inner.probeTls(...args);
  }

  /**
   * A read: a dry run fetches checksum files as a real run would. One it cannot fetch (no network)
   * is recorded as not run, and the step is not checked rather than failed.
   */
  async fetchText(urls: readonly string[]): Promise<string> {
    if (!this.inner.fetchText) throw new Error(t('guard.noNetSmallFiles'));
    try {
      return await this.inner.fetchText(urls);
    } catch (error) {
      const what = t('run.fetchWhat', { urls: urls.join(t('run.orSeparator')) });
      this.changes.push({ where: 'devbox', what, notRun: true });
      throw new NotCheckedInDryRun(what, error instanceof Error ? error.message : String(error));
    }
  }

  async fetchFile(request: FetchFileRequest): Promise<FetchedFile> {
    this.changes.push({ where: 'devbox', what: `download ${request.urls.join(' or ')} (sha256 ${request.sha256})` });
    return { path: fetchedFilePath(cacheDirectory(this.env), request), source: 'recorded' };
  }
}
