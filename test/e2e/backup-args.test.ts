/**
 * Bad paths and names given to `devbox backup` / `restore` on simulated Windows: usage errors that
 * name what was wrong (exit 2), never "Internal error", and nothing written.
 */
import { existsSync, mkdirSync, readdirSync, statSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';
import { missingPrerequisites } from '../rig/privileges.js';
import { WindowsMachine } from '../winsim/machine.js';

const skip = missingPrerequisites('backup arguments on simulated Windows');

describe.skipIf(skip)('devbox backup and restore refuse bad paths and names', () => {
  let m: WindowsMachine;
  let work: string;
  beforeAll(() => {
    m = WindowsMachine.create({ preset: 'win11' });
    work = mkdtempSync(join(tmpdir(), 'devbox-backup-args-'));
  });
  afterAll(() => {
    m?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('-o under a file is a usage error naming the folder', () => {
    writeFileSync(join(work, 'afile'), 'kept');
    const out = join(work, 'afile', 'backup');
    const r = runDevbox(['backup', '-o', out, '--only', 'config', '--yes'], { env: m.env });
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(`-o ${out}: its folder ${join(work, 'afile')}`)]);
    expect(r.stderr).not.toContain('Internal error');
  });

  it('-o with a trailing separator (as tab completion writes a folder) backs up beside it, not into it', () => {
    const out = join(work, 'slash.devbox-backup');
    const r = runDevbox(['backup', '-o', `${out}/`, '--only', 'config', '--yes'], { env: m.env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(statSync(out).isFile()).toBe(true);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('-o onto an empty folder made beforehand: the backup takes its place, a folder or one file (any case of .devbox-backup)', () => {
    for (const name of ['made-first', 'made-first.DEVBOX-BACKUP']) {
      const out = join(work, name);
      mkdirSync(out);
      const r = runDevbox(['backup', '-o', out, '--only', 'config', '--yes'], { env: m.env });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(statSync(out).isFile()).toBe(name.endsWith('BACKUP'));
      const v = runDevbox(['backup', 'verify', out], { env: m.env });
      expect(v.code, v.stdout + v.stderr).toBe(0);
      expect(readdirSync(work).filter((f) => f.startsWith(name) && f !== name)).toEqual([]);
    }
  });

  it('-o under /proc is a usage error at once (Node recursive mkdir spins there)', () => {
    const r = runDevbox(['backup', '-o', '/proc/devbox-no-such/b', '--only', 'config', '--yes'], {
      env: m.env,
      timeoutMs: 60_000,
    });
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('-o /proc/devbox-no-such/b: its folder')]);
  });

  it('-o empty or blank, and --map PATH not an absolute folder on a drive: exit 2 before any work', () => {
    for (const output of ['', ' ']) {
      const r = runDevbox(['backup', '-o', output, '--only', 'config', '--yes'], { env: m.env });
      expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('-o is empty')]);
    }
    const r = runDevbox(['restore', join(work, 'none'), '--map', 'SCOOP=relative\\path', '--dry-run'], { env: m.env });
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('--map SCOOP=relative\\path: PATH must')]);
    expect(r.stderr).not.toContain('Internal error');
  });

  it('--as with a name WSL refuses is a usage error before anything runs', () => {
    const r = runDevbox(['restore', join(work, 'none'), '--as', 'bad name/x', '--dry-run'], { env: m.env });
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('--as bad name/x: a distribution name is')]);
    expect(existsSync(join(work, 'none'))).toBe(false);
    // A leading "-" would be read as an option by wsl.exe.
    const dash = runDevbox(['restore', join(work, 'none'), '--as=-rf', '--dry-run'], { env: m.env });
    expect([dash.code, dash.stderr]).toEqual([2, expect.stringContaining('--as -rf: a distribution name is')]);
  });

  it('--map naming one root twice with two folders is a usage error naming both', () => {
    const r = runDevbox(['restore', join(work, 'none'), '--map', 'SCOOP=E:\\A', '--map', 'SCOOP=F:\\B', '--dry-run'], {
      env: m.env,
    });
    expect([r.code, r.stderr]).toEqual([
      2,
      expect.stringContaining('--map SCOOP is given twice, as E:\\A and as F:\\B'),
    ]);
  });

  it('backup verify and restore of a path that does not exist: "not found", exit 2, nothing written', () => {
    const missing = join(work, 'no-such-backup.devbox-backup');
    for (const args of [
      ['backup', 'verify', missing],
      ['restore', missing, '--yes'],
    ]) {
      const r = runDevbox(args, { env: m.env });
      expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(`not found: ${missing}`)]);
      expect(r.stderr).not.toContain('Internal error');
    }
    expect(existsSync(missing)).toBe(false);
  });
});
