import { describe, expect, it } from 'vitest';
import { renderInDesiredState, renderRecorded, renderReport } from './render.js';
import type { PlanStep } from '../engine/plan.js';
import type { RunReport } from '../engine/executor.js';

const report: RunReport = {
  ok: true,
  interrupted: false,
  rebootRequired: false,
  steps: [
    { id: 'distro.apt[mirror]', action: 'update', outcome: 'applied', changes: [], durationMs: 12 },
    { id: 'distro.dns[/etc/resolv.conf]', action: 'update', outcome: 'applied', changes: [], durationMs: 3 },
  ],
};

describe('a dry run claims no results', () => {
  it('its steps "would change" and the summary counts what would', () => {
    const text = renderReport(report, { dryRun: true });
    expect(text).toContain('distro.apt[mirror]: would change');
    expect(text).toContain('Dry run: would change 2; nothing was changed.');
    expect(text).not.toMatch(/Done|\d+ changed|\bms\b/);
  });
  it('a real run says what changed', () => {
    expect(renderReport(report)).toContain('Done: 2 changed.');
  });
  it('checks it did not run are marked as not run', () => {
    const text = renderRecorded([
      { where: 'guest', what: 'write /etc/resolv.conf (40 bytes)' },
      {
        where: 'guest',
        what: 'check that github.com resolves through 192.0.2.1 (run getent -s dns ahosts github.com)',
        notRun: true,
      },
    ]);
    expect(text.split('\n')).toEqual([
      'Dry run: devbox would',
      '  would write /etc/resolv.conf (40 bytes)',
      '  would check that github.com resolves through 192.0.2.1 (run getent -s dns ahosts github.com) — not run',
    ]);
  });
});

describe('status without drift', () => {
  const step = (id: string, action: PlanStep['action'], reason?: string): PlanStep => ({
    id,
    type: id.split('[')[0]!,
    key: id,
    plane: 'host',
    needsElevation: false,
    dependsOn: [],
    summary: id,
    changes: [],
    notes: [],
    action,
    ...(reason ? { reason } : {}),
  });
  it('names what it did not check, so 0 checked is not read as all clear', () => {
    const plan = {
      manifestHash: 'x',
      guest: 'the local system',
      steps: [step('hosts.entry[a]', 'skip', 'not on Windows'), step('hosts.entry[b]', 'skip', 'not on Windows')],
    };
    expect(renderInDesiredState(plan)).toBe(
      'In desired state: 0 resource(s) checked, no drift.\n  skipped, not on Windows: hosts.entry ×2',
    );
  });
  it('says only the count when everything was checked', () => {
    const plan = { manifestHash: 'x', guest: 'the local system', steps: [step('distro.dns[r]', 'noop')] };
    expect(renderInDesiredState(plan)).toBe('In desired state: 1 resource(s) checked, no drift.');
  });
});
