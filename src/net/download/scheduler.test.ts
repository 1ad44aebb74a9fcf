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
    let now = 0;
    const done = new RangeSet();
    const s = new Scheduler(done, 4000, { minPiece: 100, now: () => now });
    const fast = s.next(1000)!;
    const slow = s.next(1000)!;
    const stalled = s.next(2000)!;
    for (const c of [fast, slow, stalled]) c.asked = { at: 0, pos: c.pos };
    // Asked 0.1 s ago: all of each piece may be on its way.
    now = 100;
    expect(s.next(1000, 100, 0.5)).toBeUndefined();
    now = 1000;
    // 1 s after asking: 900 of 1000 bytes (0.1 s left), 300 of 1000 (2.3 s left), nothing of 2000.
    fast.pos += 900;
    done.add(0, fast.pos);
    slow.pos += 300;
    done.add(1000, slow.pos);
    const taken = s.next(1000, 100, 0.5)!;
    expect([taken.start, taken.end]).toEqual([3000, 4000]);
    expect(stalled.end).toBe(3000);
    taken.asked = { at: now, pos: taken.pos };
    // Then the stalled one again (1000 bytes left), then the slow one (700 left at 300 B/s); never the
    // fast one, nor a piece asked for just now.
    const second = s.next(1000, 100, 0.5)!;
    expect([second.start, second.end]).toEqual([2500, 3000]);
    second.asked = { at: now, pos: second.pos };
    const third = s.next(1000, 100, 0.5)!;
    expect([third.start, third.end]).toEqual([1650, 2000]);
    expect(fast.end).toBe(1000);
  });
});
