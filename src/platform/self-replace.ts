/**
 * Replacing the running executable (`devbox self-update`). Windows keeps a running .exe open without
 * share-delete, so it can be neither deleted nor overwritten — but it can be renamed. So: move the
 * running file aside to `<exe>.old`, move the verified new file into its place (same folder, so the
 * rename is atomic), and delete `.old` on the next start, when nothing runs it any more. If the
 * second move fails the first is undone, so the path always holds a whole executable.
 */
import { chmodSync, renameSync, rmSync } from 'node:fs';
import { runningStandalone } from './assets.js';

/** Where the replaced executable waits to be deleted. */
export function asideName(executable: string): string {
  return `${executable}.old`;
}

/** Puts `replacement` (a verified file in the same folder) at `executable`'s path; the old file goes to `.old`. */
export function replaceExecutable(
  executable: string,
  replacement: string,
  platform: NodeJS.Platform = process.platform,
): void {
  makeExecutable(replacement, platform);
  const aside = asideName(executable);
  // A previous update's `.old` that is still running (another devbox open) cannot be deleted on
  // Windows; then the rename below fails and the update stops before changing anything.
  rmSync(aside, { force: true });
  renameSync(executable, aside);
  try {
    renameSync(replacement, executable);
  } catch (error) {
    renameSync(aside, executable);
    throw error;
  }
  // Elsewhere a running file can be unlinked at once.
  if (platform !== 'win32') rmSync(aside, { force: true });
}

/** Deletes what the last update moved aside (called at start of the executable; failures are harmless). */
export function removeReplacedExecutable(executable: string = process.execPath): void {
  if (!runningStandalone()) return;
  try {
    rmSync(asideName(executable), { force: true });
  } catch {
    // still running in another process: the next start tries again
  }
}

/** Makes a downloaded executable runnable (the downloader writes 0644; Windows needs nothing). */
export function makeExecutable(path: string, platform: NodeJS.Platform = process.platform): void {
  if (platform !== 'win32') chmodSync(path, 0o755);
}

/** Removes a file the update left (a download that was not used). */
export function removeFile(path: string): void {
  rmSync(path, { force: true });
}
