/**
 * Writing a file of the archive engine atomically: as `<file>.partial`, renamed only once complete,
 * removed when the writing fails.
 */
import { createWriteStream } from 'node:fs';
import { lstat, rename, rm, rmdir } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type tar from 'tar-stream';
import { Tap } from './streams.js';

/** What was written: sizes, sha256 of the stored bytes, tar entries. */
export interface ArchiveFacts {
  bytes: number;
  rawBytes: number;
  sha256: string;
  entries: number;
}

/**
 * Renames `from` to `to`, replacing an empty folder there (one made for the backup beforehand):
 * Linux's rename(2) replaces an empty folder with a folder, Windows refuses a rename onto any
 * folder. A folder that is not empty (or becomes so) fails with ENOTEMPTY and is kept as it is.
 */
export async function renameOver(from: string, to: string): Promise<void> {
  if ((await lstat(to).catch(() => undefined))?.isDirectory()) await rmdir(to);
  await rename(from, to);
}

/** Runs `write` on `target.partial`, then renames it to `target`; removes the partial when it fails. */
export async function atomicTarget<T>(target: string, write: (partial: string) => Promise<T>): Promise<T> {
  const partial = `${target}.partial`;
  try {
    const result = await write(partial);
    await renameOver(partial, target);
    return result;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Writes bytes to `target` through `.partial` + rename; returns their facts. */
export async function writeBytes(target: string, bytes: Uint8Array): Promise<ArchiveFacts> {
  return atomicTarget(target, async (partial) => {
    const tap = new Tap();
    await pipeline(
      async function* () {
        yield Buffer.from(bytes);
      },
      tap,
      createWriteStream(partial),
    );
    return { bytes: tap.bytes, rawBytes: tap.bytes, sha256: tap.digest(), entries: 0 };
  });
}

/**
 * Runs `fill` (which adds the entries and finalizes) while `written` drains the pack; a failing fill
 * destroys the pack so the writer ends too, and its error is the one reported.
 */
export async function fillPack(pack: tar.Pack, fill: () => Promise<void>, written: Promise<void>): Promise<void> {
  await Promise.all([
    fill().catch((error: unknown) => {
      pack.destroy(error as Error);
      throw error;
    }),
    written,
  ]);
}
