/**
 * Byte ranges: the set of bytes of a file already on disk (what a resumed download can skip), and
 * parsing of the HTTP headers that describe ranges. All ranges are half-open: [start, end).
 */

/** A half-open byte range [start, end). */
export type ByteRange = readonly [start: number, end: number];

/**
 * A set of byte offsets kept as sorted, disjoint, non-adjacent ranges. Small by construction: a
 * download has at most a few ranges per connection in flight.
 */
export class RangeSet {
  private ranges: Array<[number, number]> = [];

  constructor(initial: Iterable<ByteRange> = []) {
    for (const [start, end] of initial) this.add(start, end);
  }

  /** Adds [start, end); returns how many of those bytes were not in the set before. */
  add(start: number, end: number): number {
    if (!(end > start)) return 0;
    let added = end - start;
    const merged: Array<[number, number]> = [];
    let s = start;
    let e = end;
    for (const [rs, re] of this.ranges) {
      if (re < s || rs > e) {
        merged.push([rs, re]);
        continue;
      }
      // Overlapping or touching: count the overlap once, then absorb the range.
      added -= Math.max(0, Math.min(re, end) - Math.max(rs, start));
      s = Math.min(s, rs);
      e = Math.max(e, re);
    }
    merged.push([s, e]);
    merged.sort((a, b) => a[0] - b[0]);
    this.ranges = merged;
    return added;
  }

  /** Total bytes in the set. */
  get bytes(): number {
    return this.ranges.reduce((n, [s, e]) => n + (e - s), 0);
  }

  /** The end of the contiguous run of bytes starting at `offset`, or `offset` when it is not in the set. */
  contiguousEnd(offset: number): number {
    for (const [s, e] of this.ranges) if (s <= offset && offset < e) return e;
    return offset;
  }

  /** The ranges in [0, size) that are not in the set, in order. */
  gaps(size: number): ByteRange[] {
    const out: ByteRange[] = [];
    let at = 0;
    for (const [s, e] of this.ranges) {
      if (s >= size) break;
      if (s > at) out.push([at, s]);
      at = Math.max(at, e);
    }
    if (at < size) out.push([at, size]);
    return out;
  }

  /** True when every byte of [0, size) is in the set. */
  covers(size: number): boolean {
    return size === 0 || this.contiguousEnd(0) >= size;
  }

  /** Drops every byte at or beyond `size`. */
  truncate(size: number): void {
    this.ranges = this.ranges.filter(([s]) => s < size).map(([s, e]) => [s, Math.min(e, size)] as [number, number]);
  }

  clear(): void {
    this.ranges = [];
  }

  toJSON(): Array<[number, number]> {
    return this.ranges.map(([s, e]) => [s, e]);
  }
}

/** A parsed `Content-Range: bytes first-last/total` (total undefined for `*`). */
export interface ContentRange {
  /** First byte offset. */
  start: number;
  /** One past the last byte. */
  end: number;
  total: number | undefined;
}

/** Parses a Content-Range header of a 206 answer; undefined when it is missing or malformed. */
export function parseContentRange(header: string | undefined): ContentRange | undefined {
  const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const start = Number(m[1]);
  const last = Number(m[2]);
  const total = m[3] === '*' ? undefined : Number(m[3]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(last) || last < start) return undefined;
  if (total !== undefined && (!Number.isSafeInteger(total) || last >= total)) return undefined;
  return { start, end: last + 1, total };
}

/** The total size from a 416 answer's `Content-Range: bytes *\/total`. */
export function parseUnsatisfiedRange(header: string | undefined): number | undefined {
  const m = /^\s*bytes\s+\*\/(\d+)\s*$/i.exec(header ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Parses a Content-Length header; undefined when absent, NaN-free. */
export function parseContentLength(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}
