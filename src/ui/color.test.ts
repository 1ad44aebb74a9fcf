import { describe, expect, it } from 'vitest';
import { colorEnabled, palette, plain } from './color.js';
import { renderFindings, renderPlan, renderReport } from './render.js';
import type { Plan } from '../engine/plan.js';
import type { RunReport } from '../engine/executor.js';
import { errorText } from './handle-error.js';
import { UsageError } from '../errors.js';

const tty = (env: NodeJS.ProcessEnv, noColorFlag = false) => colorEnabled({ env, isTTY: true, noColorFlag });
const pipe = (env: NodeJS.ProcessEnv) => colorEnabled({ env, isTTY: false });
const esc = /\u001b\[/;

describe('when devbox colours', () => {
  it('on a terminal, not in a pipe', () => {
    expect(tty({})).toBe(true);
    expect(pipe({})).toBe(false);
    expect(tty({ TERM: 'dumb' })).toBe(false);
  });
  it('NO_COLOR with any non-empty value turns colour off; an empty one does not', () => {
    expect(tty({ NO_COLOR: '1' })).toBe(false);
    expect(tty({ NO_COLOR: 'yes please' })).toBe(false);
    expect(tty({ NO_COLOR: '' })).toBe(true);
  });
  it('FORCE_COLOR 1/2/3 (or empty, or true) forces colour even in a pipe, 0/false turns it off', () => {
    for (const v of ['1', '2', '3', '', 'true']) expect(pipe({ FORCE_COLOR: v })).toBe(true);
    for (const v of ['0', 'false']) expect(tty({ FORCE_COLOR: v })).toBe(false);
    expect(pipe({ FORCE_COLOR: 'banana' })).toBe(false);
    expect(tty({ FORCE_COLOR: 'banana' })).toBe(true);
  });
  it("FORCE_COLOR wins over NO_COLOR (Node's order); --no-color wins over both", () => {
    expect(pipe({ FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(tty({ FORCE_COLOR: '3' }, true)).toBe(false);
    expect(tty({}, true)).toBe(false);
  });
});

const plan: Plan = {
  guest: 'this machine',
  steps: [
    { id: 'a', type: 't', plane: 'guest', action: 'create', summary: 'create', changes: [], notes: [], dependsOn: [] },
    { id: 'b', type: 't', plane: 'guest', action: 'update', summary: 'update', changes: [], notes: [], dependsOn: [] },
    { id: 'c', type: 't', plane: 'guest', action: 'delete', summary: 'remove', changes: [], notes: [], dependsOn: [] },
    { id: 'd', type: 't', plane: 'guest', action: 'noop', summary: '', changes: [], notes: [], dependsOn: [] },
    {
      id: 'e',
      type: 't',
      plane: 'guest',
      action: 'error',
      summary: '',
      changes: [],
      notes: [],
      dependsOn: [],
      reason: 'boom',
    },
  ],
} as unknown as Plan;

describe('coloured renderers', () => {
  it('colour each plan mark by its meaning', () => {
    const text = renderPlan(plan, { palette: palette(true) });
    expect(text).toContain('\u001b[32m+\u001b[39m a');
    expect(text).toContain('\u001b[33m~\u001b[39m b');
    expect(text).toContain('\u001b[31m-\u001b[39m c');
    expect(text).toContain('\u001b[90m=\u001b[39m d');
    expect(text).toContain('\u001b[31m!\u001b[39m e');
    expect(text).toContain('\u001b[31m(boom)\u001b[39m');
  });
  it('without colour, the text is exactly the plain text', () => {
    expect(renderPlan(plan, { palette: palette(false) })).toBe(renderPlan(plan));
    expect(renderPlan(plan)).not.toMatch(esc);
  });
  it('errors, failures and findings are red when coloured and plain otherwise', () => {
    const error = new UsageError('bad', { suggestions: ['do this'] });
    expect(errorText(error, palette(true))).toMatch(/^\u001b\[31mError: bad\u001b\[39m/);
    expect(errorText(error, plain)).toBe('Error: bad\n  → do this');
    const report: RunReport = {
      ok: false,
      interrupted: false,
      rebootRequired: false,
      steps: [{ id: 'x', action: 'update', outcome: 'failed', changes: [], durationMs: 5, error: 'nope' }],
    };
    expect(renderReport(report, { palette: palette(true) })).toContain('\u001b[31mFAILED: nope\u001b[39m');
    const findings = renderFindings(
      [{ id: 'f', severity: 'problem', message: 'broken' }] as never,
      undefined,
      palette(true),
    );
    expect(findings).toContain('\u001b[31m✗\u001b[39m f: broken');
  });
});

describe('the color setting', () => {
  it('decides where flag and environment do not', () => {
    expect(colorEnabled({ env: {}, isTTY: false, setting: 'always' })).toBe(true);
    expect(colorEnabled({ env: {}, isTTY: true, setting: 'never' })).toBe(false);
    expect(colorEnabled({ env: {}, isTTY: true, setting: 'auto' })).toBe(true);
    expect(colorEnabled({ env: { NO_COLOR: '1' }, isTTY: true, setting: 'always' })).toBe(false);
    expect(colorEnabled({ env: { FORCE_COLOR: '1' }, isTTY: false, setting: 'never' })).toBe(true);
    expect(colorEnabled({ env: {}, isTTY: true, noColorFlag: true, setting: 'always' })).toBe(false);
  });
});
