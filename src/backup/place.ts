/**
 * Putting a finished backup at the path the user named. The path was free (or an empty folder)
 * when the backup started; what took it meanwhile (a file put into that folder, the folder held
 * open by another program on Windows) is not the backup's to remove, and the finished backup is
 * not thrown away either: it is kept beside, under a dated name, and the run says so (exit 2).
 */
import { ExitCode, UserError } from '../errors.js';
import type { BackupDeps } from './deps.js';
import { containerExtension, isContainerPath } from './format.js';
import { t } from '../i18n/catalogue.js';

/** What rename(2) and Windows' MoveFileEx say when the target is taken. */
const takenCodes = new Set(['ENOTEMPTY', 'EEXIST', 'EPERM', 'EACCES', 'EBUSY', 'EISDIR', 'ENOTDIR']);

/** `output` with a UTC stamp before its `.devbox-backup` extension (or at its end). */
export function besideName(output: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  if (!isContainerPath(output)) return `${output}-${stamp}`;
  const cut = output.length - containerExtension.length;
  return `${output.slice(0, cut)}-${stamp}${output.slice(cut)}`;
}

/** Moves `finished` to `output`; when `output` was taken meanwhile, to besideName(output), then exit 2. */
export async function placeBackup(deps: Pick<BackupDeps, 'machine'>, finished: string, output: string): Promise<void> {
  try {
    await deps.machine.rename(finished, output);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code || !takenCodes.has(code)) throw error;
    const kept = besideName(output);
    await deps.machine.rename(finished, kept);
    throw new UserError(t('backup.outputTaken', { output, kept, code }), ExitCode.usage, {
      code: 'backup.output-taken',
      suggestions: [t('backup.outputTakenFix', { kept })],
    });
  }
}
