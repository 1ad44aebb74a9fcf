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

  it('takes over a piece only from a connection that would need long enough for the rest', () => {
    const done = new RangeSet();
    const s = new Scheduler(done, 4000, { minPiece: 100 });
    const waiting = s.next(1000)!;
    const fast = s.next(1000)!;
    const slow = s.next(2000)!;
    // 0: its first byte is still awaited, and all of it may be on its way already.
    waiting.rate = 0;
    // 1000 bytes left at 10000 B/s: 0.1 s, less than asked for.
    fast.rate = 10_000;
    // 2000 bytes left at 1000 B/s: 2 s.
    slow.rate = 1000;
    const taken = s.next(1000, 100, 0.5)!;
    expect([taken.start, taken.end]).toEqual([3000, 4000]);
    expect(slow.end).toBe(3000);
    // What is left: the three in flight, and the slow one's first half (2 s at its rate), not worth 5 s.
    taken.rate = 0;
    slow.rate = 500;
    expect(s.next(1000, 100, 5)).toBeUndefined();
  });
});
