/**
 * The wording points that span commands: a missing value reads "(absent)" in the text of
 * both `status` and `doctor` and `null` in both JSONs; a skipped step says why under `reason` in
 * every JSON (plan, status, doctor, up). The other wording points are in test/manifest/commands.test.ts
 * (file not found, net fetch notaurl, closest command and flag, --version --json).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-wording-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const manifest = join(work, 'm.yaml');
// wsl.conf's [automount] enabled is missing here (this machine has no devbox wsl.conf); the hosts
// entry is a Windows resource, skipped off Windows.
writeFileSync(
  manifest,
  'version: 1\ndistro:\n  name: Debian\n  wslConf:\n    automount:\n      enabled: true\n' +
    'hosts:\n  entries:\n    - name: example.com\n      address: 192.0.2.1\n',
);
const env = { DEVBOX_STATE_DIR: join(work, 'state'), DEVBOX_CONFIG_DIR: join(work, 'config') };
const run = (...args: string[]) => runDevbox([...args, '-m', manifest], { env });

interface Step {
  id: string;
  action: string;
  reason?: string;
  changes: Array<{ property: string; before?: unknown; after?: unknown }>;
}

describe('wording that must agree across commands', () => {
  it('a missing value: "(absent)" in the text of status and doctor, null in both JSONs', () => {
    for (const command of ['status', 'doctor']) {
      const text = run(command, '--plane', 'guest');
      expect(text.code, text.stderr).toBe(5);
      expect(text.stdout).toContain('automount.enabled: (absent) → true');
      expect(text.stdout).not.toMatch(/\bnull\b|undefined/);
      const json = run(command, '--plane', 'guest', '--json');
      const plan = (JSON.parse(json.stdout) as { plan: { steps: Step[] } }).plan;
      const change = plan.steps.flatMap((s) => s.changes).find((c) => c.property === 'automount.enabled');
      expect(change).toEqual({ property: 'automount.enabled', before: null, after: 'true' });
    }
  });

  it('a skipped step says why under `reason` in plan, status, doctor and up --dry-run', () => {
    const plans = [
      JSON.parse(run('plan', '--json').stdout) as { steps: Step[] },
      (JSON.parse(run('status', '--json').stdout) as { plan: { steps: Step[] } }).plan,
      (JSON.parse(run('doctor', '--json').stdout) as { plan: { steps: Step[] } }).plan,
    ];
    for (const plan of plans) {
      const skipped = plan.steps.filter((s) => s.action === 'skip');
      expect(skipped.map((s) => s.id)).toContain('hosts.entry[example.com]');
      for (const step of skipped) expect(step.reason).toBe('not on Windows');
    }
    const up = run('up', '--dry-run', '--yes', '--json');
    expect(up.code, up.stderr).toBe(0);
    const report = (JSON.parse(up.stdout) as { report: { steps: Array<{ id: string; outcome: string } & object> } })
      .report;
    const skipped = report.steps.filter((s) => s.outcome === 'skipped');
    expect(skipped.map((s) => s.id)).toContain('hosts.entry[example.com]');
    for (const step of skipped) {
      expect(step).toHaveProperty('reason', 'not on Windows');
      expect(Object.keys(step)).not.toContain('error');
    }
  });
});
