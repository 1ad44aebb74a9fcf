/**
 * The guest agent against a real Debian root filesystem, through chroot: the exact code path devbox
 * uses for `--root DIR` (and, through wsl.exe instead of chroot, on Windows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
  readdirSync,
} from 'node:fs';
import { join } from 'node:path';
import { missingPrerequisites } from '../rig/privileges.js';
import { freshRootfs, type TestRootfs } from '../rig/rootfs.js';
import { GuestRunner } from '../../src/platform/guest/runner.js';
import { chrootTransport } from '../../src/platform/guest/transports.js';
import { NodeProcessRunner } from '../../src/platform/process.js';
import type { GuestOp } from '../../src/engine/ports/guest.js';

const unavailable = missingPrerequisites('guest agent (chroot)', ['chroot', 'debootstrap', 'flock']);

describe.runIf(!unavailable)('guest agent in a real Debian rootfs', () => {
  let rootfs: TestRootfs;
  let processes: NodeProcessRunner;
  let guest: GuestRunner;
  const inRoot = (path: string) => join(rootfs.dir, path);

  beforeAll(() => {
    rootfs = freshRootfs();
    processes = new NodeProcessRunner();
    guest = new GuestRunner(chrootTransport(rootfs.dir), processes);
  });
  afterAll(() => rootfs?.dispose());

  it('round-trips any bytes: NUL, newlines (trailing too), UTF-8, shell syntax', async () => {
    const content = Buffer.concat([
      Buffer.from('line 1\n$(touch /pwned) `id` \'"\n\u4e2d\u6587\n'),
      Buffer.from([0, 1, 255, 10, 10]),
    ]);
    const [write, read] = await guest.run([
      { op: 'write', path: '/srv/data.bin', content },
      { op: 'read', path: '/srv/data.bin' },
    ]);
    expect(write!.code).toBe(0);
    expect(read!.file!.content!.equals(content)).toBe(true);
    expect(readFileSync(inRoot('/srv/data.bin')).equals(content)).toBe(true);
    expect(existsSync(inRoot('/pwned'))).toBe(false);
  });

  it('passes argv exactly, never through a shell, and returns exit codes as data', async () => {
    const [printed, failed, missing] = await guest.run([
      { op: 'run', argv: ['printf', '[%s]', '$(touch /pwned2)', 'a b', 'trailing\n\n'] },
      { op: 'run', argv: ['false'] },
      { op: 'run', argv: ['no-such-program-devbox'] },
    ]);
    expect(printed!.stdout.toString()).toBe('[$(touch /pwned2)][a b][trailing\n\n]');
    expect(existsSync(inRoot('/pwned2'))).toBe(false);
    expect(failed!.code).toBe(1);
    expect(missing!.code).toBe(127);
  });

  it('gives each command only its own stdin, so commands cannot eat the operations after them', async () => {
    const [cat, catWithInput, after] = await guest.run([
      { op: 'run', argv: ['cat'] },
      { op: 'run', argv: ['cat'], stdin: 'given\n' },
      { op: 'read', path: '/etc/debian_version' },
    ]);
    expect(cat!.stdout.toString()).toBe('');
    expect(catWithInput!.stdout.toString()).toBe('given\n');
    expect(after!.file!.kind).toBe('file');
  });

  it('writes atomically, keeps owner and mode of the file it replaces, and backs up the original once', async () => {
    writeFileSync(inRoot('/etc/devbox-owned.conf'), 'original\n', { mode: 0o640 });
    execFileSync('chown', ['1000:1000', inRoot('/etc/devbox-owned.conf')]);
    await guest.run([{ op: 'write', path: '/etc/devbox-owned.conf', content: 'second\n' }]);
    await guest.run([{ op: 'write', path: '/etc/devbox-owned.conf', content: 'third\n' }]);
    const stat = statSync(inRoot('/etc/devbox-owned.conf'));
    expect(readFileSync(inRoot('/etc/devbox-owned.conf'), 'utf8')).toBe('third\n');
    expect([stat.uid, stat.gid, stat.mode & 0o777]).toEqual([1000, 1000, 0o640]);
    expect(readFileSync(inRoot('/var/backups/devbox/etc/devbox-owned.conf'), 'utf8')).toBe('original\n');
    expect(readdirSync(inRoot('/etc')).filter((n) => n.includes('devbox-tmp'))).toEqual([]);
  });

  it('replaces a symlink with a regular file and keeps the link itself as the backup', async () => {
    symlinkSync('../run/elsewhere/resolv.conf', inRoot('/etc/devbox-link.conf'));
    const [before] = await guest.run([{ op: 'read', path: '/etc/devbox-link.conf' }]);
    expect(before!.file).toMatchObject({ kind: 'symlink', target: '../run/elsewhere/resolv.conf' });
    await guest.run([{ op: 'write', path: '/etc/devbox-link.conf', content: 'nameserver 192.0.2.1\n', mode: '644' }]);
    expect(lstatSync(inRoot('/etc/devbox-link.conf')).isFile()).toBe(true);
    expect(readlinkSync(inRoot('/var/backups/devbox/etc/devbox-link.conf'))).toBe('../run/elsewhere/resolv.conf');
  });

  it('creates parent directories and applies a requested mode; removes with a backup', async () => {
    await guest.run([{ op: 'write', path: '/etc/devbox/new/file.conf', content: 'x', mode: '600' }]);
    expect(statSync(inRoot('/etc/devbox/new/file.conf')).mode & 0o777).toBe(0o600);
    const [removed] = await guest.run([{ op: 'remove', path: '/etc/devbox/new/file.conf' }]);
    expect(removed!.code).toBe(0);
    expect(existsSync(inRoot('/etc/devbox/new/file.conf'))).toBe(false);
    expect(readFileSync(inRoot('/var/backups/devbox/etc/devbox/new/file.conf'), 'utf8')).toBe('x');
  });

  it('refuses to replace an immutable file and leaves it as it was', async () => {
    writeFileSync(inRoot('/etc/devbox-immutable.conf'), 'keep\n');
    try {
      execFileSync('chattr', ['+i', inRoot('/etc/devbox-immutable.conf')], { stdio: 'ignore' });
    } catch {
      process.stderr.write('[guest agent] this file system refuses chattr +i; immutable case not exercised here\n');
      return;
    }
    try {
      const [read, write] = await guest.run([
        { op: 'read', path: '/etc/devbox-immutable.conf' },
        { op: 'write', path: '/etc/devbox-immutable.conf', content: 'changed\n' },
      ]);
      expect(read!.file!.immutable).toBe(true);
      expect(write!.code).toBe(1);
      expect(write!.error).toMatch(/cannot replace \/etc\/devbox-immutable.conf: .*Operation not permitted/);
      expect(readFileSync(inRoot('/etc/devbox-immutable.conf'), 'utf8')).toBe('keep\n');
    } finally {
      execFileSync('chattr', ['-i', inRoot('/etc/devbox-immutable.conf')]);
    }
  });

  it('runs hundreds of operations in one process', async () => {
    const before = processes.started.get('chroot') ?? 0;
    const ops: GuestOp[] = Array.from({ length: 300 }, (_, i) =>
      i % 2 ? { op: 'read', path: '/etc/hostname' } : { op: 'run', argv: ['true'] },
    );
    const results = await guest.run(ops);
    expect(results).toHaveLength(300);
    expect(results.every((r) => r.code === 0)).toBe(true);
    expect((processes.started.get('chroot') ?? 0) - before).toBe(1);
  });
});
