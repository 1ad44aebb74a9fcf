import { describe, expect, it } from 'vitest';
import { RangeSet, parseContentLength, parseContentRange, parseUnsatisfiedRange } from './ranges.js';

describe('RangeSet', () => {
  it('merges overlapping and touching ranges and counts only new bytes', () => {
    const set = new RangeSet();
    expect(set.add(10, 20)).toBe(10);
    expect(set.add(30, 40)).toBe(10);
    expect(set.add(15, 35)).toBe(10);
    expect(set.toJSON()).toEqual([[10, 40]]);
    expect(set.add(40, 50)).toBe(10);
    expect(set.add(0, 5)).toBe(5);
    expect(set.toJSON()).toEqual([
      [0, 5],
      [10, 50],
    ]);
    expect(set.add(12, 13)).toBe(0);
    expect(set.add(5, 5)).toBe(0);
    expect(set.bytes).toBe(45);
  });

  it('answers gaps, coverage and contiguous runs', () => {
    const set = new RangeSet([
      [0, 10],
      [20, 30],
    ]);
    expect(set.gaps(40)).toEqual([
      [10, 20],
      [30, 40],
    ]);
    expect(set.gaps(25)).toEqual([[10, 20]]);
    expect(set.contiguousEnd(0)).toBe(10);
    expect(set.contiguousEnd(10)).toBe(10);
    expect(set.contiguousEnd(25)).toBe(30);
    expect(set.covers(10)).toBe(true);
    expect(set.covers(11)).toBe(false);
    expect(new RangeSet().covers(0)).toBe(true);
    set.truncate(25);
    expect(set.toJSON()).toEqual([
      [0, 10],
      [20, 25],
    ]);
  });
});

describe('range headers', () => {
  it('parses Content-Range', () => {
    expect(parseContentRange('bytes 0-99/1000')).toEqual({ start: 0, end: 100, total: 1000 });
    expect(parseContentRange('bytes 5-5/*')).toEqual({ start: 5, end: 6, total: undefined });
    expect(parseContentRange('bytes 10-5/100')).toBeUndefined();
    expect(parseContentRange('bytes 0-100/100')).toBeUndefined();
    expect(parseContentRange('items 0-1/2')).toBeUndefined();
    expect(parseContentRange(undefined)).toBeUndefined();
    expect(parseUnsatisfiedRange('bytes */0')).toBe(0);
    expect(parseUnsatisfiedRange('bytes 0-1/2')).toBeUndefined();
  });

  it('parses Content-Length strictly', () => {
    expect(parseContentLength('123')).toBe(123);
    expect(parseContentLength(['7', '8'])).toBe(7);
    expect(parseContentLength('12a')).toBeUndefined();
    expect(parseContentLength('-1')).toBeUndefined();
    expect(parseContentLength(undefined)).toBeUndefined();
  });
});
