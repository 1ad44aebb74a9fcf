import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hintCommand, invocationOf, quoteArg } from './hint.js';

const hostile = [
  "it's",
  'a b',
  '$(touch /tmp/x)',
  '`id`',
  'hosts.entry[x.test]',
  '*',
  '',
  'a,b',
  '@x',
  '‘q’',
  '-1',
  'C:\\Users\\dev\\my manifest.yaml',
];

describe('fix hints', () => {
  it('carry -m, --trust-remote and --plane or --root, and leave the built-in manifest out', () => {
    expect(
      hintCommand({ manifestRef: '/tmp/my devbox.yaml', plane: 'guest', shell: 'posix' }, [
        'up',
        '--only',
        'hosts.entry[a.test]',
      ]),
    ).toBe("devbox up --only 'hosts.entry[a.test]' -m '/tmp/my devbox.yaml' --plane guest");
    expect(
      hintCommand({ manifestRef: 'builtin:default', root: '/srv/root', plane: 'guest', shell: 'posix' }, ['up']),
    ).toBe('devbox up --root /srv/root');
    expect(
      hintCommand({ manifestRef: 'https://e.test/m.yaml', trustRemote: true, shell: 'powershell' }, ['status']),
    ).toBe('devbox status -m https://e.test/m.yaml --trust-remote');
    expect(invocationOf({ manifestRef: 'x.yaml', plane: 'host' }, 'windows')).toEqual({
      manifestRef: 'x.yaml',
      plane: 'host',
      shell: 'powershell',
    });
  });

  it('POSIX quoting: sh passes every word back unchanged', () => {
    const line = hostile.map((w) => quoteArg(w, 'posix')).join(' ');
    const out = execFileSync('sh', ['-c', `printf '%s\\n' ${line}`], { encoding: 'utf8' });
    expect(out.split('\n').slice(0, -1)).toEqual(hostile);
  });

  it('PowerShell quoting: single quotes, the quote doubled', () => {
    expect(quoteArg("it's", 'powershell')).toBe("'it''s'");
    expect(quoteArg('a,b', 'powershell')).toBe("'a,b'");
    expect(quoteArg('@x', 'powershell')).toBe("'@x'");
    expect(quoteArg('$(x)', 'powershell')).toBe("'$(x)'");
    expect(quoteArg('--only', 'powershell')).toBe('--only');
    expect(quoteArg('C:\\Users\\dev\\m.yaml', 'powershell')).toBe('C:\\Users\\dev\\m.yaml');
    expect(quoteArg('‘q’', 'powershell')).toBe("'‘‘q’’'");
  });
});
