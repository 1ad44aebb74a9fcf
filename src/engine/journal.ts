/**
 * The journal: an append-only JSONL record of runs and of every change devbox made, written after
 * each step. `--resume` reads it to continue a run that was interrupted (a crash, a signal, a reboot).
 */
import type { Journal, JournalEntry, RunOptions } from './ports/journal.js';

export type { Journal, JournalEntry, RunOptions } from './ports/journal.js';

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
  const starts = entries.filter(
    (e): e is Extract<JournalEntry, { type: 'run-start' }> => e.type === 'run-start' && e.command === 'up',
  );
  const last = starts[starts.length - 1];
  if (!last) return undefined;
  const end = entries.find(
    (e): e is Extract<JournalEntry, { type: 'run-end' }> => e.type === 'run-end' && e.run === last.run,
  );
  if (end?.status === 'ok') return undefined;
  const completed = entries
    .filter((e) => e.type === 'step-done' && e.run === last.run)
    .map((e) => (e as { id: string }).id);
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
