import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asideName, replaceExecutable } from './self-replace.js';

describe('replaceExecutable', () => {
  let dir: string;
  let exe: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'devbox-replace-'));
    exe = join(dir, 'devbox.exe');
    writeFileSync(exe, 'old');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('on Windows moves the running file aside to .old and puts the new one in its place', () => {
    writeFileSync(join(dir, 'new'), 'new');
    replaceExecutable(exe, join(dir, 'new'), 'win32');
    expect(readFileSync(exe, 'utf8')).toBe('new');
    expect(readFileSync(asideName(exe), 'utf8')).toBe('old');
    // The next update first clears the previous .old.
    writeFileSync(join(dir, 'newer'), 'newer');
    replaceExecutable(exe, join(dir, 'newer'), 'win32');
    expect(readFileSync(asideName(exe), 'utf8')).toBe('new');
  });

  it('puts the old file back when the new one cannot be moved in', () => {
    expect(() => replaceExecutable(exe, join(dir, 'missing'), 'win32')).toThrow();
    expect(readFileSync(exe, 'utf8')).toBe('old');
    expect(existsSync(asideName(exe))).toBe(false);
  });

  it('elsewhere leaves no .old behind', () => {
    writeFileSync(join(dir, 'new'), 'new');
    replaceExecutable(exe, join(dir, 'new'), 'linux');
    expect(readFileSync(exe, 'utf8')).toBe('new');
    expect(existsSync(asideName(exe))).toBe(false);
  });
});
