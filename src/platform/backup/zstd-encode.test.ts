import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FrameCompressor, type FrameOptions } from './zstd-encode.js';

const dir = mkdtempSync(join(tmpdir(), 'dbx-zstd-encode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text-like bytes (compress about 2:1) with an incompressible stretch. */
function sample(size: number): Buffer {
  const out = randomBytes(size);
  for (let i = 0; i < size; i++) if (i % 4096 < 3000) out[i] = 97 + (out[i]! & 7);
  return out;
}

/** Compresses `input` fed in chunks of `chunk` bytes; the output and the compressor's count. */
async function compress(input: Buffer, chunk: number, options: FrameOptions, level = 3) {
  const parts: Buffer[] = [];
  const compressor = new FrameCompressor(level, options);
  const feed = function* () {
    for (let at = 0; at < input.length; at += chunk) yield input.subarray(at, at + chunk);
  };
  await pipeline(
    Readable.from(feed()),
    compressor,
    new Writable({
      write(c: Buffer, _e, done) {
        parts.push(c);
        done();
      },
    }),
  );
  return { out: Buffer.concat(parts), bytes: compressor.bytes };
}

/** The zstd CLI's view of a stream: frames, and whether each passes its own check. */
function cli(bytes: Buffer): { frames: number; decoded: Buffer } {
  const file = join(dir, `${randomBytes(4).toString('hex')}.zst`);
  writeFileSync(file, bytes);
  const list = spawnSync('zstd', ['-lv', file], { encoding: 'utf8' });
  expect(list.status, list.stderr).toBe(0);
  const frames = Number(/# Zstandard Frames: (\d+)/.exec(list.stdout)?.[1]);
  const decoded = spawnSync('zstd', ['-d', '-c', file], { maxBuffer: 64 * 1024 * 1024 });
  expect(decoded.status, String(decoded.stderr)).toBe(0);
  return { frames, decoded: decoded.stdout };
}

const frame = 64 * 1024;

describe.skipIf(typeof zlib.createZstdCompress !== 'function')('FrameCompressor', () => {
  it.each([
    [0, 7],
    [1, 1],
    [frame - 1, 1000],
    [frame, frame],
    [frame + 1, 777],
    [3 * frame + 7, 100_000],
  ])('cuts %i bytes fed in chunks of %i into frames that the zstd CLI decodes back', async (size, chunk) => {
    const input = sample(size);
    const { out, bytes } = await compress(input, chunk, { frameInput: frame });
    expect(bytes).toBe(size);
    const seen = cli(out);
    // An empty input is still one (empty) frame: zero bytes are no zstd stream.
    expect(seen.frames).toBe(Math.max(1, Math.ceil(size / frame)));
    // (zstdDecompressSync is no judge: it can stop after the first of several small frames.)
    expect(seen.decoded.equals(input)).toBe(true);
  });

  it('writes the content size and a checksum in every frame header (RFC 8878 §3.1.1.1.1)', async () => {
    const input = sample(2 * frame);
    const { out } = await compress(input, 4096, { frameInput: frame });
    // Frames are independent: the first one alone is the first frame of both.
    const first = (await compress(input.subarray(0, frame), 4096, { frameInput: frame })).out;
    expect(out.subarray(0, first.length).equals(first)).toBe(true);
    for (const at of [0, first.length]) {
      expect(out.readUInt32LE(at)).toBe(0xfd2fb528);
      const descriptor = out[at + 4]!;
      expect(descriptor & 0x04, 'Content_Checksum_flag').toBe(0x04);
      expect(descriptor >> 6 !== 0 || (descriptor & 0x20) !== 0, 'a Frame_Content_Size field').toBe(true);
    }
  });

  it('writes the same bytes whatever the number of frames in flight', async () => {
    const input = sample(5 * frame + 99);
    const one = await compress(input, 10_000, { frameInput: frame, parallel: 1 });
    const two = await compress(input, 10_000, { frameInput: frame, parallel: 2 });
    const three = await compress(input, 10_000, { frameInput: frame, parallel: 3 });
    expect(two.out.equals(one.out)).toBe(true);
    expect(three.out.equals(one.out)).toBe(true);
  });

  it('compresses at the level asked', async () => {
    const input = sample(4 * frame);
    const fast = await compress(input, frame, { frameInput: frame }, 1);
    const strong = await compress(input, frame, { frameInput: frame }, 19);
    expect(strong.out.length).toBeLessThan(fast.out.length);
    expect(cli(strong.out).decoded.equals(input)).toBe(true);
  });

  it('ends with the error of a failing source, frames still on the pool or not', async () => {
    const compressor = new FrameCompressor(3, { frameInput: frame });
    const source = new Readable({
      read() {
        this.push(sample(frame));
        setImmediate(() => this.destroy(new Error('disk gone')));
      },
    });
    const sink = new Writable({ write: (_c, _e, done) => done() });
    await expect(pipeline(source, compressor, sink)).rejects.toThrow('disk gone');
  });
});
