/**
 * An empty or blank item of any list-valued flag is named plainly (never shown back as `--only :`),
 * exit 2, before the command does anything: the built CLI as users run it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-list-flags-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { DEVBOX_STATE_DIR: join(work, 'state'), DEVBOX_CONFIG_DIR: join(work, 'config'), LC_ALL: 'C' };

describe('empty items of list flags', () => {
  it('--only, --skip, --map, --mirror, --resolver: the flag and the item named, exit 2', () => {
    const cases: Array<[string[], string]> = [
      [['plan', '--plane', 'guest', '--only', ''], '--only: item 1 of 1 is empty.'],
      [['status', '--plane', 'guest', '--only', 'distro.*,,hosts.*'], '--only: item 2 of 3 is empty.'],
      [['plan', '--plane', 'guest', '--skip', 'distro.*,'], '--skip: item 2 of 2 is empty.'],
      [['backup', '-o', join(work, 'b'), '--only', ''], '--only: item 1 of 1 is empty.'],
      [['restore', work, '--only', 'config,'], '--only: item 2 of 2 is empty.'],
      [['restore', work, '--map', 'SCOOP=E:\\S', '--map', '  '], '--map: item 2 of 2 is only spaces.'],
      [['net', 'fetch', 'https://127.0.0.1:9/f', '--mirror', ''], '--mirror: item 1 of 1 is empty.'],
      [['net', 'resolve', 'example.org', '--resolver', ' '], '--resolver: item 1 of 1 is only spaces.'],
    ];
    for (const [args, message] of cases) {
      const r = runDevbox(args, { env });
      expect([r.code, r.stderr], args.join(' ')).toEqual([2, expect.stringContaining(`Error: ${message}\n  → `)]);
      expect(r.stderr).not.toMatch(/--\w+ :/);
    }
    const json = runDevbox(['plan', '--only', '', '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'usage.list-item', exitCode: 2 } });
    const zh = runDevbox(['plan', '--only', ''], { env: { ...env, LC_ALL: 'zh_CN.UTF-8' } });
    expect(zh.stderr).toContain('错误：--only：第 1 项（共 1 项）为空。');
  });
});
