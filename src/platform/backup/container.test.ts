import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { memberStream, scanContainer, writeContainer, type ContainerMember } from './archive.js';
import { setLocale } from '../../i18n/catalogue.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'dbx13-container-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function bytesOf(path: string, m: ContainerMember): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of memberStream(path, m)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A real container as devbox writes it: manifest.json, then parts of awkward sizes (0 to 1 MiB + 3 bytes). */
async function container(): Promise<{ path: string; parts: Record<string, Buffer> }> {
  const dir = temp();
  const parts: Record<string, Buffer> = {};
  const files: { name: string; path: string }[] = [];
  for (const size of [0, 1, 511, 512, 513, 1024 * 1024 + 3]) {
    const name = `part-${size}.bin`;
    const body = Buffer.alloc(size);
    for (let i = 0; i < size; i++) body[i] = (i * 7 + size) & 0xff;
    parts[name] = body;
    writeFileSync(join(dir, name), body);
    files.push({ name, path: join(dir, name) });
  }
  const path = join(dir, 'b.devbox-backup');
  await writeContainer(path, Buffer.from('{"schema":1}'), files);
  return { path, parts };
}

/** A tar written with tar-stream directly: what devbox never writes. */
async function handMade(path: string, entries: { name: string; type?: 'file' | 'directory'; body?: string }[]) {
  const pack = tar.pack();
  const done = pipeline(pack, createWriteStream(path));
  for (const e of entries) pack.entry({ name: e.name, type: e.type ?? 'file' }, e.body ?? '');
  pack.finalize();
  await done;
}

describe('scanContainer: parts found in place from the tar headers', () => {
  it('finds every member with its offset and size; each reads back byte for byte', async () => {
    const { path, parts } = await container();
    const index = await scanContainer(path);
    expect(index.problem).toBeUndefined();
    expect(index.members.map((m) => [m.name, m.size])).toEqual([
      ['manifest.json', 12],
      ...Object.entries(parts).map(([n, b]) => [n, b.length]),
    ]);
    expect(index.members[0]!.offset).toBe(512);
    expect((await bytesOf(path, index.members[0]!)).toString()).toBe('{"schema":1}');
    for (const m of index.members.slice(1)) {
      const got = await bytesOf(path, m);
      expect(createHash('sha256').update(got).digest('hex')).toBe(
        createHash('sha256').update(parts[m.name]!).digest('hex'),
      );
    }
  });

  it('truncated inside a part: the members before it, and the part it stopped in, with the bytes there', async () => {
    const { path } = await container();
    const whole = await scanContainer(path);
    const big = whole.members.at(-1)!;
    truncateSync(path, big.offset + 1000);
    const index = await scanContainer(path);
    expect(index.members.map((m) => m.name)).toEqual(whole.members.slice(0, -1).map((m) => m.name));
    expect(index.problem).toEqual({
      member: big.name,
      reason: `truncated container member: 1000 of ${big.size} bytes`,
    });
  });

  it('says why in the current language', async () => {
    const { path } = await container();
    const big = (await scanContainer(path)).members.at(-1)!;
    truncateSync(path, big.offset + 1000);
    setLocale('zh-CN');
    try {
      expect((await scanContainer(path)).problem?.reason).toBe(`容器成员不完整：只有 1000 字节，应为 ${big.size} 字节`);
    } finally {
      setLocale('en');
    }
  });

  it('truncated at a member boundary (no end blocks): says so, no member named', async () => {
    const { path } = await container();
    const whole = await scanContainer(path);
    const last = whole.members.at(-1)!;
    truncateSync(path, last.offset - 512);
    const index = await scanContainer(path);
    expect(index.members).toHaveLength(whole.members.length - 1);
    expect(index.problem).toEqual({ reason: `it ends at byte ${last.offset - 512} without tar's end` });
  });

  it('a corrupted header (one byte of a name): refused at that header by its checksum', async () => {
    const { path } = await container();
    const whole = await scanContainer(path);
    const third = whole.members[2]!;
    const bytes = readFileSync(path);
    bytes[third.offset - 512 + 3]! ^= 0x20;
    writeFileSync(path, bytes);
    const index = await scanContainer(path);
    expect(index.members).toEqual(whole.members.slice(0, 2));
    expect(index.problem).toEqual({ reason: 'its tar header is damaged (checksum)' });
  });

  it('a corrupted size field (checksum fixed up) that points past the end: truncated, naming the member', async () => {
    const { path } = await container();
    const whole = await scanContainer(path);
    const second = whole.members[1]!;
    const bytes = readFileSync(path);
    const h = second.offset - 512;
    bytes.write('77777777777\0', h + 124, 'latin1');
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : bytes[h + i]!;
    bytes.write(`${sum.toString(8).padStart(6, '0')}\0 `, h + 148, 'latin1');
    writeFileSync(path, bytes);
    const index = await scanContainer(path);
    expect(index.members.map((m) => m.name)).toEqual(['manifest.json']);
    expect(index.problem).toMatchObject({ member: second.name, reason: expect.stringMatching(/^truncated container/) });
  });

  it('refuses a name that escapes, a folder, and a name seen twice', async () => {
    const dir = temp();
    const cases: [Parameters<typeof handMade>[1], object][] = [
      [
        [
          { name: 'manifest.json', body: '{}' },
          { name: '../evil', body: 'x' },
        ],
        { member: '../evil', reason: 'member name "../evil" is not one devbox writes' },
      ],
      [
        [
          { name: 'manifest.json', body: '{}' },
          { name: '/etc/passwd', body: 'x' },
        ],
        { member: '/etc/passwd', reason: 'member name "/etc/passwd" is not one devbox writes' },
      ],
      [
        [
          { name: 'manifest.json', body: '{}' },
          { name: 'sub', type: 'directory' },
        ],
        { member: 'sub', reason: 'member "sub" is not a plain file' },
      ],
      [
        [
          { name: 'manifest.json', body: '{}' },
          { name: 'a.bin', body: 'x' },
          { name: 'a.bin', body: 'y' },
        ],
        { member: 'a.bin', reason: 'member a.bin appears twice' },
      ],
    ];
    for (const [i, [entries, problem]] of cases.entries()) {
      const path = join(dir, `${i}.devbox-backup`);
      await handMade(path, entries);
      const index = await scanContainer(path);
      expect(index.problem).toEqual(problem);
      expect(index.members[0]!.name).toBe('manifest.json');
    }
  });

  it('reads a GNU base-256 size field (members of 8 GiB and more)', async () => {
    const { path } = await container();
    const whole = await scanContainer(path);
    const bytes = readFileSync(path);
    const m = whole.members[2]!;
    const h = m.offset - 512;
    bytes.fill(0, h + 124, h + 136);
    bytes[h + 124] = 0x80;
    bytes[h + 135] = m.size;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : bytes[h + i]!;
    bytes.write(`${sum.toString(8).padStart(6, '0')}\0 `, h + 148, 'latin1');
    writeFileSync(path, bytes);
    expect(await scanContainer(path)).toEqual(whole);
    expect(statSync(path).size).toBeGreaterThan(m.offset);
  });
  it('refuses a pipe or a folder at once instead of waiting for a writer', async () => {
    const dir = temp();
    const fifo = join(dir, 'x.devbox-backup');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const path of [fifo, dir]) {
      const index = await scanContainer(path);
      expect(index.members).toEqual([]);
      expect(index.problem?.reason).toBe('it is not a regular file (a pipe, a device or a socket)');
    }
  });
});
