/**
 * zstd compression in independent frames, several at a time: the input is cut into frames of
 * {@link frameInput} bytes, each compressed on libuv's pool by a zstd context of its own while the
 * main thread fills the next, and the frames are written in order. Concatenated frames are one standard
 * zstd stream (RFC 8878 §3.1: "a Zstandard compressed stream consists of one or more independent
 * frames"): `zstd -d` reads it, and so does zstd-decode.ts.
 *
 * Why not one streaming compressor: node:zlib's zstd stream runs one pool job per chunk and starts
 * the next only when the main thread comes round, so compressing never overlaps the main thread's
 * tar, hashing and writing; its worker threads (ZSTD_c_nbWorkers) break the stream
 * (nodejs/node#59899). Measured on a 1.1 GiB tar (bench/backup's tree, 2 cores): one stream
 * 13.1-16.6 s, `zstd -3 -T1` 10.4-13.0 s, frames of 4 MiB two at a time 7.3-7.5 s.
 */
import { availableParallelism } from 'node:os';
import { Transform, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';
import { Reclaimer } from './streams.js';

/**
 * Input bytes per frame. Each frame forgets its predecessors, so small frames compress worse: 600 MB
 * of /usr/lib and /usr/share at level 3 came out 1.5% larger than `zstd -3 -T1` in 1 MiB frames,
 * 0.7% in 2 MiB, 0.3% in 4 MiB, 0.1% in 8 MiB. With the window and table below, against `zstd -3
 * -T1` of the same tar, 6 MiB frames (4 MiB ones in brackets): /usr/lib/go-1.19 0.965x (0.974x),
 * /usr/share/doc 0.988x (1.009x), a node_modules in name order 0.984x (1.005x), bench/backup's 1.1 GiB
 * tree 0.9956x (0.9965x); against bench/backup's peer, which reads that tree in directory order,
 * 0.9992-0.9997x (1.0002-1.0004x). 5 MiB frames did less on the bench's tree (0.9964x), 7 and 8 MiB
 * more (0.994x, 0.995x), but each MiB more is about 8 MiB more peak RSS (three input buffers, two
 * contexts' window buffers, their output): in bench/backup 4 MiB frames peaked at 133-137 MiB, 6 MiB
 * ones at 149-150 before the young collections in {@link FrameCompressor}, 139-142 with them.
 */
export const frameInput = 6 * 1024 * 1024;

/** The smallest window (a power of two, 2^10 at least) that spans a whole frame of `bytes`. */
function windowLog(bytes: number): number {
  return Math.max(10, Math.ceil(Math.log2(bytes)));
}

/**
 * Frames compressed at once. Two keep a 2-core machine busy beside the main thread's tar and
 * sha256 work; more would each hold about 15 MiB (input, zstd's context, output) and soon wait
 * for the main thread anyway.
 */
export const defaultParallel = Math.min(2, availableParallelism());

/** Options for {@link FrameCompressor}; the defaults are what backups use. */
export interface FrameOptions {
  frameInput?: number;
  parallel?: number;
}

/**
 * One zstd context compressing one frame at a time: created with `flush: ZSTD_e_end`, each write
 * is one whole frame with its content size in the frame header (which lets the reader decode it
 * whole, in parallel). Reusing the context rather than `zlib.zstdCompress` per frame (a context
 * each) saved about 20 MiB of peak RSS.
 */
class FrameSlot {
  private readonly stream: zlib.ZstdCompress;
  private chunks: Buffer[] = [];
  private failure: Error | undefined;

  constructor(options: zlib.ZstdOptions) {
    this.stream = zlib.createZstdCompress({ ...options, flush: zlib.constants.ZSTD_e_end });
    this.stream.on('data', (c: Buffer) => this.chunks.push(c));
    this.stream.on('error', (e: Error) => (this.failure = e));
  }

  /** The frame of `input`, as the chunks zstd wrote it in. */
  compress(input: Buffer): Promise<Buffer[]> {
    return new Promise((resolve, reject) => {
      this.stream.write(input, (error) => {
        const settle = () => {
          const failed = error ?? this.failure;
          if (failed) return reject(failed);
          // Output pushed before the callback may wait in the readable buffer for a tick.
          if (this.stream.readableLength > 0) return setImmediate(settle);
          const out = this.chunks;
          this.chunks = [];
          resolve(out);
        };
        settle();
      });
    });
  }

  close(): void {
    this.stream.destroy();
  }
}

/**
 * A Transform compressing its input into zstd frames at `level`, with a content checksum per frame
 * (as the zstd CLI writes by default, so `zstd -t` checks a part). `bytes` counts the input.
 * Memory: `parallel + 1` input buffers of `frameInput` bytes, reused, and the frames in flight.
 */
export class FrameCompressor extends Transform {
  /** Input bytes so far. */
  bytes = 0;
  private readonly size: number;
  private readonly parallel: number;
  private readonly spare: Buffer[] = [];
  private current: Buffer | undefined;
  private filled = 0;
  private readonly slots: FrameSlot[];
  private started = 0;
  private readonly inFlight: { input: Buffer; output: Promise<Buffer[]> }[] = [];
  // A frame's output buffer lives until the next frame's output fills it, so it outlives young
  // collections: a full one every 32 MiB of input (every 16: 10 MiB less RSS, more CPU).
  private readonly reclaimer = new Reclaimer(32 * 1024 * 1024, 'major');
  // What is written in (file reads of 256 KiB, a distro's tar from `wsl --export`) is copied into a
  // frame and dies young: a young collection every 8 MiB of input lowered the peak RSS from 150 MiB
  // to 140 (bench/backup, 6 MiB frames).
  private readonly young = new Reclaimer();

  constructor(level: number, options: FrameOptions = {}) {
    super();
    this.size = options.frameInput ?? frameInput;
    this.parallel = Math.max(1, options.parallel ?? defaultParallel);
    const { ZSTD_c_compressionLevel, ZSTD_c_checksumFlag, ZSTD_c_hashLog, ZSTD_c_windowLog } = zlib.constants;
    const options_: zlib.ZstdOptions = {
      // A frame's output in 1 MiB buffers: one the size of a whole frame lives on through the next
      // frame (its free end is used) and raised the peak RSS by 15 MiB.
      chunkSize: 1024 * 1024,
      params: {
        [ZSTD_c_compressionLevel]: level,
        [ZSTD_c_checksumFlag]: 1,
        // Independent frames forget what came before them; at the default level, matches across
        // the whole frame (level 3's window is 2 MiB) and a hash table of 2^18 entries (level 4's;
        // level 3 has 2^17) win it back, in the same CPU time. Against `zstd -3 -T1`, 4 MiB frames
        // made a 315 MB tar of bench/backup's tree 0.998x (0.9997x with level 3's own window and
        // table), /usr/lib/go-1.19 0.974x (0.998x), /usr/share/doc 1.009x (1.026x). Either alone did
        // less; a larger chain table or a shorter minimum match did worse. With 6 MiB frames: a 4 MiB
        // window left bench/backup's tree where 4 MiB frames had it (1.0002x its peer); 2^19 entries
        // made every tree 0.05-0.7% smaller for 10-100% more CPU on this 2-core machine (a 2 MiB
        // table; its L2 cache is 1 MiB); long-distance matching (hash rate 2^10) 0.4% smaller on the
        // bench's tree (not with 4 or 5 MiB frames), 0.1-0.3% on real ones, for up to 30% more CPU
        // (/usr/lib/go-1.19). With 4 MiB frames a smaller chain table (2^15) made the bench's tree of
        // random letters 1.3% smaller and real ones 0.1-0.5% larger. The window costs a reader the
        // frame's size. Other levels are zstd's own.
        ...(level === 3 ? { [ZSTD_c_hashLog]: 18, [ZSTD_c_windowLog]: windowLog(this.size) } : {}),
      },
    };
    this.slots = Array.from({ length: this.parallel }, () => new FrameSlot(options_));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.young.add(chunk.length);
    this.fill(chunk, 0).then(() => done(), done);
  }

  override _flush(done: TransformCallback): void {
    // Empty input still makes one (empty) frame: zero bytes are not a zstd stream to `zstd -d`.
    const last = this.filled > 0 || this.started === 0 ? this.start() : Promise.resolve();
    last
      .then(() => this.drain(0))
      .then(() => {
        for (const slot of this.slots) slot.close();
        done();
      }, done);
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    // A frame still on the pool finishes there; its result (or failure) is dropped.
    for (const f of this.inFlight.splice(0)) f.output.catch(() => undefined);
    for (const slot of this.slots) slot.close();
    done(error);
  }

  /** Copies `chunk` from `at` into the current frame, starting frames as they fill. */
  private async fill(chunk: Buffer, at: number): Promise<void> {
    while (at < chunk.length && !this.destroyed) {
      this.current ??= this.spare.pop() ?? Buffer.allocUnsafe(this.size);
      const n = chunk.copy(this.current, this.filled, at);
      this.filled += n;
      at += n;
      if (this.filled === this.size) await this.start();
    }
  }

  /** Hands the current frame to the pool, first making room: at most `parallel` in flight. */
  private async start(): Promise<void> {
    await this.drain(this.parallel - 1);
    // Destroyed while waiting (a failing source, an interrupt): its contexts are closed.
    if (this.destroyed) return;
    const input = this.current ?? Buffer.alloc(0);
    const used = input.subarray(0, this.filled);
    this.current = undefined;
    this.filled = 0;
    this.inFlight.push({ input, output: this.slots[this.started++ % this.parallel]!.compress(used) });
  }

  /** Writes finished frames, in order, until at most `keep` are in flight. */
  private async drain(keep: number): Promise<void> {
    while (this.inFlight.length > keep) {
      const frame = this.inFlight[0]!;
      const output = await frame.output;
      this.inFlight.shift();
      if (frame.input.length === this.size) this.spare.push(frame.input);
      this.reclaimer.add(this.size);
      for (const chunk of output) this.push(chunk);
    }
  }
}
