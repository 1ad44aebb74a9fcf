/**
 * Where a restore reads a backup's parts from: the files of a backup folder, or the members of a
 * `.devbox-backup` container read in place (byte ranges found from its tar headers), so a restore
 * of one file needs no temporary copy of it. `verify` has checked every part before this is used.
 */
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BackupDeps } from './deps.js';
import { isContainerPath } from './format.js';
import { DamagedPartError } from './restore-files.js';
import { t } from '../i18n/catalogue.js';

export interface PartSource {
  /** The backup's path, as given. */
  where: string;
  /** True when the parts are members of one `.devbox-backup` file. */
  container: boolean;
  /** The part's stored bytes as a new stream at every call (verify reads it, then the restore). */
  open(file: string): Readable;
  /** A small part's bytes (JSON, the encrypted secrets); undefined when it is not there. */
  read(file: string): Promise<Buffer | undefined>;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Opens the backup at `path` (a folder, or a `.devbox-backup` file). */
export async function openParts(deps: BackupDeps, path: string): Promise<PartSource> {
  if (!isContainerPath(path) || (await deps.machine.isDir(path)))
    return {
      where: path,
      container: false,
      open: (file) => deps.archive.fileStream(join(path, file)),
      read: (file) => deps.machine.readFile(join(path, file)),
    };
  const index = await deps.archive.scanContainer(path);
  const members = new Map(index.members.map((m) => [m.name, m]));
  const member = (file: string) => {
    const found = members.get(file);
    if (!found)
      throw new DamagedPartError(file, t('restore.notInBackup', { path, reason: index.problem?.reason ?? 'missing' }));
    return found;
  };
  return {
    where: path,
    container: true,
    open: (file) => deps.archive.memberStream(path, member(file)),
    read: async (file) => (members.has(file) ? readAll(deps.archive.memberStream(path, member(file))) : undefined),
  };
}
