/**
 * The `.devbox-backup` container: a plain tar of manifest.json and the part files, written through
 * `.partial` + rename, and scanned header by header so its members are read in place.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { t } from '../../i18n/catalogue.js';
import { atomicTarget, fillPack } from './partial.js';
import { zstdChunk } from './streams.js';

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
