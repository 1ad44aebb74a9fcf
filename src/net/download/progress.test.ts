import { describe, expect, it } from 'vitest';
import { RateMeter, etaSeconds } from './progress.js';

describe('RateMeter', () => {
  it('measures over a sliding window, so a stall shows', () => {
    let now = 0;
    const meter = new RateMeter(1000, () => now);
    for (let i = 0; i < 10; i++) {
      now += 100;
      meter.add(1000);
    }
    expect(meter.rate()).toBeCloseTo(10_000, -2);
    now += 2000;
    meter.add(0);
    expect(meter.rate()).toBeLessThan(2000);
    expect(meter.bytes).toBe(10_000);
  });

  it('estimates time left only when it can', () => {
    expect(etaSeconds(1000, 100)).toBe(10);
    expect(etaSeconds(undefined, 100)).toBeUndefined();
    expect(etaSeconds(1000, 0)).toBeUndefined();
  });
});
