import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import * as zlib from 'node:zlib';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import * as archive from './archive.js';
import { createBackupMachine } from './machine.js';
import { extractTree, UnsafeArchiveError } from '../../backup/restore-files.js';
import type { BackupDeps } from '../../backup/deps.js';
import type { BackupPart } from '../../backup/format.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'dbx13-archive-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const deps = { archive, machine: createBackupMachine({}) } as unknown as BackupDeps;
const part = { file: 'p.tar.zst' } as BackupPart;

/** A hostile tar+zstd written with tar-stream directly (what devbox never writes). */
async function hostile(
  path: string,
  entries: { name: string; type?: 'file' | 'symlink' | 'link'; linkname?: string; body?: string }[],
): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, zlib.createZstdCompress(), createWriteStream(path));
  for (const e of entries)
    pack.entry({ name: e.name, type: e.type ?? 'file', ...(e.linkname ? { linkname: e.linkname } : {}) }, e.body ?? '');
  pack.finalize();
  await done;
}

describe.skipIf(!archive.zstdAvailable())('archive engine', () => {
  it('packs a tree with links, counts and hashes it, and restores it byte for byte', async () => {
    const src = temp();
    mkdirSync(join(src, 'persist', 'git'), { recursive: true });
    writeFileSync(join(src, 'persist', 'git', 'config'), 'x'.repeat(100_000));
    symlinkSync('config', join(src, 'persist', 'git', 'link'));
    const out = join(temp(), 'p.tar.zst');
    const facts = await archive.packTrees(out, [{ token: 'SCOOP', dir: src, include: ['persist'] }], 3);
    expect(facts.entries).toBe(4);
    expect(facts.rawBytes).toBeGreaterThan(100_000);
    expect(facts.bytes).toBeLessThan(10_000);
    expect(await archive.hashFile(out)).toEqual({ bytes: facts.bytes, sha256: facts.sha256 });
    const dest = temp();
    expect(await extractTree(deps, { ...part, sha256: facts.sha256 }, out, { SCOOP: dest })).toBe(1);
    expect(readFileSync(join(dest, 'persist', 'git', 'link'), 'utf8')).toBe('x'.repeat(100_000));
  });

  it('refuses a part replaced since it was verified (another valid archive), after reading it, and leaves nothing', async () => {
    const [a, b] = [temp(), temp()];
    writeFileSync(join(a, 'f'), 'the verified content');
    writeFileSync(join(b, 'f'), 'content put there later');
    const verified = await archive.packTrees(join(temp(), 'a.tar.zst'), [{ token: 'SCOOP', dir: a }], 3);
    const swapped = join(temp(), 'b.tar.zst');
    await archive.packTrees(swapped, [{ token: 'SCOOP', dir: b }], 3);
    const dest = temp();
    await expect(
      extractTree(deps, { ...part, sha256: verified.sha256 }, swapped, { SCOOP: dest }),
    ).rejects.toMatchObject({
      exitCode: 4,
      code: 'backup.damaged',
      message: expect.stringMatching(/^p\.tar\.zst: changed since it was verified/),
    });
    expect(readdirSync(dest)).toEqual([]);
  });

  it('packs files read whole and streamed (both sides of 256 KiB, empty, many small) in order, each in the index', async () => {
    const src = temp();
    const sizes = [0, 1, 256 * 1024, 256 * 1024 + 1, 3 * 1024 * 1024 + 7];
    for (const [i, size] of sizes.entries()) writeFileSync(join(src, `s${i}`), Buffer.alloc(size, 97 + i));
    for (let i = 0; i < 300; i++) writeFileSync(join(src, `m${String(i).padStart(3, '0')}`), `small ${i}`);
    const out = join(temp(), 'p.tar.zst');
    const facts = await archive.packTrees(out, [{ token: 'SCOOP', dir: src }], 3);
    expect(facts.entries).toBe(305);
    // Plain tools read it: zstd then tar list the entries in the walk's (sorted) order.
    const tarBytes = zlib.zstdDecompressSync(readFileSync(out));
    const names: string[] = [];
    const sizesSeen: Record<string, number> = {};
    const extract = tar.extract();
    extract.on('entry', (h, stream, next) => {
      names.push(h.name);
      sizesSeen[h.name] = h.size ?? 0;
      stream.on('end', next).resume();
    });
    await pipeline(Readable.from([tarBytes]), extract);
    expect(names.at(-1)).toBe(archive.indexEntryName);
    expect(names.slice(0, -1)).toEqual(names.slice(0, -1).toSorted());
    for (const [i, size] of sizes.entries()) expect(sizesSeen[`SCOOP/s${i}`]).toBe(size);
    const dest = temp();
    expect(await extractTree(deps, { ...part, sha256: facts.sha256 }, out, { SCOOP: dest })).toBe(305);
    for (const [i, size] of sizes.entries())
      expect(readFileSync(join(dest, `s${i}`)).equals(Buffer.alloc(size, 97 + i))).toBe(true);
    expect(readFileSync(join(dest, 'm299'), 'utf8')).toBe('small 299');
  });

  it.each([
    ['a .. path', [{ name: 'SCOOP/../../etc/evil' }]],
    ['an absolute path', [{ name: '/tmp/evil' }]],
    [
      'a link out of its root',
      [
        { name: 'SCOOP/ok', body: 'fine' },
        { name: 'SCOOP/l', type: 'symlink' as const, linkname: '../../outside' },
      ],
    ],
    ['a hard link', [{ name: 'SCOOP/h', type: 'link' as const, linkname: 'SCOOP/ok' }]],
  ])('refuses %s and writes nothing', async (_what, entries) => {
    const file = join(temp(), 'bad.tar.zst');
    await hostile(file, entries);
    const dest = temp();
    await expect(extractTree(deps, part, file, { SCOOP: dest })).rejects.toBeInstanceOf(UnsafeArchiveError);
    expect(readdirSync(dest)).toEqual([]);
  });

  it('leaves only a .partial file when the source breaks mid-way', async () => {
    const out = join(temp(), 'd.tar.zst');
    const broken = new Readable({
      read() {
        this.destroy(new Error('export died'));
      },
    });
    await expect(archive.compressTarStream(broken, out, 3)).rejects.toThrow('export died');
    const { existsSync } = await import('node:fs');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});
