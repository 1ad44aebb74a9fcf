import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zstdDecompress } from './streams.js';

const MiB = 1024 * 1024;

/** Bytes that compress about 2:1, different for every seed. */
function data(size: number, seed = 0): Buffer {
  const raw = randomBytes(size);
  for (let i = 0; i < size; i++) raw[i] = 97 + (raw[i]! & 0x0f);
  for (let i = 0; i + 2112 < size; i += 4096) raw.fill(seed & 0xff, i + 2048, i + 2112);
  return raw;
}

/** The zstd CLI's frame of `input`, with Frame_Content_Size and a checksum. */
const cli = (input: Buffer, ...args: string[]) => cliStreamed(input, `--stream-size=${input.length}`, ...args);
/** The zstd CLI's frame of `input` read from a pipe: no Frame_Content_Size, so it is streamed. */
const cliStreamed = (input: Buffer, ...args: string[]) =>
  execFileSync('zstd', ['-q', '-c', ...args, '-'], { input, maxBuffer: 256 * MiB });

/** A skippable frame (RFC 8878 §3.1.2) carrying `payload`. */
function skippable(payload: Buffer, nibble = 0x7): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(0x184d2a50 + nibble, 0);
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

/** A stream's compressed bytes split into chunks of `size` (the last shorter). */
function chunks(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

async function decode(bytes: Buffer, size = 777777): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks(bytes, size)), zstdDecompress(), async (source: AsyncIterable<Buffer>) => {
    for await (const c of source) out.push(c);
  });
  return Buffer.concat(out);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function expectSame(bytes: Buffer, want: Buffer, size?: number): Promise<void> {
  const got = await decode(bytes, size);
  expect(got.length).toBe(want.length);
  expect(sha(got)).toBe(sha(want));
}

/** Frames of varied sizes (6 MiB as the backup writer makes them, 4 MiB as it did, and smaller), and their content. */
const parts = [6 * MiB, 4 * MiB, 1000, 3 * MiB + 17, 0, 4 * MiB, 65536].map((n, i) => data(n, i));
const plain = Buffer.concat(parts);
const cliFrames = Buffer.concat(parts.map((p) => cli(p)));
const cliStreamedFrames = Buffer.concat(parts.map((p) => cliStreamed(p)));
const nodeFrames = Buffer.concat(parts.map((p) => zlib.zstdCompressSync(p)));

describe('zstd decoder: frames split at their headers and decoded in order', { timeout: 60_000 }, () => {
  it('decodes the zstd CLI’s concatenated frames, fed in odd chunk sizes', async () => {
    expect(cli(parts[0]!)[4]! >> 6).not.toBe(0); // Frame_Content_Size present: decoded whole
    for (const size of [1000, 777777, 4 * MiB]) await expectSame(cliFrames, plain, size);
  });

  it('decodes the zstd CLI’s frames without content size (streamed one after another)', async () => {
    expect(cliStreamed(parts[0]!)[4]! >> 6).toBe(0);
    for (const size of [1000, 777777, 4 * MiB]) await expectSame(cliStreamedFrames, plain, size);
    const mixed = Buffer.concat([cliStreamedFrames, nodeFrames, cliStreamedFrames]);
    await expectSame(mixed, Buffer.concat([plain, plain, plain]), 777777);
  });

  it('decodes 1-byte writes, across every header, block header and checksum', async () => {
    const small = [data(70000, 1), data(300, 2), data(200000, 3)];
    const framed = Buffer.concat([skippable(Buffer.from('x')), ...small.map((p) => cli(p))]);
    await expectSame(framed, Buffer.concat(small), 1);
  });

  it('decodes Node’s one-shot frames (content size in the header)', async () => {
    await expectSame(nodeFrames, plain, 1000);
  });

  it('skips skippable frames before, between and after frames, of any size', async () => {
    const bytes = Buffer.concat([
      skippable(Buffer.alloc(0), 0),
      cli(parts[0]!),
      skippable(randomBytes(3 * MiB), 0xf),
      cli(parts[2]!),
      skippable(Buffer.from('trailer')),
    ]);
    await expectSame(bytes, Buffer.concat([parts[0]!, parts[2]!]), 1000);
    await expectSame(bytes, Buffer.concat([parts[0]!, parts[2]!]), 4 * MiB);
  });

  it('decodes many tiny frames, including empty ones, in order', async () => {
    const tiny = Array.from({ length: 2000 }, (_, i) => Buffer.from(`${i % 7 === 0 ? '' : `frame ${i};`}`));
    const bytes = Buffer.concat(tiny.map((t) => zlib.zstdCompressSync(t)));
    await expectSame(bytes, Buffer.concat(tiny), 1000);
    await expectSame(bytes, Buffer.concat(tiny), 7);
  });

  it('decodes empty frames one after another, alone and before data', async () => {
    // A queue freed by frames of no bytes once stalled the decoder forever (fresh-eyes review).
    const empty = zlib.zstdCompressSync(Buffer.alloc(0));
    const tail = zlib.zstdCompressSync(parts[0]!);
    for (const n of [2, 3, 10]) {
      const empties = Buffer.concat(Array.from({ length: n }, () => empty));
      await expectSame(empties, Buffer.alloc(0), 777777);
      await expectSame(Buffer.concat([empties, tail]), parts[0]!, 1000);
    }
  });

  it('streams a big single frame without content size (what earlier devbox versions wrote)', async () => {
    const big = data(48 * MiB, 9);
    const compress = zlib.createZstdCompress();
    const out: Buffer[] = [];
    await pipeline(Readable.from(chunks(big, MiB)), compress, async (s: AsyncIterable<Buffer>) => {
      for await (const c of s) out.push(c);
    });
    const frame = Buffer.concat(out);
    expect(frame[4]! >> 6).toBe(0); // no Frame_Content_Size: the streamed path
    await expectSame(Buffer.concat([nodeFrames, frame, cliFrames]), Buffer.concat([plain, big, plain]), 777777);
  });

  it('streams frames of over 32 MiB of content; decodes incompressible ones (20 MiB compressed)', async () => {
    const big = data(40 * MiB, 4);
    const random = randomBytes(20 * MiB);
    const bytes = Buffer.concat([cli(parts[3]!), cli(big), zlib.zstdCompressSync(random), cli(parts[2]!)]);
    await expectSame(bytes, Buffer.concat([parts[3]!, big, random, parts[2]!]), 4 * MiB);
  });

  it('fails on empty input, as Node’s decompressor does', async () => {
    await expect(decode(Buffer.alloc(0))).rejects.toThrow(/empty/);
  });

  it('fails on a wrong magic, a reserved bit and a reserved block type', async () => {
    const frame = cli(parts[2]!, '--no-check');
    const bad = (at: number, value: number) => {
      const b = Buffer.concat([cli(parts[0]!), frame]);
      b[cli(parts[0]!).length + at] = value;
      return b;
    };
    await expect(decode(bad(0, 0x29))).rejects.toThrow(/no zstd frame at byte \d+ \(magic 0xfd2fb529\)/);
    await expect(decode(bad(4, frame[4]! | 0x08))).rejects.toThrow(/reserved bit/);
    const blockAt = 4 + 1 + (frame[4]! & 0x20 ? 0 : 1) + [frame[4]! & 0x20 ? 1 : 0, 2, 4, 8][frame[4]! >> 6]!;
    await expect(decode(bad(blockAt, frame[blockAt]! | 0x06))).rejects.toThrow(/reserved block type/);
  });

  it('fails on a damaged byte inside a frame (zstd’s checksum or corruption check)', async () => {
    const bigStreamed = cliStreamed(data(48 * MiB, 5));
    for (const bytes of [cliFrames, cliStreamedFrames, Buffer.concat([nodeFrames, bigStreamed])]) {
      const damaged = Buffer.from(bytes);
      const at = bytes.length - 5000;
      damaged[at] = damaged[at]! ^ 0x55;
      await expect(decode(damaged)).rejects.toThrow();
    }
  });

  it('fails on a stream cut inside a frame, never ending short', async () => {
    for (const [frames, first] of [
      [cliFrames, cli(parts[0]!).length],
      [cliStreamedFrames, cliStreamed(parts[0]!).length],
    ] as const) {
      for (const cut of [1, 3, 5, 9, first - 4, first - 1, first + 6, first + 1000, frames.length - 1]) {
        await expect(decode(frames.subarray(0, cut), 1000), `cut at ${cut}`).rejects.toThrow(/truncated/);
      }
    }
    const streamed = cli(data(40 * MiB, 6));
    await expect(decode(streamed.subarray(0, streamed.length - 2))).rejects.toThrow(/truncated/);
  });

  it('names 1-3 stray bytes after the last frame; the start of a magic number is a cut frame', async () => {
    for (const tail of [[0], [0, 0, 0], [0x28, 0xb6], [0x41, 0x2a, 0x4d]])
      await expect(decode(Buffer.concat([cliFrames, Buffer.from(tail)])), tail.join()).rejects.toThrow(
        `${tail.length} stray byte(s) after the last frame`,
      );
    for (const tail of [[0x28], [0x28, 0xb5, 0x2f], [0x5e, 0x2a]])
      await expect(decode(Buffer.concat([cliFrames, Buffer.from(tail)])), tail.join()).rejects.toThrow(/truncated/);
  });

  it('reads ahead a bounded amount while its reader waits', async () => {
    const frames = Array.from({ length: 40 }, (_, i) => zlib.zstdCompressSync(data(4 * MiB, i)));
    let read = 0;
    const source = Readable.from(
      (function* () {
        for (const f of frames)
          for (const c of chunks(f, MiB)) {
            read += c.length;
            yield c;
          }
      })(),
    );
    const decoder = zstdDecompress();
    source.pipe(decoder);
    await new Promise((r) => setTimeout(r, 1500));
    // Two frames decoded, one collected, and the buffers of the pipe: far from the 80 MiB given.
    expect(read).toBeLessThan(20 * MiB);
    expect(decoder.readableLength).toBeLessThanOrEqual(8 * MiB);
    decoder.destroy();
    source.destroy();
  });
});
