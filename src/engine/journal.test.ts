import { describe, expect, it } from 'vitest';
import { findResumableRun, type JournalEntry } from './journal.js';

const start = (run: string, attempt = 1, resumeOf?: string): JournalEntry => ({
  type: 'run-start',
  run,
  ts: 't',
  command: 'up',
  manifestHash: 'h',
  options: { manifestRef: 'm.yaml', plane: 'guest' },
  attempt,
  ...(resumeOf ? { resumeOf } : {}),
});
const end = (run: string, status: 'ok' | 'failed' | 'interrupted'): JournalEntry => ({
  type: 'run-end',
  run,
  ts: 't',
  status,
});
const done = (run: string, id: string): JournalEntry => ({ type: 'step-done', run, ts: 't', id, changes: [] });

describe('findResumableRun', () => {
  it('finds nothing when there was no run, or the last one finished ok', () => {
    expect(findResumableRun([])).toBeUndefined();
    expect(findResumableRun([start('a'), end('a', 'failed'), start('b'), end('b', 'ok')])).toBeUndefined();
  });

  it('finds a run that was killed (no end) with the steps it completed', () => {
    expect(findResumableRun([start('a'), end('a', 'ok'), start('b'), done('b', 'x[1]')])).toEqual({
      run: 'b',
      options: { manifestRef: 'm.yaml', plane: 'guest' },
      manifestHash: 'h',
      attempt: 1,
      origin: 'b',
      completed: ['x[1]'],
      status: 'unfinished',
    });
  });

  it('follows a chain of resumes back to its origin and counts attempts', () => {
    const found = findResumableRun([start('a'), end('a', 'failed'), start('b', 2, 'a'), end('b', 'interrupted')]);
    expect(found).toMatchObject({ run: 'b', origin: 'a', attempt: 2, status: 'interrupted' });
  });

  it('ignores runs of other commands', () => {
    expect(findResumableRun([{ ...start('a'), command: 'restore' } as JournalEntry])).toBeUndefined();
  });
});
