import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuestDockerPort, StreamingRun } from '../engine/ports/backup.js';
import { ExitCode, PrerequisiteError } from '../errors.js';
import * as archive from '../platform/backup/archive.js';
import type { BackupDeps } from './deps.js';
import type { BackupManifest } from './format.js';
import type { MachineFacts } from './facts.js';
import { backupImages, clusterImages, imagesFile, restoreImages } from './images.js';
import { openParts } from './part-source.js';
import { planRestore } from './restore-plan.js';
import { fakePart } from '../../test/fakes/backup-part.js';

const nodeImage = 'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5';
const imageId = `sha256:${'c'.repeat(64)}`;

/** A `docker save`-shaped tar: two entries. */
async function savedTar(): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'manifest.json' }, '[{"Config":"c.json","RepoTags":["kindest/node:v1.36.1"],"Layers":[]}]');
  pack.entry({ name: 'c.json' }, '{}');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

interface Answer {
  exitCode?: number;
  stdout?: Buffer | string;
  stderr?: string | Buffer;
  missing?: boolean;
}

/** A Docker that answers only the argv it was scripted for; anything else throws. */
function fakeDocker(script: Record<string, Answer>, loaded: Buffer[] = []): GuestDockerPort & { calls: string[] } {
  const calls: string[] = [];
  const answer = (key: string, options: { stdin?: Readable }): StreamingRun => {
    calls.push(key);
    const answer = script[key];
    if (!answer) throw new Error(`unscripted docker ${key}`);
    const stdout = new PassThrough();
    const fed = options.stdin
      ? (async () => {
          const chunks: Buffer[] = [];
          for await (const c of options.stdin!) chunks.push(c as Buffer);
          loaded.push(Buffer.concat(chunks));
        })()
      : Promise.resolve();
    stdout.end(answer.stdout ?? '');
    const done = fed.then(() => {
      if (answer.missing) throw new PrerequisiteError('docker is not installed or not on PATH.');
      return {
        exitCode: answer.exitCode ?? 0,
        stderr: Buffer.isBuffer(answer.stderr) ? answer.stderr : Buffer.from(answer.stderr ?? ''),
        signal: null,
      };
    });
    return { stdout, done };
  };
  return {
    calls,
    run: (args, options = {}) => answer(args.join(' '), options),
    exec: (argv, options = {}) => answer(`exec ${argv.join(' ')}`, options),
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function depsWith(docker: GuestDockerPort, distros: string[] = []): BackupDeps {
  return {
    archive,
    docker: (distro: string) => {
      distros.push(distro);
      return docker;
    },
    machine: { remove: (p: string) => Promise.resolve(rmSync(p, { force: true })) },
    progress: () => undefined,
  } as unknown as BackupDeps;
}

const version = { 'version --format {{.Server.Version}}': { stdout: '20.10.24\n' } };

describe('clusterImages', () => {
  it("is the manifest's node image, else the one pinned for its kind version, else nothing", () => {
    expect(clusterImages({ cluster: { nodeImage: 'my/node:1', kind: { version: 'v0.32.0' } } })).toEqual(['my/node:1']);
    expect(clusterImages({ cluster: { kind: { version: 'v0.32.0' } } })).toEqual([nodeImage]);
    expect(clusterImages({})).toEqual([]);
  });
});

describe('backupImages', () => {
  it('streams docker save through zstd into the part, sha256 and entries recorded, no .partial left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devbox-images-'));
    dirs.push(dir);
    const tarBytes = await savedTar();
    const docker = fakeDocker({
      ...version,
      [`image inspect --format {{.Id}} ${nodeImage}`]: { stdout: `${imageId}\n` },
      [`save ${nodeImage}`]: { stdout: tarBytes },
    });
    const distros: string[] = [];
    const part = await backupImages(depsWith(docker, distros), 'Dev', dir, [nodeImage], 3);
    expect(distros).toEqual(['Dev']);
    const stored = readFileSync(join(dir, imagesFile));
    expect(part).toMatchObject({
      kind: 'cluster',
      role: 'images',
      file: imagesFile,
      bytes: stored.length,
      rawBytes: tarBytes.length,
      entries: 2,
      zstdLevel: 3,
      encoding: 'tar+zstd',
      meta: { images: [{ ref: nodeImage, id: imageId }] },
    });
    expect(part.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
    expect(readdirSync(dir)).toEqual([imagesFile]);
  });

  it('Docker not installed in the distro: exit 7, says so and how to get it', async () => {
    const docker = fakeDocker({ 'version --format {{.Server.Version}}': { missing: true } });
    const error = await backupImages(depsWith(docker), 'Dev', '/nowhere', [nodeImage], 3).catch((e: unknown) => e);
    expect(error).toMatchObject({
      exitCode: ExitCode.prerequisiteMissing,
      message: 'Docker Engine is not installed in the distro (no docker command)',
      suggestions: expect.arrayContaining([expect.stringMatching(/devbox up --only 'cluster.docker\*'/)]),
    });
  });

  it('Docker not running: exit 7 with what docker said; nothing saved', async () => {
    const docker = fakeDocker({
      'version --format {{.Server.Version}}': {
        exitCode: 1,
        stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.',
      },
    });
    const error = await backupImages(depsWith(docker), 'Dev', '/nowhere', [nodeImage], 3).catch((e: unknown) => e);
    expect(error).toMatchObject({
      exitCode: ExitCode.prerequisiteMissing,
      message: expect.stringMatching(/not running \/ not reachable in the distro \(Cannot connect/),
    });
    expect(docker.calls).toEqual(['version --format {{.Server.Version}}']);
  });

  it("wsl.exe's own error (UTF-16LE, the distro is missing) is read as text, not spaced-out bytes", async () => {
    const docker = fakeDocker({
      'version --format {{.Server.Version}}': {
        exitCode: 1,
        stderr: Buffer.from('There is no distribution with the supplied name.\r\n', 'utf16le'),
      },
    });
    const error = await backupImages(depsWith(docker), 'Dev', '/nowhere', [nodeImage], 3).catch((e: unknown) => e);
    expect(error).toMatchObject({
      exitCode: ExitCode.prerequisiteMissing,
      message:
        'Docker Engine is not running / not reachable in the distro (There is no distribution with the supplied name.)',
    });
  });

  it('an image the engine does not have: exit 7 naming it, before any save', async () => {
    const docker = fakeDocker({
      ...version,
      [`image inspect --format {{.Id}} ${nodeImage}`]: { exitCode: 1, stderr: 'No such image' },
    });
    const error = await backupImages(depsWith(docker), 'Dev', '/nowhere', [nodeImage], 3).catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: ExitCode.prerequisiteMissing, code: 'backup.images.missing' });
    expect((error as Error).message).toContain(nodeImage);
  });

  it('docker save failing: the part fails (exit 4) and its file is removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devbox-images-'));
    dirs.push(dir);
    const docker = fakeDocker({
      ...version,
      [`image inspect --format {{.Id}} ${nodeImage}`]: { stdout: imageId },
      [`save ${nodeImage}`]: { stdout: await savedTar(), exitCode: 1, stderr: 'write error' },
    });
    const error = await backupImages(depsWith(docker), 'Dev', dir, [nodeImage], 3).catch((e: unknown) => e);
    expect(error).toMatchObject({
      exitCode: ExitCode.applyFailed,
      message: expect.stringMatching(/^cluster: docker save failed/),
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('restoreImages', () => {
  async function backedUp(): Promise<{
    dir: string;
    tarBytes: Buffer;
    part: Awaited<ReturnType<typeof backupImages>>;
  }> {
    const dir = mkdtempSync(join(tmpdir(), 'devbox-images-'));
    dirs.push(dir);
    const tarBytes = await savedTar();
    const docker = fakeDocker({
      ...version,
      [`image inspect --format {{.Id}} ${nodeImage}`]: { stdout: imageId },
      [`save ${nodeImage}`]: { stdout: tarBytes },
    });
    return { dir, tarBytes, part: await backupImages(depsWith(docker), 'Dev', dir, [nodeImage], 3) };
  }

  const recordPath = '/var/lib/devbox/cluster/restored-images.json';
  const script = 'mkdir -p -- "${1%/*}" && cat > "$1.devbox-new" && mv -f -- "$1.devbox-new" "$1"';
  const writeRecord = `exec sh -c ${script} devbox-record ${recordPath}`;

  it('feeds docker load the saved tar, finds the recorded image id, records it by id (pinned by digest)', async () => {
    const { dir, tarBytes, part } = await backedUp();
    const fed: Buffer[] = [];
    const other = { ['my/node:1@sha256:' + 'a'.repeat(64)]: { id: 'sha256:' + 'b'.repeat(64), backup: 'x', at: 'y' } };
    const docker = fakeDocker(
      {
        ...version,
        load: { stdout: 'Loaded image\n' },
        [`image inspect --format {{.Id}} ${imageId}`]: { stdout: imageId },
        [`exec cat -- ${recordPath}`]: { stdout: JSON.stringify(other) },
        [writeRecord]: {},
      },
      fed,
    );
    const done = await restoreImages(depsWith(docker), 'Dev', await openParts(depsWith(docker), dir), part);
    expect(fed[0]).toEqual(tarBytes);
    expect(JSON.parse(fed[1]!.toString())).toEqual({
      ...other,
      [nodeImage]: { id: imageId, backup: dir, at: expect.stringMatching(/^\d{4}-/) },
    });
    expect(done).toEqual([
      expect.stringMatching(/^loaded kindest\/node:v1\.36\.1@sha256:3489.* from the backup$/),
      `recorded ${nodeImage} by id for devbox up (docker load keeps no digest)`,
    ]);
  });

  it('a record that cannot be written fails naming it (exit 4); a damaged old record is replaced', async () => {
    const { dir, part } = await backedUp();
    const docker = fakeDocker({
      ...version,
      load: {},
      [`image inspect --format {{.Id}} ${imageId}`]: { stdout: imageId },
      [`exec cat -- ${recordPath}`]: { stdout: '{damaged' },
      [writeRecord]: { exitCode: 1, stderr: 'Read-only file system' },
    });
    await expect(
      restoreImages(depsWith(docker), 'Dev', await openParts(depsWith(docker), dir), part),
    ).rejects.toMatchObject({
      exitCode: ExitCode.applyFailed,
      code: 'restore.images.record',
      message: expect.stringContaining(`${recordPath} could not be written in the distro (exit 1): Read-only`),
    });
  });

  it('a load that does not give the recorded id fails (exit 4)', async () => {
    const { dir, part } = await backedUp();
    const docker = fakeDocker({
      ...version,
      load: {},
      [`image inspect --format {{.Id}} ${imageId}`]: { exitCode: 1 },
    });
    await expect(
      restoreImages(depsWith(docker), 'Dev', await openParts(depsWith(docker), dir), part),
    ).rejects.toMatchObject({
      exitCode: ExitCode.applyFailed,
      code: 'restore.images.id',
    });
  });

  it('Docker not running at restore: exit 7, says how to load the images later', async () => {
    const { dir, part } = await backedUp();
    const docker = fakeDocker({ 'version --format {{.Server.Version}}': { exitCode: 1, stderr: 'no daemon' } });
    await expect(
      restoreImages(depsWith(docker), 'Dev', await openParts(depsWith(docker), dir), part),
    ).rejects.toMatchObject({
      exitCode: ExitCode.prerequisiteMissing,
      suggestions: expect.arrayContaining(['then `devbox restore PATH --only cluster` loads them']),
    });
  });
});

describe('the restore plan', () => {
  it('lists the images: docker load, their size, from the backup, nothing downloaded', async () => {
    const manifest: BackupManifest = {
      schema: 1,
      devboxVersion: '0',
      createdAt: '',
      source: { windowsBuild: null, wslVersion: null, user: null, roots: {} },
      parts: [
        fakePart({
          kind: 'cluster',
          role: 'images',
          file: imagesFile,
          bytes: 10,
          rawBytes: 4096,
          entries: 2,
          meta: { images: [{ ref: nodeImage, id: imageId }] },
        }),
      ],
      notes: [],
    };
    const facts = { os: { env: { USERPROFILE: 'C:\\Users\\ann' } }, distros: [] } as unknown as MachineFacts;
    const plan = await planRestore({} as unknown as BackupDeps, manifest, facts, {
      only: ['cluster'],
      maps: {},
      replace: false,
      passphrase: false,
    });
    expect(plan.steps).toEqual([
      {
        part: 'cluster',
        what: `docker load ${nodeImage} (4096 bytes) from the backup, nothing downloaded, before the cluster is recreated`,
        from: 'backup',
        elevated: false,
      },
    ]);
  });
});
