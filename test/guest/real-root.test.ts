/**
 * The real-root tier: `devbox up --plane guest --root <rootfs>` on a real Debian root filesystem,
 * through the real CLI. First run changes what the plan said; second run changes nothing; status
 * finds exactly what was changed by hand. Runs inside a private network namespace so the net.*
 * sysctls it sets are the namespace's, not this machine's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPrerequisites } from '../rig/privileges.js';
import { freshRootfs, type TestRootfs } from '../rig/rootfs.js';
import { createNetNs, type NetNs } from '../rig/private-netns.js';
import { runDevbox } from '../rig/cli.js';
import { originalWslConf, testManifest } from './fixtures.js';

const unavailable = missingPrerequisites('real-root tier', ['chroot', 'debootstrap', 'ip', 'flock']);

describe.runIf(!unavailable)('devbox up --plane guest --root (real Debian rootfs)', () => {
  let rootfs: TestRootfs;
  let netns: NetNs;
  let work: string;
  let env: Record<string, string>;
  const inRoot = (p: string) => join(rootfs.dir, p);
  const devbox = (...args: string[]) =>
    runDevbox([...args, '-m', join(work, 'devbox.yaml'), '--plane', 'guest', '--root', rootfs.dir], {
      env,
      wrap: netns.wrap,
    });
  const json = (...args: string[]) => {
    const result = devbox(...args, '--json');
    return { ...result, body: JSON.parse(result.stdout) };
  };

  beforeAll(() => {
    rootfs = freshRootfs();
    netns = createNetNs('dbx2');
    // A new namespace inherits net.ipv4.ip_forward from the host's initial one (1 where a dockerd runs):
    // start from a known 0 so the plan below does not depend on what else runs on this machine.
    execFileSync('ip', ['netns', 'exec', netns.name, 'sh', '-c', 'echo 0 > /proc/sys/net/ipv4/ip_forward']);
    work = mkdtempSync(join(tmpdir(), 'devbox-realroot-'));
    writeFileSync(join(work, 'devbox.yaml'), testManifest);
    writeFileSync(inRoot('/etc/wsl.conf'), originalWslConf);
    env = { DEVBOX_STATE_DIR: join(work, 'state') };
  });
  afterAll(() => {
    rootfs?.dispose();
    netns?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('plans exactly the differences, without changing anything', () => {
    const { code, body } = json('plan');
    expect(code).toBe(0);
    expect(body.steps.map((s: { id: string; action: string }) => [s.id, s.action])).toEqual([
      ['distro.wslconf[/etc/wsl.conf]', 'update'],
      ['distro.sysctl[/etc/sysctl.d/99-devbox.conf]', 'create'],
    ]);
    expect(body.steps[0].changes).toEqual([
      { property: 'boot.systemd', before: 'false', after: 'true' },
      { property: 'network.hostname', before: null, after: 'devbox-test' },
    ]);
    // The root's /proc is this machine's kernel (seen from the test's network namespace): another root
    // filesystem's settings go to its files only, and the plan says so.
    expect(body.steps[1].changes).toEqual([
      { property: 'persisted.net.ipv4.ip_forward', before: null, after: '1' },
      { property: 'persisted.net.core.somaxconn', before: null, after: '1024' },
      { property: 'persisted.net.ipv4.ip_local_port_range', before: null, after: '20000 40000' },
    ]);
    expect(body.steps[1].notes).toEqual([
      'not the running system (another root filesystem): only the files are written, never /proc/sys ' +
        '(that would be the host kernel); the values apply when this system boots',
    ]);
    expect(readFileSync(inRoot('/etc/wsl.conf'), 'utf8')).toBe(originalWslConf);
    expect(existsSync(inRoot('/etc/sysctl.d/99-devbox.conf'))).toBe(false);
  });

  it('dry run prints the writes and commands it would make and changes nothing', () => {
    const result = devbox('up', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('write /etc/wsl.conf');
    expect(result.stdout).toContain('write /etc/sysctl.d/99-devbox.conf');
    expect(result.stdout.slice(result.stdout.indexOf('Dry run: devbox would'))).not.toContain('/proc');
    expect(readFileSync(inRoot('/etc/wsl.conf'), 'utf8')).toBe(originalWslConf);
    expect(netns.sysctl('net.ipv4.ip_forward')).toBe('0');
  });

  it('first up applies what the plan said, keeping every unmanaged byte and a backup', () => {
    const kernelBefore = [
      netns.sysctl('net.ipv4.ip_forward'),
      netns.sysctl('net.core.somaxconn'),
      netns.sysctl('net.ipv4.ip_local_port_range'),
    ];
    const { code, body, stderr } = json('up', '--yes');
    expect(code, stderr).toBe(0);
    expect(body.report.steps.map((s: { id: string; outcome: string }) => [s.id, s.outcome])).toEqual([
      ['distro.wslconf[/etc/wsl.conf]', 'applied'],
      ['distro.sysctl[/etc/sysctl.d/99-devbox.conf]', 'applied'],
    ]);
    // What changed is exactly what the plan announced.
    expect(body.report.steps.map((s: { changes: unknown }) => s.changes)).toEqual(
      body.plan.steps.map((s: { changes: unknown }) => s.changes),
    );
    expect(body.plan.steps[0].changes).toHaveLength(2);
    expect(readFileSync(inRoot('/etc/wsl.conf'), 'utf8')).toBe(
      originalWslConf.replace('systemd=false   \n', 'systemd=true   \n') + '\n[network]\nhostname=devbox-test\n',
    );
    expect(readFileSync(inRoot('/var/backups/devbox/etc/wsl.conf'), 'utf8')).toBe(originalWslConf);
    expect(readFileSync(inRoot('/etc/sysctl.d/99-devbox.conf'), 'utf8')).toBe(
      '# Managed by devbox: the keys below come from your manifest (distro.sysctl).\nnet.ipv4.ip_forward = 1\nnet.core.somaxconn = 1024\nnet.ipv4.ip_local_port_range = 20000 40000\n',
    );
    expect(statSync(inRoot('/etc/sysctl.d/99-devbox.conf')).mode & 0o777).toBe(0o644);
    // The kernel the root's /proc shows is left alone.
    expect([
      netns.sysctl('net.ipv4.ip_forward'),
      netns.sysctl('net.core.somaxconn'),
      netns.sysctl('net.ipv4.ip_local_port_range'),
    ]).toEqual(kernelBefore);
    const journal = readFileSync(join(work, 'state', 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(journal.map((e: { type: string }) => e.type)).toEqual([
      'run-start',
      'step-start',
      'step-done',
      'step-start',
      'step-done',
      'run-end',
    ]);
    expect(journal[5].status).toBe('ok');
  });

  it('second up changes nothing and writes nothing', () => {
    const mtimes = ['/etc/wsl.conf', '/etc/sysctl.d/99-devbox.conf'].map((p) => statSync(inRoot(p)).mtimeMs);
    const { code, body } = json('up', '--yes');
    expect(code).toBe(0);
    expect(body.report).toBeUndefined();
    expect(body.plan.steps.map((s: { action: string }) => s.action)).toEqual(['noop', 'noop']);
    expect(['/etc/wsl.conf', '/etc/sysctl.d/99-devbox.conf'].map((p) => statSync(inRoot(p)).mtimeMs)).toEqual(mtimes);
    expect(devbox('status').code).toBe(0);
  });

  it('status reports exactly what was changed by hand, with exit code 5', () => {
    writeFileSync(
      inRoot('/etc/wsl.conf'),
      readFileSync(inRoot('/etc/wsl.conf'), 'utf8').replace('systemd=true', 'systemd=false'),
    );
    writeFileSync(
      inRoot('/etc/sysctl.d/99-devbox.conf'),
      readFileSync(inRoot('/etc/sysctl.d/99-devbox.conf'), 'utf8').replace('somaxconn = 1024', 'somaxconn = 512'),
    );
    const { code, body } = json('status');
    expect(code).toBe(5);
    expect(body.drifted.map((s: { id: string; changes: unknown[] }) => [s.id, s.changes])).toEqual([
      ['distro.wslconf[/etc/wsl.conf]', [{ property: 'boot.systemd', before: 'false', after: 'true' }]],
      [
        'distro.sysctl[/etc/sysctl.d/99-devbox.conf]',
        [{ property: 'persisted.net.core.somaxconn', before: '512', after: '1024' }],
      ],
    ]);
    const text = devbox('status');
    expect(text.code).toBe(5);
    expect(text.stdout).toContain('~ distro.wslconf[/etc/wsl.conf]');
    expect(text.stdout).toContain('    boot.systemd: false → true');
    expect(text.stdout).toContain('    persisted.net.core.somaxconn: 512 → 1024');
  });

  it('up repairs the drift; the backup still holds the very first original', () => {
    expect(devbox('up', '--yes').code).toBe(0);
    expect(devbox('status').code).toBe(0);
    expect(readFileSync(inRoot('/var/backups/devbox/etc/wsl.conf'), 'utf8')).toBe(originalWslConf);
  });

  it('refuses --resume when the last run finished', () => {
    const result = devbox('up', '--resume', '--yes');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no interrupted run to resume');
  });
});
