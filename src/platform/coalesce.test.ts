import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.js';

describe('coalesce', () => {
  it('sends the calls of one turn as one request and gives each caller its own results', async () => {
    const requests: number[][] = [];
    const probe = coalesce(async (ops: number[]) => {
      requests.push(ops);
      return ops.map((n) => n * 10);
    });
    const [a, b, none] = await Promise.all([probe([1, 2]), probe([3]), probe([])]);
    expect(requests).toEqual([[1, 2, 3]]);
    expect([a, b, none]).toEqual([[10, 20], [30], []]);
    expect(await probe([4])).toEqual([40]);
    expect(requests).toHaveLength(2);
  });

  it("fails every caller of a request with that request's error", async () => {
    const probe = coalesce(async (): Promise<string[]> => {
      throw new Error('agent died');
    });
    const results = await Promise.allSettled([probe(['a']), probe(['b'])]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual([
      'agent died',
      'agent died',
    ]);
  });

  it('sends a read several callers make once, but never merges across a write', async () => {
    const requests: string[][] = [];
    const probe = coalesce(
      async (ops: string[]) => {
        requests.push(ops);
        return ops.map((op, i) => `${op}#${i}`);
      },
      { sameAs: (op) => (op.startsWith('read') ? op : undefined) },
    );
    const [a, b, c] = await Promise.all([
      probe(['read x', 'read y']),
      probe(['read x', 'write x', 'read x']),
      probe(['read y']),
    ]);
    expect(requests).toEqual([['read x', 'read y', 'write x', 'read x', 'read y']]);
    expect([a, b, c]).toEqual([['read x#0', 'read y#1'], ['read x#0', 'write x#2', 'read x#3'], ['read y#4']]);
  });
});
