/**
 * Unpacking a tree part onto this machine. Every entry name is checked first, in a pass that writes
 * nothing: relative, no `..`, a known root token, links that stay inside their root; hard links,
 * devices and fifos are refused. Only then are files written, each checked against the index.
 */
import type { Readable } from 'node:stream';
import { ArchiveFormatError } from '../engine/ports/backup.js';
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
 * name the part as damaged, a disk that fills up is named as such (exit 7, as the plan's space
 * check), not the backup; anything else is returned as it is.
 */
export function partError(part: BackupPart, error: unknown): unknown {
  if (error instanceof ArchiveFormatError)
    return new DamagedPartError(
      part.file,
      // A VHDX is a disk image, not a tar: only zstd reads it here.
      t(part.role === 'vhd' ? 'backup.problemNotZstd' : 'backup.problemNotTarZstd', { error: error.message }),
    );
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
    return await deps.archive.readArchive(typeof file === 'string' ? file : file(), onEntry);
  } catch (error) {
    throw partError(part, error);
  }
}

/** Checks every entry; throws UnsafeArchiveError on the first that escapes. */
export async function scanTree(
  deps: BackupDeps,
  part: BackupPart,
  file: string | (() => Readable),
  allowed: readonly RootToken[],
): Promise<void> {
  let refused: UnsafeArchiveError | undefined;
  const facts = await readPart(deps, part, file, async (entry) => {
    if (refused) return undefined;
    const checked = checkEntryName(entry.name);
    if ('refused' in checked) refused = new UnsafeArchiveError(part.file, entry.name, checked.refused);
    else if (!allowed.includes(checked.token))
      refused = new UnsafeArchiveError(
        part.file,
        entry.name,
        `root token ${checked.token} does not belong in this part`,
      );
    else if (!['file', 'directory', 'symlink'].includes(entry.type))
      refused = new UnsafeArchiveError(part.file, entry.name, `${entry.type} entries are not restored`);
    else if (entry.type === 'symlink' && !linkStaysInside(checked.rest, entry.linkname ?? ''))
      refused = new UnsafeArchiveError(part.file, entry.name, `link to ${entry.linkname} leaves its root`);
    return undefined;
  });
  if (refused) throw refused;
  if (facts.mismatched.length > 0)
    throw new DamagedPartError(
      part.file,
      `files differ from the archive's index: ${facts.mismatched.slice(0, 5).join(', ')}`,
    );
}

/**
 * Writes a tree part in one pass: each entry is checked before anything of it is written, into a
 * staging folder beside each root; only when the whole part passed (names, links, the index) is
 * the staging merged into place. A refused or damaged part leaves nothing behind.
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
    if (facts.mismatched.length > 0)
      throw new DamagedPartError(
        part.file,
        `files differ from the archive's index: ${facts.mismatched.slice(0, 5).join(', ')}`,
      );
    if (!facts.hasIndex) throw new DamagedPartError(part.file, 'its closing index is missing (truncated?)');
    for (const [token, dir] of Object.entries(staging))
      await deps.archive.restoreFs.merge(dir, dirs[token as RootToken]!);
    return files;
  } finally {
    for (const dir of Object.values(staging)) await deps.machine.remove(dir);
  }
}
