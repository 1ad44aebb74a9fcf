/**
 * Unpacking a tree part onto this machine, in one pass into a staging folder. Every entry is checked
 * before anything of it is written: relative, no `..`, a known root token, links that stay inside
 * their root; hard links, devices and fifos are refused. The stored bytes are hashed as they are
 * read: the staging is merged into place only when they are the bytes `verify` checked against the
 * manifest (a part replaced or damaged since then leaves nothing behind).
 */
import type { Readable } from 'node:stream';
import { ArchiveFormatError, PartReadError } from '../engine/ports/backup.js';
import { ExitCode, PrerequisiteError, UserError } from '../errors.js';
import type { BackupDeps } from './deps.js';
import { t } from '../i18n/catalogue.js';
import { checkEntryName, linkStaysInside, type BackupPart, type RootToken } from './format.js';

export class UnsafeArchiveError extends UserError {
  constructor(part: string, entry: string, why: string) {
    super(
      `${part}: refused entry ${JSON.stringify(entry)}: ${why}. Nothing of this part was written.`,
      ExitCode.applyFailed,
      {
        code: 'backup.unsafe-entry',
        suggestions: ['This backup was not made by devbox or was altered: do not restore it.'],
      },
    );
  }
}

export class DamagedPartError extends UserError {
  constructor(part: string, why: string) {
    super(`${part}: ${why}`, ExitCode.applyFailed, {
      code: 'backup.damaged',
      suggestions: [t('backup.damagedHint')],
    });
  }
}

/**
 * What a failure while a part was read and written means: bytes that are not a tar+zstd archive
 * name the part as damaged, bytes that cannot be read (gone since verify, a drive unplugged) as
 * unreadable (both exit 4), a disk that fills up as such (exit 7, as the plan's space check), not
 * the backup; anything else is returned as it is.
 */
export function partError(part: BackupPart, error: unknown): unknown {
  if (error instanceof ArchiveFormatError)
    return new DamagedPartError(
      part.file,
      // A VHDX is a disk image, not a tar: only zstd reads it here.
      t(part.role === 'vhd' ? 'backup.problemNotZstd' : 'backup.problemNotTarZstd', { error: error.message }),
    );
  if (error instanceof PartReadError)
    return new DamagedPartError(part.file, t('backup.problemUnreadable', { error: error.message }));
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ENOSPC')
    return new PrerequisiteError(t('restore.diskFull', { file: part.file, error: (error as Error).message }), {
      code: 'restore.space',
    });
  return error;
}

async function readPart(
  deps: BackupDeps,
  part: BackupPart,
  file: string | (() => Readable),
  onEntry: Parameters<BackupDeps['archive']['readArchive']>[1],
): ReturnType<BackupDeps['archive']['readArchive']> {
  try {
    return await deps.archive.readArchive(typeof file === 'string' ? file : file(), onEntry, 'stored');
  } catch (error) {
    throw partError(part, error);
  }
}

/**
 * Writes a tree part in one pass: each entry is checked before anything of it is written, into a
 * staging folder beside each root; only when the whole part passed (names, links, its sha256, its
 * closing index there) is the staging merged into place. A refused or damaged part leaves nothing
 * behind. Returns the number of files written.
 */
export async function extractTree(
  deps: BackupDeps,
  part: BackupPart,
  file: string | (() => Readable),
  dirs: Partial<Record<RootToken, string>>,
): Promise<number> {
  const stamp = `.devbox-restore-${Date.now().toString(36)}`;
  const staging = Object.fromEntries(Object.entries(dirs).map(([t, d]) => [t, `${d}/${stamp}`])) as Partial<
    Record<RootToken, string>
  >;
  let files = 0;
  try {
    const facts = await readPart(deps, part, file, async (entry) => {
      const checked = checkEntryName(entry.name);
      if ('refused' in checked) throw new UnsafeArchiveError(part.file, entry.name, checked.refused);
      const base = staging[checked.token];
      if (!base)
        throw new UnsafeArchiveError(part.file, entry.name, `root token ${checked.token} does not belong in this part`);
      const path = [base, ...checked.rest].join('/');
      if (entry.type === 'directory') {
        await deps.archive.restoreFs.dir(path);
        return undefined;
      }
      if (entry.type === 'symlink') {
        if (!linkStaysInside(checked.rest, entry.linkname ?? ''))
          throw new UnsafeArchiveError(part.file, entry.name, `link to ${entry.linkname} leaves its root`);
        await deps.archive.restoreFs.symlink(path, entry.linkname!);
        return undefined;
      }
      if (entry.type !== 'file')
        throw new UnsafeArchiveError(part.file, entry.name, `${entry.type} entries are not restored`);
      files++;
      return deps.archive.restoreFs.sink(path, entry.mode, entry.mtime);
    });
    if (facts.stored?.sha256 !== part.sha256) throw new DamagedPartError(part.file, t('restore.partChanged'));
    if (!facts.hasIndex) throw new DamagedPartError(part.file, t('backup.problemNoIndex'));
    for (const [token, dir] of Object.entries(staging))
      await deps.archive.restoreFs.merge(dir, dirs[token as RootToken]!);
    return files;
  } finally {
    for (const dir of Object.values(staging)) await deps.machine.remove(dir);
  }
}
