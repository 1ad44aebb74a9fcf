/**
 * Reading tree archives: zstd → tar → each file's bytes handed to a sink and hashed against the
 * archive's closing index; and the plain file streams the backup core reads parts with.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { ArchiveFormatError, PartReadError } from '../../engine/ports/backup.js';
import { discard, Reclaimer, Tap, zstdChunk, zstdDecompress } from './streams.js';
import { indexEntryName } from './tar-write.js';

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

/** A reader's failure as the core tells them apart: the source's read error, or the archive's fault. */
function readError(error: unknown, fromSource: boolean): Error {
  const message = (error as Error).message;
  return fromSource ? new PartReadError(message, { cause: error }) : new ArchiveFormatError(message, { cause: error });
}

/**
 * A stream of a part's decompressed tar (for `wsl --import … -`), from its file or its bytes. Bytes
 * zstd refuses fail it with an ArchiveFormatError, the source's read errors with a PartReadError.
 */
export function decompressedStream(source: string | Readable): Readable {
  const input = typeof source === 'string' ? createReadStream(source, { highWaterMark: zstdChunk }) : source;
  const decoder = zstdDecompress();
  const out = new PassThrough();
  let inputError: unknown;
  input.once('error', (e: Error) => {
    inputError = e;
    decoder.destroy(e);
  });
  decoder.once('error', (e: Error) => out.destroy(readError(e, e === inputError)));
  // A reader that stops early (the program it feeds exited) releases the file too.
  out.once('close', () => {
    decoder.destroy();
    input.destroy();
  });
  input.pipe(decoder).pipe(out);
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

/**
 * What readArchive checks as it reads. `files`: each file's sha256 against the archive's closing
 * index (`backup verify --deep`: is the archive whole inside). `stored`: the stored (compressed)
 * bytes' sha256, in ReadFacts.stored, and no file hashed: for a restore of a part whose sha256 was
 * verified, this proves the bytes decoded are the ones verified, and zstd's decoding is
 * deterministic, so the files are those the index lists, at 60% of the hashing (the bytes are
 * compressed). It runs on the main thread with the writes: a worker thread hashing copies of the
 * chunks measured slower (more CPU, 200 MiB RSS restoring 1.1 GiB).
 */
export type ReadCheck = 'files' | 'stored';

/** What reading an archive found. */
export interface ReadFacts {
  entries: number;
  /** Files whose content does not match the index (or that the index lacks); empty with `stored`. */
  mismatched: string[];
  hasIndex: boolean;
  /** With `stored`: the size (bytes) and sha256 of the stored bytes read. */
  stored?: { bytes: number; sha256: string };
}

/**
 * Hands an entry's chunks to `sink` as they come (hashing them on the way unless `hash` is
 * undefined); resolves at its end with the sha256 (or ''). What the sink throws (a full disk) goes
 * into `sinkErrors`: the parser then fails with it, and it is not the archive's fault.
 */
function drainEntry(
  entry: Readable,
  sink: FileSink | undefined,
  reclaimer: Reclaimer,
  sinkErrors: WeakSet<object>,
  hash: Hash | undefined,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const fail = (error: Error) => {
      sink?.abort();
      reject(error);
    };
    entry.on('data', (chunk: Buffer) => {
      hash?.update(chunk);
      reclaimer.add(chunk.length);
      try {
        sink?.write(chunk);
      } catch (error) {
        sinkErrors.add(error as Error);
        entry.destroy(error as Error);
      }
    });
    entry.once('error', fail);
    entry.once('end', () => {
      try {
        sink?.close();
        resolve(hash?.digest('hex') ?? '');
      } catch (error) {
        fail(error as Error);
      }
    });
  });
}

/**
 * Reads a tar+zstd archive from start to end, checking it as `check` says (ReadCheck).
 * `onEntry` decides per entry: return a sink to receive a file's bytes, or undefined to skip.
 * Throws ArchiveFormatError when zstd or the tar parser refuse the bytes or the index is not JSON,
 * PartReadError when the source cannot be read; what `onEntry` or a sink throws passes through.
 */
export async function readArchive(
  source: string | Readable,
  onEntry?: (entry: EntryInfo) => Promise<FileSink | undefined>,
  check: ReadCheck = 'files',
): Promise<ReadFacts> {
  const parser = tar.extract();
  const input = typeof source === 'string' ? createReadStream(source, { highWaterMark: zstdChunk }) : source;
  const decoder = zstdDecompress();
  const stored = check === 'stored' ? new Tap(false) : undefined;
  const piped = stored ? pipeline(input, stored, decoder, parser) : pipeline(input, decoder, parser);
  // The stream that fails first emits its error first; the pipeline then destroys the others with
  // the same error object, so only an error not seen from the input first is the archive's own.
  let inputError: unknown;
  let formatError: unknown;
  const sinkErrors = new WeakSet<object>();
  input.once('error', (e: Error) => (inputError ??= e));
  for (const stream of [decoder, parser])
    stream.once('error', (e: Error) => {
      if (e !== inputError && !sinkErrors.has(e)) formatError ??= e;
    });
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
          throw new ArchiveFormatError('its closing index is damaged (not JSON)');
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
      const hash = check === 'files' && info.type === 'file' ? createHash('sha256') : undefined;
      const digest = await drainEntry(entry as unknown as Readable, sink, reclaimer, sinkErrors, hash);
      if (hash) seen[info.name] = digest;
    }
  })();
  try {
    await Promise.all([piped, consume]);
  } catch (error) {
    const known = error !== undefined && (error === formatError || error === inputError);
    throw known ? readError(error, error === inputError) : error;
  }
  const mismatched = index ? Object.keys(seen).filter((n) => index![n] !== seen[n]) : [];
  return {
    entries,
    mismatched,
    hasIndex: index !== undefined,
    ...(stored ? { stored: { bytes: stored.bytes, sha256: stored.digest() } } : {}),
  };
}
