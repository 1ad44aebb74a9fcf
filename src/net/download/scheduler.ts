/**
 * Which bytes each connection fetches next. Connections claim the lowest missing piece (so the
 * file fills from the front and the running hash keeps up); when nothing is left to claim, an idle
 * connection takes the second half of the biggest piece still in flight, so one slow connection
 * cannot hold up the end of a download.
 */
import type { RangeSet } from './ranges.js';

/** A piece one connection is fetching: bytes [pos, end) are still to come; `end` may shrink when stolen from. */
export interface Claim {
  readonly start: number;
  /** Next byte to write. */
  pos: number;
  /** End of the write in progress (bytes up to here are being written right now). */
  writing: number;
  /** One past the last byte of this claim. */
  end: number;
  /**
   * When its request was sent (ms, the scheduler's clock) and `pos` then: how fast the piece arrives
   * is measured from these, so a connection that stalls looks slower the longer it stalls.
   * Undefined: not measured (any piece may then be taken over).
   */
  asked?: { at: number; pos: number };
}

export interface SchedulerOptions {
  /** Never steal a remainder smaller than twice this (unless next() says otherwise). */
  minPiece: number;
  /** The clock of `Claim.asked` (ms); performance.now by default. */
  now?: () => number;
}

export class Scheduler {
  private readonly claims = new Set<Claim>();

  constructor(
    private readonly done: RangeSet,
    private readonly size: number,
    private readonly options: SchedulerOptions,
  ) {}

  /** Claims in flight. */
  get active(): number {
    return this.claims.size;
  }

  /** Bytes neither on disk nor claimed. */
  unclaimedBytes(): number {
    let n = 0;
    for (const [s, e] of this.free()) n += e - s;
    return n;
  }

  /** Claims exactly [start, end) (the first request of a download, already answered). */
  claimExact(start: number, end: number): Claim {
    const claim: Claim = { start, pos: start, writing: start, end };
    this.claims.add(claim);
    return claim;
  }

  /**
   * The next piece for a connection, at most `chunk` bytes; undefined when there is nothing left
   * to do. When only pieces in flight are left, half of the biggest is taken if that half is at
   * least `minSteal` bytes (worth a new request) and its connection, asked at least
   * `minStealSeconds` ago, would need at least as long again for the rest at the rate it has
   * delivered since (a fast one has most of it in flight already: taking it over would fetch those
   * bytes twice; so may one asked just now).
   */
  next(chunk: number, minSteal = this.options.minPiece, minStealSeconds = 0): Claim | undefined {
    const first = this.free()[0];
    if (first) return this.claimExact(first[0], Math.min(first[1], first[0] + Math.max(1, chunk)));
    return this.steal(minSteal, minStealSeconds);
  }

  /** Gives a claim back; whatever it did not write becomes free again. */
  release(claim: Claim): void {
    this.claims.delete(claim);
  }

  /** Missing byte ranges nobody has claimed, in order. */
  private free(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const inFlight = [...this.claims].filter((c) => c.end > c.pos).sort((a, b) => a.pos - b.pos);
    for (const [gs, ge] of this.done.gaps(this.size)) {
      let at = gs;
      for (const c of inFlight) {
        if (c.end <= at || c.pos >= ge) continue;
        if (c.pos > at) out.push([at, Math.min(c.pos, ge)]);
        at = Math.max(at, c.end);
        if (at >= ge) break;
      }
      if (at < ge) out.push([at, ge]);
    }
    return out;
  }

  private slowEnough(asked: { at: number; pos: number }, pos: number, left: number, minSeconds: number): boolean {
    const seconds = ((this.options.now?.() ?? performance.now()) - asked.at) / 1000;
    if (seconds < minSeconds) return false;
    const rate = (pos - asked.pos) / seconds;
    return rate === 0 || left / rate >= minSeconds;
  }

  private steal(minSteal: number, minStealSeconds: number): Claim | undefined {
    let victim: Claim | undefined;
    let most = 0;
    for (const c of this.claims) {
      const left = c.end - Math.max(c.pos, c.writing);
      if (c.asked && !this.slowEnough(c.asked, c.pos, left, minStealSeconds)) continue;
      if (left > most) {
        most = left;
        victim = c;
      }
    }
    if (!victim || most < 2 * minSteal) return undefined;
    const mid = Math.max(victim.pos, victim.writing) + Math.floor(most / 2);
    const end = victim.end;
    victim.end = mid;
    return this.claimExact(mid, end);
  }
}
