import { mkdtempSync, rmSync, statSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDirectory, makeDirectorySync } from './make-directory.js';

const made: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'devbox-mkdir-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('makeDirectory', () => {
  it('creates missing parents and accepts an existing directory', async () => {
    const root = scratch();
    await makeDirectory(join(root, 'a', 'b', 'c'));
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
    await makeDirectory(join(root, 'a', 'b', 'c'));
    makeDirectorySync(join(root, 'a'));
  });

  it('ends with ENOENT where procfs refuses a child (Node recursive mkdir spins forever there)', async () => {
    await expect(makeDirectory('/proc/devbox-no-such/state')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(() => makeDirectorySync('/proc/devbox-no-such')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('says ENOTDIR when a component is a file, also at the end of the path', async () => {
    const root = scratch();
    writeFileSync(join(root, 'file'), '');
    await expect(makeDirectory(join(root, 'file', 'x'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(makeDirectory(join(root, 'file'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('ends on a dangling symbolic link', async () => {
    const root = scratch();
    symlinkSync(join(root, 'gone'), join(root, 'dangling'));
    await expect(makeDirectory(join(root, 'dangling', 'x'))).rejects.toMatchObject({ code: expect.any(String) });
  });
});

describe('one directory maker', () => {
  it('no code under src creates folders with Node recursive mkdir (it can spin forever)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const src = join(import.meta.dirname, '..');
    const offenders = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('make-directory.ts'))
      .filter((f) => /mkdir(Sync)?\([^)]*recursive:\s*true/.test(readFileSync(join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
