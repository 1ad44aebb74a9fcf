import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultManifestRef,
  getSetting,
  listSettings,
  readSettings,
  setSetting,
  SettingsFileError,
  unsetSetting,
} from './settings.js';
import { configDirectory } from '../platform/settings-file.js';
import { UsageError } from '../errors.js';
import { setLocale } from '../i18n/catalogue.js';

let dir: string;
let deps: { env: NodeJS.ProcessEnv; cwd: string };
const file = () => join(dir, 'settings.json');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'devbox-settings-'));
  deps = { env: { DEVBOX_CONFIG_DIR: join(dir) }, cwd: dir };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings', () => {
  it('reads no settings from a missing file, and the built-in manifest as the default', () => {
    expect(readSettings(deps)).toEqual({});
    expect(defaultManifestRef(deps)).toBe('builtin:default');
    expect(listSettings(deps).settings.map((s) => [s.key, s.value])).toEqual([
      ['language', null],
      ['manifest', null],
      ['color', null],
    ]);
  });

  it('sets, gets and unsets each setting, writing JSON', async () => {
    await setSetting('language', 'zh-CN', deps);
    await setSetting('color', 'never', deps);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ language: 'zh-CN', color: 'never' });
    expect(readSettings(deps)).toEqual({ language: 'zh-CN', color: 'never' });
    expect(getSetting('color', deps).value).toBe('never');
    await unsetSetting('color', deps);
    expect(readSettings(deps)).toEqual({ language: 'zh-CN' });
  });

  it('stores a manifest file as an absolute path and uses it as the default manifest', async () => {
    writeFileSync(join(dir, 'team.yaml'), 'version: 1\n');
    await setSetting('manifest', 'team.yaml', deps);
    expect(defaultManifestRef(deps)).toBe(join(dir, 'team.yaml'));
    await setSetting('manifest', 'https://example.com/team.yaml#sha256=' + 'a'.repeat(64), deps);
    expect(defaultManifestRef(deps)).toMatch(/^https:\/\/example\.com/);
  });

  it('refuses bad values with exit 2 and changes nothing', async () => {
    await setSetting('language', 'en', deps);
    const before = readFileSync(file());
    const attempts: Array<[string, string, RegExp]> = [
      ['language', 'zh', /language: "zh" must be one of en, zh-CN/],
      ['color', 'nevr', /must be one of auto, always, never\. Did you mean "never"\?/],
      ['colour', 'never', /"colour" is not a setting\. Did you mean "color"\?/],
      ['manifest', 'missing.yaml', /file not found: .*missing\.yaml/],
      ['manifest', 'http://example.com/m.yaml', /must be an https:\/\/ URL/],
      ['manifest', '', /must not be empty/],
    ];
    for (const [key, value, message] of attempts) {
      const error = await setSetting(key, value, deps).catch((e: unknown) => e);
      expect(error, `${key}=${value}`).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(2);
      expect((error as Error).message).toMatch(message);
    }
    mkdirSync(join(dir, 'folder.yaml'));
    await expect(setSetting('manifest', 'folder.yaml', deps)).rejects.toThrow(/is a directory, not a manifest file/);
    expect(readFileSync(file())).toEqual(before);
  });

  it('reports a corrupt file by name, exit 2, and never writes over it', async () => {
    for (const text of ['{"language": "en",', '[1, 2]', '"en"', 'null']) {
      writeFileSync(file(), text);
      const error = (() => {
        try {
          readSettings(deps);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(SettingsFileError);
      expect((error as SettingsFileError).exitCode).toBe(2);
      expect((error as Error).message).toContain(file());
      await expect(setSetting('color', 'never', deps)).rejects.toBeInstanceOf(SettingsFileError);
      await expect(unsetSetting('color', deps)).rejects.toBeInstanceOf(SettingsFileError);
      expect(readFileSync(file(), 'utf8')).toBe(text);
    }
  });

  it('names invalid values and unknown keys in the file; unset repairs them key by key', async () => {
    writeFileSync(file(), JSON.stringify({ language: 'fr', colr: 'never', color: 'always' }));
    expect(() => readSettings(deps)).toThrow(
      /has language: "fr", which must be one of en, zh-CN; has an unknown key "colr" \(did you mean "color"\?\)/,
    );
    // Setting another key leaves the file as it was: its other problems are still there.
    await expect(setSetting('color', 'never', deps)).rejects.toBeInstanceOf(SettingsFileError);
    await unsetSetting('colr', deps);
    await setSetting('language', 'en', deps);
    expect(readSettings(deps)).toEqual({ language: 'en', color: 'always' });
  });

  it("joins the problems of the file with the language's own separator (zh-CN: ；)", () => {
    writeFileSync(file(), JSON.stringify({ language: 'fr', colr: 'never' }));
    setLocale('zh-CN');
    try {
      expect(() => readSettings(deps)).toThrow(/之一；含有未知的键 "colr"/);
    } finally {
      setLocale('en');
    }
  });

  it('keeps its file in the platform config folder, DEVBOX_CONFIG_DIR first', () => {
    expect(configDirectory({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\a\\AppData\\Roaming', 'devbox'),
    );
    expect(configDirectory({ XDG_CONFIG_HOME: '/x/config' }, 'linux')).toBe('/x/config/devbox');
    expect(configDirectory({ HOME: '/home/a' }, 'linux')).toMatch(/\.config\/devbox$/);
    expect(configDirectory({ DEVBOX_CONFIG_DIR: '/d', APPDATA: 'C:\\x' }, 'win32')).toBe('/d');
  });

  it('names a settings folder it cannot write (exit 7), never a stack trace', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const blocked = { env: { DEVBOX_CONFIG_DIR: join(dir, 'a-file', 'devbox') }, cwd: dir };
    const error = await setSetting('color', 'never', blocked).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /devbox cannot write its settings file .*a-file\/devbox\/settings\.json \(ENOTDIR\)/,
    );
    expect((error as { exitCode: number }).exitCode).toBe(7);
  });
});
