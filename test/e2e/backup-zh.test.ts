/**
 * `devbox backup`, `backup verify` and `restore` in Simplified Chinese on simulated Windows: the dry
 * run, the written backup's listing, the verification and the restore plan, each from the catalogue
 * (LANG=zh_CN.UTF-8), with English ids, paths and flags kept as they are.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';
import { missingPrerequisites } from '../rig/privileges.js';
import { WindowsMachine } from '../winsim/machine.js';

const skip = missingPrerequisites('backup and restore in zh-CN on simulated Windows');

describe.skipIf(skip)('backup and restore speak zh-CN', () => {
  let m: WindowsMachine;
  let work: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    m = WindowsMachine.create({ preset: 'win11' });
    work = mkdtempSync(join(tmpdir(), 'devbox-backup-zh-'));
    env = { ...m.env, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'zh_CN.UTF-8' };
  });
  afterAll(() => {
    m?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('a backup dry run, a backup, its verification and a restore plan', () => {
    const out = join(work, 'b');
    const dry = runDevbox(['backup', '-o', out, '--only', 'config', '--dry-run'], { env });
    expect([dry.code, dry.stdout], dry.stderr).toEqual([0, `将把 config 备份到 ${out}（未写入任何内容）。\n`]);

    const made = runDevbox(['backup', '-o', out, '--only', 'config', '--yes'], { env });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(new RegExp(`^备份已写入：${out}\\n`));
    expect(made.stdout).toMatch(/  config\/\S+ +\S+ +[\d.]+ MiB  （原始大小 [\d.]+ MiB，\d+ 个条目）/);

    const verified = runDevbox(['backup', 'verify', out], { env });
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`^完好：${out}\\n`));
    expect(verified.stdout).toMatch(/^ {2}完好 {4}\S+/m);

    const plan = runDevbox(['restore', out, '--dry-run'], { env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/^恢复计划（演练：不写入任何内容）：\n/);
    expect(plan.stdout).toMatch(
      // The simulated machine has no .wslconfig, so the plan promises only the manifest.
      /^ {2}\+ config: 保存备份中的清单（路径已映射；备份中没有 \.wslconfig） \[来自备份\]$/m,
    );
    expect(plan.stdout).not.toMatch(/Restore plan|\[from /);
  });

  it('errors of backup and restore, with their fix hints', () => {
    const missing = join(work, 'none');
    const r = runDevbox(['backup', 'verify', missing], { env });
    expect([r.code, r.stderr]).toEqual([
      2,
      `错误：未找到：${missing}\n` + '  → 请给出 devbox backup -o 写出的文件夹或 .devbox-backup 文件。\n',
    ]);
    const as = runDevbox(['restore', missing, '--as', 'bad name/x', '--dry-run'], { env });
    expect([as.code, as.stderr]).toEqual([
      2,
      expect.stringContaining('错误：--as bad name/x：发行版名称只能包含字母、数字、"."、"_" 和 "-"'),
    ]);
  });
});
