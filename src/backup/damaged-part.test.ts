/**
 * A damaged tar+zstd part of several frames, as `backup verify` (plain and `--deep`) and a restore
 * name it: `--deep` never says less than plain verify (the size, then the sha256 come first), says
 * what zstd or the tar parser found when the bytes are the recorded ones, and a restore names the
 * part as damaged (exit 4), writing nothing.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import * as archive from '../platform/backup/archive.js';
import { createBackupMachine } from '../platform/backup/machine.js';
import { frameInput } from '../platform/backup/zstd-encode.js';
import type { BackupDeps } from './deps.js';
import { manifestFileName, type BackupManifest, type BackupPart } from './format.js';
import { extractTree, partError } from './restore-files.js';
import { ArchiveFormatError, PartReadError } from '../engine/ports/backup.js';
import { verifyBackup } from './verify.js';

const MiB = 1024 * 1024;

/** Where each frame of devbox's zstd parts starts (RFC 8878 §3.1.1; read here without the decoder). */
function frameStarts(b: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.length;) {
    out.push(i);
    const fhd = b[i + 4]!;
    const single = (fhd >> 5) & 1;
    let j = i + 5 + (single ? 0 : 1) + [0, 1, 2, 4][fhd & 3]! + [single, 2, 4, 8][fhd >> 6]!;
    for (let last = false; !last;) {
      const word = b[j]! | (b[j + 1]! << 8) | (b[j + 2]! << 16);
      j += 3 + (((word >> 1) & 3) === 1 ? 1 : word >>> 3);
      last = (word & 1) === 1;
    }
    i = j + (fhd & 4 ? 4 : 0);
  }
  return out;
}

describe('a damaged part in several frames', { timeout: 60_000 }, () => {
  const deps = { archive, machine: createBackupMachine({}) } as unknown as BackupDeps;
  const dir = mkdtempSync(join(tmpdir(), 'dbx-damaged-part-'));
  const file = join(dir, 'scoop-persist.tar.zst');
  let good: Buffer;
  let part: BackupPart;
  const record = (p: BackupPart) => {
    const manifest: BackupManifest = {
      schema: 1,
      devboxVersion: 'test',
      createdAt: '2026-01-01T00:00:00Z',
      source: { windowsBuild: null, wslVersion: null, user: null, roots: {} },
      parts: [p],
      notes: [],
    };
    writeFileSync(join(dir, manifestFileName), JSON.stringify(manifest));
  };
  /** The part's problem from plain verify and from --deep. */
  const problems = async () =>
    Promise.all([false, true].map(async (deep) => (await verifyBackup(deps, dir, { deep })).parts[0]!.problem));

  beforeAll(async () => {
    setLocale('en');
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    // Random bytes do not compress: four frames' worth is four frames (and the tar's tail), about as large on disk.
    for (let i = 0; i < 4; i++) writeFileSync(join(tree, `f${i}.bin`), randomBytes(frameInput));
    const facts = await archive.packTrees(file, [{ token: 'SCOOP', dir: tree }], 3);
    part = {
      kind: 'scoop',
      role: 'persist',
      file: 'scoop-persist.tar.zst',
      zstdLevel: 3,
      encoding: 'tar+zstd',
      meta: {},
      ...facts,
    };
    good = readFileSync(file);
    expect(frameStarts(good).length).toBeGreaterThanOrEqual(4);
  });
  beforeEach(() => {
    rmSync(file, { recursive: true, force: true });
    writeFileSync(file, good);
    record(part);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('whole: passes', async () => {
    expect(await problems()).toEqual([undefined, undefined]);
  });

  it('a flipped byte in the first or the last frame: its sha256 differs, plain and deep', async () => {
    for (const at of [MiB, good.length - 100]) {
      const bytes = Buffer.from(good);
      bytes[at]! ^= 0xff;
      writeFileSync(file, bytes);
      const [plain, deep] = await problems();
      expect(plain).toMatch(/^damaged: its sha256 differs/);
      expect(deep).toBe(plain);
    }
  });

  it('cut in its second frame, or missing its second frame: truncated, with the bytes there', async () => {
    const starts = frameStarts(good);
    const missing = Buffer.concat([good.subarray(0, starts[1]), good.subarray(starts[2]!)]);
    for (const bytes of [good.subarray(0, frameInput * 1.5), missing]) {
      writeFileSync(file, bytes);
      expect(await problems()).toEqual(Array(2).fill(`truncated: ${bytes.length} of ${good.length} bytes`));
    }
  });

  it('a part that cannot be read (a folder in its place): cannot be read, plain and deep', async () => {
    rmSync(file);
    mkdirSync(file);
    expect(await problems()).toEqual(Array(2).fill(expect.stringMatching(/^cannot be read \(EISDIR/)));
  });

  it('the damaged bytes recorded as the part: --deep says what zstd found; a restore names the part, exit 4, writing nothing', async () => {
    const bytes = Buffer.from(good);
    bytes[MiB]! ^= 0xff;
    writeFileSync(file, bytes);
    record({ ...part, sha256: (await archive.hashFile(file)).sha256 });
    const [plain, deep] = await problems();
    expect(plain).toBeUndefined();
    expect(deep).toMatch(/^does not decompress or is not a tar \(.+\)$/);
    const target = join(dir, 'target');
    mkdirSync(target);
    await expect(extractTree(deps, part, file, { SCOOP: target })).rejects.toMatchObject({
      exitCode: 4,
      code: 'backup.damaged',
      message: expect.stringMatching(/^scoop-persist\.tar\.zst: does not decompress or is not a tar \(.+\)$/),
    });
    expect(readdirSync(target)).toEqual([]);
  });

  it("the damaged bytes recorded: the stream `wsl --import` reads fails as the archive's fault, named as the part", async () => {
    const bytes = Buffer.from(good);
    bytes[MiB]! ^= 0xff;
    writeFileSync(file, bytes);
    const failure = await new Promise<unknown>((resolve) =>
      archive
        .decompressedStream(file)
        .on('error', resolve)
        .on('end', () => resolve(undefined))
        .resume(),
    );
    expect(failure).toBeInstanceOf(ArchiveFormatError);
    expect(partError(part, failure)).toMatchObject({
      exitCode: 4,
      message: expect.stringMatching(/^scoop-persist\.tar\.zst: does not decompress or is not a tar \(.+\)$/),
    });
    // A VHDX is not a tar: its part is named for what zstd found only.
    expect(partError({ ...part, kind: 'distro', role: 'vhd', file: 'distro.vhdx.zst' }, failure)).toMatchObject({
      message: expect.stringMatching(/^distro\.vhdx\.zst: does not decompress \(.+\)$/),
    });
    // A read error of the file itself is not the archive's: the part is named unreadable, with the system's error.
    rmSync(file);
    mkdirSync(file);
    const unreadable = await new Promise<unknown>((resolve) =>
      archive.decompressedStream(file).on('error', resolve).resume(),
    );
    expect(unreadable).toBeInstanceOf(PartReadError);
    expect(((unreadable as Error).cause as NodeJS.ErrnoException).code).toBe('EISDIR');
    expect(partError(part, unreadable)).toMatchObject({
      exitCode: 4,
      message: expect.stringMatching(/^scoop-persist\.tar\.zst: cannot be read \(EISDIR: .+\)$/),
    });
  });

  it('a part gone since it was verified (a folder in its place): a restore names it unreadable, exit 4; nothing stays', async () => {
    rmSync(file);
    mkdirSync(file);
    const target = join(dir, 'gone');
    mkdirSync(target);
    await expect(extractTree(deps, part, file, { SCOOP: target })).rejects.toMatchObject({
      exitCode: 4,
      message: expect.stringMatching(/^scoop-persist\.tar\.zst: cannot be read \(EISDIR: .+\)$/),
    });
    expect(readdirSync(target)).toEqual([]);
  });

  it('a whole part onto a disk that fills up: the disk is named, exit 7, not the backup; nothing stays', async () => {
    const target = join(dir, 'full-disk');
    mkdirSync(target);
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const real = archive.restoreFs;
    const diskFull = {
      ...deps,
      archive: {
        ...archive,
        restoreFs: {
          ...real,
          sink: async (path: string, mode: number) => ({
            ...(await real.sink(path, mode)),
            write: () => {
              throw full;
            },
          }),
        },
      },
    } as unknown as BackupDeps;
    await expect(extractTree(diskFull, part, file, { SCOOP: target })).rejects.toMatchObject({
      exitCode: 7,
      code: 'restore.space',
      message: expect.stringMatching(/^scoop-persist\.tar\.zst: the disk it is restored to is full \(ENOSPC/),
    });
    expect(readdirSync(target)).toEqual([]);
  });

  it("a named pipe in the part's place, or manifest.json a pipe or a link to /dev/zero: named at once, nothing hangs", async () => {
    rmSync(file);
    execFileSync('mkfifo', [file]);
    expect(await problems()).toEqual(Array(2).fill('scoop-persist.tar.zst is a named pipe, not a plain file'));
    const manifest = join(dir, manifestFileName);
    try {
      for (const [make, what] of [
        [() => execFileSync('mkfifo', [manifest]), 'a named pipe'],
        [() => symlinkSync('/dev/zero', manifest), 'a character device'],
      ] as const) {
        rmSync(manifest);
        make();
        await expect(verifyBackup(deps, dir, { deep: false })).rejects.toMatchObject({
          exitCode: 4,
          message: expect.stringContaining(`manifest.json is ${what}, not a plain file`),
        });
      }
    } finally {
      rmSync(manifest, { force: true });
    }
  });
});
