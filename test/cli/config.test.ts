/**
 * `devbox config` as users run it (the built CLI, DEVBOX_CONFIG_DIR for a private folder): values
 * checked with exit 2, a damaged file named and kept, and the `manifest` setting used by the
 * commands when -m is not given.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-config-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { DEVBOX_CONFIG_DIR: join(work, 'config'), DEVBOX_STATE_DIR: join(work, 'state') };
const settingsFile = join(work, 'config', 'settings.json');

describe('devbox config', () => {
  it('sets, gets, lists and unsets settings', () => {
    expect(runDevbox(['config', 'set', 'language', 'zh-CN'], { env }).code).toBe(0);
    expect(runDevbox(['config', 'set', 'color', 'never'], { env }).code).toBe(0);
    const get = runDevbox(['config', 'get', 'language'], { env });
    expect([get.code, get.stdout]).toEqual([0, 'zh-CN\n']);
    const list = runDevbox(['config', 'list', '--json'], { env });
    const listed = JSON.parse(list.stdout) as { file: string; settings: Array<{ key: string; value: string | null }> };
    expect(listed.file).toBe(settingsFile);
    expect(listed.settings.map((s) => [s.key, s.value])).toEqual([
      ['language', 'zh-CN'],
      ['manifest', null],
      ['color', 'never'],
    ]);
    expect(runDevbox(['config', 'unset', 'color'], { env }).code).toBe(0);
    // The language setting (zh-CN) is in force for config's own texts too.
    const unset = runDevbox(['config', 'get', 'color'], { env });
    expect([unset.code, unset.stdout, unset.stderr]).toEqual([0, '', 'color 未设置：auto。\n']);
    expect(runDevbox(['config', 'unset', 'language'], { env }).code).toBe(0);
    const english = runDevbox(['config', 'get', 'color'], { env: { ...env, LC_ALL: 'C' } });
    expect([english.code, english.stdout, english.stderr]).toEqual([0, '', 'color is not set: auto.\n']);
  });

  it('refuses a bad value or key with exit 2 and a clear message', () => {
    const bad = runDevbox(['config', 'set', 'color', 'nevr'], { env: { ...env, LC_ALL: 'C' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('color: "nevr" must be one of auto, always, never. Did you mean "never"?');
    const key = runDevbox(['config', 'set', 'colour', 'never'], { env });
    expect(key.code).toBe(2);
    expect(key.stderr).toMatch(/colour.*language, manifest, color/);
    const json = runDevbox(['config', 'set', 'language', 'fr', '--json'], { env });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'usage.setting-value', exitCode: 2 } });
  });

  it('names a damaged settings file, exits 2 without a stack trace, and leaves the file alone', () => {
    const damaged = '{"language": "en",\n';
    writeFileSync(settingsFile, damaged);
    // Every command reads the settings (language, colour, -m's default), so every one stops on them.
    for (const args of [
      ['config', 'list'],
      ['config', 'set', 'color', 'never'],
      ['plan', '--plane', 'guest'],
      ['backup', 'verify', work],
      ['restore', work, '--dry-run'],
      ['net', 'fetch', 'https://127.0.0.1:9/file', '-o', join(work, 'file')],
      ['net', 'resolve', 'example.org'],
      ['manifest', 'validate', '-m', 'builtin:default'],
      ['completion', 'bash'],
    ]) {
      const result = runDevbox(args, { env });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(`devbox's settings file ${settingsFile} is not valid JSON`);
      expect(result.stderr).toContain('Fix the file by hand');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(settingsFile, 'utf8')).toBe(damaged);
    }
    rmSync(settingsFile);
  });

  it('a wrong value in the file stops every command with exit 2 but `config unset`, which repairs it', () => {
    writeFileSync(settingsFile, '{"color": "blue", "language": "en"}\n');
    for (const args of [
      ['backup', 'verify', work, '--json'],
      ['net', 'fetch', 'https://127.0.0.1:9/file', '--json'],
      ['restore', work, '--dry-run', '--json'],
    ]) {
      const result = runDevbox(args, { env });
      expect(result.code, args.join(' ')).toBe(2);
      expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'settings.invalid', exitCode: 2 } });
    }
    const repaired = runDevbox(['config', 'unset', 'color'], { env });
    expect([repaired.code, repaired.stderr]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ language: 'en' });
    expect(runDevbox(['net', 'fetch', 'notaurl'], { env }).stderr).not.toContain('settings file');
    rmSync(settingsFile);
  });

  it('uses the manifest setting when -m is not given, and an explicit -m over it', () => {
    const manifest = join(work, 'team.yaml');
    writeFileSync(manifest, 'version: 1\ndistro:\n  name: Debian\n  sysctl:\n    vm.swappiness: 17\n');
    expect(runDevbox(['config', 'set', 'manifest', manifest], { env }).code).toBe(0);
    const shown = runDevbox(['manifest', 'show', '--json'], { env });
    expect(shown.code, shown.stderr).toBe(0);
    expect((JSON.parse(shown.stdout) as { distro: { sysctl: object } }).distro.sysctl).toEqual({ 'vm.swappiness': 17 });
    const plan = runDevbox(['plan', '--plane', 'guest', '--json'], { env });
    expect(plan.code, plan.stderr).toBe(0);
    expect((JSON.parse(plan.stdout) as { steps: Array<{ summary: string }> }).steps.map((s) => s.summary)).toContain(
      'vm.swappiness=17',
    );
    const builtin = runDevbox(['manifest', 'show', '--json', '-m', 'builtin:default'], { env });
    expect((JSON.parse(builtin.stdout) as { distro: { name: string } }).distro.name).toBe('Ubuntu-24.04');
    expect(runDevbox(['config', 'unset', 'manifest'], { env }).code).toBe(0);
    const after = runDevbox(['manifest', 'show', '--json'], { env });
    expect((JSON.parse(after.stdout) as { distro: { name: string } }).distro.name).toBe('Ubuntu-24.04');
  });
  it('the language and color settings take effect; --lang, LANG-free runs and --no-color still win', () => {
    const own = { ...env, DEVBOX_CONFIG_DIR: join(work, 'config-effect'), LANG: 'C.UTF-8', LC_ALL: '', NO_COLOR: '' };
    const missing = join(work, 'no-such.yaml');
    const english = runDevbox(['plan', '-m', missing], { env: own });
    expect(english.stderr).toContain('Error: file not found');
    expect(runDevbox(['config', 'set', 'language', 'zh-CN'], { env: own }).code).toBe(0);
    const chinese = runDevbox(['plan', '-m', missing], { env: own });
    expect([chinese.code, chinese.stderr]).toEqual([2, expect.stringContaining('错误：')]);
    expect(runDevbox(['plan', '-m', missing, '--lang', 'en'], { env: own }).stderr).toContain('Error: file not found');
    const help = runDevbox(['plan', '--help'], { env: own });
    expect(help.stdout).toMatch(/用法|选项/);

    expect(runDevbox(['plan', '-m', missing], { env: own }).stderr).not.toContain('\u001b[');
    expect(runDevbox(['config', 'set', 'color', 'always'], { env: own }).code).toBe(0);
    // Piped (not a terminal), yet coloured: the setting says always.
    expect(runDevbox(['plan', '-m', missing], { env: own }).stderr).toContain('\u001b[31m');
    expect(runDevbox(['plan', '-m', missing, '--no-color'], { env: own }).stderr).not.toContain('\u001b[');
    expect(runDevbox(['plan', '-m', missing], { env: { ...own, NO_COLOR: '1' } }).stderr).not.toContain('\u001b[');
  });
});
