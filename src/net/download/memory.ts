/**
 * Keeps a download's memory flat. Every chunk a socket reads is a fresh 64 KiB buffer outside the
 * JavaScript heap; V8 collects those only when its heap fills or external memory has grown by
 * about 64 MiB, so a fast download would otherwise carry tens of MiB of dead buffers. A young-
 * generation collection every few MiB frees them for well under a millisecond each. The collector
 * is reached the way test runners reach it (jest's leak detector does the same): expose it through
 * V8's flags, then read `gc` from a fresh context.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collector = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

let collector: Collector | undefined | null;

function getCollector(): Collector | undefined {
  if (collector === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collector = (runInNewContext('gc') as Collector | undefined) ?? null;
    } catch {
      collector = null;
    }
  }
  return collector ?? undefined;
}

/** Counts received bytes and collects dead socket buffers every `everyBytes`. */
export class BufferReclaimer {
  private sinceLast = 0;

  constructor(private readonly everyBytes = 2 * 1024 * 1024) {}

  received(bytes: number): void {
    this.sinceLast += bytes;
    if (this.sinceLast < this.everyBytes) return;
    this.sinceLast = 0;
    getCollector()?.({ type: 'minor' });
  }
}
