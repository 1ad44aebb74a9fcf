/**
 * The journal port: an append-only record of runs and of every change devbox made, written after
 * each step. `--resume` reads it to continue a run that was interrupted (a crash, a signal, a
 * reboot). platform/state.ts keeps it as a JSONL file; engine/journal.ts has an in-memory one.
 */
import type { PropertyChange } from '../resource.js';
import type { Plane } from './context.js';

/** The options a run was started with, enough to start it again. */
export interface RunOptions {
  manifestRef: string;
  plane?: Plane;
  root?: string;
  only?: string[];
  skip?: string[];
  trustRemote?: boolean;
  /** `--reboot`: restart Windows by itself when a step needs a restart (kept for the resumed runs). */
  reboot?: boolean;
}

/**
 * One line of the journal. `run` is the run's UUID, `ts` an ISO 8601 UTC time, `id` a resource id
 * (`type[key]`). A run is `run-start`, then per changed step `step-start` and one of `step-done`,
 * `step-failed`, `step-reboot`, then `run-end` (absent when the process died).
 */
export type JournalEntry =
  | {
      type: 'run-start';
      run: string;
      ts: string;
      command: string;
      manifestHash: string;
      options: RunOptions;
      /** The first run of the chain this one resumes. */
      resumeOf?: string;
      /** 1 for a first run, n + 1 for the n-th resume. */
      attempt: number;
    }
  | { type: 'step-start'; run: string; ts: string; id: string; action: string }
  | { type: 'step-done'; run: string; ts: string; id: string; changes: PropertyChange[] }
  | { type: 'step-failed'; run: string; ts: string; id: string; error: string }
  /** Applied, but only a restart of Windows completes it (e.g. an optional feature). */
  | { type: 'step-reboot'; run: string; ts: string; id: string; changes: PropertyChange[] }
  | {
      type: 'run-end';
      run: string;
      ts: string;
      status: 'ok' | 'failed' | 'interrupted' | 'reboot-required';
      reason?: string;
    };

/** Where journal entries go. Appends are durable once the promise resolves. */
export interface Journal {
  append(entry: JournalEntry): Promise<void>;
  /** Every entry, oldest first; a torn last line (a crash mid-write) is left out. */
  readAll(): Promise<JournalEntry[]>;
}
