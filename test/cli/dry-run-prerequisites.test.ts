/**
 * A dry run stops at the same prerequisite, with the same code and message, as the run it previews
 * ("dry runs never claim results", issue 16): off Windows `backup` and `restore` cannot run, so
 * `--dry-run` does not say "Would back up…". Real processes of the built CLI on this Linux machine.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-dry-prereq-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = {
  DEVBOX_STATE_DIR: join(work, 'state'),
  DEVBOX_CONFIG_DIR: join(work, 'config'),
  DEVBOX_TEST_AS_WINDOWS: undefined,
  LC_ALL: 'C',
};

describe('dry runs stop where the runs they preview stop', () => {
  it("backup --dry-run off Windows: exit 7 with the backup's own message, nothing written", () => {
    const out = join(work, 'b');
    const real = runDevbox(['backup', '-o', out, '--only', 'config', '--yes'], { env });
    const dry = runDevbox(['backup', '-o', out, '--only', 'config', '--dry-run'], { env });
    expect(real.code, real.stderr).toBe(7);
    expect([dry.code, dry.stderr]).toEqual([real.code, real.stderr]);
    expect(dry.stdout).not.toMatch(/would/i);
    const json = runDevbox(['backup', '-o', out, '--dry-run', '--json'], { env });
    expect(json.code).toBe(7);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { exitCode: 7 } });
    expect(readdirSync(work)).not.toContain('b');
  });

  it('restore --dry-run off Windows: the same exit and message as the restore', () => {
    const backup = join(work, 'a-backup');
    mkdirSync(backup);
    writeFileSync(join(backup, 'manifest.json'), '{}');
    const real = runDevbox(['restore', backup, '--yes'], { env });
    const dry = runDevbox(['restore', backup, '--dry-run'], { env });
    expect(real.code, real.stderr).toBe(7);
    expect([dry.code, dry.stderr]).toEqual([real.code, real.stderr]);
  });
});
