/**
 * sha256 of a file that arrives out of order. SHA-256 is sequential, so a cursor walks the file
 * from byte 0: bytes that land exactly at the cursor are hashed straight from memory as they
 * arrive; bytes written ahead of it are read back from disk (still in the page cache) once the
 * cursor reaches them, 1 MiB at a time. Each connection fetches one share of the file (as aria2c
 * splits it), so the first share is hashed as it arrives and the others are read back as the shares
 * before them complete, mostly at the end (aria2c reads the whole file back to verify it), with
 * memory flat.
 */
import { createHash, type Hash } from 'node:crypto';
import type { RangeSet } from './ranges.js';

/** Something the hasher can read written bytes back from. */
export interface Readable {
  read(into: Uint8Array, position: number, length: number): Promise<number>;
}

const readBackBlock = 1024 * 1024;

export class OrderedHash {
  private hash: Hash = createHash('sha256');
  private cursor = 0;
  private pumping: Promise<void> | undefined;
  private failure: unknown;
  private buffer: Buffer | undefined;

  /**
   * @param file where written bytes can be read back
   * @param done the set of bytes on disk (shared with the downloader, which adds to it before calling onWritten)
   */
  constructor(
    private readonly file: Readable,
    private readonly done: RangeSet,
  ) {}

  /** Bytes hashed so far (all of [0, hashed)). */
  get hashed(): number {
    return this.cursor;
  }

  /** Tells the hasher that `data` is now on disk at `offset` (and in `done`). */
  onWritten(offset: number, data: Uint8Array): void {
    if (!this.pumping && offset === this.cursor) {
      this.hash.update(data);
      this.cursor += data.length;
    }
    if (this.done.contiguousEnd(this.cursor) > this.cursor) this.pump();
  }

  /** Starts over (the bytes on disk were discarded). */
  async reset(): Promise<void> {
    while (this.pumping) await this.pumping;
    this.hash = createHash('sha256');
    this.cursor = 0;
    this.failure = undefined;
  }

  /** Hashes whatever is on disk from the cursor on and returns the digest of [0, size). */
  async digest(size: number): Promise<string> {
    for (;;) {
      this.pump();
      if (!this.pumping) break;
      await this.pumping;
    }
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what a part's read threw, as is
    if (this.failure) throw this.failure;
    if (this.cursor !== size) throw new Error(`internal: hashed ${this.cursor} bytes of ${size}`);
    return this.hash.digest('hex');
  }

  private pump(): void {
    if (this.pumping || this.failure || this.done.contiguousEnd(this.cursor) <= this.cursor) return;
    this.pumping = this.readBack()
      .catch((error: unknown) => {
        this.failure = error;
      })
      .finally(() => {
        this.pumping = undefined;
        // Bytes that landed while this pass was winding down would otherwise wait for digest().
        if (this.done.contiguousEnd(this.cursor) > this.cursor) this.pump();
        else this.buffer = undefined;
      });
  }

  private async readBack(): Promise<void> {
    this.buffer ??= Buffer.allocUnsafe(readBackBlock);
    for (;;) {
      const end = this.done.contiguousEnd(this.cursor);
      if (end <= this.cursor) return;
      const length = Math.min(readBackBlock, end - this.cursor);
      const n = await this.file.read(this.buffer, this.cursor, length);
      if (n <= 0) throw new Error(`internal: could not read back bytes at ${this.cursor} to hash them`);
      this.hash.update(this.buffer.subarray(0, n));
      this.cursor += n;
    }
  }
}

/** sha256 of a whole file read through `file` (cache hits, an existing destination). */
export async function hashWholeFile(file: Readable, size: number): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(readBackBlock);
  let at = 0;
  while (at < size) {
    const n = await file.read(buffer, at, Math.min(readBackBlock, size - at));
    if (n <= 0) break;
    hash.update(buffer.subarray(0, n));
    at += n;
  }
  return hash.digest('hex');
}
