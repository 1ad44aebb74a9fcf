/**
 * devbox speaks Simplified Chinese when the locale says so (LANG=zh_CN.UTF-8) or the language
 * setting or --lang zh-CN asks, and English under LANG=C or LC_ALL=C: errors, fix hints, --help,
 * the consent refusal and `plan`.
 * Real processes of the built CLI (bin/run.js → dist/), as users run it.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runDevbox } from '../rig/cli.js';
import { requirePwsh } from '../pwsh/pwsh.js';
import { WindowsMachine } from '../winsim/machine.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-lang-'));
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));
const manifest = join(work, 'm.yaml');
// A wsl.conf key this machine lacks: the plan has a step to create, whoever runs it.
writeFileSync(manifest, 'version: 1\ndistro:\n  name: Debian\n  wslConf:\n    boot:\n      systemd: true\n');
const missing = join(work, 'no-such.yaml');
// Nothing from the test runner's own locale: each case says what it sets.
const clean = { LC_ALL: undefined, LC_MESSAGES: undefined, LANG: undefined, DEVBOX_STATE_DIR: join(work, 'state') };
const zhEnv = { ...clean, LANG: 'zh_CN.UTF-8' };
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .*:\d+:\d+/);

describe.each([
  ['LANG=zh_CN.UTF-8', zhEnv, [] as string[]],
  ['--lang zh-CN', { ...clean, LANG: 'C' }, ['--lang', 'zh-CN']],
])('in Chinese (%s)', (_, env, lang) => {
  it('an error and its fix hint, with the usual exit code', () => {
    const r = runDevbox(['plan', '-m', missing, ...lang], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(`错误：找不到文件：${missing}\n  → 检查 -m/--manifest 指定的路径。\n`);
    const json = runDevbox(['plan', '-m', missing, '--json', ...lang], { env });
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: 'manifest.unreadable',
      message: `找不到文件：${missing}`,
    });
  });

  it('a hint that lists what to use instead', () => {
    const r = runDevbox(['plan', '--plane', 'guest', '-m', manifest, '--only', 'nothing.*', ...lang], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("错误：--only/--skip：'nothing.*' 没有匹配到该清单中的任何资源。有效的 id：");
    expect(r.stderr).toContain('  → 请使用上面列出的 id、它的类型（如 distro.apt），或通配符（如 distro.*）。');
    noStack(r.stderr);
  });

  it('an unknown flag with the closest one', () => {
    const r = runDevbox(['plan', '--jsno', ...lang], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('错误：未知参数：--jsno。你是不是想用 --json？\n  → 参见 --help。\n');
  });

  it('--help: summary, flags and headers, the same as the text rendered at build time', () => {
    const r = runDevbox(['plan', '--help', ...lang], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('显示 `devbox up` 将会做哪些更改，但不做任何更改。');
    expect(r.stdout).toMatch(/^用法$/m);
    expect(r.stdout).toMatch(/^选项$/m);
    expect(r.stdout).toMatch(/^退出码$/m);
    expect(r.stdout).toContain('3   清单无效');
    expect(r.stdout).not.toMatch(/^USAGE$/m);
    expect(r.stdout).toBe(readFileSync(join(repoRoot, 'dist', 'help', 'zh-CN', 'plan.txt'), 'utf8'));
    // The same text when oclif renders it now instead of the build-time copy.
    const live = runDevbox(['plan', '--help', ...lang], { env: { ...env, DEVBOX_NO_HELP_CACHE: '1', COLUMNS: '80' } });
    expect(live.stdout).toBe(r.stdout);
    const root = runDevbox(['--help', ...lang], { env });
    expect(root.stdout).toContain('  up           使机器收敛到清单描述的状态。');
  });

  it('plan on a manifest: steps and the summary line', () => {
    const r = runDevbox(['plan', '--plane', 'guest', '-m', manifest, ...lang], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^计划（本机系统）：\n/);
    expect(r.stdout).toMatch(/\d+ 个待创建，\d+ 个待更新，\d+ 个待删除，.*个已处于期望状态，\d+ 个已跳过。/);
    expect(r.stdout).toContain('+ distro.wslconf[/etc/wsl.conf]');
  });

  it('up without --yes, not at a terminal: the consent refusal, exit 2, nothing changed', () => {
    const r = runDevbox(['up', '--plane', 'guest', '-m', manifest, ...lang], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      /^错误：devbox 需要询问“应用 \d+ 项变更？”，但当前不在终端中运行（或指定了 --json）：加上 --yes 可不经询问直接应用。\n  → 在终端中运行以便回答，或加上 --yes。\n本次运行的日志：\S+\.log\n$/,
    );
  });
});

describe('in English', () => {
  it.each([
    ['LANG=C', { ...clean, LANG: 'C' }, []],
    ['no locale at all', clean, []],
    ['LC_ALL=C over LANG=zh_CN.UTF-8', { ...zhEnv, LC_ALL: 'C' }, []],
    ['--lang en over LANG=zh_CN.UTF-8', zhEnv, ['--lang', 'en']],
  ])('%s', (_, env, lang) => {
    const r = runDevbox(['plan', '-m', missing, ...lang], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`Error: file not found: ${missing}\n  → Check the path given with -m/--manifest.\n`);
    const help = runDevbox(['plan', '--help', ...lang], { env });
    expect(help.stdout).toBe(readFileSync(join(repoRoot, 'dist', 'help', 'plan.txt'), 'utf8'));
    const plan = runDevbox(['plan', '--plane', 'guest', '-m', manifest, ...lang], { env });
    expect(plan.stdout).toMatch(/\d+ to create, \d+ to update, \d+ to remove/);
  });

  it('rejects a language devbox does not speak, as a usage error', () => {
    const r = runDevbox(['plan', '--lang', 'fr'], { env: clean });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Expected --lang=fr to be one of: en, zh-CN');
  });
});

describe('with the language setting (devbox config set language zh-CN)', () => {
  it('speaks it over LANG=C, in messages and in --help; --lang still wins', () => {
    const env = { ...clean, LANG: 'C', DEVBOX_CONFIG_DIR: join(work, 'settings') };
    expect(runDevbox(['config', 'set', 'language', 'zh-CN'], { env }).code).toBe(0);
    const r = runDevbox(['plan', '-m', missing], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(`错误：找不到文件：${missing}\n  → 检查 -m/--manifest 指定的路径。\n`);
    expect(runDevbox(['plan', '--help'], { env }).stdout).toBe(
      readFileSync(join(repoRoot, 'dist', 'help', 'zh-CN', 'plan.txt'), 'utf8'),
    );
    expect(runDevbox(['plan', '--help', '--lang', 'en'], { env }).stdout).toBe(
      readFileSync(join(repoRoot, 'dist', 'help', 'plan.txt'), 'utf8'),
    );
    expect(runDevbox(['plan', '-m', missing, '--lang', 'en'], { env }).stderr).toContain('Error: file not found');
  });
});

describe('on Windows, with no locale in the environment', () => {
  it("speaks the display language (Get-UICulture through the host probe), then from devbox's cache", () => {
    requirePwsh();
    const m = WindowsMachine.create({ preset: 'win11' });
    try {
      m.update((state) => {
        state.user.uiCulture = 'zh-CN';
      });
      const env = { ...m.env, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: undefined };
      const r = runDevbox(['plan', '-m', missing], { env });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`错误：找不到文件：${missing}`);
      const cache = join(m.env.DEVBOX_CACHE_DIR!, 'ui-culture.json');
      expect(existsSync(cache)).toBe(true);
      expect(JSON.parse(readFileSync(cache, 'utf8'))).toMatchObject({ name: 'zh-CN' });
      expect(runDevbox(['plan', '--help'], { env }).stdout).toBe(
        readFileSync(join(repoRoot, 'dist', 'help', 'zh-CN', 'plan.txt'), 'utf8'),
      );
      // The environment still wins over Windows.
      expect(runDevbox(['plan', '-m', missing], { env: { ...env, LANG: 'C' } }).stderr).toContain(
        'Error: file not found',
      );
    } finally {
      m.dispose();
    }
  });
});
