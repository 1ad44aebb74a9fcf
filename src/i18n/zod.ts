/**
 * zod's own wordings (a wrong type, a missing key) in the current locale, through zod's per-parse
 * error map: `schema.safeParse(data, zodParams())`. Messages a schema gives itself win over these
 * (zod's precedence: schema, then parse, then global config). Used where zod's text reaches users
 * as it is (a backup's manifest.json, a Scoop export); the devbox manifest words its problems itself
 * (src/manifest/validate.ts). zod ships the Chinese wordings: zod/v4/locales/zh-CN.
 */
import type { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { currentLocale } from './catalogue.js';

/** The parse parameters that make zod speak the current locale (none for English: zod's own). */
export function zodParams(): { error?: z.core.$ZodErrorMap } {
  return currentLocale() === 'zh-CN' ? { error: zhCN().localeError } : {};
}
