import { describe, expect, it } from 'vitest';
import { RangeSet } from './ranges.js';
import { Scheduler } from './scheduler.js';

describe('Scheduler', () => {
  it('hands out the lowest missing pieces, skipping bytes on disk and pieces in flight', () => {
    const done = new RangeSet([[0, 100]]);
    const s = new Scheduler(done, 1000, { minPiece: 50 });
    const a = s.next(300)!;
    expect([a.start, a.end]).toEqual([100, 400]);
    const b = s.next(300)!;
    expect([b.start, b.end]).toEqual([400, 700]);
    s.release(a);
    // What a released claim did not write is free again, and comes first.
    const c = s.next(1000)!;
    expect([c.start, c.end]).toEqual([100, 400]);
    expect(s.unclaimedBytes()).toBe(300);
  });

  it('steals the second half of the biggest piece in flight when nothing is left, never what is being written', () => {
    const done = new RangeSet();
    const s = new Scheduler(done, 1000, { minPiece: 100 });
    const a = s.next(1000)!;
    done.add(0, 200);
    a.pos = 200;
    a.writing = 300;
    const b = s.next(1000)!;
    expect([b.start, b.end]).toEqual([650, 1000]);
    expect(a.end).toBe(650);
    // Remainders under twice the minimum piece are not worth a new request.
    done.add(0, 500);
    done.add(650, 900);
    a.pos = a.writing = 500;
    b.pos = b.writing = 900;
    expect(s.next(1000)).toBeUndefined();
  });
});
