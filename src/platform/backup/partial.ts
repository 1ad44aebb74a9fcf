/**
 * Writing a file of the archive engine atomically: as `<file>.partial`, renamed only once complete,
 * removed when the writing fails.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
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

/** Runs `write` on `target.partial`, then renames it to `target`; removes the partial when it fails. */
export async function atomicTarget<T>(target: string, write: (partial: string) => Promise<T>): Promise<T> {
  const partial = `${target}.partial`;
  try {
    const result = await write(partial);
    await rename(partial, target);
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
