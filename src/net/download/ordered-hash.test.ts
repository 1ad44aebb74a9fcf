import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OrderedHash, hashWholeFile } from './ordered-hash.js';
import { RangeSet } from './ranges.js';

/** A file in memory that counts how many bytes were read back from it. */
class MemoryFile {
  readBack = 0;
  constructor(readonly data: Buffer) {}
  async read(into: Uint8Array, position: number, length: number): Promise<number> {
    const n = Math.max(0, Math.min(length, this.data.length - position));
    into.set(this.data.subarray(position, position + n));
    this.readBack += n;
    return n;
  }
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('OrderedHash', () => {
  it('hashes in-order bytes from memory and out-of-order bytes by reading them back', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 17);
    const file = new MemoryFile(data);
    const done = new RangeSet();
    const hash = new OrderedHash(file, done);
    const piece = 1024 * 1024;
    const write = (start: number, end: number) => {
      done.add(start, end);
      hash.onWritten(start, data.subarray(start, end));
    };
    write(0, piece);
    expect(hash.hashed).toBe(piece);
    expect(file.readBack).toBe(0);
    write(2 * piece, 3 * piece);
    write(piece, 2 * piece);
    write(3 * piece, data.length);
    expect(await hash.digest(data.length)).toBe(sha(data));
    expect(file.readBack).toBeLessThan(data.length);
  });

  it('starts over after reset, and refuses to digest bytes it has not seen', async () => {
    const data = randomBytes(1000);
    const done = new RangeSet();
    const hash = new OrderedHash(new MemoryFile(data), done);
    done.add(0, 500);
    hash.onWritten(0, data.subarray(0, 500));
    await hash.reset();
    done.clear();
    await expect(hash.digest(1000)).rejects.toThrow('hashed 0 bytes of 1000');
    done.add(0, 1000);
    expect(await hash.digest(1000)).toBe(sha(data));
  });

  it('hashes whole files', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 5);
    expect(await hashWholeFile(new MemoryFile(data), data.length)).toBe(sha(data));
  });
});
