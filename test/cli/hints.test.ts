/**
 * Fix hints carry the invocation's context: pasted, doctor's `devbox up --only …` acts on the same
 * manifest and plane. Pasted here literally through sh (POSIX quoting off Windows), with `devbox`
 * defined as the built CLI.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devboxBin, runDevbox } from '../rig/cli.js';

const work = mkdtempSync(join(tmpdir(), "devbox hints it's-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fix hints that work when pasted', () => {
  it("doctor's fix names -m and --plane, quoted, and pasted it runs on the same manifest and plane", () => {
    const manifest = join(work, 'my manifest.yaml');
    writeFileSync(manifest, 'version: 1\ndistro:\n  name: Debian\n  wslConf:\n    boot:\n      systemd: true\n');
    const env = { DEVBOX_STATE_DIR: join(work, 'state') };
    // The local guest plane (this machine has no /etc/wsl.conf of devbox's making): doctor reads only.
    const doctor = runDevbox(['doctor', '-m', manifest, '--plane', 'guest'], { env });
    expect(doctor.code, doctor.stderr).toBe(5);
    // A missing value reads the same in doctor and status: (absent), never null.
    expect(doctor.stdout).toContain('boot.systemd: (absent) → true');
    const status = runDevbox(['status', '-m', manifest, '--plane', 'guest'], { env });
    expect(status.stdout).toContain('boot.systemd: (absent) → true');
    const fix = /fix: (devbox up .*)$/m.exec(doctor.stdout)?.[1];
    expect(fix).toBe(
      `devbox up --only 'distro.wslconf[/etc/wsl.conf]' -m '${manifest.replace(/'/g, `'\\''`)}' --plane guest`,
    );
    // Pasted into sh as `plan` (read-only) instead of `up`: the same manifest and plane are used.
    const shim = join(work, 'devbox');
    writeFileSync(
      shim,
      `#!/bin/sh\nexec '${process.execPath}' '${devboxBin}' "$@"\n`.replace(
        /'([^']*)'/g,
        (_m, w: string) => `'${w.replace(/'/g, `'\\''`)}'`,
      ),
    );
    chmodSync(shim, 0o755);
    const pasted = execFileSync('sh', ['-c', `${fix!.replace(/^devbox up/, 'devbox plan')} --json`], {
      env: { ...process.env, ...env, PATH: `${work}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    const plan = JSON.parse(pasted) as { steps: { id: string; plane: string }[] };
    expect(plan.steps.map((s) => [s.id, s.plane])).toEqual([['distro.wslconf[/etc/wsl.conf]', 'guest']]);
  });
});
