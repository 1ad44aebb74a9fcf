/**
 * `devbox self-update`: replace the standalone executable with the newest release, verified.
 *
 * Where the facts come from (the trust model, also in README "Updating"):
 * - The release metadata is `latest.json` at the release URL (first base URL that answers, then the
 *   mirrors): `{"version": "0.2.0", "assets": {"devbox-win-x64.exe": {"sha256": "…", "size": N}, …}}`,
 *   written by `npm run dist` beside SHA256SUMS. It is trusted on the strength of verified TLS to the
 *   host that serves it (never plain http; the normal trust store plus DEVBOX_CA_BUNDLE).
 * - The executable itself is then fetched from `<base>/v<version>/<asset>` on any base URL, mirrors
 *   included, and accepted only when its sha256 and size equal the metadata's; so a mirror can slow
 *   an update down or stop it, never change it. `--sha256` pins the expected value out of band (from
 *   the release page's SHA256SUMS), and then metadata that disagrees is refused.
 * - The new file must answer `--version` with the metadata's version before it replaces anything.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { UserError, UsageError, ExitCode } from '../errors.js';
import { createDispatcher, get } from '../net/http.js';
import { runningStandalone } from '../platform/assets.js';
import { compareVersions } from '../platform/windows/wsl.js';
import { makeExecutable, removeFile, replaceExecutable } from '../platform/self-replace.js';
import { createProcessRunner } from '../platform/runtime.js';
import type { ProcessRunner } from '../platform/process.js';
import { netFetch } from './net-fetch.js';
import { httpSettings, type NetSettings } from './net-settings.js';
import { t } from '../i18n/catalogue.js';

/**
 * Where releases are published, best first: the project's release download URL, then a mirror that
 * answers from mainland China (a GitHub release proxy). Overridden by --base-url or
 * DEVBOX_RELEASE_URLS (comma-separated). install.ps1 carries the same list.
 */
export const defaultReleaseBases = [
  'https://github.com/devbox-dev/devbox/releases',
  'https://ghfast.top/https://github.com/devbox-dev/devbox/releases',
];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
export const releaseMetadata = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/),
  assets: z.record(z.string(), z.object({ sha256: sha256Hex, size: z.number().int().positive() })),
});
export type ReleaseMetadata = z.infer<typeof releaseMetadata>;

/** The release asset for this machine. */
export function assetFor(platform: NodeJS.Platform, arch: string): string {
  if (arch !== 'x64') throw new UsageError(t('selfUpdate.noExecutable', { platform: `${platform}-${arch}` }));
  if (platform === 'win32') return 'devbox-win-x64.exe';
  if (platform === 'linux') return 'devbox-linux-x64';
  throw new UsageError(t('selfUpdate.noExecutable', { platform }));
}

export interface SelfUpdateRequest {
  /** The version running now. */
  currentVersion: string;
  bases?: string[];
  /** Expected sha256 of the new executable, from the release page. */
  sha256?: string;
  /** Replace even when the version is the same or older. */
  force?: boolean;
  /** Only say what would happen. */
  check?: boolean;
  /** The executable to replace (default: this process's). */
  executable?: string;
  onProgress?(text: string): void;
}

export interface SelfUpdateResult {
  status: 'up-to-date' | 'available' | 'updated';
  from: string;
  to: string;
  executable: string;
  sha256?: string;
  url?: string;
}

function basesFrom(request: SelfUpdateRequest, env: NodeJS.ProcessEnv): string[] {
  const list = request.bases?.length
    ? request.bases
    : env.DEVBOX_RELEASE_URLS
      ? env.DEVBOX_RELEASE_URLS.split(',')
      : defaultReleaseBases;
  return list.map((b) => b.trim().replace(/\/+$/, '')).filter(Boolean);
}

async function readMetadata(
  bases: string[],
  settings: NetSettings,
  progress: (text: string) => void,
): Promise<ReleaseMetadata> {
  const dispatcher = createDispatcher(await httpSettings(settings));
  const problems: string[] = [];
  try {
    for (const base of bases) {
      const url = `${base}/latest/download/latest.json`;
      try {
        if (!url.startsWith('https://'))
          throw new Error('not https://; release metadata is fetched over verified TLS only');
        const response = await get(url, { dispatcher, headersTimeoutMs: 20_000, bodyTimeoutMs: 20_000 });
        if (response.statusCode !== 200) {
          await response.body.dump();
          throw new Error(`HTTP ${response.statusCode}`);
        }
        const text = await response.body.text();
        if (text.length > 64 * 1024) throw new Error('larger than 64 KiB');
        const parsed = releaseMetadata.safeParse(JSON.parse(text));
        if (!parsed.success)
          throw new Error(`not devbox release metadata (${parsed.error.issues[0]?.message ?? 'invalid'})`);
        return parsed.data;
      } catch (error) {
        problems.push(`${url}: ${(error as Error).message}`);
        progress(`  skipped ${url}: ${(error as Error).message}`);
      }
    }
  } finally {
    await dispatcher.destroy();
  }
  throw new UserError(t('selfUpdate.noMetadata', { problems: problems.join('\n  ') }), ExitCode.applyFailed, {
    code: 'self-update.metadata',
    suggestions: [t('selfUpdate.noMetadataFix')],
  });
}

/**
 * Metadata naming an older release than the running one is refused without `force`: a stale mirror,
 * or one rolling users back to a release with a known hole, must not be able to install it.
 */
export function refuseDowngrade(current: string, offered: string, force: boolean): void {
  if (force || compareVersions(offered, current) >= 0) return;
  throw new UserError(t('selfUpdate.downgrade', { offered, current }), ExitCode.applyFailed, {
    code: 'self-update.downgrade',
    suggestions: [t('selfUpdate.downgradeFix')],
  });
}

/** Checks for a newer release and, unless `check`, installs it over the running executable. */
export async function selfUpdate(
  request: SelfUpdateRequest,
  settings: NetSettings = {},
  processes: ProcessRunner = createProcessRunner(),
): Promise<SelfUpdateResult> {
  const env = settings.env ?? process.env;
  const progress = request.onProgress ?? (() => undefined);
  if (!request.executable && !runningStandalone()) {
    throw new UsageError(t('selfUpdate.fromNpm'), {
      suggestions: [t('selfUpdate.fromNpmFix')],
    });
  }
  const executable = request.executable ?? process.execPath;
  const asset = assetFor(process.platform, process.arch);
  const bases = basesFrom(request, env);
  const metadata = await readMetadata(bases, settings, progress);
  const entry = metadata.assets[asset];
  if (!entry)
    throw new UserError(t('selfUpdate.noAsset', { version: metadata.version, asset }), ExitCode.applyFailed, {
      code: 'self-update.asset',
    });
  const pinned = request.sha256?.toLowerCase();
  if (pinned && pinned !== entry.sha256) {
    throw new UserError(
      t('selfUpdate.mismatch', { version: metadata.version, sha256: entry.sha256, asset, pinned }),
      ExitCode.applyFailed,
      {
        code: 'self-update.mismatch',
      },
    );
  }
  refuseDowngrade(request.currentVersion, metadata.version, request.force ?? false);
  const base = { from: request.currentVersion, to: metadata.version, executable, sha256: entry.sha256 };
  if (metadata.version === request.currentVersion && !request.force) return { ...base, status: 'up-to-date' };
  if (request.check) return { ...base, status: 'available' };

  // Downloaded beside the executable so the final move is a rename on one file system.
  const incoming = join(dirname(executable), `.${basename(executable)}.${randomBytes(4).toString('hex')}.new`);
  try {
    const result = await netFetch(
      {
        urls: bases.map((b) => `${b}/download/v${metadata.version}/${asset}`),
        sha256: entry.sha256,
        size: entry.size,
        output: incoming,
      },
      settings,
    );
    for (const failure of result.failures) progress(t('selfUpdate.skipped', failure));
    makeExecutable(incoming);
    const check = await processes.run(incoming, ['--version'], { timeoutMs: 60_000 });
    const answer = check.stdout.toString('utf8');
    if (check.exitCode !== 0 || !answer.startsWith(`devbox/${metadata.version} `)) {
      throw new UserError(
        t('selfUpdate.broken', {
          asset,
          version: metadata.version,
          answer: answer.trim() || `exit ${check.exitCode}`,
        }),
        ExitCode.applyFailed,
        {
          code: 'self-update.broken',
        },
      );
    }
    replaceExecutable(executable, incoming);
    return { ...base, status: 'updated', ...(result.url ? { url: result.url } : {}) };
  } finally {
    removeFile(incoming);
  }
}
