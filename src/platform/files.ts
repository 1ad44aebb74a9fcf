/**
 * The disk side of downloads (the DownloadFiles port of src/net/download): the file being
 * downloaded into, its resume state, and the sha256-keyed cache under the user's cache directory
 * (%LOCALAPPDATA%\devbox\cache on Windows, $XDG_CACHE_HOME/devbox or ~/.cache/devbox elsewhere;
 * DEVBOX_CACHE_DIR overrides both).
 */
import { constants } from 'node:fs';
import { copyFile, link, open, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DownloadFiles, PartFile, ReadOnlyFile, TargetProblem } from '../net/download/ports.js';
import { acquireLock, LockedError } from './state.js';
import { makeDirectory } from './make-directory.js';

/** The download cache directory for this user. */
export function cacheDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.DEVBOX_CACHE_DIR) return env.DEVBOX_CACHE_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'devbox', 'cache');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'devbox');
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** A temp name beside `path`, so the final rename stays on one file system. */
function tempBeside(path: string): string {
  return `${path}.${randomBytes(4).toString('hex')}.tmp`;
}

class HandleFile implements PartFile {
  constructor(private readonly handle: FileHandle) {}

  async write(data: Uint8Array, position: number): Promise<void> {
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await this.handle.write(data, done, data.length - done, position + done);
      done += bytesWritten;
    }
  }

  async read(into: Uint8Array, position: number, length: number): Promise<number> {
    const { bytesRead } = await this.handle.read(into, 0, length, position);
    return bytesRead;
  }

  truncate(size: number): Promise<void> {
    return this.handle.truncate(size);
  }

  datasync(): Promise<void> {
    return this.handle.datasync();
  }

  async size(): Promise<number> {
    return (await this.handle.stat()).size;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** The real DownloadFiles: node:fs, atomic renames, pid-file locks. */
export class NodeDownloadFiles implements DownloadFiles {
  /** @param cacheDir where verified downloads are kept by sha256; undefined turns the cache off. */
  constructor(readonly cacheDir: string | undefined) {}

  async openPart(path: string): Promise<PartFile> {
    await makeDirectory(dirname(path));
    // 'a+' would force appends; O_RDWR|O_CREAT keeps the content and allows positional writes.
    const handle = await open(path, constants.O_RDWR | constants.O_CREAT, 0o644);
    return new HandleFile(handle);
  }

  async openRead(path: string): Promise<ReadOnlyFile | undefined> {
    try {
      const handle = await open(path, 'r');
      if (!(await handle.stat()).isFile()) {
        await handle.close();
        return undefined;
      }
      return new HandleFile(handle);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async readText(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  writeTextAtomic(path: string, text: string): Promise<void> {
    return writeTextAtomically(path, text);
  }

  async rename(from: string, to: string): Promise<void> {
    await makeDirectory(dirname(to));
    await rename(from, to);
  }

  async linkOrCopy(from: string, to: string): Promise<void> {
    await makeDirectory(dirname(to));
    const temp = tempBeside(to);
    try {
      try {
        await link(from, temp);
      } catch {
        // Another file system, or one without hard links: copy (a reflink where the file system has them).
        await copyFile(from, temp, constants.COPYFILE_FICLONE);
      }
      await rename(temp, to);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async targetProblem(path: string): Promise<TargetProblem | undefined> {
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) return { isFolder: true };
    // A device, pipe or socket: the final rename would replace it (`-o /dev/null` as root).
    if (existing && !existing.isFile()) return { notAFile: true };
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const s = await stat(dir).catch(() => undefined);
      if (s) return s.isDirectory() ? undefined : { notAFolder: dir };
      if (dirname(dir) === dir) return undefined;
    }
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async lock(path: string): Promise<(() => Promise<void>) | { heldBy: number }> {
    try {
      return await acquireLock(path);
    } catch (error) {
      if (error instanceof LockedError) return { heldBy: error.pid };
      throw error;
    }
  }
}

/** Reads a file the user named, as bytes (its encoding is the caller's to detect). */
export function readUserFile(path: string): Promise<Buffer> {
  return readFile(path);
}

/** Reads a small text file the user named (a CA bundle, say). */
export function readUserTextFile(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/** Whether a path the user named exists (a file, a folder, anything). */
export async function userFileExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Writes a file the user asked for (`devbox init -o FILE`) atomically; refuses to replace an
 * existing one unless `overwrite`. Errors carry a code: EEXIST, EISDIR, or ENOTREGULAR for a device,
 * pipe or socket, which is never replaced (the rename would put a file where /dev/null was).
 */
export async function writeUserTextFile(
  path: string,
  text: string,
  options: { overwrite?: boolean } = {},
): Promise<void> {
  const existing = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const refuse = (code: string) => Object.assign(new Error(`${path}: ${code}`), { code });
  if (existing?.isDirectory()) throw refuse('EISDIR');
  if (existing && !existing.isFile()) throw refuse('ENOTREGULAR');
  if (existing && !options.overwrite) throw refuse('EEXIST');
  await writeTextAtomically(path, text);
}

/** Writes UTF-8 text beside `path`, then renames it into place: readers see the old file or the new one. */
async function writeTextAtomically(path: string, text: string): Promise<void> {
  await makeDirectory(dirname(path));
  const temp = tempBeside(path);
  try {
    await writeFile(temp, text, { encoding: 'utf8', mode: 0o644 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
