import { describe, expect, it } from 'vitest';
import { redactArgv, RunLogText } from './run-log.js';
import type { PlanStep } from '../engine/plan.js';
import { setLocale } from '../i18n/catalogue.js';
import { cells } from './width.js';

describe('the command line in the log', () => {
  it('hides the password of a proxy URL, as a separate value or after =', () => {
    expect(redactArgv(['up', '--proxy', 'http://alice:s3cret@proxy:8080'])).toEqual([
      'up',
      '--proxy',
      'http://alice:***@proxy:8080/',
    ]);
    expect(redactArgv(['--proxy=http://alice:s3cret@proxy:8080'])).toEqual(['--proxy=http://alice:***@proxy:8080/']);
  });
  it('hides a token given as the user part of a URL, and secret-named query values', () => {
    expect(redactArgv(['-m', 'https://ghp_abc123@example.com/m.yaml#sha256=ab'])).toEqual([
      '-m',
      'https://***@example.com/m.yaml#sha256=ab',
    ]);
    expect(redactArgv(['-m', 'https://example.com/m.yaml?token=abc&x=1'])).toEqual([
      '-m',
      'https://example.com/m.yaml?token=***&x=1',
    ]);
  });
  it('hides the values of secret-named flags and NAME=VALUE arguments; leaves the rest as it was', () => {
    expect(redactArgv(['--token', 'abc', '--api-key=xyz', 'GITHUB_TOKEN=t', '--yes', '-m', 'a.yaml'])).toEqual([
      '--token',
      '***',
      '--api-key=***',
      'GITHUB_TOKEN=***',
      '--yes',
      '-m',
      'a.yaml',
    ]);
    expect(redactArgv(['--proxy', 'none', 'http://host/path'])).toEqual(['--proxy', 'none', 'http://host/path']);
  });
});

describe('the log text', () => {
  it('timestamps each entry; indents the continuation lines of errors and tails', () => {
    let text = '';
    let tick = 0;
    const log = new RunLogText({ write: (s) => (text += s) }, () => new Date(Date.UTC(2026, 10, 30, 18, 0, tick++)));
    log.header(['up', '--yes'], '/work', '0.1.0');
    const step = { id: 'a' } as PlanStep;
    log.event({ type: 'step-start', step });
    log.event({ type: 'progress', id: 'a', progress: { kind: 'apt', phase: 'install', percent: 1, text: 'x' } });
    log.event({
      type: 'step-end',
      report: {
        id: 'a',
        action: 'update',
        outcome: 'failed',
        changes: [],
        durationMs: 1500,
        error: 'it broke\n→ fix it',
        outputTail: { command: 'apt-get install x', exitCode: 100, lines: ['E: one', 'E: two'], totalLines: 2 },
      },
    });
    log.end(4, 'Error: 1 step(s) did not converge');
    expect(text).toBe(
      [
        'devbox run log',
        '2026-11-30T18:00:00.000Z  command devbox up --yes',
        '2026-11-30T18:00:01.000Z  folder  /work',
        '2026-11-30T18:00:02.000Z  devbox  0.1.0',
        '2026-11-30T18:00:03.000Z  start   a',
        '2026-11-30T18:00:04.000Z  end     a: failed (1.5s)',
        '    it broke',
        '    → fix it',
        '    a: output of apt-get install x:',
        '      E: one',
        '      E: two',
        '2026-11-30T18:00:05.000Z  exit code 4',
        '    Error: 1 step(s) did not converge',
        '',
      ].join('\n'),
    );
  });

  it('aligns the entries in zh-CN by terminal columns (a CJK character is two)', () => {
    let text = '';
    const log = new RunLogText({ write: (s) => (text += s) }, () => new Date(Date.UTC(2026, 10, 30, 18, 0, 0)));
    setLocale('zh-CN');
    try {
      log.header(['up'], '/work', '0.1.0');
      log.end(0);
    } finally {
      setLocale('en');
    }
    const entries = text.split('\n').filter((line) => line.startsWith('2026-'));
    expect(entries.map((line) => line.slice(26))).toEqual([
      '命令    devbox up',
      '目录    /work',
      'devbox  0.1.0',
      '退出码  0',
    ]);
    // Every value starts in the same terminal column (the label takes 8 columns with its space).
    const values = ['devbox up', '/work', '0.1.0', '0'];
    expect(entries.map((line, i) => cells(line.slice(26, line.lastIndexOf(values[i]!))))).toEqual([8, 8, 8, 8]);
  });
});
