import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import type { BackupPart } from './format.js';
import { DamagedPartError } from './restore-files.js';
import { checkedDistro } from './restore-plan.js';

const part = (meta: Record<string, unknown>): BackupPart => ({
  kind: 'distro',
  role: 'rootfs',
  file: 'distro.tar.zst',
  bytes: 1,
  rawBytes: 1,
  sha256: 'a'.repeat(64),
  entries: 1,
  zstdLevel: 3,
  encoding: 'tar+zstd',
  meta,
});

describe('checkedDistro', () => {
  it('takes the recorded name and user, or --as', () => {
    expect(checkedDistro(part({ name: 'Ubuntu-24.04', defaultUser: 'dev' }), undefined)).toEqual({
      name: 'Ubuntu-24.04',
      defaultUser: 'dev',
    });
    expect(checkedDistro(part({ name: 'Ubuntu-24.04', defaultUser: null }), 'Copy_2').name).toBe('Copy_2');
  });

  it('refuses a recorded name or user that would leave devbox\\wsl or is not a user name', () => {
    for (const name of ['..', '..\\..\\Windows', 'a b', ''])
      expect(() => checkedDistro(part({ name }), undefined)).toThrow(DamagedPartError);
    expect(() => checkedDistro(part({ name: 'Ubuntu', defaultUser: '-rf' }), undefined)).toThrow(DamagedPartError);
  });

  it('refuses a bad --as as a usage error', () => {
    expect(() => checkedDistro(part({ name: 'Ubuntu' }), '../x')).toThrow(UsageError);
  });
});
