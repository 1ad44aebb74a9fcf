/**
 * The English phrases of some catalogue keys that their Chinese translation does not keep, to find
 * English showing through a zh-CN run: the text between parameters, cut at punctuation, that holds
 * (by default) three English words. Commands, ids and flags the translation keeps verbatim are not among them.
 * (test/cli/lang-resources.test.ts does the same for the resources' parts.)
 */
import { catalogues, type MessageKey } from '../../src/i18n/catalogue.js';

/** A message with every parameter set to `value` (a marker, or '' so the other branch of a choice shows). */
function render(message: unknown, value: string): string {
  if (typeof message === 'string') return message;
  return (message as (p: unknown) => string)(new Proxy({}, { get: () => value }));
}

/**
 * The phrases of the keys of `part` (an English catalogue part such as enClusterViews): at least
 * `minLength` characters holding `words` English words in a row.
 */
export function englishPhrasesOf(part: object, { minLength = 12, words = 3 } = {}): string[] {
  const english = new RegExp(`[a-z]{2,}(?: [a-z]{2,}){${words - 1}}`, 'i');
  const phrases = new Set<string>();
  for (const key of Object.keys(part) as MessageKey[]) {
    for (const value of ['\u0000', '']) {
      const zh = render(catalogues['zh-CN'][key], value);
      for (const piece of render(catalogues.en[key], value).split(/[\u0000;:,()."]/)) {
        const phrase = piece.trim();
        if (phrase.length >= minLength && english.test(phrase) && !zh.includes(phrase)) phrases.add(phrase);
      }
    }
  }
  return [...phrases];
}

/** The phrases of `phrases` that `text` contains. */
export const leaksIn = (phrases: readonly string[], text: string) => phrases.filter((p) => text.includes(p));
