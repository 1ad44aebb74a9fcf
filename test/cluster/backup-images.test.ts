/**
 * `devbox backup --with-images` against the real Docker Engine: a tiny image made with `docker import`
 * (never pulled) is saved through devbox's platform implementation (createGuestDocker → `docker save`,
 * streamed through zstd into the part), removed from the engine, and loaded back from the part with
 * the same image id; `backup verify --deep` passes, and one flipped byte makes verify name the part.
 * A node image pinned by digest comes back from `docker load` untagged and without its digest: the
 * restore records its id, and cluster.image (through the real guest agent) finds it without pulling.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import {
  createKindCluster,
  ensureDocker,
  nodeImage,
  rigUnavailable,
  type DockerEngine,
  type KindCluster,
} from './rig/index.js';
import * as archive from '../../src/platform/backup/archive.js';
import { createBackupMachine } from '../../src/platform/backup/machine.js';
import { createGuestDocker } from '../../src/platform/backup/docker.js';
import type { BackupDeps } from '../../src/backup/deps.js';
import type { BackupManifest, BackupPart } from '../../src/backup/format.js';
import { backupImages, imagesFile, restoreImages } from '../../src/backup/images.js';
import { verifyBackup } from '../../src/backup/verify.js';
import { openParts } from '../../src/backup/part-source.js';
import { ExitCode } from '../../src/errors.js';
import { GuestRunner } from '../../src/platform/guest/runner.js';
import { localTransport } from '../../src/platform/guest/transports.js';
import { NodeProcessRunner } from '../../src/platform/process.js';
import type { ClusterDesired } from '../../src/resources/cluster/desired.js';
import { specDrift } from '../../src/resources/cluster/cluster.js';
import { imageResource, readKind, restoredImagesPath, withImage } from '../../src/resources/cluster/image.js';

const unavailable = missingPrerequisites('backup --with-images on Docker Engine', ['dockerd', 'tar']);

describe.runIf(!unavailable)('backup --with-images on the real Docker Engine', () => {
  const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const ref = `devbox-backup-images-${suffix}:1`;
  const work = mkdtempSync(join(tmpdir(), 'devbox-backup-images-'));
  const saved = { DOCKER_HOST: process.env.DOCKER_HOST, PATH: process.env.PATH };
  let engine: DockerEngine;
  let id = '';
  let deps: BackupDeps;

  beforeAll(() => {
    engine = ensureDocker();
    // devbox's machine port passes its environment on: the engine is named the way the distro's would be.
    process.env.DOCKER_HOST = engine.host;
    process.env.PATH = engine.env.PATH;
    const root = join(work, 'root');
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc', 'devbox-test'), `backup images ${suffix}\n`.repeat(2000));
    execFileSync('tar', ['-cf', join(work, 'root.tar'), '-C', root, '.']);
    id = engine.docker(['import', join(work, 'root.tar'), ref]).trim();
    const machine = createBackupMachine({});
    deps = {
      machine,
      archive,
      docker: () => createGuestDocker(machine, { kind: 'local' }),
      progress: () => undefined,
    } as unknown as BackupDeps;
  }, 180_000);

  afterAll(() => {
    for (const image of [ref, id])
      try {
        if (image) engine?.docker(['image', 'rm', '-f', image]);
      } catch {
        // Already gone.
      }
    rmSync(work, { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('saves, verifies (deep), loads back with the same id; a flipped byte fails verify naming the part', async () => {
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const dir = join(work, 'backup');
    mkdirSync(dir);
    const part: BackupPart = await backupImages(deps, 'local', dir, [ref], 3);
    expect(part).toMatchObject({ kind: 'cluster', role: 'images', file: imagesFile, meta: { images: [{ ref, id }] } });
    expect(part.entries).toBeGreaterThan(2);
    const manifest: BackupManifest = {
      schema: 1,
      devboxVersion: 'test',
      createdAt: new Date().toISOString(),
      source: { windowsBuild: null, wslVersion: null, user: null, roots: {} },
      parts: [part],
      notes: [],
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const deep = await verifyBackup(deps, dir, { deep: true });
    expect(deep.parts).toEqual([{ file: imagesFile, kind: 'cluster', role: 'images', ok: true }]);

    engine.docker(['image', 'rm', '-f', ref]);
    expect(() => engine.docker(['image', 'inspect', ref])).toThrow();
    const done = await restoreImages(deps, 'local', await openParts(deps, dir), part);
    expect(done).toEqual([`loaded ${ref} (${id.slice(0, 19)}…) from the backup`]);
    expect(engine.docker(['image', 'inspect', '--format', '{{.Id}}', ref]).trim()).toBe(id);

    const bytes = readFileSync(join(dir, imagesFile));
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(join(dir, imagesFile), bytes);
    for (const deepCheck of [false, true]) {
      const bad = await verifyBackup(deps, dir, { deep: deepCheck });
      expect(bad.ok).toBe(false);
      expect(bad.parts).toEqual([
        expect.objectContaining({ file: imagesFile, ok: false, problem: expect.stringMatching(/damaged|decompress/) }),
      ]);
    }
  }, 180_000);

  it('pinned by digest: loaded untagged by id, recorded; cluster.image finds it by id, nothing pulled', async () => {
    const hadRecord = existsSync(restoredImagesPath) ? readFileSync(restoredImagesPath) : undefined;
    const madeDirs = ['/var/lib/devbox', dirname(restoredImagesPath)].filter((dir) => !existsSync(dir)).reverse();
    // A reference pinned by a digest: docker save by digest writes no RepoTags (moby/moby#46533), as
    // docker save by id does, and docker load never restores a repo digest (moby/moby#22011).
    const pinned = `devbox-backup-images-${suffix}:1@sha256:${createHash('sha256').update(suffix).digest('hex')}`;
    const dir = join(work, 'pinned');
    mkdirSync(dir);
    try {
      const saved = await backupImages(deps, 'local', dir, [id], 3);
      const part: BackupPart = { ...saved, meta: { ...saved.meta, images: [{ ref: pinned, id }] } };
      engine.docker(['image', 'rm', '-f', ref]);
      expect(() => engine.docker(['image', 'inspect', id])).toThrow();
      const done = await restoreImages(deps, 'local', await openParts(deps, dir), part);
      expect(done).toEqual([
        `loaded ${pinned} (${id.slice(0, 19)}…) from the backup`,
        `recorded ${pinned} by id for devbox up (docker load keeps no digest)`,
      ]);
      // What kind runs before it would pull: present by id, absent by the pinned reference.
      expect(engine.docker(['inspect', '--type=image', '--format', '{{json .RepoTags}}', id]).trim()).toBe('[]');
      expect(() => engine.docker(['inspect', '--type=image', pinned])).toThrow();
      expect(JSON.parse(readFileSync(restoredImagesPath, 'utf8'))[pinned]).toEqual({
        id,
        backup: dir,
        at: expect.any(String),
      });

      const guest = new GuestRunner(localTransport(), new NodeProcessRunner());
      const d = { name: `dbx-${suffix.replace(/[^a-z0-9]/g, '')}`.slice(0, 30), image: pinned, user: '' };
      const r = imageResource(d as unknown as ClusterDesired);
      const result = r.test(await r.get({ platform: { os: 'linux', guestDescription: 'the local system' }, guest }));
      expect(result).toMatchObject({ inDesiredState: true, changes: [] });
      expect(result.notes).toEqual([expect.stringContaining(`is image ${id.slice(0, 19)}…, restored from ${dir}`)]);
    } finally {
      if (hadRecord) writeFileSync(restoredImagesPath, hadRecord);
      else rmSync(restoredImagesPath, { force: true });
      // Only the folders this test made, and only while empty (another test may write there too).
      for (const made of madeDirs)
        try {
          rmdirSync(made);
        } catch {
          // Not empty: someone else's.
        }
    }
  }, 180_000);

  it('Docker Engine not reachable: exit 7 with how to start it, no part written', async () => {
    const dir = join(work, 'nodocker');
    mkdirSync(dir);
    process.env.DOCKER_HOST = `unix://${join(work, 'no-docker.sock')}`;
    try {
      await expect(backupImages(deps, 'local', dir, [ref], 3)).rejects.toMatchObject({
        exitCode: ExitCode.prerequisiteMissing,
        message: expect.stringMatching(/^Docker Engine is not running \/ not reachable in the distro \(Cannot connect/),
        suggestions: expect.arrayContaining([expect.stringMatching(/systemctl start docker/)]),
      });
    } finally {
      process.env.DOCKER_HOST = engine.host;
    }
    expect(execFileSync('ls', ['-A', dir]).toString()).toBe('');
  }, 60_000);
});

/**
 * The same record on the real rig (real kind): kind is handed the image id — it runs `docker inspect
 * --type=image` and pulls only when that fails — and creates the cluster from it with no registry;
 * cluster.kind (through the real guest agent) reads the id from the record and sees no image drift,
 * while without the record the same node is drift against the digest-pinned reference. In this file
 * so that the two tests writing the record never run at once.
 */
describe.runIf(!rigUnavailable())('a restored node image on the real rig: kind is given its id', () => {
  let cluster: KindCluster | undefined;
  let hadRecord: Buffer | undefined;
  let madeDirs: string[] = [];
  const saved = process.env.DOCKER_HOST;
  // A reference pinned by a digest no registry here has: after docker load, this is what devbox up sees.
  const pinned = `devbox-rig-node:restored@sha256:${randomBytes(32).toString('hex')}`;
  let id = '';

  beforeAll(() => {
    hadRecord = existsSync(restoredImagesPath) ? readFileSync(restoredImagesPath) : undefined;
    madeDirs = ['/var/lib/devbox', dirname(restoredImagesPath)].filter((dir) => !existsSync(dir)).reverse();
    const engine = ensureDocker();
    process.env.DOCKER_HOST = engine.host;
    id = engine.docker(['image', 'inspect', '--format', '{{.Id}}', nodeImage(engine)]).trim();
    cluster = createKindCluster(engine, { image: id, name: `dbx-ri-${randomBytes(3).toString('hex')}` });
  }, 1_200_000);

  afterAll(() => {
    cluster?.delete();
    if (hadRecord) writeFileSync(restoredImagesPath, hadRecord);
    else rmSync(restoredImagesPath, { force: true });
    // Only the folders this test made, and only while empty (another test may write there too).
    for (const dir of madeDirs)
      try {
        rmdirSync(dir);
      } catch {
        // Not empty: someone else's.
      }
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  }, 180_000);

  it('the node runs the id; cluster.kind sees no image drift with the record, drift without it', async () => {
    const c = cluster!;
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const node = c.nodes[0]!;
    expect(c.engine.docker(['inspect', '--format', '{{.Config.Image}}', node]).trim()).toBe(id);
    expect(() => c.engine.docker(['inspect', '--type=image', pinned])).toThrow();

    const guest = new GuestRunner(localTransport(), new NodeProcessRunner());
    const d = { name: c.name, image: pinned, user: '', workers: 0, mounts: [], runc: {} } as unknown as ClusterDesired;
    const imageDrift = (changes: { property: string }[]) => changes.filter((x) => x.property.endsWith(' image'));

    const without = await readKind(guest, d);
    expect(without.restoredImage).toBeUndefined();
    expect(imageDrift(specDrift(without, withImage(d, without)))).toEqual([
      { property: `${node} image`, before: id, after: pinned },
    ]);

    mkdirSync(dirname(restoredImagesPath), { recursive: true });
    const others = hadRecord ? (JSON.parse(hadRecord.toString('utf8')) as object) : {};
    writeFileSync(
      restoredImagesPath,
      JSON.stringify({ ...others, [pinned]: { id, backup: '/b.devbox-backup', at: new Date().toISOString() } }),
    );
    const withRecord = await readKind(guest, d);
    expect(withRecord.restoredImage).toBe(id);
    expect(imageDrift(specDrift(withRecord, withImage(d, withRecord)))).toEqual([]);
  }, 300_000);
});
