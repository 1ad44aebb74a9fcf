/**
 * Help in zh-CN wraps at display width (a Chinese character takes two columns) without cutting an
 * ASCII token such as SCOOP_GLOBAL, at a narrow COLUMNS: the built CLI as users run it. The tokens of
 * the narrow rendering must all be tokens of a wide one: a token cut in two leaves fragments.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-help-wrap-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { DEVBOX_CONFIG_DIR: join(work, 'config'), LC_ALL: 'zh_CN.UTF-8', OCLIF_COLUMNS: undefined };
const asciiTokens = (text: string) => new Set(text.match(/[A-Za-z0-9_]{2,}/g) ?? []);

describe('zh-CN help at a narrow terminal', () => {
  for (const command of [['restore'], ['backup'], ['init'], ['net', 'resolve']]) {
    it(`${command.join(' ')} --help fits COLUMNS=40 and 60, no ASCII token split`, () => {
      const wide = runDevbox([...command, '--help'], { env: { ...env, COLUMNS: '400' } });
      expect(wide.code, wide.stderr).toBe(0);
      const whole = asciiTokens(wide.stdout);
      for (const columns of [40, 60]) {
        const narrow = runDevbox([...command, '--help'], { env: { ...env, COLUMNS: String(columns) } });
        expect(narrow.code, narrow.stderr).toBe(0);
        // Example command lines are never wrapped (they are pasted); oclif's stacked flag layout (a
        // narrow terminal) indents its text 2 columns past the width it wraps it for, English alike.
        const lines = narrow.stdout.split('\n').filter((line) => !line.startsWith('  $ '));
        const over = lines.filter((line) => stringWidth(line) > columns + 2);
        expect(over, `${columns} columns:\n${narrow.stdout}`).toEqual([]);
        const split = [...asciiTokens(narrow.stdout)].filter((token) => !whole.has(token));
        expect(split, `${columns} columns:\n${narrow.stdout}`).toEqual([]);
      }
      if (command[0] === 'restore') {
        const text = runDevbox([...command, '--help'], { env: { ...env, COLUMNS: '40' } }).stdout;
        expect(text).toMatch(/SCOOP_GLOBAL/);
        expect(text).not.toMatch(/SCOOP_G\n/);
      }
    });
  }

  it("the root help's first line (the package description) is wrapped too", () => {
    for (const columns of [60, 80]) {
      const root = runDevbox(['--help'], { env: { ...env, COLUMNS: String(columns), DEVBOX_NO_HELP_CACHE: '1' } });
      expect(root.code, root.stderr).toBe(0);
      expect(root.stdout).toMatch(/^从一份声明式清单/);
      expect(root.stdout.split('\n').filter((line) => stringWidth(line) > columns + 2)).toEqual([]);
    }
    const cached = runDevbox(['--help'], { env: { ...env, COLUMNS: undefined } });
    expect(cached.stdout.split('\n').filter((line) => stringWidth(line) > 80)).toEqual([]);
  });

  it('the cached help (80 columns) is what oclif renders at 80 columns', () => {
    const cached = runDevbox(['restore', '--help'], { env: { ...env, COLUMNS: undefined } });
    const live = runDevbox(['restore', '--help'], { env: { ...env, COLUMNS: '80', DEVBOX_NO_HELP_CACHE: '1' } });
    expect(live.stdout).toBe(cached.stdout);
    expect(cached.stdout.split('\n').filter((line) => stringWidth(line) > 80)).toEqual([]);
  });
});
