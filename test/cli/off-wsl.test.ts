/**
 * Off WSL the plan says that wsl.conf keys take effect only inside WSL; inside WSL it does not. The
 * guest plane on this Debian machine is the "off" case for real; the "inside" case is this same
 * machine showing each of WSL's signs for real: WSL_DISTRO_NAME in the environment, and (as root,
 * in a private mount namespace) a WSL kernel release bind-mounted over /proc/sys/kernel/osrelease.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDevbox } from '../rig/cli.js';
import { missingPrerequisites } from '../rig/privileges.js';

const work = mkdtempSync(join(tmpdir(), 'devbox-off-wsl-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const manifest = join(work, 'wslconf.yaml');
writeFileSync(manifest, 'version: 1\ndistro:\n  name: Debian\n  wslConf:\n    automount:\n      enabled: true\n');
const kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
const noWslEnv = { WSL_DISTRO_NAME: undefined, WSL_INTEROP: undefined, DEVBOX_STATE_DIR: join(work, 'state') };

function planNotes(env: Record<string, string | undefined>, wrap?: string[]): string[] {
  const result = runDevbox(['plan', '-m', manifest, '--plane', 'guest', '--json'], { env, ...(wrap ? { wrap } : {}) });
  expect(result.code, result.stderr).toBe(0);
  const plan = JSON.parse(result.stdout) as { steps: Array<{ type: string; notes: string[] }> };
  return plan.steps.find((s) => s.type === 'distro.wslconf')!.notes;
}

const notWsl = /microsoft/i.test(kernel) ? 'this machine runs a WSL kernel' : undefined;
const rootless = missingPrerequisites('WSL kernel in a mount namespace', ['unshare', 'mount']);

describe.skipIf(notWsl)('the plan off WSL and inside it', () => {
  it('off WSL: notes that wsl.conf keys take effect only inside WSL, in text and JSON', () => {
    expect(planNotes(noWslEnv)).toEqual([
      `wsl.conf keys take effect only inside WSL, and the local system is not running under WSL (kernel ${kernel}, ` +
        'no WSLInterop, no WSL_DISTRO_NAME): the file is written, but nothing here reads it',
    ]);
    const text = runDevbox(['plan', '-m', manifest, '--plane', 'guest'], { env: noWslEnv });
    expect(text.stdout).toContain('note: wsl.conf keys take effect only inside WSL');
  });

  it('inside WSL (WSL_DISTRO_NAME set, as wsl.exe sets it): no such note', () => {
    expect(planNotes({ ...noWslEnv, WSL_DISTRO_NAME: 'Ubuntu-24.04' })).toEqual([]);
  });

  it.skipIf(rootless)('inside WSL (a WSL kernel release, the environment cleared as sudo does): no such note', () => {
    const release = join(work, 'osrelease');
    writeFileSync(release, '5.15.167.4-microsoft-standard-WSL2\n');
    const wrap = [
      'unshare',
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      'mount --bind "$0" /proc/sys/kernel/osrelease && exec "$@"',
      release,
    ];
    expect(planNotes(noWslEnv, wrap)).toEqual([]);
    // The bind mount stayed in its namespace.
    expect(readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim()).toBe(kernel);
  });
});
