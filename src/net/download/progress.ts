/**
 * Progress of a download for the UI: bytes so far, the rate over the last few seconds (so a stall
 * shows quickly), and the time left at that rate.
 */

/** One progress event. */
export interface DownloadProgress {
  /** The URL being downloaded from (the mirror in use). */
  url: string;
  /** Bytes on disk so far, including what a previous run left (resumed). */
  bytes: number;
  /** The file's size, when the server said. */
  total: number | undefined;
  /** Bytes that were already on disk when this run started. */
  resumedBytes: number;
  /** Bytes per second over the last few seconds. */
  rate: number;
  /** Seconds left at the current rate; undefined when the size or the rate is unknown. */
  etaSeconds: number | undefined;
  /** Connections transferring right now. */
  connections: number;
  /** True for the last event of a download. */
  done: boolean;
}

/** Measures the transfer rate over a sliding window. */
export class RateMeter {
  private readonly samples: Array<[time: number, bytes: number]> = [];
  private total = 0;

  constructor(
    private readonly windowMs = 5000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.samples.push([this.now(), 0]);
  }

  /** Counts `n` more bytes transferred. */
  add(n: number): void {
    this.total += n;
    const t = this.now();
    const last = this.samples[this.samples.length - 1]!;
    // One sample per 100 ms is plenty and keeps the window small.
    if (t - last[0] < 100) last[1] = this.total;
    else this.samples.push([t, this.total]);
    while (this.samples.length > 2 && t - this.samples[1]![0] > this.windowMs) this.samples.shift();
  }

  /** Bytes transferred since the meter started. */
  get bytes(): number {
    return this.total;
  }

  /** Bytes per second over the window (0 before anything arrived). */
  rate(): number {
    const t = this.now();
    const first = this.samples[0]!;
    const elapsed = t - first[0];
    if (elapsed <= 0) return 0;
    return ((this.total - first[1]) / elapsed) * 1000;
  }
}

/** Seconds left for `remaining` bytes at `rate`; undefined when it cannot be told. */
export function etaSeconds(remaining: number | undefined, rate: number): number | undefined {
  if (remaining === undefined || rate <= 0) return undefined;
  return Math.max(0, remaining / rate);
}
