/** A backup manifest's part for unit tests: a distro rootfs by default, any field overridden. */
import type { BackupPart } from '../../src/backup/format.js';

export function fakePart(fields: Partial<BackupPart> = {}): BackupPart {
  return {
    kind: 'distro',
    role: 'rootfs',
    file: 'distro.tar.zst',
    bytes: 1,
    rawBytes: 1,
    sha256: 'a'.repeat(64),
    entries: 1,
    zstdLevel: 3,
    encoding: 'tar+zstd',
    meta: {},
    ...fields,
  };
}
