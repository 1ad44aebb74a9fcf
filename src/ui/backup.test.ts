import { describe, expect, it } from 'vitest';
import type { BackupResult } from '../backup/backup.js';
import { setLocale } from '../i18n/catalogue.js';
import { renderBackup } from './backup.js';

describe('renderBackup', () => {
  it('lines the parts up in columns whatever the lengths of their kinds and file names', () => {
    setLocale('en');
    const part = (kind: string, role: string, file: string, bytes: number) => ({
      kind,
      role,
      file,
      bytes,
      rawBytes: bytes * 2,
      entries: 3,
    });
    const result = {
      path: 'D:\\backups\\laptop.devbox-backup',
      manifest: {
        parts: [
          part('distro', 'rootfs', 'distro.tar.zst', 300 * 1048576),
          part('scoop', 'persist', 'scoop-persist.tar.zst', 1048576),
          part('cluster', 'config', 'cluster.json', 512),
        ],
        notes: [],
      },
    } as unknown as BackupResult;
    const rows = renderBackup(result).split('\n').slice(1);
    expect(rows).toEqual([
      '  distro/rootfs   distro.tar.zst         300.0 MiB  (600.0 MiB raw, 3 entries)',
      '  scoop/persist   scoop-persist.tar.zst    1.0 MiB  (2.0 MiB raw, 3 entries)',
      '  cluster/config  cluster.json             0.0 MiB  (0.0 MiB raw, 3 entries)',
    ]);
  });
});
