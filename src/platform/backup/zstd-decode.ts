/**
 * A zstd decoder for streams of one or more frames. The input is split at frame boundaries
 * (zstd-frames.ts). A frame whose header gives its content size (what the backup writer makes:
 * 6 MiB each, 4 MiB before) goes to one long-lived decompressor, which decodes it on libuv's pool
 * while the previous frame's output is written, and its output is taken back by that size. Other frames (no
 * content size, or big: what earlier devbox versions and `wsl --export` wrote) stream through a
 * decompressor of their own, one at a time.
 *
 * One long-lived decompressor, not several taking frames in turn: two measured no faster
 * restoring 1.1 GiB on a loaded 2-core machine and cost 0.5-1 s more CPU (bench/backup, three
 * runs: 4.6-5.4 s with one, 5.0-6.0 s with two, peer 2.9-4.5 s).
 */
import { Duplex, type Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { ByteQueue, FrameSplitter, magicPrefix, ZstdFormatError, type FrameHeader } from './zstd-frames.js';

const MiB = 1024 * 1024;

/** Frames sent to the long-lived decompressor: at most this much content (Frame_Content_Size). */
export const sizedFrameLimit = 32 * MiB;

export interface ZstdDecodeOptions {
  /** Output chunk of a streamed frame's decompressor, in bytes. */
  chunkSize: number;
  /** Buffers of this stream and of a streamed frame's decompressor, in bytes. */
  readableHighWaterMark: number;
  writableHighWaterMark: number;
}

/**
 * A long-lived decompressor that frames are written to one after another (zstd decodes
 * consecutive frames in one context), fed as the input is read. A one-shot `zlib.zstdDecompress`
 * per collected frame (an engine and a fresh 4 MiB buffer each) made V8 run a full GC every few
 * frames: 0.7 s of 2.7 s restoring 400 MiB (--trace-gc: 33 mark-compacts against 1).
 */
interface Slot {
  engine: Transform;
  /** Its output not yet handed on: the bytes of its frames, in order. */
  chunks: Buffer[];
  ended?: boolean;
}

/** A frame's place in the output order: bytes still due from its slot, or a streamed frame. */
interface Job {
  /** Bytes of the frame (Frame_Content_Size) not yet pushed, when it went to the slot. */
  remaining?: number;
  stream?: Transform;
  attached?: boolean;
}

/**
 * Decodes a zstd stream of one or more frames (RFC 8878 §3.1), skipping skippable frames.
 * Memory stays bounded: a new frame starts only while at most one other is decoding or waiting
 * for the reader, and input is read only while the decompressors take it. Errors on damaged
 * input: a bad magic or reserved field (ZstdFormatError), what zstd finds (checksum, corruption),
 * or input that ends inside a frame or is empty.
 */
export class ZstdDecoder extends Duplex {
  private readonly input = new ByteQueue();
  private readonly splitter = new FrameSplitter(this.input);
  private readonly queue: Job[] = [];
  private slot: Slot | undefined;
  /** The decompressor of the frame being read: the slot's, or the frame's own (streamed). */
  private frame: Transform | undefined;
  /** The streamed frame's decompressor refused more input until it drains. */
  private blocked = false;
  private writeDone: ((error?: Error | null) => void) | undefined;
  private wantsOutput = false;
  private inputEnded = false;
  private outputEnded = false;
  private seen = 0;

  constructor(private readonly options: ZstdDecodeOptions) {
    super({
      readableHighWaterMark: options.readableHighWaterMark,
      writableHighWaterMark: options.writableHighWaterMark,
    });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.seen += chunk.length;
    this.input.push(chunk);
    this.writeDone = done;
    this.pump();
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.seen === 0) return done(new ZstdFormatError('the stream is empty'));
    const tail =
      this.splitter.between && !this.frame && this.input.length < 4 ? this.input.peek(this.input.length) : undefined;
    if (tail && tail.length > 0 && !magicPrefix(tail)) {
      return done(new ZstdFormatError(`${tail.length} stray byte(s) after the last frame`));
    }
    if (!this.splitter.between || this.input.length > 0 || this.frame) {
      return done(new ZstdFormatError(`it ends inside a frame (truncated after ${this.seen} bytes)`));
    }
    this.inputEnded = true;
    this.slot?.engine.end();
    done();
    this.pump();
  }

  override _read(): void {
    this.wantsOutput = true;
    const head = this.queue[0];
    if (head?.attached) head.stream!.resume();
    this.pump();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    for (const job of this.queue) job.stream?.destroy();
    this.slot?.engine.destroy();
    if (this.frame && this.frame !== this.slot?.engine) this.frame.destroy();
    this.queue.length = 0;
    done(error);
  }

  private pump(): void {
    if (this.destroyed) return;
    try {
      let hungry: boolean;
      // Output can free the queue without any event to come (frames of no bytes leave at once):
      // parse again while it stopped only for a full queue that now has room.
      do {
        this.output();
        hungry = this.parse();
        this.output();
      } while (!hungry && !this.blocked && !this.destroyed && this.queue.length <= 1);
      if (hungry && this.writeDone) {
        const done = this.writeDone;
        this.writeDone = undefined;
        done();
      }
    } catch (error) {
      this.destroy(error as Error);
    }
  }

  /** Reads frames from the held input; true when it stopped for want of input. */
  private parse(): boolean {
    for (;;) {
      if (this.blocked || (!this.frame && this.queue.length > 1)) return false;
      const event = this.splitter.next();
      if (event === undefined) {
        this.absorb();
        return true;
      }
      if (event.kind === 'start') this.begin(event.header);
      else if (event.kind === 'end') this.frameEnd();
      else if (event.skip) this.input.take();
      else if (this.input.pos >= this.options.chunkSize) this.absorb();
    }
  }

  private begin(header: FrameHeader): void {
    const size = header.contentSize;
    if (size === undefined || size > sizedFrameLimit) return this.stream();
    this.slot ??= this.newSlot();
    this.queue.push({ remaining: size });
    this.frame = this.slot.engine;
  }

  /** Hands the bytes parsed so far to the current frame's decompressor (or drops a skippable frame's). */
  private absorb(): void {
    const pieces = this.input.take();
    const target = this.frame;
    if (target) for (const p of pieces) this.blocked = !target.write(p) || this.blocked;
  }

  private frameEnd(): void {
    this.absorb();
    if (this.frame !== this.slot?.engine) {
      // An ending stream emits no 'drain': what it holds is at most the last absorb's bytes.
      this.frame!.end();
      this.blocked = false;
    }
    this.frame = undefined;
  }

  /** Streams the current frame through a decompressor of its own, output when its turn comes. */
  private stream(): void {
    const { chunkSize, readableHighWaterMark, writableHighWaterMark } = this.options;
    // The high-water marks reach the Transform through zlib's options, whose type lists zstd's own only.
    const stream = zlib.createZstdDecompress({ chunkSize, ...{ readableHighWaterMark, writableHighWaterMark } });
    this.watch(stream);
    this.queue.push({ stream });
    this.frame = stream;
  }

  private newSlot(): Slot {
    const { chunkSize, writableHighWaterMark } = this.options;
    const slot: Slot = { engine: zlib.createZstdDecompress({ chunkSize, ...{ writableHighWaterMark } }), chunks: [] };
    this.watch(slot.engine);
    // Flowing: the slot's output is bounded by the content sizes of the frames in the queue.
    slot.engine.on('data', (chunk: Buffer) => {
      slot.chunks.push(chunk);
      if (this.queue[0]?.remaining !== undefined) this.pump();
    });
    slot.engine.once('end', () => {
      slot.ended = true;
      this.pump();
    });
    return slot;
  }

  private watch(stream: Transform): void {
    stream.on('error', (error: Error) => this.destroy(error));
    stream.on('drain', () => {
      this.blocked = false;
      this.pump();
    });
  }

  /** Pushes finished frames in order while the reader wants more; ends after the last. */
  private output(): void {
    while (this.wantsOutput && this.queue.length > 0) {
      const job = this.queue[0]!;
      if (job.stream) {
        if (!job.attached) this.attach(job);
        return;
      }
      if (job.remaining === 0) {
        this.queue.shift();
        continue;
      }
      const slot = this.slot!;
      const chunks = slot.chunks;
      let chunk = chunks[0];
      if (!chunk && slot.ended) throw new ZstdFormatError('a frame holds fewer bytes than its header says');
      if (!chunk) return;
      if (chunk.length > job.remaining!) {
        // Zstd decodes the slot's frames back to back: a chunk can hold the start of the next.
        chunks[0] = chunk.subarray(job.remaining);
        chunk = chunk.subarray(0, job.remaining);
      } else chunks.shift();
      job.remaining! -= chunk.length;
      if (!this.push(chunk)) this.wantsOutput = false;
    }
    if (this.inputEnded && !this.outputEnded && this.queue.length === 0 && !this.frame) {
      if (this.slot && this.slot.chunks.length > 0)
        throw new ZstdFormatError('a frame holds more bytes than its header says');
      if (this.slot && !this.slot.ended) return;
      this.outputEnded = true;
      this.push(null);
    }
  }

  /** A streamed frame reached the head of the order: its output flows until the reader is full. */
  private attach(job: Job): void {
    job.attached = true;
    const stream = job.stream!;
    stream.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) {
        this.wantsOutput = false;
        stream.pause();
      }
    });
    stream.once('end', () => {
      this.queue.shift();
      this.pump();
    });
  }
}
