/**
 * The streams of the archive engine (archive.ts): zstd with its chunk sizes, counting and hashing
 * pass-throughs, and the collector of dead chunk buffers that keeps memory flat.
 */
import { createHash } from 'node:crypto';
import { type Duplex, Transform, Writable } from 'node:stream';
import * as zlib from 'node:zlib';
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
  constructor(private readonly every = 8 * 1024 * 1024) {}
  add(bytes: number): void {
    this.since += bytes;
    if (this.since < this.every) return;
    this.since = 0;
    gcCollector()?.({ type: 'minor' });
  }
}

/**
 * How far zstd may run ahead of its consumer. zlib works one chunk per pool job and starts the next
 * only while its output buffer is under the high-water mark: at the default (64 KiB) it waits for
 * the main thread after every chunk, so decompressing and writing never overlap.
 */
export const runAhead = { readableHighWaterMark: 4 * zstdChunk, writableHighWaterMark: 2 * zstdChunk };

export function zstdCompress(level: number): Transform {
  // Single-threaded on purpose: ZSTD_c_nbWorkers breaks node's stream (nodejs/node#59899).
  return zlib.createZstdCompress({
    chunkSize: zstdChunk,
    ...runAhead,
    params: { [zlib.constants.ZSTD_c_compressionLevel]: level },
  });
}

/** A decoder of one or more zstd frames, two decoding at once (zstd-decode.ts). */
export function zstdDecompress(): Duplex {
  return new ZstdDecoder({ chunkSize: zstdChunk, ...runAhead });
}

export const discard = () => new Writable({ write: (_c, _e, done) => done() });

/** A pass-through that counts and hashes what flows through it. */
export class Tap extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');
  private readonly reclaimer = new Reclaimer();
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, d?: Buffer) => void): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    this.reclaimer.add(chunk.length);
    done(null, chunk);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Counts bytes only. */
export class Counter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, d?: Buffer) => void): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/**
 * Counts bytes and joins small chunks (tar headers, small files) into zstd jobs of about 1 MiB:
 * zstd runs one pool job per write and each job waits for the main thread to start the next, so a
 * 512-byte header was a job of its own. (Keeping 2 MiB ready for zstd here cost 20 MiB of RSS and
 * measured no faster.)
 */
export class Gather extends Transform {
  bytes = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly reclaimer = new Reclaimer();
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, d?: Buffer) => void): void {
    this.bytes += chunk.length;
    this.reclaimer.add(chunk.length);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < zstdChunk) return done();
    if (this.pending.length > 1 && chunk.length >= zstdChunk / 4) {
      // A file's read after its header: two jobs rather than a copy of the read.
      this.pending.pop();
      this.pendingBytes -= chunk.length;
      this.push(this.joined());
      return done(null, chunk);
    }
    done(null, this.joined());
  }
  override _flush(done: (e?: Error | null, d?: Buffer) => void): void {
    done(null, this.pendingBytes > 0 ? this.joined() : undefined);
  }
  private joined(): Buffer {
    const out = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    return out;
  }
}
