import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackupMachine } from '../platform/backup/machine.js';
import { besideName, placeBackup } from './place.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('placing a finished backup', () => {
  it('names the kept copy with a UTC stamp, before a .devbox-backup extension', () => {
    const at = new Date('2026-12-01T14:45:09.123Z');
    expect(besideName('D:\\b\\mine.DEVBOX-BACKUP', at)).toBe('D:\\b\\mine-20261201T144509.DEVBOX-BACKUP');
    expect(besideName('/var/tmp/b', at)).toBe('/var/tmp/b-20261201T144509');
  });

  it('replaces an empty folder; a folder that is no longer empty is left as it is and the backup kept beside (exit 2)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dbx-place-'));
    dirs.push(root);
    const deps = { machine: createBackupMachine({}) };
    mkdirSync(join(root, 'b.partial'));
    writeFileSync(join(root, 'b.partial', 'manifest.json'), '{}');
    mkdirSync(join(root, 'b'));
    await placeBackup(deps, join(root, 'b.partial'), join(root, 'b'));
    expect(readFileSync(join(root, 'b', 'manifest.json'), 'utf8')).toBe('{}');

    mkdirSync(join(root, 'c.partial'));
    mkdirSync(join(root, 'c'));
    writeFileSync(join(root, 'c', 'mine.txt'), 'mine');
    await expect(placeBackup(deps, join(root, 'c.partial'), join(root, 'c'))).rejects.toMatchObject({
      exitCode: 2,
      code: 'backup.output-taken',
      message: expect.stringMatching(/c was taken while the backup ran \(ENOTEMPTY: .*kept as .*c-\d{8}T\d{6}\.$/),
    });
    expect(readdirSync(join(root, 'c'))).toEqual(['mine.txt']);
    expect(readdirSync(root).toSorted()).toEqual(['b', 'c', expect.stringMatching(/^c-\d{8}T\d{6}$/)]);

    // One file: a file put at its path meanwhile is kept, the backup beside it.
    writeFileSync(join(root, 'd.devbox-backup.placing.partial'), 'backup');
    writeFileSync(join(root, 'd.devbox-backup'), 'mine');
    await expect(
      placeBackup(deps, join(root, 'd.devbox-backup.placing.partial'), join(root, 'd.devbox-backup')),
    ).rejects.toMatchObject({ exitCode: 2, code: 'backup.output-taken' });
    expect(readFileSync(join(root, 'd.devbox-backup'), 'utf8')).toBe('mine');
    const kept = readdirSync(root).find((f) => /^d-\d{8}T\d{6}\.devbox-backup$/.test(f))!;
    expect(readFileSync(join(root, kept), 'utf8')).toBe('backup');
  });
});
