/**
 * Writing tree archives: a folder tree → tar (tar-stream) → zstd frames (zstd-encode.ts) → sha256 →
 * `<file>.partial`, and compressing a tar stream from another program the same way.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import tar from 'tar-stream';
import { atomicTarget, fillPack, type ArchiveFacts } from './partial.js';
import { Reclaimer, Tap } from './streams.js';
import { FrameCompressor } from './zstd-encode.js';

/** Name of the index entry closing every tree archive. */
export const indexEntryName = '.devbox-index.json';

/** One folder to archive under a root token. */
export interface TreeSource {
  token: string;
  /** Local folder the token stands for. */
  dir: string;
  /** Sub-paths of `dir` to include (relative, `/`-separated); all of it when absent. */
  include?: readonly string[];
}

/** node:zlib's zstd (Node >= 22.15); missing on older Node, where backups cannot run. */
export function zstdAvailable(): boolean {
  return typeof (zlib as { createZstdCompress?: unknown }).createZstdCompress === 'function';
}

interface WalkEntry {
  rel: string;
  path: string;
  kind: 'file' | 'dir' | 'symlink';
  size: number;
  mode: number;
  mtime: Date;
}

async function* walk(dir: string, rel: string): AsyncGenerator<WalkEntry> {
  const st = await lstat(join(dir, rel));
  const base = { rel, path: join(dir, rel), mode: st.mode & 0o7777, mtime: st.mtime, size: 0 };
  if (st.isSymbolicLink()) {
    yield { ...base, kind: 'symlink' };
  } else if (st.isDirectory()) {
    if (rel !== '') yield { ...base, kind: 'dir' };
    const names = (await readdir(join(dir, rel))).sort();
    for (const name of names) yield* walk(dir, rel === '' ? name : `${rel}/${name}`);
  } else if (st.isFile()) {
    yield { ...base, kind: 'file', size: st.size };
  }
  // Sockets, fifos and devices are not part of an environment's files.
}

/**
 * Archives folder trees into `target` (tar + zstd at `level`), written as `target.partial` and
 * renamed when complete. Symbolic links are stored as they are; the reader judges them.
 */
export async function packTrees(target: string, sources: readonly TreeSource[], level: number): Promise<ArchiveFacts> {
  return atomicTarget(target, async (partial) => {
    const pack = tar.pack();
    const raw = new FrameCompressor(level);
    const stored = new Tap();
    const written = pipeline(pack, raw, stored, createWriteStream(partial));
    const index: Record<string, string> = {};
    // Each file leaves a few streams' garbage: counted as 64 KiB, so small files are collected too.
    const perFile = new Reclaimer();
    let entries = 0;
    const fill = async () => {
      for (const source of sources) {
        for (const root of source.include ?? ['']) {
          const exists = await lstat(join(source.dir, root)).then(
            () => true,
            () => false,
          );
          if (!exists) continue;
          for await (const e of walk(source.dir, root)) {
            const name = `${source.token}/${e.rel}`;
            entries++;
            if (e.kind === 'dir') pack.entry({ name: `${name}/`, type: 'directory', mode: e.mode, mtime: e.mtime });
            else if (e.kind === 'symlink')
              pack.entry({ name, type: 'symlink', linkname: await readlink(e.path), mtime: e.mtime });
            else {
              perFile.add(64 * 1024);
              index[name] = await packFile(
                pack,
                { name, type: 'file', size: e.size, mode: e.mode, mtime: e.mtime },
                e.path,
              );
            }
          }
        }
      }
      pack.entry({ name: indexEntryName, type: 'file', mode: 0o644 }, Buffer.from(JSON.stringify(index)));
      pack.finalize();
    };
    await fillPack(pack, fill, written);
    return { bytes: stored.bytes, rawBytes: raw.bytes, sha256: stored.digest(), entries };
  });
}

/**
 * Files up to this size are read whole and hashed in one call: a read stream and a hashing
 * transform per file cost about 0.6 ms of CPU (8,000 files of 1-3 KiB: 2.3-5.3 s of CPU against
 * 5.6-5.9 s). Larger ones stream: reading files of up to 256 KiB or 1 MiB whole saved no
 * measurable time on bench/backup (those runs' peak RSS rose too, with another change mixed in).
 */
const wholeFileBytes = 16 * 1024;

/**
 * Read size of larger files. The frame compressor copies what it gets into frames of its own, so
 * reads need not match zstd's jobs: 256 KiB reads lowered the peak RSS by 7 MiB against 1 MiB.
 */
const readChunk = 256 * 1024;

/** Adds one file to `pack`; returns the sha256 of its bytes. */
async function packFile(pack: tar.Pack, header: Parameters<tar.Pack['entry']>[0], path: string): Promise<string> {
  const hash = createHash('sha256');
  if (header.size! <= wholeFileBytes) {
    const bytes = await readFile(path);
    // Awaited until tar-stream took it (its callback waits for the pack's backpressure): a file
    // handed over without waiting would sit in the pack's queue, and the queue would grow.
    await new Promise<void>((resolve, reject) =>
      pack.entry({ ...header, size: bytes.length }, bytes, (error) => (error ? reject(error) : resolve())),
    );
    return hash.update(bytes).digest('hex');
  }
  const sink = pack.entry(header);
  // A read stream allocates its whole high-water mark for every read: 1 MiB per small file made
  // 20,000 files of 3 KiB take 19 s of CPU, and 1 MiB for files of 64-256 KiB raised the peak RSS.
  const highWaterMark = Math.min(readChunk, header.size!);
  await pipeline(
    createReadStream(path, { highWaterMark }),
    new Transform({
      transform(c: Buffer, _e, done) {
        hash.update(c);
        done(null, c);
      },
    }),
    sink,
  );
  return hash.digest('hex');
}

/**
 * Compresses a tar stream from another program (`wsl --export … -`) into `target`, counting its
 * entries on the way (a tar that does not parse fails the part).
 */
export async function compressTarStream(
  source: Readable,
  target: string,
  level: number,
  isTar = true,
): Promise<ArchiveFacts> {
  return atomicTarget(target, async (partial) => {
    if (!isTar) {
      const raw = new FrameCompressor(level);
      const stored = new Tap();
      await pipeline(source, raw, stored, createWriteStream(partial));
      return { bytes: stored.bytes, rawBytes: raw.bytes, sha256: stored.digest(), entries: 0 };
    }
    const raw = new FrameCompressor(level);
    const stored = new Tap();
    const parser = tar.extract();
    let entries = 0;
    const counted = (async () => {
      for await (const entry of parser) {
        entries++;
        entry.resume();
      }
    })();
    const tee = new Transform({
      transform(chunk: Buffer, _e, done) {
        if (parser.write(chunk)) done(null, chunk);
        else parser.once('drain', () => done(null, chunk));
      },
      flush(done) {
        (parser as unknown as { end(): void }).end();
        done();
      },
    });
    await Promise.all([pipeline(source, tee, raw, stored, createWriteStream(partial)), counted]);
    return { bytes: stored.bytes, rawBytes: raw.bytes, sha256: stored.digest(), entries };
  });
}
