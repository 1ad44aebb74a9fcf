/**
 * A zstd decoder for streams of one or more frames that decodes frames in parallel. Node's
 * streaming decompressor stops after the first frame of a multi-frame stream (Node 24.21: it
 * errors "Unknown frame descriptor" or ends short), and decodes on one pool thread at a time while
 * the main thread waits: here the input is split at frame boundaries (zstd-frames.ts) and each
 * small frame is decoded whole by `zlib.zstdDecompress` on libuv's pool, several at a time,
 * output in order. Other frames (no content size, or big: what earlier devbox versions and
 * `wsl --export` wrote) stream through a decompressor of their own, one at a time.
 */
import { Duplex, type Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { ByteQueue, FrameSplitter, ZstdFormatError, type FrameHeader } from './zstd-frames.js';

const MiB = 1024 * 1024;

/** Frames decoded whole: at most this much content (Frame_Content_Size) and compressed size. */
export const wholeFrame = { contentBytes: 32 * MiB, compressedBytes: 16 * MiB };

export interface ZstdDecodeOptions {
  /** Whole frames decoding at once (pool jobs in flight); default 2. */
  parallel?: number;
  /** Output chunk of a streamed frame's decompressor, in bytes. */
  chunkSize: number;
  /** Buffers of this stream and of a streamed frame's decompressor, in bytes. */
  readableHighWaterMark: number;
  writableHighWaterMark: number;
  /** Told the size of every chunk read and written, so dead buffers can be reclaimed (streams.ts' Reclaimer). */
  onBytes?: (bytes: number) => void;
}

/** A frame's place in the output order: a whole frame's result, or a streamed frame's decompressor. */
interface Job {
  out?: Buffer;
  stream?: Transform;
  attached?: boolean;
}

/** The frame being read: collected for a whole decode, or fed to `job.stream`. */
interface Frame {
  pieces: Buffer[];
  bytes: number;
  contentSize: number;
  job?: Job;
}

/**
 * Decodes a zstd stream of one or more frames (RFC 8878 §3.1), skipping skippable frames.
 * Memory stays bounded: at most `parallel` frames decode or wait for the reader, one more frame's
 * input is collected, and input is read only while there is room. Errors the stream on damaged
 * input: a bad magic or reserved field (ZstdFormatError), what zstd finds (checksum, corruption),
 * or input that ends inside a frame or is empty.
 */
export class ZstdDecoder extends Duplex {
  private readonly input = new ByteQueue();
  private readonly splitter = new FrameSplitter(this.input);
  private readonly queue: Job[] = [];
  private readonly parallel: number;
  private frame: Frame | undefined;
  /** A whole frame read and waiting for a free slot. */
  private ready: Frame | undefined;
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
    this.parallel = Math.max(1, options.parallel ?? 2);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.seen += chunk.length;
    this.options.onBytes?.(chunk.length);
    this.input.push(chunk);
    this.writeDone = done;
    this.pump();
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.seen === 0) return done(new ZstdFormatError('the stream is empty'));
    if (!this.splitter.between || this.input.length > 0 || this.frame) {
      return done(new ZstdFormatError(`it ends inside a frame (truncated after ${this.seen} bytes)`));
    }
    this.inputEnded = true;
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
    this.frame?.job?.stream?.destroy();
    this.queue.length = 0;
    done(error);
  }

  private pump(): void {
    if (this.destroyed) return;
    try {
      this.output();
      const hungry = this.parse();
      this.output();
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
      if (this.ready) {
        if (this.queue.length >= this.parallel) return false;
        this.decodeWhole(this.ready);
        this.ready = undefined;
      }
      if (this.blocked) return false;
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
    this.frame = { pieces: [], bytes: 0, contentSize: size ?? 0 };
    if (size === undefined || size > wholeFrame.contentBytes) this.stream(this.frame);
  }

  /** Hands the bytes parsed so far to the current frame (or drops a skippable frame's). */
  private absorb(): void {
    const pieces = this.input.take();
    const frame = this.frame;
    if (!frame) return;
    if (frame.job) {
      for (const p of pieces) this.blocked = !frame.job.stream!.write(p) || this.blocked;
      return;
    }
    frame.pieces.push(...pieces);
    for (const p of pieces) frame.bytes += p.length;
    if (frame.bytes > wholeFrame.compressedBytes) this.stream(frame);
  }

  private frameEnd(): void {
    this.absorb();
    const frame = this.frame!;
    this.frame = undefined;
    if (frame.job) {
      // An ending stream emits no 'drain': what it holds is at most the last absorb's bytes.
      frame.job.stream!.end();
      this.blocked = false;
    } else if (this.queue.length < this.parallel) this.decodeWhole(frame);
    else this.ready = frame;
  }

  /** Streams `frame` through a decompressor of its own (with what was collected of it so far). */
  private stream(frame: Frame): void {
    const { chunkSize, readableHighWaterMark, writableHighWaterMark } = this.options;
    const stream = zlib.createZstdDecompress({ chunkSize, ...{ readableHighWaterMark, writableHighWaterMark } });
    stream.on('error', (error: Error) => this.destroy(error));
    stream.on('drain', () => {
      this.blocked = false;
      this.pump();
    });
    frame.job = { stream };
    this.queue.push(frame.job);
    for (const p of frame.pieces.splice(0)) this.blocked = !stream.write(p) || this.blocked;
  }

  private decodeWhole(frame: Frame): void {
    const job: Job = {};
    this.queue.push(job);
    const data = frame.pieces.length === 1 ? frame.pieces[0]! : Buffer.concat(frame.pieces, frame.bytes);
    // One output chunk bigger than the content: the frame is one pool job (and one to flush).
    const options = { maxOutputLength: Math.max(1, frame.contentSize), chunkSize: Math.max(64, frame.contentSize + 1) };
    zlib.zstdDecompress(data, options, (error, out) => {
      if (error) return this.destroy(error);
      job.out = out;
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
      if (!job.out) return;
      this.queue.shift();
      this.options.onBytes?.(job.out.length);
      if (job.out.length > 0 && !this.push(job.out)) this.wantsOutput = false;
    }
    if (this.inputEnded && !this.outputEnded && this.queue.length === 0 && !this.ready && !this.frame) {
      this.outputEnded = true;
      this.push(null);
    }
  }

  /** A streamed frame reached the head of the order: its output flows until the reader is full. */
  private attach(job: Job): void {
    job.attached = true;
    const stream = job.stream!;
    stream.on('data', (chunk: Buffer) => {
      this.options.onBytes?.(chunk.length);
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
