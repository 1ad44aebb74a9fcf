/**
 * Keeps a download's memory flat. Every chunk a socket reads is a fresh 64 KiB buffer outside the
 * JavaScript heap; V8 collects those only when its heap fills or external memory has grown by
 * about 64 MiB, so a fast download would otherwise carry tens of MiB of dead buffers. A young-
 * generation collection every few MiB frees them for well under a millisecond each (the collector
 * comes from net/v8-flags.ts, the one place devbox changes V8's flags).
 */
import { gcCollector } from '../v8-flags.js';

/** Counts received bytes and collects dead socket buffers every `everyBytes`. */
export class BufferReclaimer {
  private sinceLast = 0;

  /**
   * @param everyBytes bytes between collections. Measured on Node 24 (bench/download, 64 MiB over 8
   *   connections): 1–2 MiB keeps the peak lowest; every 512 KiB is worse (buffers still being written
   *   survive two collections and are promoted to the old generation, which only a full collection frees).
   */
  constructor(private readonly everyBytes = 2 * 1024 * 1024) {}

  /**
   * One full collection as a download starts: what start-up left (the command line parsed, oclif's
   * manifest, module loading) is freed before the socket buffers arrive, so they reuse its pages
   * instead of adding to them (bench/download, Node 24: median peak 85 MiB against 89, for one
   * collection of 50–65 ms on the shared CI machine at load ~10).
   */
  begin(): void {
    gcCollector()?.({ type: 'major' });
  }

  received(bytes: number): void {
    this.sinceLast += bytes;
    if (this.sinceLast < this.everyBytes) return;
    this.sinceLast = 0;
    gcCollector()?.({ type: 'minor' });
  }
}
