/**
 * The streaming archive engine of backups: a folder tree → tar (tar-stream) → zstd (node:zlib) →
 * sha256 → `<file>.partial`, renamed only once complete; and back. Memory stays flat in the data
 * size: every stage is a stream with backpressure; only the per-file index (name → sha256) grows,
 * with the number of files. Entry names are `TOKEN/relative/path`; the last entry of every tree
 * archive is `.devbox-index.json`, the sha256 of every file, so a restore and `verify --deep` check
 * each file, not only the part.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, futimesSync, openSync, writeSync } from 'node:fs';
import { lstat, open, readdir, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import tar from 'tar-stream';
import { makeDirectory, makeDirectorySync } from '../make-directory.js';
import { Counter, discard, Gather, Reclaimer, Tap, zstdChunk, zstdCompress, zstdDecompress } from './streams.js';
import { t } from '../../i18n/catalogue.js';

/** Name of the index entry closing every tree archive. */
export const indexEntryName = '.devbox-index.json';

/** What was written: sizes, sha256 of the stored bytes, tar entries. */
export interface ArchiveFacts {
  bytes: number;
  rawBytes: number;
  sha256: string;
  entries: number;
}

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

async function atomicTarget<T>(target: string, write: (partial: string) => Promise<T>): Promise<T> {
  const partial = `${target}.partial`;
  try {
    const result = await write(partial);
    await rename(partial, target);
    return result;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * Archives folder trees into `target` (tar + zstd at `level`), written as `target.partial` and
 * renamed when complete. Symbolic links are stored as they are; the reader judges them.
 */
export async function packTrees(target: string, sources: readonly TreeSource[], level: number): Promise<ArchiveFacts> {
  return atomicTarget(target, async (partial) => {
    const pack = tar.pack();
    const raw = new Gather();
    const stored = new Tap();
    const written = pipeline(pack, raw, zstdCompress(level), stored, createWriteStream(partial));
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
              const hash = createHash('sha256');
              const sink = pack.entry({ name, type: 'file', size: e.size, mode: e.mode, mtime: e.mtime });
              // A read stream allocates its whole high-water mark for every read: 1 MiB per small file
              // made 20,000 files of 3 KiB take 19 s of CPU.
              const highWaterMark = Math.min(zstdChunk, Math.max(e.size, 16 * 1024));
              await pipeline(
                createReadStream(e.path, { highWaterMark }),
                new Transform({
                  transform(c: Buffer, _e, done) {
                    hash.update(c);
                    done(null, c);
                  },
                }),
                sink,
              );
              index[name] = hash.digest('hex');
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
      const raw = new Counter();
      const stored = new Tap();
      await pipeline(source, raw, zstdCompress(level), stored, createWriteStream(partial));
      return { bytes: stored.bytes, rawBytes: raw.bytes, sha256: stored.digest(), entries: 0 };
    }
    const raw = new Counter();
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
    await Promise.all([pipeline(source, raw, tee, zstdCompress(level), stored, createWriteStream(partial)), counted]);
    return { bytes: stored.bytes, rawBytes: raw.bytes, sha256: stored.digest(), entries };
  });
}

/** Writes bytes to `target` through `.partial` + rename; returns their facts. */
export async function writeBytes(target: string, bytes: Uint8Array): Promise<ArchiveFacts> {
  return atomicTarget(target, async (partial) => {
    const tap = new Tap();
    await pipeline(
      async function* () {
        yield Buffer.from(bytes);
      },
      tap,
      createWriteStream(partial),
    );
    return { bytes: tap.bytes, rawBytes: tap.bytes, sha256: tap.digest(), entries: 0 };
  });
}

/** A file's bytes as a stream. */
export function fileStream(path: string): Readable {
  return createReadStream(path, { highWaterMark: zstdChunk });
}

/** sha256 and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const tap = new Tap();
  await pipeline(createReadStream(path, { highWaterMark: zstdChunk }), tap, discard());
  return { bytes: tap.bytes, sha256: tap.digest() };
}

/** A stream of a part's decompressed tar (for `wsl --import … -`), from its file or its bytes. */
export function decompressedStream(source: string | Readable): Readable {
  const out = zstdDecompress();
  (typeof source === 'string' ? createReadStream(source, { highWaterMark: zstdChunk }) : source)
    .on('error', (e: Error) => out.destroy(e))
    .pipe(out);
  return out;
}

/** What an archive entry is, for `onEntry`. */
export interface EntryInfo {
  name: string;
  type: string;
  size: number;
  mode: number;
  mtime?: Date;
  linkname?: string;
}

/**
 * Receives one file's bytes, in order, synchronously: a restore writes each chunk with one
 * write(2) on the main thread while zstd decompresses the next chunk in libuv's pool, as `zstd -d
 * | tar -x` does in two processes (an asynchronous write per chunk made restoring 3× slower).
 */
export interface FileSink {
  write(chunk: Uint8Array): void;
  /** Every byte arrived: set the time, close. */
  close(): void;
  /** The read failed: close; the caller removes what was written. */
  abort(): void;
}

/** What reading an archive found. */
export interface ReadFacts {
  entries: number;
  /** Files whose content does not match the index (or that the index lacks). */
  mismatched: string[];
  hasIndex: boolean;
}

/** Hands an entry's chunks to `sink` as they come (hashing them on the way); resolves at its end. */
function drainEntry(entry: Readable, sink: FileSink | undefined, reclaimer: Reclaimer): Promise<string> {
  const hash = createHash('sha256');
  return new Promise<string>((resolve, reject) => {
    const fail = (error: Error) => {
      sink?.abort();
      reject(error);
    };
    entry.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      reclaimer.add(chunk.length);
      try {
        sink?.write(chunk);
      } catch (error) {
        entry.destroy(error as Error);
      }
    });
    entry.once('error', fail);
    entry.once('end', () => {
      try {
        sink?.close();
        resolve(hash.digest('hex'));
      } catch (error) {
        fail(error as Error);
      }
    });
  });
}

/**
 * Reads a tar+zstd archive from start to end, hashing every file against the closing index.
 * `onEntry` decides per entry: return a sink to receive a file's bytes, or undefined to skip.
 */
export async function readArchive(
  source: string | Readable,
  onEntry?: (entry: EntryInfo) => Promise<FileSink | undefined>,
): Promise<ReadFacts> {
  const parser = tar.extract();
  const input = typeof source === 'string' ? createReadStream(source, { highWaterMark: zstdChunk }) : source;
  const piped = pipeline(input, zstdDecompress(), parser);
  const seen: Record<string, string> = {};
  const reclaimer = new Reclaimer();
  let index: Record<string, string> | undefined;
  let entries = 0;
  const consume = (async () => {
    for await (const entry of parser) {
      const h = entry.header;
      if (h.name === indexEntryName) {
        const chunks: Buffer[] = [];
        for await (const c of entry) chunks.push(c as Buffer);
        try {
          index = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
        } catch {
          throw new Error('its closing index is damaged (not JSON)');
        }
        continue;
      }
      entries++;
      const info: EntryInfo = {
        name: h.name.replace(/\/$/, ''),
        type: h.type ?? 'file',
        size: h.size ?? 0,
        mode: h.mode ?? 0o644,
        ...(h.mtime ? { mtime: h.mtime } : {}),
        ...(h.linkname ? { linkname: h.linkname } : {}),
      };
      const sink = onEntry ? await onEntry(info) : undefined;
      const digest = await drainEntry(entry as unknown as Readable, sink, reclaimer);
      if (info.type === 'file') seen[info.name] = digest;
    }
  })();
  await Promise.all([piped, consume]);
  const mismatched = index ? Object.keys(seen).filter((n) => index![n] !== seen[n]) : [];
  return { entries, mismatched, hasIndex: index !== undefined };
}

/**
 * Runs `fill` (which adds the entries and finalizes) while `written` drains the pack; a failing fill
 * destroys the pack so the writer ends too, and its error is the one reported.
 */
async function fillPack(pack: tar.Pack, fill: () => Promise<void>, written: Promise<void>): Promise<void> {
  await Promise.all([
    fill().catch((error: unknown) => {
      pack.destroy(error as Error);
      throw error;
    }),
    written,
  ]);
}

/**
 * Writes a `.devbox-backup` container: a plain tar (readable with any tar) of manifest.json and
 * the part files, through `.partial` + rename.
 */
export async function writeContainer(
  target: string,
  manifest: Uint8Array,
  files: readonly { name: string; path: string }[],
): Promise<void> {
  await atomicTarget(target, async (partial) => {
    const pack = tar.pack();
    const written = pipeline(pack, createWriteStream(partial));
    const fill = async () => {
      pack.entry({ name: 'manifest.json', mode: 0o644 }, Buffer.from(manifest));
      for (const f of files) {
        const size = (await lstat(f.path)).size;
        await pipeline(
          createReadStream(f.path, { highWaterMark: zstdChunk }),
          pack.entry({ name: f.name, size, mode: 0o644 }),
        );
      }
      pack.finalize();
    };
    await fillPack(pack, fill, written);
  });
}

/** One member of a `.devbox-backup` container: its name and where its bytes are in the file. */
export interface ContainerMember {
  name: string;
  /** Byte offset of the member's data (after its header). */
  offset: number;
  size: number;
}

/** What scanning a container's tar headers found. */
export interface ContainerIndex {
  /** Members whose header and whole data are in the file, in order. */
  members: ContainerMember[];
  /** Why the scan stopped before the end-of-archive marker; `member` when its header was readable. */
  problem?: { member?: string; reason: string };
}

const block = 512;
// What devbox names its members (manifest.json, the parts): no folders, nothing that escapes.
const memberName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A tar number field: octal text, or GNU base-256 (high bit set) for sizes of 8 GiB and more. */
function tarNumber(field: Buffer): number | undefined {
  if (field[0]! & 0x80) {
    if (field[0] !== 0x80) return undefined;
    let n = 0;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i]!;
    return n;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
}

/** Checks one 512-byte header; returns the member's name and size, or why it is refused. */
function parseHeader(h: Buffer): { name: string; size: number } | { refused: string; name?: string } {
  let sum = 0;
  for (let i = 0; i < block; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  if (tarNumber(h.subarray(148, 156)) !== sum) return { refused: t('archive.headerChecksum') };
  if (h.toString('latin1', 257, 262) !== 'ustar') return { refused: t('archive.notUstar') };
  const cut = (from: number, to: number) => h.toString('utf8', from, to).replace(/\0.*$/s, '');
  const name = cut(345, 500) ? `${cut(345, 500)}/${cut(0, 100)}` : cut(0, 100);
  const type = String.fromCharCode(h[156]!);
  if (type !== '0' && type !== '\0') return { name, refused: t('archive.notPlain', { name: JSON.stringify(name) }) };
  if (!memberName.test(name)) return { name, refused: t('archive.badName', { name: JSON.stringify(name) }) };
  const size = tarNumber(h.subarray(124, 136));
  if (size === undefined) return { name, refused: t('archive.badSize', { name }) };
  return { name, size };
}

/**
 * Finds where each member of a `.devbox-backup` container is by reading its tar headers only (a
 * header per 512-byte block, the data padded to whole blocks: POSIX.1-1988 ustar), so a restore and
 * `verify` read the parts in place instead of unpacking them. tar-stream does not expose offsets.
 * Refuses (as `problem`, with the members before it) a damaged header, anything but a plain file, a
 * name devbox does not write, a name seen twice, and data past the end of the file.
 */
export async function scanContainer(path: string): Promise<ContainerIndex> {
  // Opening a FIFO or a device would block until a writer comes, or read forever.
  if (!(await stat(path)).isFile()) return { members: [], problem: { reason: t('archive.notAFile') } };
  const file = await open(path, 'r');
  try {
    const length = (await file.stat()).size;
    const members: ContainerMember[] = [];
    const header = Buffer.alloc(block);
    for (let at = 0; ;) {
      const { bytesRead } = await file.read(header, 0, block, at);
      if (bytesRead < block) return { members, problem: { reason: t('archive.endsEarly', { length }) } };
      if (header.every((b) => b === 0)) return { members };
      const parsed = parseHeader(header);
      if ('refused' in parsed)
        return { members, problem: { ...(parsed.name ? { member: parsed.name } : {}), reason: parsed.refused } };
      if (members.some((m) => m.name === parsed.name))
        return { members, problem: { member: parsed.name, reason: t('archive.twice', { name: parsed.name }) } };
      const offset = at + block;
      if (offset + parsed.size > length)
        return {
          members,
          problem: {
            member: parsed.name,
            reason: t('archive.truncatedMember', { bytes: Math.max(0, length - offset), size: parsed.size }),
          },
        };
      members.push({ name: parsed.name, offset, size: parsed.size });
      at = offset + Math.ceil(parsed.size / block) * block;
    }
  } finally {
    await file.close();
  }
}

/** A container member's bytes, read in place. */
export function memberStream(path: string, member: ContainerMember): Readable {
  if (member.size === 0) return Readable.from([]);
  return createReadStream(path, {
    start: member.offset,
    end: member.offset + member.size - 1,
    highWaterMark: zstdChunk,
  });
}

/** Creates what a restore writes: folders, files (through a write stream), symbolic links. */
export const restoreFs: {
  dir(path: string): Promise<void>;
  file(path: string, mode: number): Promise<Writable>;
  /** A file written chunk by chunk with write(2) (see FileSink); `mtime` is set before it closes. */
  sink(path: string, mode: number, mtime?: Date): Promise<FileSink>;
  symlink(path: string, target: string): Promise<void>;
  merge(from: string, to: string): Promise<void>;
} = {
  async dir(path: string): Promise<void> {
    await makeDirectory(path);
  },
  async file(path: string, mode: number): Promise<Writable> {
    await makeDirectory(join(path, '..'));
    return createWriteStream(path, { mode: mode & 0o777 });
  },
  async sink(path: string, mode: number, mtime?: Date): Promise<FileSink> {
    // Synchronous like the writes (an awaited call per entry is a pool round trip per file); the
    // folder exists already unless the archive lacks its entry.
    let fd: number;
    try {
      fd = openSync(path, 'w', mode & 0o777);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      makeDirectorySync(join(path, '..'));
      fd = openSync(path, 'w', mode & 0o777);
    }
    let open = true;
    const shut = () => {
      if (open) closeSync(fd);
      open = false;
    };
    return {
      write(chunk) {
        for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at);
      },
      close() {
        if (mtime) futimesSync(fd, mtime, mtime);
        shut();
      },
      abort: shut,
    };
  },
  async symlink(path: string, target: string): Promise<void> {
    await makeDirectory(join(path, '..'));
    await rm(path, { force: true, recursive: true });
    await symlink(target, path);
  },
  /** Moves everything under `from` into `to` (same volume: renames), replacing files of the same name. */
  async merge(from: string, to: string): Promise<void> {
    const names = await readdir(from).catch(() => [] as string[]);
    await makeDirectory(to);
    for (const name of names) {
      const source = join(from, name);
      const target = join(to, name);
      const [s, t] = await Promise.all([lstat(source), lstat(target).catch(() => undefined)]);
      if (s.isDirectory() && t?.isDirectory()) await restoreFs.merge(source, target);
      else {
        if (t) await rm(target, { recursive: true, force: true });
        await rename(source, target);
      }
    }
  },
};
