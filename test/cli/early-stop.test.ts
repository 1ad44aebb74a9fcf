/**
 * Runs stop before any step, with the documented exit code and a message that says what to fix:
 * the guest plane as non-root (7, a dry run too), an unwritable state folder (7), a `--root` that is not a
 * directory (2), `--only`/`--skip` that match nothing (2). Real processes of the built CLI.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';
import { missingPrerequisites } from '../rig/privileges.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-early-'));
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));
const manifest = join(work, 'm.yaml');
// A wsl.conf this machine does not have: `up` would create it (as root, which these runs never are
// when they get that far).
writeFileSync(manifest, 'version: 1\ndistro:\n  name: Debian\n  wslConf:\n    boot:\n      systemd: true\n');
chmodSync(manifest, 0o644);
const state = join(work, 'state');
const env = { DEVBOX_STATE_DIR: state };
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .*:\d+:\d+/);

describe('stop early with the right code', () => {
  const skip = missingPrerequisites('guest plane as non-root', ['setpriv']);
  it.skipIf(Boolean(skip))('guest plane as non-root: exit 7 before any step, nothing journaled', () => {
    mkdirSync(state, { recursive: true, mode: 0o777 });
    chmodSync(state, 0o777);
    // A dry run stops at the same prerequisite with the same code: it never shows changes that the
    // run itself would refuse to make.
    for (const mode of ['--yes', '--dry-run']) {
      const r = runDevbox(['up', mode, '--plane', 'guest', '-m', manifest], {
        env,
        // uid nobody, but still able to read a checkout and a Node that live under /root (as in CI): the
        // point is devbox's own check of its uid, not the file permissions of wherever it is installed.
        wrap: [
          'setpriv',
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          '--inh-caps=+dac_override,+dac_read_search',
          '--ambient-caps=+dac_override,+dac_read_search',
          '--',
        ],
      });
      expect(r.code, `${mode}: ${r.stderr}`).toBe(7);
      expect(r.stderr).toContain('needs root');
      expect(r.stderr).not.toContain('→ distro.');
      expect(r.stdout).not.toMatch(/would|Done/i);
      noStack(r.stderr);
      expect(existsSync(join(state, 'journal.jsonl'))).toBe(false);
    }
  });

  it('an unwritable state folder: a user error naming it and DEVBOX_STATE_DIR, exit 7', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const r = runDevbox(['up', '--yes', '--plane', 'guest', '-m', manifest], {
      env: { DEVBOX_STATE_DIR: join(file, 'state') },
    });
    expect(r.code, r.stderr).toBe(7);
    expect(r.stderr).toContain(`devbox cannot write its state folder: ${join(file, 'state')}`);
    expect(r.stderr).toContain('DEVBOX_STATE_DIR');
    noStack(r.stderr);
  });

  it('state and cache folders under /proc: a user error, not a hang (Node recursive mkdir spins there)', () => {
    const proc = '/proc/devbox-no-such/state';
    const r = runDevbox(['up', '--yes', '--plane', 'guest', '-m', manifest], {
      env: { DEVBOX_STATE_DIR: proc, DEVBOX_CACHE_DIR: '/proc/devbox-no-such/cache' },
    });
    expect(r.code, r.stderr).toBe(7);
    expect(r.stderr).toContain(`devbox cannot write its state folder: ${proc}`);
    noStack(r.stderr);
  });

  it('--root that does not exist or is a file: exit 2; --root implies --plane guest and contradicts --plane host', () => {
    const missing = runDevbox(['plan', '-m', manifest, '--root', join(work, 'nope')], { env });
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toContain(`--root ${join(work, 'nope')}: does not exist.`);
    const file = runDevbox(['up', '--yes', '-m', manifest, '--root', manifest], { env });
    expect(file.code, file.stderr).toBe(2);
    expect(file.stderr).toContain(`--root ${manifest}: not a directory.`);
    const host = runDevbox(['plan', '-m', manifest, '--root', work, '--plane', 'host'], { env });
    expect(host.code, host.stderr).toBe(2);
    expect(host.stderr).toContain('--root implies --plane guest');
  });

  it('--only/--skip that match nothing: exit 2 listing the valid ids', () => {
    for (const args of [
      ['status', '--only', 'distro.wslconfig'],
      ['plan', '--skip', 'distro.wslconfig'],
      ['up', '--yes', '--only', 'nope.*'],
    ]) {
      const r = runDevbox([...args, '-m', manifest], { env });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(
        'matches no resource of this manifest. Valid ids:\n  wsl.distro[Debian]\n  distro.wslconf[/etc/wsl.conf]\n',
      );
    }
  });
});
