import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OffThreadHasher } from './hasher.js';

const sha256 = (parts: readonly Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest('hex');
};

describe('OffThreadHasher', () => {
  it('hashes interleaved streams of any chunk size, across the ring wrapping and past its size', async () => {
    const ringSize = 64 * 1024;
    const hasher = new OffThreadHasher(ringSize);
    const sizes = [0, 1, 511, 4096, 30_000, 70_000, 200_000, 13, 65_536, 1_500_000];
    const streams = [0, 1, 2].map(() => ({ id: hasher.open(), parts: [] as Buffer[] }));
    for (const [i, size] of sizes.entries()) {
      const stream = streams[i % streams.length]!;
      // A view into a larger buffer: only its own bytes may count.
      const backing = randomBytes(size + 64);
      const chunk = backing.subarray(32, 32 + size);
      stream.parts.push(Buffer.from(chunk));
      hasher.update(stream.id, chunk);
      if (hasher.full) await hasher.whenRoom();
    }
    const empty = hasher.open();
    hasher.close(empty);
    for (const s of streams) hasher.close(s.id);
    const digests = await hasher.finish();
    for (const s of streams) expect(digests.get(s.id)).toBe(sha256(s.parts));
    expect(digests.get(empty)).toBe(sha256([]));
  });

  it('gives the digests closed so far on settle and keeps hashing after it', async () => {
    const hasher = new OffThreadHasher();
    const a = hasher.open();
    hasher.update(a, Buffer.from('first'));
    hasher.close(a);
    expect((await hasher.settle()).get(a)).toBe(sha256([Buffer.from('first')]));
    const b = hasher.open();
    hasher.update(b, Buffer.from('second'));
    hasher.close(b);
    expect((await hasher.finish()).get(b)).toBe(sha256([Buffer.from('second')]));
  });

  it('refuses work once destroyed and rejects whoever waits', async () => {
    const hasher = new OffThreadHasher(64 * 1024);
    const id = hasher.open();
    hasher.update(id, randomBytes(40 * 1024));
    const waiting = hasher.full ? hasher.whenRoom() : hasher.settle();
    hasher.destroy();
    await expect(waiting).rejects.toThrow(/stopped/);
    expect(() => hasher.update(id, Buffer.from('x'))).toThrow(/stopped/);
  });
});
