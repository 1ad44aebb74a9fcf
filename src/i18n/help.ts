/**
 * Help texts in the current locale. oclif reads a command's summary, description and flag help
 * statically (oclif.manifest.json, the help rendered at build time), in English, the source
 * language; the help class (src/cli/help.ts) passes each text through `helpText`, which finds its
 * translation by the English text (help-zh-CN.ts, help-flags-zh-CN.ts). Section headers are
 * catalogue keys (`help.USAGE`, ...).
 */
import { catalogues, type MessageKey } from './catalogue.js';
import { commandHelpZhCN } from './help-zh-CN.js';
import { flagHelpZhCN } from './help-flags-zh-CN.js';
import type { Locale } from './locale.js';

const tables: Partial<Record<Locale, ReadonlyMap<string, string>>> = {
  'zh-CN': new Map([...commandHelpZhCN, ...flagHelpZhCN]),
};

/** The translations of a locale, keyed by the English text (none for English). */
export function helpTable(locale: Locale): ReadonlyMap<string, string> | undefined {
  return tables[locale];
}

/** A help text in `locale`; the English text itself when it has no translation. */
export function helpText(locale: Locale, english: string): string;
export function helpText(locale: Locale, english: string | undefined): string | undefined;
export function helpText(locale: Locale, english: string | undefined): string | undefined {
  if (english === undefined) return undefined;
  return tables[locale]?.get(english) ?? english;
}

const headers = [
  'USAGE',
  'ARGUMENTS',
  'GLOBAL FLAGS',
  'FLAG DESCRIPTIONS',
  'FLAGS',
  'DESCRIPTION',
  'EXAMPLES',
  'ALIASES',
  'VERSION',
  'TOPICS',
  'COMMANDS',
  'EXIT CODES',
] as const;
// A header is a line of its own, maybe wrapped in colour codes (oclif's theme makes it bold).
const headerLine = new RegExp(`^((?:\\x1b\\[[0-9;]*m)*)(${headers.join('|')})((?:\\x1b\\[[0-9;]*m)*)$`, 'gm');

/** Help output with its section headers in `locale`. */
export function localizeHeaders(locale: Locale, text: string): string {
  if (locale === 'en') return text;
  return text.replace(
    headerLine,
    (_, open: string, header: string, close: string) =>
      `${open}${catalogues[locale][`help.${header}` as MessageKey] as string}${close}`,
  );
}
