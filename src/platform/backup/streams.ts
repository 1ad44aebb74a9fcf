/**
 * The streams of the archive engine (archive.ts): zstd with its chunk sizes, counting and hashing
 * pass-throughs, and the collector of dead chunk buffers that keeps memory flat.
 */
import { createHash } from 'node:crypto';
import { type Duplex, Transform, Writable } from 'node:stream';
import { gcCollector } from '../../net/v8-flags.js';
import { ZstdDecoder } from './zstd-decode.js';

/**
 * Chunk of every stream here (file reads, zstd output). Each zstd chunk is a round trip between the
 * main thread and libuv's pool, and on a loaded machine a round trip waits for a core: 16 KiB
 * chunks made restoring 9× slower than 1 MiB ones (bench/backup), 256 KiB still 1.7×.
 */
export const zstdChunk = 1024 * 1024;

/**
 * Collects dead chunk buffers. Every chunk is a fresh buffer outside V8's heap, which V8 collects
 * only after external memory grew by about 64 MiB: a young-generation collection every few MiB
 * keeps the peak RSS flat at about 90 MiB instead of 140 (as in net/download/memory.ts).
 */
export class Reclaimer {
  private since = 0;
  /**
   * `every`: bytes between collections. `type`: 'major' for buffers that outlive two young
   * collections (a zstd frame's output buffer, zstd-encode.ts), which only a full collection frees.
   */
  constructor(
    private readonly every = 8 * 1024 * 1024,
    private readonly type: 'minor' | 'major' = 'minor',
  ) {}
  add(bytes: number): void {
    this.since += bytes;
    if (this.since < this.every) return;
    this.since = 0;
    gcCollector()?.({ type: this.type });
  }
}

/**
 * How far zstd may run ahead of its consumer. zlib works one chunk per pool job and starts the next
 * only while its output buffer is under the high-water mark: at the default (64 KiB) it waits for
 * the main thread after every chunk, so decompressing and writing never overlap.
 */
export const runAhead = { readableHighWaterMark: 4 * zstdChunk, writableHighWaterMark: 2 * zstdChunk };

/** A decoder of one or more zstd frames (zstd-decode.ts). */
export function zstdDecompress(): Duplex {
  return new ZstdDecoder({ chunkSize: zstdChunk, ...runAhead });
}

export const discard = () => new Writable({ write: (_c, _e, done) => done() });

/**
 * A pass-through that counts and hashes what flows through it. `reclaim`: collect its chunks as they
 * pass (Reclaimer); false where a Reclaimer further on already collects, as in reading an archive:
 * a second one there doubled the young collections, promoting the input chunks the decoder still
 * held, and V8 ran a full collection every few frames (restoring 1.1 GiB took 2 s more CPU).
 */
export class Tap extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');
  private readonly reclaimer: Reclaimer | undefined;
  constructor(reclaim = true) {
    super();
    this.reclaimer = reclaim ? new Reclaimer() : undefined;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, d?: Buffer) => void): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    this.reclaimer?.add(chunk.length);
    done(null, chunk);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}
