/**
 * The smaller commands and oclif's own parse errors and help labels in Simplified Chinese, as users
 * run them (the built CLI): `config`, `manifest validate`, a bad flag value, a missing or extra
 * argument, a missing required flag, and `--help`'s `[default: …]` / `(required)` / `<options: …>`.
 * English stays oclif's and devbox's own text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { languageEnvs, runDevbox } from '../rig/cli.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-lang-commands-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const { zh, en } = languageEnvs(work);

describe('devbox config in zh-CN', () => {
  it('list, get of an unset key, unset, and a bad value', () => {
    const list = runDevbox(['config', 'list'], { env: zh });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(
      'language  （未设置：取自 LC_ALL / LANG（Windows：显示语言）；--lang 优先）   [en | zh-CN]',
    );
    expect(list.stdout).toContain(
      `保存在 ${join(work, 'config', 'settings.json')}（DEVBOX_CONFIG_DIR 可改用其他文件夹）。`,
    );
    const get = runDevbox(['config', 'get', 'color'], { env: zh });
    expect([get.code, get.stdout, get.stderr]).toEqual([0, '', 'color 未设置：auto。\n']);
    const bad = runDevbox(['config', 'set', 'color', 'blue'], { env: zh });
    expect([bad.code, bad.stderr]).toEqual([2, '错误：color："blue" 必须是 auto, always, never 之一。\n']);
    expect(runDevbox(['config', 'set', 'color', 'never'], { env: zh }).code).toBe(0);
    const unset = runDevbox(['config', 'unset', 'color'], { env: zh });
    expect([unset.code, unset.stdout]).toEqual([0, '已取消设置 color。\n']);
  });

  it('keeps the English texts under LANG=C', () => {
    const get = runDevbox(['config', 'get', 'color'], { env: en });
    expect(get.stderr).toBe('color is not set: auto.\n');
    const bad = runDevbox(['config', 'set', 'color', 'blue'], { env: en });
    expect(bad.stderr).toBe('Error: color: "blue" must be one of auto, always, never.\n');
  });
});

describe('manifest validate in zh-CN', () => {
  it('says the manifest is valid', () => {
    const manifest = join(work, 'm.yaml');
    writeFileSync(manifest, 'version: 1\n');
    const r = runDevbox(['manifest', 'validate', '-m', manifest], { env: zh });
    expect([r.code, r.stdout], r.stderr).toEqual([0, `有效：${manifest}\n`]);
  });

  it("words each schema problem in Chinese (the schema's own descriptions stay English), exit 3", () => {
    const manifest = join(work, 'bad.yaml');
    writeFileSync(manifest, 'version: 1\ndistro:\n  nmae: x\n  wslConf: 5\nscoop:\n  apps: 3\n');
    const r = runDevbox(['manifest', 'validate', '-m', manifest], { env: zh });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `错误：清单有 6 个问题：\n${manifest}:3:3  distro.nmae  未知的键 "nmae"：是不是想写 "name"？\n`,
    );
    expect(r.stderr).toContain(`${manifest}:4:12  distro.wslConf  必须是映射（key: value 形式的行），而不是 5\n`);
    expect(r.stderr).toContain(`${manifest}:6:3  scoop.root  是必需的：where user apps go (SCOOP)`);
    expect(r.stderr).toContain(`${manifest}:6:9  scoop.apps  必须是列表，而不是 3\n`);
    const english = runDevbox(['manifest', 'validate', '-m', manifest], { env: en });
    expect(english.stderr).toContain(`${manifest}:3:3  distro.nmae  unknown key "nmae": did you mean "name"?\n`);
    expect(english.stderr).toContain(`${manifest}:4:12  distro.wslConf  must be a map (key: value lines), not 5\n`);
  });
});

describe("oclif's parse errors in zh-CN, exit 2", () => {
  it.each([
    [['plan', '--lang', 'fr', '-m', 'x'], '错误：--lang=fr 无效：取值必须是 en, zh-CN 之一'],
    [['config', 'get', 'colour'], '错误：参数 colour 无效：取值必须是 language, manifest, color 之一'],
    [['config', 'get'], '错误：缺少 1 个必需的参数：KEY (language|manifest|color)'],
    [['config', 'get', 'color', 'extra'], '错误：多余的参数（1 个）：extra'],
    [['backup'], '错误：发生了以下错误（1 个）：\n  缺少必需的选项 --output'],
  ])('devbox %j', (argv, message) => {
    // --lang fr cannot choose the language: LANG does.
    const r = runDevbox(argv, { env: zh });
    // (Under vitest, NODE_ENV=test: oclif adds its own "did not parse its arguments" warning after.)
    expect([r.code, r.stderr.startsWith(`${message}\n  → 参见 --help。\n`)], r.stderr).toEqual([2, true]);
  });

  it("keeps oclif's English text under LANG=C", () => {
    const r = runDevbox(['config', 'get', 'colour'], { env: en });
    expect(
      [
        r.code,
        r.stderr.startsWith('Error: Expected colour to be one of: language, manifest, color\n  → See --help.\n'),
      ],
      r.stderr,
    ).toEqual([2, true]);
  });
});

describe('--help labels in zh-CN', () => {
  it('default, required and options in Chinese; the usage line unchanged', () => {
    const r = runDevbox(['backup', '--help'], { env: zh });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/-o, --output=PATH +（必需） 文件夹/);
    expect(r.stdout).toMatch(/--format=<option> +\[默认：tar\] 发行版导出格式/);
    expect(r.stdout).toContain('<可选值：tar|vhd>');
    expect(r.stdout).toContain('$ devbox backup -o PATH');
    expect(r.stdout).not.toMatch(/\[default: |\(required\)|<options: /);
    const english = runDevbox(['backup', '--help'], { env: en });
    expect(english.stdout).toMatch(/--format=<option> +\[default: tar\] Distro export format/);
    expect(english.stdout).toContain('<options: tar|vhd>');
  });
});
