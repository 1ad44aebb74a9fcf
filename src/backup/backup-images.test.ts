import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeHost } from '../../test/fakes/fake-host.js';
import { fakeScoop } from '../../test/fakes/scoop-probe.js';
import type { GuestDockerPort } from '../engine/ports/backup.js';
import { ExitCode } from '../errors.js';
import * as archive from '../platform/backup/archive.js';
import { createBackupMachine } from '../platform/backup/machine.js';
import { runBackup, type BackupRequest } from './backup.js';
import { runRestore } from './restore.js';
import type { BackupDeps } from './deps.js';
import { verifyBackup } from './verify.js';

const image = 'my/node:v1';
const id = `sha256:${'d'.repeat(64)}`;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function saved(): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'manifest.json' }, '[]');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Docker answering `version`, `image inspect` and `save` of the one image, or not running. */
function docker(running: boolean, calls: string[], tarBytes: Buffer): GuestDockerPort {
  return {
    exec(argv) {
      throw new Error(`unscripted ${argv.join(' ')}`);
    },
    run(args, options = {}) {
      const key = args.join(' ');
      calls.push(key);
      options.stdin?.resume();
      const answers: Record<string, { code: number; out: Buffer | string; err?: string }> = {
        'version --format {{.Server.Version}}': running
          ? { code: 0, out: '20.10.24\n' }
          : { code: 1, out: '', err: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.' },
        [`image inspect --format {{.Id}} ${image}`]: { code: 0, out: id },
        [`save ${image}`]: { code: 0, out: tarBytes },
        load: { code: 0, out: `Loaded image: ${image}\n` },
        [`image inspect --format {{.Id}} ${id}`]: { code: 0, out: id },
      };
      const a = answers[key];
      if (!a) throw new Error(`unscripted docker ${key}`);
      const stdout = new PassThrough();
      stdout.end(a.out);
      return { stdout, done: Promise.resolve({ exitCode: a.code, stderr: Buffer.from(a.err ?? ''), signal: null }) };
    },
  };
}

async function backup(withImages: boolean, running = true) {
  const out = mkdtempSync(join(tmpdir(), 'devbox-backup-images-'));
  dirs.push(out);
  const host = new FakeHost();
  host.scoop = fakeScoop({ roots: [] });
  const calls: string[] = [];
  const distros: string[] = [];
  const tarBytes = await saved();
  const deps: BackupDeps = {
    host,
    machine: createBackupMachine({}),
    archive,
    docker: (distro) => {
      distros.push(distro);
      return docker(running, calls, tarBytes);
    },
    confirm: async () => false,
    progress: () => undefined,
    devboxVersion: 'test',
  };
  const request: BackupRequest = {
    output: join(out, 'b'),
    only: ['cluster'],
    manifest: { version: 1, cluster: { name: 'dev', nodeImage: image, kind: { version: 'v0.32.0' } } },
    distro: { name: 'Dev', format: 'tar', yes: true },
    level: 3,
    withCache: false,
    withImages,
    journalSummary: {},
  };
  return { deps, request, calls, distros, out };
}

describe('devbox backup --with-images', () => {
  it('without the flag: the cluster part is its configuration only, and Docker is never asked', async () => {
    const { deps, request, calls, out } = await backup(false);
    const result = await runBackup(deps, request);
    expect(result.manifest.parts.map((p) => [p.kind, p.role, p.file])).toEqual([['cluster', 'config', 'cluster.json']]);
    expect(calls).toEqual([]);
    expect(readdirSync(join(out, 'b')).sort()).toEqual(['cluster.json', 'manifest.json']);
  });

  it("with it: the node image from the distro's Docker in manifest.json, and verify --deep passes", async () => {
    const { deps, request, calls, distros } = await backup(true);
    const result = await runBackup(deps, request);
    expect(result.manifest.parts.map((p) => p.role)).toEqual(['config', 'images']);
    expect(distros).toEqual(['Dev']);
    expect(calls).toEqual([
      'version --format {{.Server.Version}}',
      `image inspect --format {{.Id}} ${image}`,
      `save ${image}`,
    ]);
    const written = JSON.parse(readFileSync(join(request.output, 'manifest.json'), 'utf8')) as typeof result.manifest;
    expect(written.parts[1]).toMatchObject({
      kind: 'cluster',
      role: 'images',
      file: 'cluster-images.tar.zst',
      entries: 1,
      meta: { images: [{ ref: image, id }] },
    });
    const verified = await verifyBackup(deps, request.output, { deep: true });
    expect(verified.parts.map((p) => [p.file, p.ok])).toEqual([
      ['cluster.json', true],
      ['cluster-images.tar.zst', true],
    ]);
  });

  it('with it and Docker not running: exit 7, and no backup folder (complete or partial) is left', async () => {
    const { deps, request, out } = await backup(true, false);
    await expect(runBackup(deps, request)).rejects.toMatchObject({ exitCode: ExitCode.prerequisiteMissing });
    expect(readdirSync(out)).toEqual([]);
  });

  it('restore loads the images from the backup after the distro; an --only kind it lacks is refused first', async () => {
    const { deps, request, calls, distros, out } = await backup(true);
    await runBackup(deps, request);
    const restore = (only: ('cluster' | 'config')[]) =>
      runRestore(deps, {
        path: request.output,
        only,
        asked: only,
        maps: {},
        replace: false,
        yes: true,
        dryRun: false,
        stateDir: join(out, 'state'),
      });
    calls.length = 0;
    // --only naming a kind the backup does not hold: refused before anything is read or loaded.
    await expect(restore(['config'])).rejects.toMatchObject({ exitCode: 2, code: 'restore.not-held' });
    expect(calls).toEqual([]);
    const result = await restore(['cluster']);
    expect(result.plan.steps.map((s) => [s.what, s.from])).toEqual([
      ['recreate the cluster with devbox up (its configuration is in the restored manifest)', 'download'],
      [expect.stringMatching(/^docker load my\/node:v1 \(\d+ bytes\) from the backup, nothing downloaded/), 'backup'],
    ]);
    expect(calls).toEqual(['version --format {{.Server.Version}}', 'load', `image inspect --format {{.Id}} ${id}`]);
    expect(result.done).toEqual([`loaded ${image} (${id.slice(0, 19)}…) from the backup`]);
    // No distro part restored: the images go back into the distro they were saved from.
    expect(distros).toEqual(['Dev', 'Dev']);
  });

  it('restore: a part that cannot be read while docker loads it is a user error naming it, never an unheard one', async () => {
    const { deps, request, out } = await backup(true);
    await runBackup(deps, request);
    // docker load reads stdin to its end, as the real one does, and fails when the stream breaks.
    const reading: BackupDeps['docker'] = (distro) => {
      const base = deps.docker!(distro);
      return {
        ...base,
        run(args, options = {}) {
          if (args[0] !== 'load') return base.run(args, options);
          const stdin = options.stdin!;
          const done = new Promise<{ exitCode: number; stderr: Buffer; signal: null }>((resolve) => {
            stdin.on('error', () => resolve({ exitCode: 1, stderr: Buffer.from('unexpected EOF'), signal: null }));
            stdin.on('end', () => resolve({ exitCode: 0, stderr: Buffer.alloc(0), signal: null }));
            stdin.resume();
          });
          const stdout = new PassThrough();
          stdout.end('');
          return { stdout, done };
        },
      };
    };
    const broken = new Readable({
      read() {
        this.destroy(new Error('EIO: i/o error, read'));
      },
    });
    const failing: BackupDeps = { ...deps, docker: reading, archive: { ...archive, decompressedStream: () => broken } };
    await expect(
      runRestore(failing, {
        path: request.output,
        only: ['cluster'],
        maps: {},
        replace: false,
        yes: true,
        dryRun: false,
        stateDir: join(out, 'state'),
      }),
    ).rejects.toMatchObject({
      exitCode: ExitCode.applyFailed,
      code: 'restore.images.read',
      message: 'cannot read cluster-images.tar.zst from the backup: EIO: i/o error, read',
    });
  });
});
