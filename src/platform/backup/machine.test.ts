import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { PrerequisiteError } from '../../errors.js';
import { createBackupMachine } from './machine.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const sim = { DEVBOX_TEST_AS_WINDOWS: '1' };

describe.skipIf(process.platform === 'win32')('the simulated drives seam', () => {
  it('maps Windows paths onto a simulator drive folder, case-insensitively', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbx13-sim-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'state.json'), '{}');
    mkdirSync(join(dir, 'drive', 'd', 'Apps'), { recursive: true });
    const m = createBackupMachine({ ...sim, DEVBOX_TEST_WINDOWS_DRIVES: join(dir, 'drive') });
    expect(m.local('D:\\apps\\x')).toBe(join(dir, 'drive', 'd', 'Apps', 'x'));
    expect(() => m.local('D:\\..\\etc')).toThrow();
  });

  it.each([
    ['missing', undefined],
    ['relative', 'drive'],
    ['not a simulator', '/var/drive'],
    ['any folder', '/'],
  ])('refuses a drives folder that is %s', (_what, drives) => {
    const env = { ...sim, ...(drives ? { DEVBOX_TEST_WINDOWS_DRIVES: drives } : {}) };
    expect(() => createBackupMachine(env)).toThrow(PrerequisiteError);
  });

  it('is not active without DEVBOX_TEST_AS_WINDOWS', () => {
    expect(createBackupMachine({ DEVBOX_TEST_WINDOWS_DRIVES: '/' }).local('C:\\x')).toBe('C:\\x');
  });
});

describe('spawn with an input that breaks', () => {
  it('cuts the input, never reports success and names the read error (no unhandled error)', async () => {
    let sent = false;
    const input = new Readable({
      read() {
        if (sent) this.destroy(new Error('EIO: i/o error, read'));
        else this.push(Buffer.from('partial data\n'));
        sent = true;
      },
    });
    const run = createBackupMachine({}).spawn('cat', [], { stdin: input });
    run.stdout.resume();
    const ended = await run.done;
    expect(ended.exitCode).toBe(1);
    expect(ended.stderr.toString()).toContain('reading the input failed: EIO: i/o error, read');
  });
});

describe('rename', () => {
  it('replaces an empty folder at the target (Windows refuses a rename onto one), never a folder with files or a file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dbx-rename-'));
    dirs.push(root);
    const machine = createBackupMachine({});
    mkdirSync(join(root, 'backup.partial'));
    writeFileSync(join(root, 'backup.partial', 'manifest.json'), '{}');
    mkdirSync(join(root, 'made-beforehand'));
    await machine.rename(join(root, 'backup.partial'), join(root, 'made-beforehand'));
    expect(readFileSync(join(root, 'made-beforehand', 'manifest.json'), 'utf8')).toBe('{}');

    mkdirSync(join(root, 'second.partial'));
    await expect(machine.rename(join(root, 'second.partial'), join(root, 'made-beforehand'))).rejects.toMatchObject({
      code: 'ENOTEMPTY',
    });
    expect(readFileSync(join(root, 'made-beforehand', 'manifest.json'), 'utf8')).toBe('{}');

    // A file there (put while a backup ran) is never replaced.
    writeFileSync(join(root, 'b.devbox-backup.placing.partial'), 'backup');
    writeFileSync(join(root, 'b.devbox-backup'), 'mine');
    await expect(
      machine.rename(join(root, 'b.devbox-backup.placing.partial'), join(root, 'b.devbox-backup')),
    ).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(join(root, 'b.devbox-backup'), 'utf8')).toBe('mine');
  });
});
