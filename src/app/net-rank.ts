/** `devbox net rank`: mirrors ranked by time to first byte and throughput. */
import { t } from '../i18n/catalogue.js';
import { NothingUsableError, UsageError } from '../errors.js';
import { createDispatcher } from '../net/http.js';
import { rankMirrors, type Ranking } from '../net/rank.js';
import { httpSettings, type NetSettings } from './net-settings.js';

export interface RankRequest {
  /** Base URLs of the candidate mirrors. */
  urls: string[];
  /** Appended to each base URL; empty: fetch the URLs themselves. */
  path?: string;
  budgetMs?: number;
  maxBytes?: number;
  /** The sha256 the probe file must have. */
  sha256?: string;
}

/** Throws NothingUsableError (exit 4) when no mirror served the file. */
export function requireRanked(result: Ranking): void {
  if (result.ranked.length > 0) return;
  throw new NothingUsableError(t('net.noMirror', { failed: result.failed.length }), result, {
    suggestions: [t('net.noMirrorFix')],
  });
}

/** Ranks mirrors by time to first byte and throughput. */
export async function netRank(request: RankRequest, settings: NetSettings = {}): Promise<Ranking> {
  for (const url of request.urls) {
    try {
      const { protocol } = new URL(url);
      if (protocol !== 'http:' && protocol !== 'https:') throw new Error();
    } catch {
      throw new UsageError(t('net.notHttpUrl', { url }));
    }
  }
  if (request.sha256 && !/^[0-9a-fA-F]{64}$/.test(request.sha256))
    throw new UsageError(t('net.notSha256', { value: request.sha256 }));
  const dispatcher = createDispatcher(await httpSettings(settings));
  try {
    return await rankMirrors(
      request.urls.map((baseUrl) => ({ baseUrl })),
      {
        probePath: request.path ?? '',
        dispatcher,
        ...(request.budgetMs ? { timeBudgetMs: request.budgetMs } : {}),
        // Checking a sha256 needs the whole file, not the usual first 256 KiB.
        ...(request.maxBytes ? { maxBytes: request.maxBytes } : request.sha256 ? { maxBytes: 64 * 1024 * 1024 } : {}),
        ...(request.sha256 ? { sha256: request.sha256 } : {}),
      },
    );
  } finally {
    await dispatcher.destroy();
  }
}
