/**
 * zstd compression on a worker thread that owns the whole compressed side: it feeds node:zlib's
 * zstd stream, hashes its output and writes it to the file. The main thread only makes the tar and
 * hands over 1 MiB blocks (transferred, not copied), so zstd's next pool job never waits for the
 * main thread's tar and sha256 work, as the peer's `tar | zstd` runs in two processes. Measured on
 * bench/backup: the plumbing of node's zstd stream costs as much CPU as zstd itself; on the main
 * thread it delayed every job.
 */
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { gcCollector } from '../../net/v8-flags.js';
import { zstdChunk } from './streams.js';

/** What the worker wrote: the stored bytes and their sha256. */
export interface ZstdFileFacts {
  bytes: number;
  sha256: string;
}

type ToWorker = ArrayBuffer | 'end' | 'abort';
type FromWorker = 'ack' | { done: ZstdFileFacts } | { error: string; code?: string };

/**
 * The worker's code. Run from its source text (`eval`), not from a file: the command bundles
 * (scripts/build.mjs) move modules, so no file path stays right. Only built-in modules, reached
 * through `process.getBuiltinModule` (Node >= 22.3; zstd itself needs 22.15).
 */
function workerMain(): void {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  const zlib = process.getBuiltinModule('node:zlib');
  const fs = process.getBuiltinModule('node:fs');
  const { createHash } = process.getBuiltinModule('node:crypto');
  const { runInNewContext } = process.getBuiltinModule('node:vm');
  const { path, level, chunk, collect } = workerData as {
    path: string;
    level: number;
    chunk: number;
    collect: boolean;
  };
  const port = parentPort!;
  // Output chunks live outside V8's heap: a young-generation collection every 8 MiB keeps the
  // worker's memory flat (as the main thread's Reclaimer does; --expose-gc is set by then).
  const gc = collect ? (runInNewContext('gc') as ((o: { type: string }) => void) | undefined) : undefined;
  const hash = createHash('sha256');
  let bytes = 0;
  let since = 0;
  let fd: number | undefined = fs.openSync(path, 'w', 0o666);
  const shut = () => {
    if (fd !== undefined) fs.closeSync(fd);
    fd = undefined;
  };
  const fail = (error: NodeJS.ErrnoException) => {
    shut();
    port.postMessage({ error: error.message, ...(error.code ? { code: error.code } : {}) });
    port.close();
  };
  const zstd = zlib.createZstdCompress({
    chunkSize: chunk,
    params: { [zlib.constants.ZSTD_c_compressionLevel]: level },
  });
  zstd.on('data', (c: Buffer) => {
    try {
      hash.update(c);
      for (let at = 0; at < c.length;) at += fs.writeSync(fd!, c, at);
      bytes += c.length;
      since += c.length;
      if (since >= 8 * chunk) {
        since = 0;
        gc?.({ type: 'minor' });
      }
    } catch (error) {
      zstd.destroy(error as Error);
    }
  });
  zstd.once('error', fail);
  zstd.once('end', () => {
    try {
      shut();
      port.postMessage({ done: { bytes, sha256: hash.digest('hex') } });
      port.close();
    } catch (error) {
      fail(error as Error);
    }
  });
  port.on('message', (m: ToWorker) => {
    if (m === 'end') zstd.end();
    else if (m === 'abort') {
      zstd.destroy();
      shut();
      port.close();
    } else zstd.write(Buffer.from(m), () => port.postMessage('ack'));
  });
}

/**
 * A writable that compresses what is written to it into `path` (created or truncated) on a worker
 * thread; `facts` resolves once every byte is on disk. Each chunk written is transferred to the
 * worker: the caller must not reuse it (Blocks gives fresh ones). At most `ahead` chunks wait for
 * zstd, so memory stays flat. Destroying it stops the worker and closes the file.
 */
export class ZstdFileWriter extends Writable {
  readonly facts: Promise<ZstdFileFacts>;
  private readonly worker: Worker;
  private inFlight = 0;
  private waiting: (() => void) | undefined;
  private finished: (() => void) | undefined;

  constructor(
    path: string,
    level: number,
    private readonly ahead = 4,
  ) {
    super({ highWaterMark: zstdChunk });
    const collect = gcCollector() !== undefined;
    this.worker = new Worker(`(${workerMain.toString()})()`, {
      eval: true,
      workerData: { path, level, chunk: zstdChunk, collect },
      // The worker's own heap holds little: its chunks live outside it.
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    });
    this.facts = new Promise<ZstdFileFacts>((resolve, reject) => {
      this.worker.on('message', (m: FromWorker) => {
        if (m === 'ack') {
          this.inFlight--;
          if (this.inFlight < ahead && this.waiting) {
            const go = this.waiting;
            this.waiting = undefined;
            go();
          }
        } else if ('done' in m) {
          resolve(m.done);
          this.finished?.();
        } else {
          const error: NodeJS.ErrnoException = new Error(m.error);
          if (m.code) error.code = m.code;
          reject(error);
          this.destroy(error);
        }
      });
      this.worker.once('error', (error: Error) => {
        reject(error);
        this.destroy(error);
      });
      this.worker.once('exit', () => reject(new Error('the zstd worker stopped before the end')));
    });
    // Whoever awaits the pipeline sees the error; this copy must not be unhandled.
    this.facts.catch(() => undefined);
  }

  override _write(chunk: Buffer, _e: BufferEncoding, done: (error?: Error | null) => void): void {
    // Only a chunk that is the whole of its buffer can be moved; anything else is copied first.
    let moved = chunk.buffer as ArrayBuffer;
    if (chunk.byteOffset !== 0 || chunk.byteLength !== moved.byteLength || !(moved instanceof ArrayBuffer)) {
      const copy = new Uint8Array(chunk.byteLength);
      copy.set(chunk);
      moved = copy.buffer;
    }
    this.inFlight++;
    this.worker.postMessage(moved, [moved]);
    if (this.inFlight < this.ahead) done();
    else this.waiting = () => done();
  }

  override _final(done: (error?: Error | null) => void): void {
    this.finished = () => done();
    this.worker.postMessage('end');
    this.facts.catch((error: Error) => done(error));
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.worker.postMessage('abort');
    void this.worker.terminate().then(() => done(error));
  }
}
