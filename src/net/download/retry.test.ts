import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep } from './retry.js';

describe('backoff', () => {
  const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
  it('doubles per failure up to the cap, with jitter between half and all of it', () => {
    expect(backoffDelay(policy, 1, () => 1)).toBe(100);
    expect(backoffDelay(policy, 3, () => 1)).toBe(400);
    expect(backoffDelay(policy, 10, () => 1)).toBe(1000);
    expect(backoffDelay(policy, 3, () => 0)).toBe(200);
  });

  it('sleeps until aborted', async () => {
    const abort = new AbortController();
    const pending = sleep(10_000, abort.signal);
    abort.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
