import { describe, expect, it } from 'vitest';
import { renderRecorded, renderReport } from './render.js';
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
