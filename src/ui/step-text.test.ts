import { describe, expect, it } from 'vitest';
import type { StepReport } from '../engine/executor.js';
import { setLocale } from '../i18n/catalogue.js';
import { palette } from './color.js';
import { formatElapsed, progressText, renderTail, resultLine, runningTitle } from './step-text.js';
import { plainSteps } from './task-list.js';
import type { PlanStep } from '../engine/plan.js';

const report = (over: Partial<StepReport>): StepReport => ({
  id: 'distro.apt[sources]',
  action: 'update',
  outcome: 'applied',
  changes: [],
  durationMs: 3210,
  ...over,
});

describe('the words of the task list', () => {
  it('durations: milliseconds, then tenths of seconds, then minutes', () => {
    expect(formatElapsed(840)).toBe('840ms');
    expect(formatElapsed(3210)).toBe('3.2s');
    expect(formatElapsed(65_000)).toBe('1m05s');
  });
  it('a running step shows how long it has run', () => {
    expect(runningTitle('a', 12_400)).toBe('a  running 12s');
  });
  it('a download: name, bytes of total with percent, speed, ETA; a finished one has no ETA', () => {
    const p = {
      kind: 'transfer' as const,
      name: 'kind',
      bytes: 41 * 1048576,
      total: 256 * 1048576,
      rate: 15.9 * 1048576,
    };
    expect(progressText({ ...p, etaSeconds: 14, done: false } as const)).toBe(
      'kind  41.0 MiB / 256.0 MiB (16%)  15.9 MiB/s  ETA 14s',
    );
    expect(progressText({ ...p, bytes: p.total, done: true } as const)).toBe(
      'kind  256.0 MiB / 256.0 MiB (100%)  15.9 MiB/s',
    );
    expect(progressText({ kind: 'transfer', name: 'x', bytes: 2048, rate: 1024, done: false })).toBe(
      'x  2.0 KiB  1.0 KiB/s',
    );
  });
  it('apt: its phase, its whole percentage and its own words', () => {
    expect(progressText({ kind: 'apt', phase: 'install', percent: 62.5, text: 'Unpacking curl (amd64)' })).toBe(
      'apt: installing 62%  Unpacking curl (amd64)',
    );
    expect(progressText({ kind: 'apt', phase: 'download', percent: 9.05, text: 'Downloading file 1 of 3' })).toBe(
      'apt: downloading 9%  Downloading file 1 of 3',
    );
  });
  it('result lines: ✓ with the duration, ✗ failed in red, ↓ for steps that did not run (no duration)', () => {
    expect(resultLine(report({}), false)).toBe('✓ distro.apt[sources]  changed  (3.2s)');
    expect(resultLine(report({}), true)).toBe('✓ distro.apt[sources]  would change  (3.2s)');
    expect(resultLine(report({ outcome: 'failed', error: 'x' }), false)).toBe('✗ distro.apt[sources]  failed  (3.2s)');
    expect(resultLine(report({ outcome: 'blocked', error: 'not applied: a did not converge' }), false)).toBe(
      '↓ distro.apt[sources]  not applied: a did not converge',
    );
    const red = resultLine(report({ outcome: 'failed' }), false, palette(true));
    expect(red).toBe(
      '\u001b[31m✗\u001b[39m distro.apt[sources]  \u001b[31mfailed\u001b[39m  \u001b[90m(3.2s)\u001b[39m',
    );
  });
  it('the tail says which command and how much of its output is shown', () => {
    const tail = { command: 'apt-get install x', exitCode: 100, lines: ['E: nope'], totalLines: 30 };
    expect(renderTail('s', tail)).toEqual([
      '  s: last 1 of 30 lines of the output of apt-get install x:',
      '    E: nope',
    ]);
    expect(renderTail('s', { ...tail, lines: [], totalLines: 0 })).toEqual([]);
  });
});

describe('plain step lines (pipes, files)', () => {
  const step = { id: 'distro.apt[sources]', action: 'update' } as PlanStep;
  const run = (dryRun: boolean) => {
    let out = '';
    const view = plainSteps({
      steps: [step],
      dryRun,
      palette: palette(false),
      stream: { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream,
    });
    view.event({ type: 'step-start', step });
    view.event({ type: 'detail', id: step.id, message: 'apt-get update succeeded' });
    view.event({ type: 'progress', id: step.id, progress: { kind: 'apt', phase: 'install', percent: 5, text: 'x' } });
    view.event({
      type: 'step-end',
      report: report({
        outcome: 'failed',
        outputTail: { command: 'apt-get install x', exitCode: 100, lines: ['E: nope'], totalLines: 1 },
      }),
    });
    return out;
  };
  it('one line when a step starts, its details, one result line and the tail; no progress ticks', () => {
    expect(run(false)).toBe(
      [
        '→ distro.apt[sources]',
        '  apt-get update succeeded',
        '✗ distro.apt[sources]  failed  (3.2s)',
        '  distro.apt[sources]: output of apt-get install x:',
        '    E: nope',
        '',
      ].join('\n'),
    );
  });
  it("a dry run leaves out the steps' own words: they would claim results nobody saw", () => {
    expect(run(true)).not.toContain('succeeded');
  });
});

describe('the task list in Simplified Chinese', () => {
  it('says the same things from the catalogue, values in place', () => {
    setLocale('zh-CN');
    try {
      expect(runningTitle('a', 12_400)).toBe('a  运行中 12s');
      expect(resultLine(report({}), true)).toBe('✓ distro.apt[sources]  将会更改  (3.2s)');
      expect(progressText({ kind: 'apt', phase: 'install', percent: 62.5, text: 'Unpacking curl' })).toBe(
        'apt：正在安装 62%  Unpacking curl',
      );
      const tail = { command: 'apt-get install x', exitCode: 100, lines: ['E: two'], totalLines: 2 };
      expect(renderTail('distro.apt', tail)[0]).toBe('  distro.apt：apt-get install x 输出的最后 1 行（共 2 行）：');
    } finally {
      setLocale('en');
    }
  });
});
