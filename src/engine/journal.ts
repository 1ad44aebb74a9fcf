/**
 * The journal: an append-only JSONL record of runs and of every change devbox made, written after
 * each step. `--resume` reads it to continue a run that was interrupted (a crash, a signal, a reboot).
 */
import type { Plane, PropertyChange } from './resource.js';

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

export type JournalEntry =
  | { type: 'run-start'; run: string; ts: string; command: string; manifestHash: string; options: RunOptions; resumeOf?: string; attempt: number }
  | { type: 'step-start'; run: string; ts: string; id: string; action: string }
  | { type: 'step-done'; run: string; ts: string; id: string; changes: PropertyChange[] }
  | { type: 'step-failed'; run: string; ts: string; id: string; error: string }
  /** Applied, but only a restart of Windows completes it (e.g. an optional feature). */
  | { type: 'step-reboot'; run: string; ts: string; id: string; changes: PropertyChange[] }
  | { type: 'run-end'; run: string; ts: string; status: 'ok' | 'failed' | 'interrupted' | 'reboot-required'; reason?: string };

/** Where journal entries go. The platform supplies a file-backed one; tests use memory. */
export interface Journal {
  append(entry: JournalEntry): Promise<void>;
  readAll(): Promise<JournalEntry[]>;
}

/** A journal that keeps entries in memory: for dry runs (nothing is recorded on disk) and tests. */
export class MemoryJournal implements Journal {
  readonly entries: JournalEntry[] = [];
  async append(entry: JournalEntry): Promise<void> {
    this.entries.push(entry);
  }
  async readAll(): Promise<JournalEntry[]> {
    return [...this.entries];
  }
}

/** A run that did not finish successfully and can be resumed. */
export interface ResumableRun {
  run: string;
  options: RunOptions;
  manifestHash: string;
  /** How many times this run was already started (1 for the first run). */
  attempt: number;
  /** Root run id of the chain of resumes. */
  origin: string;
  completed: string[];
  status: 'failed' | 'interrupted' | 'reboot-required' | 'unfinished';
}

/** The last `up` run that did not end with status ok, if the most recent run is such a run. */
export function findResumableRun(entries: readonly JournalEntry[]): ResumableRun | undefined {
  const starts = entries.filter((e): e is Extract<JournalEntry, { type: 'run-start' }> => e.type === 'run-start' && e.command === 'up');
  const last = starts[starts.length - 1];
  if (!last) return undefined;
  const end = entries.find((e): e is Extract<JournalEntry, { type: 'run-end' }> => e.type === 'run-end' && e.run === last.run);
  if (end?.status === 'ok') return undefined;
  const completed = entries.filter((e) => e.type === 'step-done' && e.run === last.run).map((e) => (e as { id: string }).id);
  return {
    run: last.run,
    options: last.options,
    manifestHash: last.manifestHash,
    attempt: last.attempt,
    origin: last.resumeOf ?? last.run,
    completed,
    status: end ? end.status : 'unfinished',
  };
}
