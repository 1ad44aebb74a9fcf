import { Args, Flags } from '@oclif/core';
import { DevboxCommand } from '../../cli/base.js';
import { trustFlags } from '../../cli/net-flags.js';
import { netFetch } from '../../app/net-fetch.js';
import type { DownloadResult } from '../../net/download/download.js';
import type { DownloadProgress } from '../../net/download/progress.js';
import { formatBytes, formatRate, renderProgress } from '../../ui/progress.js';
import { t } from '../../i18n/catalogue.js';

export default class NetFetch extends DevboxCommand {
  static override summary =
    'Download a file the way devbox downloads everything: parallel, resumable, verified, cached.';
  static override description = [
    'Fetches URL over several connections with HTTP ranges (one stream when the server has none), retries resets and 5xx with backoff,',
    'falls over to --mirror URLs, and resumes what an interrupted run left. With --sha256 the file is verified while it streams, moved',
    'into place only when it matches, and kept in the cache (DEVBOX_CACHE_DIR, default ~/.cache/devbox) so the next fetch downloads nothing.',
  ].join(' ');
  static override examples = [
    '<%= config.bin %> net fetch https://example.org/kind-linux-amd64 --sha256 0123...cdef -o kind',
    '<%= config.bin %> net fetch https://a.example/f.iso --mirror https://b.example/f.iso --connections 8 --json',
  ];
  static override args = { url: Args.string({ required: true, description: 'http(s) URL of the file.' }) };
  static override flags = {
    ...trustFlags,
    sha256: Flags.string({
      summary: 'Expected sha256 (hex): the file is refused unless it matches.',
      helpValue: 'HEX',
    }),
    output: Flags.string({
      char: 'o',
      summary: 'Where to save the file (default: its name from the URL, in the current directory).',
      helpValue: 'FILE',
    }),
    connections: Flags.integer({ summary: 'Parallel connections (1 = a single stream).', min: 1, max: 16, default: 4 }),
    mirror: Flags.string({
      summary: 'Another URL serving the same file, tried when the ones before fail (repeatable).',
      multiple: true,
      helpValue: 'URL',
    }),
    size: Flags.integer({ summary: 'Expected size in bytes: any other size is an error.', min: 0 }),
    cache: Flags.boolean({
      summary: 'Look up and keep pinned (--sha256) files in the cache.',
      default: true,
      allowNo: true,
    }),
    'cache-dir': Flags.string({
      summary: 'Cache directory (default: DEVBOX_CACHE_DIR, else the user cache directory).',
      helpValue: 'DIR',
    }),
  };

  async run(): Promise<DownloadResult> {
    const { args, flags } = await this.parse(NetFetch);
    const abort = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => abort.abort(new Error(`received ${signal}`));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const tty = process.stderr.isTTY && !this.jsonEnabled();
    let lastLine = 0;
    const onProgress = (p: DownloadProgress) => {
      if (this.jsonEnabled()) return;
      if (tty) {
        process.stderr.write(`\r${renderProgress(p)}\x1b[K${p.done ? '\n' : ''}`);
      } else if (p.done || performance.now() - lastLine > 5000) {
        lastLine = performance.now();
        process.stderr.write(`${renderProgress(p)}\n`);
      }
    };
    try {
      const result = await netFetch(
        {
          urls: [args.url, ...(flags.mirror ?? [])],
          connections: flags.connections,
          cache: flags.cache,
          onProgress,
          signal: abort.signal,
          ...(flags.sha256 ? { sha256: flags.sha256 } : {}),
          ...(flags.output ? { output: flags.output } : {}),
          ...(flags.size !== undefined ? { size: flags.size } : {}),
          ...(flags['cache-dir'] ? { cacheDir: flags['cache-dir'] } : {}),
        },
        {
          ...(flags['ca-bundle'] ? { caBundle: flags['ca-bundle'] } : {}),
          ...(flags.proxy ? { proxy: flags.proxy } : {}),
        },
      );
      for (const failure of result.failures) this.progress(t('fetch.skipped', { message: failure.message }));
      for (const note of result.serverNotes) this.progress(t('fetch.note', { note }));
      const what = `${result.path} (${formatBytes(result.size)}, sha256 ${result.sha256})`;
      if (result.source === 'destination') this.say(t('net.alreadyInPlace', { what }));
      else if (result.source === 'cache') this.say(t('net.fromCache', { what }));
      else {
        const rate = result.elapsedMs > 0 ? formatRate((result.downloadedBytes / result.elapsedMs) * 1000) : '';
        this.say(
          t('net.saved', {
            what,
            url: result.url ?? '',
            seconds: (result.elapsedMs / 1000).toFixed(1),
            rate,
            resumed: result.resumedBytes ? formatBytes(result.resumedBytes) : '',
          }),
        );
      }
      return result;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}
