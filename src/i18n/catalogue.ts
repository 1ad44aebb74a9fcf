/**
 * The one message catalogue: `t(key, params)` in the current locale. A plain typed object rather
 * than i18next: loading and initialising i18next measured 50–150 ms on the CI machine, against a
 * start-up budget of 1.5× `node -e 0` for `devbox --version`; this module costs nothing measurable.
 * Plurals use Intl.PluralRules inside the messages that need them (Chinese has no plural forms).
 */
import { en } from './en.js';
import { langFromArgv, resolveLocale, type Locale } from './locale.js';
import { zhCN } from './zh-CN.js';

/** The shape every language's catalogue has: the English one's keys and parameter types. */
export type Catalogue = { readonly [K in keyof typeof en]: (typeof en)[K] };
export type MessageKey = keyof Catalogue;
/** The parameters of a message: none for a plain string, else its one typed object. */
export type MessageParams<K extends MessageKey> = Catalogue[K] extends (params: infer P) => string ? [params: P] : [];

export const catalogues: Readonly<Record<Locale, Catalogue>> = { en, 'zh-CN': zhCN };

// The locale lives on globalThis, not in this module: each command is its own bundle (scripts/
// build.mjs) with its own copy of this file, and the help class is another one.
const slot = Symbol.for('devbox.locale');
type LocaleHolder = { [slot]?: Locale };

/** Sets the locale for the rest of the process (the base command does, from --lang and the rest). */
export function setLocale(locale: Locale): void {
  (globalThis as LocaleHolder)[slot] = locale;
}

/**
 * The locale in force: the one set, else what the command line and environment say (messages
 * produced before a command sets it, e.g. while oclif parses flags).
 */
export function currentLocale(): Locale {
  return (
    (globalThis as LocaleHolder)[slot] ?? resolveLocale({ flag: langFromArgv(process.argv.slice(2)), env: process.env })
  );
}

/** A message in the current locale (or the one given). */
export function t<K extends MessageKey>(key: K, ...params: MessageParams<K>): string {
  return tIn(currentLocale(), key, ...params);
}

/** A message in a given locale. */
export function tIn<K extends MessageKey>(locale: Locale, key: K, ...params: MessageParams<K>): string {
  const message = catalogues[locale][key] as string | ((p: unknown) => string);
  return typeof message === 'function' ? message(params[0]) : message;
}
