/**
 * sha256 on a worker thread, for the archive engine. Hashing runs at about 1 GB/s on one core: on
 * the main thread it delays every answer to zstd (which waits for the main thread between chunks)
 * and, on a restore, adds to the main thread's tar parsing and writes. Here the main thread only
 * copies each chunk into a ring of shared memory (a memcpy) and the worker hashes it from there.
 *
 * The ring is allocated once (`ringSize`), so memory stays flat: no buffer per chunk for either
 * thread's garbage collector to find late. Chunks go over in messages of up to 1 MiB (one message
 * for many small files). When the worker is behind, `full` tells the caller to hold its source
 * until `whenRoom()` resolves; a chunk larger than the free part of the ring is copied into a
 * buffer of its own, transferred.
 */
import { Worker } from 'node:worker_threads';

// Plain JavaScript evaluated by the worker: no module file to resolve from dist/, a bundle or a test;
// getBuiltinModule works whether the worker inherits --input-type=module or not.
const workerSource = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const { createHash } = process.getBuiltinModule('node:crypto');
const ring = new Uint8Array(workerData);
const open = new Map();
parentPort.on('message', ({ ops, own }) => {
  const digests = [];
  let bytes = 0;
  for (let i = 0; i < ops.length; i += 3) {
    const [id, at, length] = [ops[i], ops[i + 1], ops[i + 2]];
    let hash = open.get(id);
    if (!hash) open.set(id, (hash = createHash('sha256')));
    if (at >= 0) {
      hash.update(ring.subarray(at, at + length));
      bytes += length;
    } else if (at === -2) {
      hash.update(new Uint8Array(own));
    } else {
      digests.push(id, hash.digest('hex'));
      open.delete(id);
    }
  }
  parentPort.postMessage({ bytes, digests });
});
`;

const messageBytes = 1024 * 1024;

/** One worker hashing many byte streams (files, the stored archive), each named by an id. */
export class OffThreadHasher {
  private readonly ring: Uint8Array;
  private readonly worker: Worker;
  /** Where the next chunk goes in the ring. */
  private head = 0;
  /** Ring bytes handed over and not yet hashed. */
  private inFlight = 0;
  /** Triples: id, ring offset (≥ 0; -1: digest it; -2: the message's own buffer), length. */
  private ops: number[] = [];
  private opBytes = 0;
  private sent = 0;
  private acked = 0;
  private nextId = 0;
  private failure: Error | undefined;
  private done = false;
  private readonly digests = new Map<number, string>();
  private waiters: { resolve: () => void; reject: (e: Error) => void; until: () => boolean }[] = [];

  constructor(private readonly ringSize = 8 * 1024 * 1024) {
    const shared = new SharedArrayBuffer(ringSize);
    this.ring = new Uint8Array(shared);
    this.worker = new Worker(workerSource, { eval: true, workerData: shared });
    this.worker.on('message', (m: { bytes: number; digests: (number | string)[] }) => {
      this.inFlight -= m.bytes;
      this.acked++;
      for (let i = 0; i < m.digests.length; i += 2)
        this.digests.set(m.digests[i] as number, m.digests[i + 1] as string);
      this.wake();
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => {
      if (!this.done) this.fail(new Error('the sha256 worker stopped'));
    });
  }

  /** A new stream to hash; its digest is known after `close(id)` and `settle()`. */
  open(): number {
    return this.nextId++;
  }

  update(id: number, chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    if (chunk.length > this.ringSize - this.inFlight) {
      this.flush();
      const own = Uint8Array.prototype.slice.call(chunk).buffer as ArrayBuffer;
      this.post([id, -2, chunk.length], own);
      return;
    }
    let at = 0;
    while (at < chunk.length) {
      // Up to the ring's end, then from its start (the free part may wrap around).
      const length = Math.min(chunk.length - at, this.ringSize - this.head);
      this.ring.set(chunk.subarray(at, at + length), this.head);
      this.ops.push(id, this.head, length);
      this.head = (this.head + length) % this.ringSize;
      this.inFlight += length;
      this.opBytes += length;
      at += length;
    }
    if (this.opBytes >= messageBytes) this.flush();
  }

  close(id: number): void {
    this.ops.push(id, -1, 0);
    if (this.ops.length >= 3 * 4096) this.flush();
  }

  /** True while more than half the ring waits for the worker: hold the source. */
  get full(): boolean {
    return this.inFlight > this.ringSize / 2;
  }

  /** Resolves once `full` is false (rejects if the worker failed). */
  whenRoom(): Promise<void> {
    this.flush();
    return this.wait(() => !this.full);
  }

  /** Hashes what was handed over; returns the sha256 (hex) of every stream closed so far, by id. */
  async settle(): Promise<ReadonlyMap<number, string>> {
    this.flush();
    await this.wait(() => this.acked === this.sent);
    return this.digests;
  }

  /** `settle()`, then stops the worker. */
  async finish(): Promise<ReadonlyMap<number, string>> {
    const digests = await this.settle();
    this.done = true;
    await this.worker.terminate();
    return digests;
  }

  /** Stops the worker without waiting (on failure; nothing once finished). */
  destroy(): void {
    if (this.done) return;
    this.done = true;
    this.fail(new Error('hashing was stopped'));
    void this.worker.terminate();
  }

  private flush(): void {
    if (this.ops.length > 0) this.post(this.ops);
  }

  private post(ops: number[], own?: ArrayBuffer): void {
    if (this.failure) throw this.failure;
    this.sent++;
    this.worker.postMessage({ ops, own }, own ? [own] : []);
    if (ops === this.ops) {
      this.ops = [];
      this.opBytes = 0;
    }
  }

  private wait(until: () => boolean): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (until()) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject, until }));
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => w.until());
    this.waiters = this.waiters.filter((w) => !w.until());
    for (const w of ready) w.resolve();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const w of this.waiters.splice(0)) w.reject(error);
  }
}
