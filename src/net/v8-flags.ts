/**
 * The one place devbox changes V8's process-wide flags. Both changes are made lazily, once, by the
 * network code that needs them, and only affect code V8 compiles or exposes afterwards:
 *
 * - `--liftoff-only` and an endless `--wasm-tiering-budget` (keepWasmOnBaselineTier): undici parses
 *   HTTP/1 with llhttp compiled to WebAssembly, and V8 recompiles that module with its optimising tier
 *   in the background: for a CLI that costs about 0.5 s of CPU and 15–30 MiB of memory per run, and
 *   the process cannot exit before it ends. The baseline tier parses as fast as we can receive (the parser only delimits bodies, it
 *   does not copy them). Only WebAssembly compiled later is affected, i.e. undici's parser.
 * - `--semi-space-growth-factor=1` (keepYoungGenerationSmall, set by bin/run.js first of all, and
 *   the standalone executables' `execArgv`): V8 doubles its young generation each time many objects survive a scavenge, and
 *   loading a command's bundle then a download's first second grew it to 83 MiB of heap for 15 MiB
 *   of live objects (`net fetch`, Node 24, this 24 GiB machine).
 * - `--expose-gc` (gcCollector): a download's socket buffers live outside the JavaScript heap, and a
 *   young-generation collection every few MiB keeps memory flat (net/download/memory.ts); a
 *   backup's zstd and file chunks are the same kind of buffer (platform/backup/archive.ts). The
 *   collector is read from a fresh context, the way test runners reach it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let wasmTuned = false;

/** Keeps WebAssembly compiled from now on at V8's baseline tier (see above). Idempotent. */
export function keepWasmOnBaselineTier(): void {
  if (wasmTuned) return;
  wasmTuned = true;
  setFlagsFromString('--liftoff-only');
  // Set at run time, --liftoff-only alone no longer stops the tier-up on Node 24 (V8 13.6): heaptrack
  // showed Turboshaft compiling llhttp in the background, 15 MiB of compiler memory at the peak of a
  // download (30 MiB of malloc in all; 9.5 MiB with the flag given at start-up). A function tiers up
  // when its budget, read when a module is instantiated, runs out: one that never runs out keeps it
  // on the baseline tier (11.8 MiB at the peak).
  setFlagsFromString(`--wasm-tiering-budget=${2 ** 31 - 1}`);
}

/** The flag, also given to the standalone executables as their `execArgv` (scripts/dist.mjs). */
export const youngGenerationFlag = '--semi-space-growth-factor=1';

let youngKept = false;

/**
 * Stops the young generation from growing from now on: the flag is read each time V8 considers
 * growing it, unlike `--max-semi-space-size`, which is fixed when the heap is set up (so it must run
 * before the commands load: set in a download's first call it changed nothing). Measured with
 * `net fetch` of 64 MiB over 8 connections: peak RSS 129 → 107–111 MiB, no slower; five `manifest
 * validate` runs no slower either. Idempotent.
 */
export function keepYoungGenerationSmall(): void {
  if (youngKept) return;
  youngKept = true;
  setFlagsFromString(youngGenerationFlag);
}

/** V8's garbage collector as a function. */
export type GcCollector = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

let collector: GcCollector | undefined | null;

/** The collector, exposed once; undefined where V8 refuses. */
export function gcCollector(): GcCollector | undefined {
  if (collector === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collector = (runInNewContext('gc') as GcCollector | undefined) ?? null;
    } catch {
      collector = null;
    }
  }
  return collector ?? undefined;
}
