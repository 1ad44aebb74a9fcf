import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseLocale } from './locale.js';

describe('the language of a run', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const settings = (text: string | undefined) => {
    const dir = mkdtempSync(join(tmpdir(), 'devbox-locale-'));
    dirs.push(dir);
    if (text !== undefined) writeFileSync(join(dir, 'settings.json'), text);
    return { DEVBOX_CONFIG_DIR: dir, LANG: 'en_US.UTF-8' };
  };

  it('takes the language setting over LANG, and --lang over the setting', async () => {
    const env = settings('{"language": "zh-CN"}');
    expect(await chooseLocale(['plan'], env)).toBe('zh-CN');
    expect(await chooseLocale(['plan', '--lang', 'en'], env)).toBe('en');
    expect(await chooseLocale(['plan'], { ...env, LANG: 'zh_CN.UTF-8' }, undefined)).toBe('zh-CN');
  });

  it('falls back to the environment without a setting, or with a file it cannot parse', async () => {
    expect(await chooseLocale(['plan'], settings(undefined))).toBe('en');
    expect(await chooseLocale(['plan'], { ...settings('{"language": '), LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(await chooseLocale(['plan'], settings('{"language": "en"}'))).toBe('en');
    expect(await chooseLocale(['plan'], { ...settings('{"language": "en"}'), LANG: 'zh_CN.UTF-8' })).toBe('en');
  });
});
