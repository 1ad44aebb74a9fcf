/**
 * `--with-images`: the cluster's images in the backup, so a restore needs no registry. `docker save`
 * of the node image (the manifest's `cluster.nodeImage`, or the one pinned for its kind version)
 * streams through zstd with sha256 on the way into `cluster-images.tar.zst`; a restore `docker load`s
 * it before the cluster is recreated. The manifest's cluster section has no list of other images,
 * so the node image is the only one.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { GuestDockerPort, StreamingRun } from '../engine/ports/backup.js';
import { ExitCode, PrerequisiteError, UserError } from '../errors.js';
import { dockerUnreachableError, startDockerSuggestions } from '../resources/cluster/docker-reach.js';
import { decodeWindowsText } from '../platform/windows/text.js';
import { parseRestoredImages, restoredImagesPath, type RestoredImage } from '../resources/cluster/image.js';
import { kindRelease } from '../resources/cluster/sources.js';
import { PartFailedError } from './backup-distro.js';
import type { BackupDeps } from './deps.js';
import type { BackupPart } from './format.js';
import { t } from '../i18n/catalogue.js';
import type { PartSource } from './part-source.js';

export const imagesFile = 'cluster-images.tar.zst';
export const imagesRole = 'images';

/** One saved image: the reference it was saved by, and its id (`sha256:…`) then. */
export interface SavedImage {
  ref: string;
  id: string;
}

/** The images `--with-images` saves for a manifest: its cluster's node image. */
export function clusterImages(manifest: Record<string, unknown>): string[] {
  const cluster = manifest.cluster as { nodeImage?: string; kind?: { version?: string } } | undefined;
  if (!cluster) return [];
  const image = cluster.nodeImage ?? (cluster.kind?.version ? kindRelease(cluster.kind.version)?.nodeImage : undefined);
  return image ? [image] : [];
}

function needDocker(deps: BackupDeps, distro: string): GuestDockerPort {
  if (!deps.docker) throw new Error('the backup was composed without a Docker port');
  return deps.docker(distro);
}

/** Runs a short docker command to its end; stdout as text. */
async function collect(run: StreamingRun): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const chunks: Buffer[] = [];
  const read = (async () => {
    for await (const c of run.stdout) chunks.push(c as Buffer);
  })();
  const [ended] = await Promise.all([run.done, read]);
  return {
    exitCode: ended.exitCode,
    stdout: Buffer.concat(chunks).toString('utf8').trim(),
    // wsl.exe's own errors (no such distro) are UTF-16LE; docker's are UTF-8.
    stderr: decodeWindowsText(ended.stderr).trim(),
  };
}

/** Fails with exit 7 and how to start the engine when Docker does not answer. */
export async function ensureDockerReachable(docker: GuestDockerPort): Promise<void> {
  let r;
  try {
    r = await collect(docker.run(['version', '--format', '{{.Server.Version}}']));
  } catch (error) {
    if (error instanceof PrerequisiteError) throw dockerUnreachableError('', false);
    throw error;
  }
  if (r.exitCode !== 0) throw dockerUnreachableError(r.stderr || r.stdout || `docker exit ${r.exitCode}`);
}

/** The image's id, or undefined when the engine does not have it. */
async function imageId(docker: GuestDockerPort, ref: string): Promise<string | undefined> {
  const r = await collect(docker.run(['image', 'inspect', '--format', '{{.Id}}', ref]));
  return r.exitCode === 0 && /^sha256:[0-9a-f]{64}$/.test(r.stdout) ? r.stdout : undefined;
}

/**
 * Saves `refs` from the engine in `distro` into `dir/cluster-images.tar.zst`; every image must be
 * present. Docker not answering is a PrerequisiteError (exit 7).
 */
export async function backupImages(
  deps: BackupDeps,
  distro: string,
  dir: string,
  refs: readonly string[],
  level: number,
): Promise<BackupPart> {
  const docker = needDocker(deps, distro);
  await ensureDockerReachable(docker);
  const images: SavedImage[] = [];
  for (const ref of refs) {
    const id = await imageId(docker, ref);
    if (!id)
      throw new PrerequisiteError(t('backup.imageMissing', { ref }), {
        code: 'backup.images.missing',
        suggestions: [t('backup.imageMissingFix')],
      });
    images.push({ ref, id });
  }
  deps.progress(t('backup.dockerSave', { refs: refs.join(' '), level }));
  const run = docker.run(['save', ...refs]);
  let facts;
  try {
    facts = await deps.archive.compressTarStream(run.stdout, join(dir, imagesFile), level, true);
  } catch (error) {
    const ended = await run.done.catch((e: Error) => ({ exitCode: null, stderr: Buffer.from(e.message) }));
    throw new PartFailedError(
      'cluster',
      `the docker save stream broke (exit ${ended.exitCode}): ${(error as Error).message}. ${decodeWindowsText(ended.stderr).trim()}`,
    );
  }
  const ended = await run.done;
  if (ended.exitCode !== 0) {
    await deps.machine.remove(join(dir, imagesFile));
    throw new PartFailedError(
      'cluster',
      t('backup.dockerSaveFailed', { exit: String(ended.exitCode), stderr: decodeWindowsText(ended.stderr).trim() }),
    );
  }
  return {
    kind: 'cluster',
    role: imagesRole,
    file: imagesFile,
    ...facts,
    zstdLevel: level,
    encoding: 'tar+zstd',
    // The distro whose engine held them: where a restore that brings no distro loads them again.
    meta: { images, distro, source: 'docker save' },
  };
}

/** The images a part records (a damaged record is a damaged part). */
export function savedImages(part: BackupPart): SavedImage[] {
  const images = part.meta.images;
  const ok =
    Array.isArray(images) &&
    images.every(
      (i: unknown) =>
        typeof (i as SavedImage)?.ref === 'string' && /^sha256:[0-9a-f]{64}$/.test(String((i as SavedImage)?.id)),
    );
  if (!ok)
    throw new UserError(t('restore.imagesRecordDamaged', { file: part.file }), ExitCode.applyFailed, {
      code: 'backup.images.record',
    });
  return images as SavedImage[];
}

/** `docker load`s the part (decompressed, streamed), then checks that every recorded image id is present. */
export async function restoreImages(
  deps: BackupDeps,
  distro: string,
  parts: PartSource,
  part: BackupPart,
): Promise<string[]> {
  const images = savedImages(part);
  const docker = needDocker(deps, distro);
  try {
    await ensureDockerReachable(docker);
  } catch (error) {
    if (!(error instanceof PrerequisiteError)) throw error;
    throw new PrerequisiteError(t('restore.imagesNeedDocker', { reason: error.message }), {
      code: 'restore.images.docker',
      suggestions: [...startDockerSuggestions, t('restore.imagesNeedDockerFix')],
    });
  }
  deps.progress(t('restore.dockerLoad', { file: part.file }));
  // The stream is ours until docker is done with it: a read error (the part vanished or is damaged) must
  // not go unheard, and what docker did not read must not stay open.
  const stdin = deps.archive.decompressedStream(parts.open(part.file));
  let readError: Error | undefined;
  stdin.on('error', (error: Error) => (readError ??= error));
  let r: Awaited<ReturnType<typeof collect>> | undefined;
  try {
    // A failed read usually fails docker load too: the read error is the one to report.
    r = await collect(docker.run(['load'], { stdin })).catch((error: unknown) => {
      if (readError) return undefined;
      throw error;
    });
  } finally {
    stdin.destroy();
  }
  if (readError || !r)
    throw new UserError(
      t('restore.imagesUnreadable', { file: part.file, error: readError?.message ?? '' }),
      ExitCode.applyFailed,
      { code: 'restore.images.read', suggestions: [t('restore.imagesUnreadableFix')] },
    );
  if (r.exitCode !== 0)
    throw new UserError(
      t('restore.dockerLoadFailed', { file: part.file, exit: String(r.exitCode), stderr: String(r.stderr) }),
      ExitCode.applyFailed,
      {
        code: 'restore.images.load',
      },
    );
  const done: string[] = [];
  for (const image of images) {
    const id = await imageId(docker, image.id);
    if (id !== image.id)
      throw new UserError(
        t('restore.dockerLoadWrongId', { file: part.file, ref: image.ref, id: image.id }),
        ExitCode.applyFailed,
        { code: 'restore.images.id' },
      );
    done.push(t('restore.loadedImage', { ref: image.ref, id: image.id.slice(0, 19) }));
  }
  const byDigest = images.filter((i) => /@sha256:[0-9a-f]{64}$/.test(i.ref));
  if (byDigest.length > 0) {
    await recordRestored(docker, byDigest, parts.where);
    done.push(t('restore.recordedById', { refs: byDigest.map((i) => i.ref).join(', ') }));
  }
  return done;
}

// Writes through a temporary file and a rename; the path is an argument, never part of the script.
const writeRecord = 'mkdir -p -- "${1%/*}" && cat > "$1.devbox-new" && mv -f -- "$1.devbox-new" "$1"';

/**
 * Records in the distro that each image, pinned by digest, is there as its recorded id: after
 * `docker load` it has no repo digest (moby/moby#22011) and, saved by digest, no tag either
 * (moby/moby#46533), so `devbox up`'s cluster.image would not find it by reference and would pull.
 * cluster.image reads this record ({@link restoredImagesPath}) and accepts the image by id.
 */
async function recordRestored(docker: GuestDockerPort, images: readonly SavedImage[], backup: string): Promise<void> {
  const current = await collect(docker.exec(['cat', '--', restoredImagesPath]));
  const record: Record<string, RestoredImage> = {
    ...(current.exitCode === 0 ? parseRestoredImages(current.stdout) : {}),
  };
  const at = new Date().toISOString();
  for (const image of images) record[image.ref] = { id: image.id, backup, at };
  const written = await collect(
    docker.exec(['sh', '-c', writeRecord, 'devbox-record', restoredImagesPath], {
      stdin: Readable.from([Buffer.from(`${JSON.stringify(record, null, 2)}\n`)]),
    }),
  );
  if (written.exitCode !== 0)
    throw new UserError(
      t('restore.recordFailed', { path: restoredImagesPath, exit: written.exitCode ?? -1, stderr: written.stderr }),
      ExitCode.applyFailed,
      { code: 'restore.images.record' },
    );
}
