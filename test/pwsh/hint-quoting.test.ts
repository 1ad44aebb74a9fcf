/** Fix hints quoted for PowerShell, parsed by real pwsh: every word reaches the program unchanged. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { quoteArg } from '../../src/app/hint.js';
import { runPwsh } from './pwsh.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-hint-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('PowerShell hint quoting', () => {
  it('pwsh passes hostile words to a native program unchanged', () => {
    const words = [
      "it's",
      'a b',
      '$(Remove-Item x)',
      '`id`',
      'hosts.entry[x.test]',
      '*',
      'a,b',
      '@x',
      '‘q’',
      '-1',
      '--only',
      'C:\\Users\\dev\\my manifest.yaml',
      '{x}',
      '(y)',
      ';z',
      '#c',
    ];
    const script = join(work, 'hint.ps1');
    writeFileSync(script, `& /usr/bin/printf '%s\\n' ${words.map((w) => quoteArg(w, 'powershell')).join(' ')}\n`);
    const r = runPwsh(['-File', script]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.toString('utf8').split('\n').slice(0, -1)).toEqual(words);
  });
});
