import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { Blocks, zstdChunk } from './streams.js';
import { ZstdFileWriter } from './zstd-worker.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'dbx13-zstdw-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(typeof zlib.zstdDecompressSync !== 'function')('ZstdFileWriter', () => {
  it('writes one zstd frame of everything written, in order, with the sha256 and size of the file', async () => {
    const path = join(temp(), 'out.zst');
    // Chunks of every shape: tiny, exactly one block, more than one, slices of a larger buffer.
    const big = randomBytes(3 * zstdChunk + 123);
    const chunks = [Buffer.from('head'), big.subarray(0, zstdChunk), big.subarray(zstdChunk), Buffer.alloc(5000, 7)];
    const writer = new ZstdFileWriter(path, 3, 2);
    await pipeline(Readable.from(chunks), new Blocks(), writer);
    const facts = await writer.facts;
    const stored = readFileSync(path);
    expect(facts.bytes).toBe(stored.length);
    expect(facts.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
    expect(zlib.zstdDecompressSync(stored).equals(Buffer.concat(chunks))).toBe(true);
    // One frame: node's zstd decompression reads only the first frame of a file.
    expect(stored.readUInt32LE(0)).toBe(0xfd2fb528);
  });

  it('moves whole-buffer chunks and copies slices, leaving the caller’s slices intact', async () => {
    const path = join(temp(), 'out.zst');
    const whole = Buffer.from(new Uint8Array(1000).fill(1).buffer);
    const backing = Buffer.alloc(2000, 2);
    const slice = backing.subarray(500, 1500);
    const writer = new ZstdFileWriter(path, 1);
    await pipeline(Readable.from([whole, slice]), writer);
    expect(whole.length).toBe(0); // moved to the worker: detached here
    expect(backing.every((b) => b === 2)).toBe(true);
    const out = zlib.zstdDecompressSync(readFileSync(path));
    expect(out.length).toBe(2000);
    expect(out.subarray(0, 1000).every((b) => b === 1) && out.subarray(1000).every((b) => b === 2)).toBe(true);
  });

  it('fails with the file system’s error (code kept) when the file cannot be made', async () => {
    const path = join(temp(), 'missing', 'out.zst');
    const writer = new ZstdFileWriter(path, 3);
    await expect(pipeline(Readable.from([Buffer.alloc(10)]), writer)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(writer.facts).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops its worker and reports the error when the source fails midway', async () => {
    const path = join(temp(), 'out.zst');
    const writer = new ZstdFileWriter(path, 3);
    const source = Readable.from(
      (async function* () {
        yield randomBytes(2 * zstdChunk);
        throw new Error('source broke');
      })(),
    );
    await expect(pipeline(source, new Blocks(), writer)).rejects.toThrow('source broke');
    await expect(writer.facts).rejects.toThrow();
  });
});
