/**
 * `backup verify --deep` of a tree archive of several zstd frames: where the damage is decides
 * the words. A damaged frame stops the deep reader before the part's end, so the part is named as
 * not decompressing, not as "truncated" at the byte where the reading stopped.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import * as archive from '../platform/backup/archive.js';
import { createBackupMachine } from '../platform/backup/machine.js';
import type { BackupDeps } from './deps.js';
import { manifestFileName, type BackupManifest } from './format.js';
import { verifyBackup } from './verify.js';

describe('verify --deep of a part in several frames', { timeout: 60_000 }, () => {
  const deps = { archive, machine: createBackupMachine({}) } as unknown as BackupDeps;
  const dir = mkdtempSync(join(tmpdir(), 'dbx-verify-deep-'));
  const file = join(dir, 'scoop-persist.tar.zst');
  let good: Buffer;
  beforeAll(async () => {
    setLocale('en');
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    // Random bytes do not compress: 16 MiB is four frames of 4 MiB, and about 16 MiB on disk.
    for (let i = 0; i < 4; i++) writeFileSync(join(tree, `f${i}.bin`), randomBytes(4 * 1024 * 1024));
    const facts = await archive.packTrees(file, [{ token: 'SCOOP', dir: tree }], 3);
    const manifest: BackupManifest = {
      schema: 1,
      devboxVersion: 'test',
      createdAt: '2026-01-01T00:00:00Z',
      source: { windowsBuild: null, wslVersion: null, user: null, roots: {} },
      parts: [
        {
          kind: 'scoop',
          role: 'persist',
          file: 'scoop-persist.tar.zst',
          zstdLevel: 3,
          encoding: 'tar+zstd',
          meta: {},
          ...facts,
        },
      ],
      notes: [],
    };
    writeFileSync(join(dir, manifestFileName), JSON.stringify(manifest));
    good = readFileSync(file);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const problem = async () => (await verifyBackup(deps, dir, { deep: true })).parts[0]!.problem;

  it('whole: passes', async () => {
    expect(await problem()).toBeUndefined();
  });

  it('a flipped byte in the first frame: does not decompress (zstd says why), not "truncated"', async () => {
    const bytes = Buffer.from(good);
    bytes[1024 * 1024]! ^= 0xff;
    writeFileSync(file, bytes);
    expect(await problem()).toMatch(/^does not decompress or is not a tar \(.+\)$/);
  });

  it('cut in its second frame: truncated, with the bytes there', async () => {
    writeFileSync(file, good);
    truncateSync(file, 6 * 1024 * 1024);
    expect(await problem()).toBe(`truncated: ${6 * 1024 * 1024} of ${good.length} bytes`);
  });

  it('a flipped byte in the last frame, read to its end: its sha256 differs', async () => {
    const bytes = Buffer.from(good);
    bytes[bytes.length - 100]! ^= 0xff;
    writeFileSync(file, bytes);
    expect(await problem()).toMatch(/^damaged: its sha256 differs/);
  });
});
