/**
 * `devbox backup verify` and `restore` given a path that is not a backup say what the path IS, with
 * a fix that fits, in both languages: the built CLI as users run it (exit codes as README lists).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-backup-paths-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { DEVBOX_STATE_DIR: join(work, 'state'), DEVBOX_CONFIG_DIR: join(work, 'config'), LC_ALL: 'C' };

describe('a path that is not a backup', () => {
  it('/dev/zero, a plain folder, a plain file and a .partial: each named for what it is', () => {
    const folder = join(work, 'docs');
    mkdirSync(folder);
    const file = join(work, 'notes.txt');
    writeFileSync(file, 'x');
    const partial = join(work, 'b.partial');
    mkdirSync(partial);
    const cases: Array<[string, number, string]> = [
      ['/dev/zero', 2, '/dev/zero is a character device, not a backup folder or a .devbox-backup file.'],
      [folder, 2, `${folder} is a folder without manifest.json: not a backup folder.`],
      [file, 2, `${file} is a file that is not a .devbox-backup container`],
      [partial, 4, `${partial} is what an interrupted devbox backup left (.partial)`],
    ];
    for (const [path, code, message] of cases) {
      for (const args of [
        ['backup', 'verify', path],
        ['restore', path, '--dry-run'],
      ]) {
        const r = runDevbox(args, { env });
        expect([r.code, r.stderr], args.join(' ')).toEqual([code, expect.stringContaining(`Error: ${message}`)]);
        expect(r.stderr).not.toContain('manifest.json is missing');
        if (path !== partial) expect(r.stderr).not.toContain('.partial is an interrupted');
      }
    }
    const zh = runDevbox(['backup', 'verify', '/dev/zero'], { env: { ...env, LC_ALL: 'zh_CN.UTF-8' } });
    expect([zh.code, zh.stderr]).toEqual([2, expect.stringContaining('错误：/dev/zero 是字符设备')]);
  });
});
