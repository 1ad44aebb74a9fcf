import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import * as archive from '../platform/backup/archive.js';
import { createBackupMachine } from '../platform/backup/machine.js';
import type { BackupDeps } from './deps.js';
import type { BackupManifest, BackupPart } from './format.js';
import { openParts } from './part-source.js';
import { DamagedPartError } from './restore-files.js';
import { checkBackupPath, parseBackupManifest, verifyBackup } from './verify.js';

/** A backup manifest of `parts` from a source that says nothing of itself. */
const manifestOf = (parts: BackupPart[]): BackupManifest => ({
  schema: 1,
  devboxVersion: 'test',
  createdAt: '2026-01-01T00:00:00Z',
  source: { windowsBuild: null, wslVersion: null, user: null, roots: {} },
  parts,
  notes: [],
});

describe('a path given as a backup that is not one: what it IS, and the fix that fits', () => {
  const machine = createBackupMachine({});
  const dir = mkdtempSync(join(tmpdir(), 'dbx-verify-path-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const refusal = (path: string) =>
    checkBackupPath(machine, path).then(
      () => undefined,
      (e: unknown) => e,
    );

  it('a character device or a named pipe: exit 2, saying which', async () => {
    expect(await refusal('/dev/zero')).toMatchObject({
      exitCode: 2,
      code: 'backup.not-regular',
      message: '/dev/zero is a character device, not a backup folder or a .devbox-backup file.',
    });
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(fifo)).toMatchObject({ exitCode: 2, message: expect.stringContaining('is a named pipe,') });
  });

  it('a folder without manifest.json and a file that is not a container: exit 2, no word of .partial', async () => {
    const folder = join(dir, 'photos');
    mkdirSync(folder);
    const noManifest = (await refusal(folder)) as { exitCode: number; message: string; suggestions: string[] };
    expect(noManifest).toMatchObject({
      exitCode: 2,
      message: `${folder} is a folder without manifest.json: not a backup folder.`,
    });
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'hello');
    const plain = (await refusal(file)) as { exitCode: number; message: string; suggestions: string[] };
    expect(plain).toMatchObject({ exitCode: 2, code: 'backup.not-container' });
    expect(plain.message).toBe(
      `${file} is a file that is not a .devbox-backup container (its name does not end in .devbox-backup).`,
    );
    expect(plain.suggestions.join()).not.toContain('.partial');
  });

  it('what an interrupted backup left (.partial, folder or file): exit 4, make a new backup', async () => {
    const folder = join(dir, 'today.partial');
    mkdirSync(folder);
    const file = join(dir, 'laptop.devbox-backup.partial');
    writeFileSync(file, 'x');
    for (const path of [folder, `${folder}/`, file])
      expect(await refusal(path)).toMatchObject({
        exitCode: 4,
        code: 'backup.partial',
        message: expect.stringContaining('is what an interrupted devbox backup left (.partial)'),
        suggestions: [expect.stringContaining('Make a new backup with devbox backup -o PATH')],
      });
  });

  it('the name a backup was meant to have, where only its .partial is: points at the .partial, exit 4', async () => {
    writeFileSync(join(dir, 'k1.devbox-backup.partial'), 'x');
    mkdirSync(join(dir, 'k2.partial'));
    for (const [path, partial] of [
      [join(dir, 'k1.devbox-backup'), join(dir, 'k1.devbox-backup.partial')],
      [join(dir, 'k2/'), join(dir, 'k2.partial')],
    ])
      expect(await refusal(path!)).toMatchObject({
        exitCode: 4,
        code: 'backup.partial',
        message: `${path} does not exist, but ${partial} does: an interrupted devbox backup left it, and it is not a complete backup.`,
      });
    expect(await refusal(join(dir, 'k3'))).toMatchObject({ exitCode: 2, code: 'backup.not-found' });
  });

  it('a .devbox-backup file that is not a tar: not a complete backup (exit 4), no .partial hint', async () => {
    const fake = join(dir, 'fake.devbox-backup');
    writeFileSync(fake, 'not a tar at all '.repeat(100));
    expect(await refusal(fake)).toBeUndefined();
    const deps = { archive, machine } as unknown as BackupDeps;
    const error = (await verifyBackup(deps, fake, { deep: false }).catch((e: unknown) => e)) as {
      exitCode: number;
      suggestions: string[];
    };
    expect(error.exitCode).toBe(4);
    expect(error.suggestions).toEqual([expect.stringContaining('damaged, or was not written by devbox backup')]);
  });
});

describe('a backup manifest that devbox cannot read', () => {
  const parse = (text: string) => () => parseBackupManifest('/b', Buffer.from(text));
  it('from a newer devbox: says so and how to update, exit 7', () => {
    expect(parse('{"schema":99,"parts":[]}')).toThrow(
      expect.objectContaining({
        message: '/b was written by a newer devbox (backup schema 99); this devbox reads schema 1.',
        exitCode: 7,
      }),
    );
  });
  it('not an object: names the root, exit 4', () => {
    expect(parse('[]')).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/does not match schema 1: \(root\): /), exitCode: 4 }),
    );
  });
  it('missing or damaged', () => {
    expect(() => parseBackupManifest('/b', undefined)).toThrow('manifest.json is missing');
    expect(parse('{')).toThrow('manifest.json is not valid JSON (damaged)');
  });
  it("words zod's own problems in zh-CN through zod's locale, and in English otherwise", () => {
    const bad = '{"schema":1,"devboxVersion":3}';
    try {
      setLocale('zh-CN');
      expect(parse('[]')).toThrow(expect.objectContaining({ message: expect.stringMatching(/：（根）：无效输入/) }));
      const zh = (() => {
        try {
          parse(bad)();
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(zh).toMatch(/devboxVersion：无效输入：期望 string，实际接收 数字$/);
      expect(zh).not.toMatch(/Invalid|expected|received/);
    } finally {
      setLocale('en');
    }
    expect(parse(bad)).toThrow(/devboxVersion: Invalid input: expected string, received number$/);
  });
});

describe('verify of a .devbox-backup container, read in place', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const deps = { archive, machine: createBackupMachine({}) } as unknown as BackupDeps;
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const bodies: Record<string, Buffer> = {
    'config.json': Buffer.from(JSON.stringify({ manifest: { distro: { name: 'Ubuntu' } }, pad: 'x'.repeat(3000) })),
    'scoop.json': Buffer.from(JSON.stringify({ apps: [], buckets: [] })),
  };
  const part = (file: string, kind: 'config' | 'scoop'): BackupPart => ({
    kind,
    role: kind === 'config' ? 'config' : 'export',
    file,
    bytes: bodies[file]!.length,
    rawBytes: bodies[file]!.length,
    sha256: sha(bodies[file]!),
    entries: 0,
    zstdLevel: null,
    encoding: 'json',
    meta: {},
  });
  const manifest = manifestOf([part('config.json', 'config'), part('scoop.json', 'scoop')]);
  async function container(extra: { name: string; path: string }[] = []): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'dbx13-verify-'));
    dirs.push(dir);
    for (const [name, body] of Object.entries(bodies)) writeFileSync(join(dir, name), body);
    const path = join(dir, 'b.devbox-backup');
    await archive.writeContainer(path, Buffer.from(JSON.stringify(manifest)), [
      ...Object.keys(bodies).map((name) => ({ name, path: join(dir, name) })),
      ...extra,
    ]);
    return path;
  }

  it('a whole container passes (deep too) and its parts read back in place', async () => {
    const path = await container();
    for (const deep of [false, true]) expect((await verifyBackup(deps, path, { deep })).ok).toBe(true);
    const parts = await openParts(deps, path);
    expect(parts.container).toBe(true);
    expect(await parts.read('scoop.json')).toEqual(bodies['scoop.json']);
    expect(await parts.read('nothing.json')).toBeUndefined();
    expect(() => parts.open('nothing.json')).toThrow(DamagedPartError);
  });

  it('truncated inside the first part: that part is named with the bytes there, the next one is missing', async () => {
    const path = await container();
    const first = (await archive.scanContainer(path)).members[1]!;
    truncateSync(path, first.offset + 100);
    const r = await verifyBackup(deps, path, { deep: false });
    expect(r.ok).toBe(false);
    expect(r.parts).toEqual([
      expect.objectContaining({
        file: 'config.json',
        ok: false,
        problem: `truncated container member: 100 of ${bodies['config.json']!.length} bytes`,
      }),
      expect.objectContaining({
        file: 'scoop.json',
        ok: false,
        problem: expect.stringMatching(/^missing from the container \(truncated container member/),
      }),
    ]);
  });

  it('a corrupted header: the parts from there on are named, the one before passes', async () => {
    const path = await container();
    const second = (await archive.scanContainer(path)).members[2]!;
    const bytes = readFileSync(path);
    bytes[second.offset - 512]! ^= 0x01;
    writeFileSync(path, bytes);
    const r = await verifyBackup(deps, path, { deep: false });
    expect(r.parts.map((p) => [p.file, p.ok, p.problem])).toEqual([
      ['config.json', true, undefined],
      ['scoop.json', false, 'missing from the container (its tar header is damaged (checksum))'],
    ]);
  });

  it('a part whose bytes differ is named; its size against the manifest comes first', async () => {
    const path = await container();
    const first = (await archive.scanContainer(path)).members[1]!;
    const bytes = readFileSync(path);
    bytes[first.offset + 10]! ^= 0x01;
    writeFileSync(path, bytes);
    const r = await verifyBackup(deps, path, { deep: false });
    expect(r.parts[0]).toMatchObject({ file: 'config.json', ok: false, problem: expect.stringMatching(/^damaged/) });
  });

  it('an extra member that manifest.json does not list: not a devbox backup (exit 4), naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbx13-verify-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'extra.bin'), 'surprise');
    const path = await container([{ name: 'extra.bin', path: join(dir, 'extra.bin') }]);
    await expect(verifyBackup(deps, path, { deep: false })).rejects.toMatchObject({
      exitCode: 4,
      message: `${path} is not a complete devbox backup: it holds extra.bin, which manifest.json does not list`,
    });
  });

  it('odd trailing data after whole parts (a member whose name escapes) is refused, exit 4', async () => {
    const path = await container();
    const index = await archive.scanContainer(path);
    const end = index.members.at(-1)!;
    const at = end.offset + Math.ceil(end.size / 512) * 512;
    const pack = tar.pack();
    pack.entry({ name: '../escape', type: 'file' }, 'x');
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    const bytes = readFileSync(path).subarray(0, at);
    writeFileSync(path, Buffer.concat([bytes, ...chunks]));
    await expect(verifyBackup(deps, path, { deep: false })).rejects.toMatchObject({
      exitCode: 4,
      message: expect.stringContaining('member name "../escape" is not one devbox writes'),
    });
  });

  it('a path that does not exist: "not found", exit 2', async () => {
    await expect(verifyBackup(deps, '/nonexistent/dbx13.devbox-backup', { deep: false })).rejects.toMatchObject({
      exitCode: 2,
      message: 'not found: /nonexistent/dbx13.devbox-backup',
    });
  });
});
