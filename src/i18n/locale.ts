/**
 * Which language devbox speaks. Pure: the caller passes what it knows (the `--lang` flag, the
 * `language` setting, the locale environment, Windows' UI culture) and gets one of the catalogue's
 * locales. Order: flag > setting > LC_ALL > LC_MESSAGES > LANG (POSIX: the first non-empty of these
 * decides, https://pubs.opengroup.org/onlinepubs/9799919799/basedefs/V1_chap08.html) > Windows UI
 * culture > English.
 */

/** The languages of the catalogue. */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

/** What the locale is chosen from; every field optional. */
export interface LocaleSources {
  /** `--lang`. */
  flag?: string | undefined;
  /** The `language` setting (`devbox config set language zh-CN`). */
  setting?: string | undefined;
  /** The process environment (only LC_ALL, LC_MESSAGES and LANG are read). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Windows' UI culture name (`Get-UICulture`), e.g. `zh-CN`, `en-US`; only consulted on Windows. */
  windowsUiCulture?: string | undefined;
}

/**
 * A locale tag as users and systems write it, mapped to a catalogue locale: `zh_CN.UTF-8`, `zh_CN`,
 * `zh-Hans`, `zh-Hans-CN`, `zh_SG`, `zh` → zh-CN; `en_US.UTF-8`, `C`, `POSIX` → en. Traditional
 * Chinese (zh-TW, zh-HK, zh-MO, zh-Hant) and languages without a catalogue → undefined: the caller
 * goes on to the next source.
 */
export function normalizeLocale(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  // POSIX form language[_territory][.codeset][@modifier]; BCP 47 uses '-'.
  const base = tag.trim().split(/[.@]/)[0]!.replace(/_/g, '-').toLowerCase();
  if (base === '') return undefined;
  if (base === 'c' || base === 'posix') return 'en';
  const [language, ...rest] = base.split('-');
  if (language === 'en') return 'en';
  if (language === 'zh') {
    if (rest.includes('hant') || rest.some((r) => r === 'tw' || r === 'hk' || r === 'mo')) return undefined;
    return 'zh-CN';
  }
  return undefined;
}

/** The exact values `--lang` accepts (and the `language` setting). */
export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}

/**
 * The locale to speak. A flag or setting that names no catalogue locale is skipped (the flag's
 * parser rejects it first; a stale setting must not stop devbox from starting).
 */
export function resolveLocale(sources: LocaleSources): Locale {
  const env = sources.env ?? {};
  const chosen =
    normalizeLocale(sources.flag) ??
    normalizeLocale(sources.setting) ??
    fromPosixEnv(env) ??
    normalizeLocale(sources.windowsUiCulture);
  return chosen ?? 'en';
}

/**
 * The POSIX environment's say: the first of LC_ALL, LC_MESSAGES, LANG that is set decides, even when
 * it names a language without a catalogue (LANG=fr_FR → English, not Windows' culture).
 */
function fromPosixEnv(env: Readonly<Record<string, string | undefined>>): Locale | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return normalizeLocale(value) ?? 'en';
  }
  return undefined;
}

/** True when the environment already decides (no need to ask Windows for its UI culture). */
export function environmentDecides(sources: Omit<LocaleSources, 'windowsUiCulture'>): boolean {
  return Boolean(normalizeLocale(sources.flag) ?? normalizeLocale(sources.setting) ?? fromPosixEnv(sources.env ?? {}));
}

/** `--lang X` / `--lang=X` in raw arguments (read before oclif parses, for help and early errors). */
export function langFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--lang') return argv[i + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}
