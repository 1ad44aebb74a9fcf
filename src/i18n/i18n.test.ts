import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogues, setLocale, t, tIn, type MessageKey } from './catalogue.js';
import { langFromArgv, normalizeLocale, resolveLocale } from './locale.js';
import { en } from './en.js';

/** Calls a message with a parameter object that records which parameters it reads. */
function placeholders(message: unknown): { used: string[]; text: string } {
  if (typeof message === 'string') return { used: [], text: message };
  const used = new Set<string>();
  const params = new Proxy({}, { get: (_, name) => (used.add(String(name)), `<${String(name)}>`) });
  const text = (message as (p: unknown) => string)(params);
  return { used: [...used].sort(), text };
}

describe('the catalogue', () => {
  const keys = Object.keys(en) as MessageKey[];

  it('has every key in both languages, none empty', () => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      expect(Object.keys(catalogue).sort(), locale).toEqual([...keys].sort());
      for (const key of keys) expect(placeholders(catalogue[key]).text.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('takes each key from one place: en.ts and its parts (en-*.ts) never define a key twice', async () => {
    // A spread key defined twice would silently replace the other message.
    const here = new URL('.', import.meta.url).pathname;
    const owner = new Map<string, string>();
    const claim = (key: string, file: string) => {
      expect(owner.get(key), `${key} in ${file}`).toBeUndefined();
      owner.set(key, file);
    };
    const own = readFileSync(`${here}en.ts`, 'utf8').matchAll(/^ {2}'([^']+)':/gm);
    for (const [, key] of own) claim(key!, 'en.ts');
    const parts = readdirSync(here).filter((f) => /^en-[\w-]+\.ts$/.test(f));
    expect(parts.length).toBeGreaterThan(0);
    for (const file of parts) {
      const module = (await import(`./${file.replace(/\.ts$/, '.js')}`)) as Record<string, object>;
      for (const part of Object.values(module)) for (const key of Object.keys(part)) claim(key, file);
    }
    expect([...owner.keys()].sort()).toEqual([...keys].sort());
  });

  it('uses the same placeholders in every language', () => {
    for (const key of keys) {
      const english = placeholders(catalogues.en[key]).used;
      expect(placeholders(catalogues['zh-CN'][key]).used, key).toEqual(english);
    }
  });

  it('keeps code spans, flags and commands as they are in the translation', () => {
    const verbatim = (text: string) =>
      [
        ...text.matchAll(
          /`[^`]+`|--[a-z][a-z-]*|\bdevbox (?:up|plan|status|doctor|init|manifest|net|backup|restore|cluster|self-update)\b/g,
        ),
      ]
        .map((m) => m[0])
        .sort();
    for (const key of keys) {
      const english = placeholders(catalogues.en[key]).text;
      expect(verbatim(placeholders(catalogues['zh-CN'][key]).text), key).toEqual(verbatim(english));
    }
  });

  it('answers in the locale set, with typed parameters and English plurals from Intl', () => {
    setLocale('en');
    expect(t('manifest.problems', { count: 1, issues: 'x' })).toBe('The manifest has 1 problem:\nx');
    expect(t('manifest.problems', { count: 2, issues: 'x' })).toBe('The manifest has 2 problems:\nx');
    setLocale('zh-CN');
    expect(t('error.line', { message: '找不到文件' })).toBe('错误：找不到文件');
    expect(tIn('en', 'up.nothingToDo')).toBe('Nothing to do: the machine is in the desired state.');
    setLocale('en');
  });
});

describe('resolveLocale', () => {
  it.each([
    ['zh_CN.UTF-8', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh_SG.UTF-8', 'zh-CN'],
    ['zh_CN.GB18030@stroke', 'zh-CN'],
    ['C', 'en'],
    ['POSIX', 'en'],
    ['C.UTF-8', 'en'],
    ['en_US.UTF-8', 'en'],
    ['zh_TW.UTF-8', undefined],
    ['zh-Hant', undefined],
    ['fr_FR.UTF-8', undefined],
    ['', undefined],
  ])('normalizes %j to %j', (tag, locale) => {
    expect(normalizeLocale(tag)).toBe(locale);
  });

  it('takes the flag, then the setting, then LC_ALL > LC_MESSAGES > LANG, then Windows, then English', () => {
    const env = { LC_ALL: 'C', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' };
    expect(resolveLocale({ flag: 'zh-CN', setting: 'en', env: { LANG: 'C' } })).toBe('zh-CN');
    expect(resolveLocale({ setting: 'zh-CN', env: { LANG: 'C' } })).toBe('zh-CN');
    expect(resolveLocale({ env })).toBe('en');
    expect(resolveLocale({ env: { ...env, LC_ALL: '' } })).toBe('zh-CN');
    expect(resolveLocale({ env: { LANG: 'zh_CN.UTF-8' } })).toBe('zh-CN');
    expect(resolveLocale({ env: { LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' } })).toBe('en');
    // A set POSIX locale decides even when devbox has no catalogue for it: Windows is not asked.
    expect(resolveLocale({ env: { LANG: 'de_DE.UTF-8' }, windowsUiCulture: 'zh-CN' })).toBe('en');
    expect(resolveLocale({ env: {}, windowsUiCulture: 'zh-CN' })).toBe('zh-CN');
    expect(resolveLocale({ env: {}, windowsUiCulture: 'ja-JP' })).toBe('en');
    expect(resolveLocale({})).toBe('en');
    // A stale setting is skipped, not fatal.
    expect(resolveLocale({ setting: 'klingon', env: { LANG: 'zh_CN' } })).toBe('zh-CN');
  });

  it('finds --lang in raw arguments, before oclif parses them', () => {
    expect(langFromArgv(['plan', '--lang', 'zh-CN'])).toBe('zh-CN');
    expect(langFromArgv(['--lang=en', 'plan'])).toBe('en');
    expect(langFromArgv(['plan', '--', '--lang', 'zh-CN'])).toBeUndefined();
    expect(langFromArgv(['plan'])).toBeUndefined();
  });
});
