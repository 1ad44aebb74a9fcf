/**
 * Issue 15 kind 3, proven with the real tool: after `devbox up --root`, the REAL procps `sysctl --system`
 * of a real Debian root ends with the manifest's values, although files that sort after 99-devbox.conf,
 * Ubuntu's 99-sysctl.conf → ../sysctl.conf link, /etc/sysctl.conf and a Debian vendor file set the same
 * keys to other values. `sysctl --system` runs chrooted in a private mount namespace whose /proc is a
 * throwaway tmpfs holding one file per key: it writes those files, never this machine's kernel (procps
 * only checks that a key's path resolves under /proc/sys/ and is writable). devbox itself runs with the
 * root's real /proc mounted (this machine's kernel): it must not write there, and the test restores any
 * value that changed anyway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPrerequisites } from '../rig/privileges.js';
import { freshRootfs, type TestRootfs } from '../rig/rootfs.js';
import { runDevbox } from '../rig/cli.js';
import { appliedFiles, sysctlConf, sysctlDirs } from '../../src/resources/distro/sysctl-order.js';
import { listSysctlFiles, parseListing } from '../../src/resources/distro/sysctl.js';

const unavailable = missingPrerequisites('sysctl boot order', ['chroot', 'debootstrap', 'unshare', 'mount', 'flock']);

/** The manifest's keys as /proc/sys paths, with their values. */
const wanted: Record<string, string> = {
  'fs/inotify/max_user_watches': '524288', // /etc/sysctl.conf, also through Ubuntu's 99-sysctl.conf link
  'vm/swappiness': '10', // /etc/sysctl.d/99-zz-custom.conf
  'fs/protected_fifos': '0', // Debian's own /usr/lib/sysctl.d/99-protect-links.conf (vendor: masked, not edited)
  'net/core/somaxconn': '1024', // only an earlier file: no override
  'kernel/pid_max': '65536', // a later file that ignores errors ("-key = value")
};

function manifest(keys: readonly string[]): string {
  const lines = keys.map((k) => `    ${k.replace(/\//g, '.')}: "${wanted[k]}"`);
  return `version: 1\ndistro:\n  name: Debian-test\n  sysctl:\n${lines.join('\n')}\n`;
}

describe.runIf(!unavailable)('sysctl --system after devbox up --root (real procps, real Debian root)', () => {
  let rootfs: TestRootfs;
  let work: string;
  const hostBefore = new Map<string, string>();
  const inRoot = (p: string) => join(rootfs.dir, p);
  const devbox = (...args: string[]) =>
    runDevbox([...args, '-m', join(work, 'devbox.yaml'), '--plane', 'guest', '--root', rootfs.dir], {
      env: { DEVBOX_STATE_DIR: join(work, 'state') },
    });

  /** Runs the root's own `sysctl --system` against a fake /proc/sys; returns its output and each key's value. */
  function sysctlSystem(): { applying: string[]; values: Record<string, string> } {
    const out = execFileSync(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        '--',
        'bash',
        '-c',
        [
          'set -e; r=$1; shift',
          'mount -t tmpfs devbox-fake-proc "$r/proc"',
          'for k in "$@"; do mkdir -p "$r/proc/sys/${k%/*}"; echo 1 >"$r/proc/sys/$k"; done',
          'chroot "$r" /usr/sbin/sysctl --system 2>/dev/null || true',
          'echo "--- values"',
          'for k in "$@"; do printf "%s=%s\\n" "$k" "$(cat "$r/proc/sys/$k")"; done',
        ].join('\n'),
        'devbox-test-sysctl',
        rootfs.dir,
        ...Object.keys(wanted),
        // keys the root's other files set: present so procps does not warn about them
        'fs/protected_hardlinks',
        'fs/protected_regular',
        'fs/protected_symlinks',
        'vm/dirty_ratio',
      ],
      { encoding: 'utf8' },
    );
    const [applied, values] = out.split('--- values\n') as [string, string];
    return {
      applying: [...applied.matchAll(/^\* Applying (.*) \.\.\.$/gm)].map((m) => m[1]!),
      values: Object.fromEntries(
        values
          .trim()
          .split('\n')
          .map((l) => l.split('=') as [string, string]),
      ),
    };
  }

  /** devbox's model of the order, from its own listing script run in the root. */
  function modelOrder(): string[] {
    const out = execFileSync(
      'chroot',
      [rootfs.dir, 'bash', '-c', listSysctlFiles, 'devbox-sysctl-list', sysctlConf, ...sysctlDirs],
      { encoding: 'utf8' },
    );
    return appliedFiles(parseListing(out)).map((e) => e.path);
  }

  beforeAll(() => {
    for (const k of Object.keys(wanted)) hostBefore.set(k, readFileSync(`/proc/sys/${k}`, 'utf8'));
    rootfs = freshRootfs();
    work = mkdtempSync(join(tmpdir(), 'devbox-sysctl-boot-'));
    writeFileSync(join(work, 'devbox.yaml'), manifest(Object.keys(wanted)));
    writeFileSync(inRoot('/etc/sysctl.conf'), '# local settings\nfs.inotify.max_user_watches=16384\n');
    symlinkSync('../sysctl.conf', inRoot('/etc/sysctl.d/99-sysctl.conf')); // as Ubuntu's procps ships it
    writeFileSync(inRoot('/etc/sysctl.d/99-zz-custom.conf'), 'vm.dirty_ratio = 15\nvm.swappiness = 60\n');
    writeFileSync(inRoot('/etc/sysctl.d/10-early.conf'), 'net.core.somaxconn = 4096\n');
    writeFileSync(inRoot('/etc/sysctl.d/zz-tuning.conf'), '-kernel.pid_max = 32768\n');
  });
  afterAll(() => {
    // devbox must not have written this machine's kernel; if it did, put the values back.
    for (const [k, v] of hostBefore)
      if (readFileSync(`/proc/sys/${k}`, 'utf8') !== v) writeFileSync(`/proc/sys/${k}`, v);
    rootfs?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('devbox computes the same order as the real sysctl --system', () => {
    const real = sysctlSystem();
    expect(real.applying).toEqual(modelOrder());
    expect(real.applying).toContain('/usr/lib/sysctl.d/99-protect-links.conf');
    // Before devbox: the other files' values are what a boot would set.
    expect(real.values).toMatchObject({
      'fs/inotify/max_user_watches': '16384',
      'vm/swappiness': '60',
      'fs/protected_fifos': '1',
      'net/core/somaxconn': '4096',
      'kernel/pid_max': '32768',
    });
  });

  it('plan names each overriding file and line, and writes nothing to /proc', () => {
    const result = devbox('plan', '--json');
    expect(result.code, result.stderr).toBe(0);
    const step = JSON.parse(result.stdout).steps[0];
    const overridden = step.changes.filter((c: { property: string }) => c.property.startsWith('overridden.'));
    expect(overridden.map((c: { before: string }) => c.before.replace(/ \(applied after .*/, ''))).toEqual([
      '/usr/lib/sysctl.d/99-protect-links.conf line 7: fs.protected_fifos = 1',
      '/etc/sysctl.d/99-sysctl.conf (→ /etc/sysctl.conf) line 2: fs.inotify.max_user_watches = 16384',
      '/etc/sysctl.d/99-zz-custom.conf line 2: vm.swappiness = 60',
      '/etc/sysctl.d/zz-tuning.conf line 1: kernel.pid_max = 32768',
    ]);
    expect(step.changes.some((c: { property: string }) => c.property.startsWith('runtime.'))).toBe(false);
    const status = devbox('status');
    expect(status.code).toBe(5);
    expect(status.stdout).toContain('/etc/sysctl.d/99-zz-custom.conf line 2: vm.swappiness = 60');
    const doctor = devbox('doctor');
    expect(doctor.stdout).toContain('/usr/lib/sysctl.d/99-protect-links.conf line 7: fs.protected_fifos = 1');
  });

  it('after up, the real sysctl --system ends with the manifest values; vendor files and links stay', () => {
    const vendor = readFileSync(inRoot('/usr/lib/sysctl.d/99-protect-links.conf'), 'utf8');
    const result = devbox('up', '--yes');
    expect(result.code, result.stderr).toBe(0);
    const real = sysctlSystem();
    expect(real.values).toMatchObject(wanted);
    expect(real.values['vm/dirty_ratio']).toBe('15'); // the rest of a neutralised file still applies
    expect(real.applying).toEqual(modelOrder());
    expect(readFileSync(inRoot('/usr/lib/sysctl.d/99-protect-links.conf'), 'utf8')).toBe(vendor);
    expect(readFileSync(inRoot('/etc/sysctl.d/99-protect-links.conf'), 'utf8')).toContain('fs.protected_symlinks = 1');
    expect(lstatSync(inRoot('/etc/sysctl.d/99-sysctl.conf')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(inRoot('/etc/sysctl.d/99-sysctl.conf'))).toBe('../sysctl.conf');
    expect(readFileSync(inRoot('/var/backups/devbox/etc/sysctl.conf'), 'utf8')).toBe(
      '# local settings\nfs.inotify.max_user_watches=16384\n',
    );
    for (const [k, v] of hostBefore) expect(readFileSync(`/proc/sys/${k}`, 'utf8'), k).toBe(v);
    const again = devbox('plan', '--json');
    expect(JSON.parse(again.stdout).steps[0].action).toBe('noop');
  });

  it("a key dropped from the manifest leaves devbox's file", () => {
    writeFileSync(join(work, 'devbox.yaml'), manifest(['vm/swappiness']));
    expect(devbox('up', '--yes').code).toBe(0);
    expect(readFileSync(inRoot('/etc/sysctl.d/99-devbox.conf'), 'utf8')).toBe(
      '# Managed by devbox: the keys below come from your manifest (distro.sysctl).\nvm.swappiness = 10\n',
    );
    expect(sysctlSystem().values['vm/swappiness']).toBe('10');
  });
});
