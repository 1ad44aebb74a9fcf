/** What a restore writes on this machine: folders, files, symbolic links, and the final merge. */
import { closeSync, createWriteStream, futimesSync, openSync, writeSync } from 'node:fs';
import { lstat, readdir, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { makeDirectory, makeDirectorySync } from '../make-directory.js';
import type { FileSink } from './tar-read.js';

/** Creates what a restore writes: folders, files (through a write stream), symbolic links. */
export const restoreFs: {
  dir(path: string): Promise<void>;
  file(path: string, mode: number): Promise<Writable>;
  /** A file written chunk by chunk with write(2) (see FileSink); `mtime` is set before it closes. */
  sink(path: string, mode: number, mtime?: Date): Promise<FileSink>;
  symlink(path: string, target: string): Promise<void>;
  merge(from: string, to: string): Promise<void>;
} = {
  async dir(path: string): Promise<void> {
    await makeDirectory(path);
  },
  async file(path: string, mode: number): Promise<Writable> {
    await makeDirectory(join(path, '..'));
    return createWriteStream(path, { mode: mode & 0o777 });
  },
  async sink(path: string, mode: number, mtime?: Date): Promise<FileSink> {
    // Synchronous like the writes (an awaited call per entry is a pool round trip per file); the
    // folder exists already unless the archive lacks its entry.
    let fd: number;
    try {
      fd = openSync(path, 'w', mode & 0o777);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      makeDirectorySync(join(path, '..'));
      fd = openSync(path, 'w', mode & 0o777);
    }
    let open = true;
    const shut = () => {
      if (open) closeSync(fd);
      open = false;
    };
    return {
      write(chunk) {
        for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at);
      },
      close() {
        if (mtime) futimesSync(fd, mtime, mtime);
        shut();
      },
      abort: shut,
    };
  },
  async symlink(path: string, target: string): Promise<void> {
    await makeDirectory(join(path, '..'));
    await rm(path, { force: true, recursive: true });
    await symlink(target, path);
  },
  /** Moves everything under `from` into `to` (same volume: renames), replacing files of the same name. */
  async merge(from: string, to: string): Promise<void> {
    const names = await readdir(from).catch(() => [] as string[]);
    await makeDirectory(to);
    for (const name of names) {
      const source = join(from, name);
      const target = join(to, name);
      const [s, t] = await Promise.all([lstat(source), lstat(target).catch(() => undefined)]);
      if (s.isDirectory() && t?.isDirectory()) await restoreFs.merge(source, target);
      else {
        if (t) await rm(target, { recursive: true, force: true });
        await rename(source, target);
      }
    }
  },
};
