/**
 * `devbox backup verify PATH [--deep]`: every part re-hashed against manifest.json; `--deep` also
 * decompresses every archive, walks its entries and checks each file against the archive's index.
 * Problems are named part by part; nothing here throws for a damaged part.
 */
import { createHash } from 'node:crypto';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ExitCode, UsageError, UserError } from '../errors.js';
import type { BackupDeps } from './deps.js';
import {
  backupManifestSchema,
  backupSchemaVersion,
  containerExtension,
  manifestFileName,
  type BackupManifest,
  type BackupPart,
} from './format.js';
import { t } from '../i18n/catalogue.js';
import { zodParams } from '../i18n/zod.js';

export interface PartCheck {
  file: string;
  kind: string;
  role: string;
  ok: boolean;
  problem?: string;
}

export interface VerifyResult {
  path: string;
  ok: boolean;
  deep: boolean;
  parts: PartCheck[];
  manifest?: BackupManifest;
}

export class NotABackupError extends UserError {
  constructor(path: string, why: string) {
    super(t('backup.notABackup', { path, why }), ExitCode.applyFailed, {
      code: 'backup.invalid',
      suggestions: [t('backup.notABackupFix')],
    });
  }
}

export function parseBackupManifest(path: string, bytes: Buffer | undefined): BackupManifest {
  if (!bytes) throw new NotABackupError(path, t('backup.fileMissing', { file: manifestFileName }));
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new NotABackupError(path, t('backup.notJson', { file: manifestFileName }));
  }
  const schema = typeof json === 'object' && json !== null ? (json as { schema?: unknown }).schema : undefined;
  if (typeof schema === 'number' && schema > backupSchemaVersion)
    throw new UserError(
      t('backup.newer', { path, schema, supported: backupSchemaVersion }),
      ExitCode.prerequisiteMissing,
      { code: 'backup.newer', suggestions: [t('backup.newerFix')] },
    );
  const parsed = backupManifestSchema.safeParse(json, zodParams());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NotABackupError(
      path,
      t('backup.schemaMismatch', {
        file: manifestFileName,
        schema: backupSchemaVersion,
        at: issue?.path.join('.') || t('backup.schemaRoot'),
        problem: String(issue?.message),
      }),
    );
  }
  return parsed.data;
}

function sizeProblem(bytes: number, expected: number): string {
  return bytes < expected
    ? t('backup.problemTruncated', { bytes, expected })
    : t('backup.problemSize', { bytes, expected });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Checks one part's bytes as they stream by. */
async function checkStream(
  deps: BackupDeps,
  part: BackupPart,
  source: Readable,
  deep: boolean,
): Promise<string | undefined> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  let deepProblem: string | undefined;
  try {
    if (deep && part.encoding === 'tar+zstd' && part.role !== 'vhd') {
      // Caught at once: a damaged archive can fail before the source is done, and an unhandled
      // rejection in that window would end the process.
      const read = deps.archive.readArchive(tap).catch((e: Error) => e);
      let readToEnd = false;
      source.once('end', () => (readToEnd = true));
      await pipeline(source, tap).catch(() => undefined);
      const facts = await read;
      if (facts instanceof Error) {
        // A reader that fails stops the reading: the part's size and sha256 are then unknown, and
        // the bytes read so far say nothing of a truncation. Only a part read to its end is sized.
        deepProblem = t('backup.problemNotTarZstd', { error: facts.message });
        if (!readToEnd) return deepProblem;
      } else if (facts.entries !== part.entries)
        deepProblem = t('backup.problemEntries', { entries: facts.entries, expected: part.entries });
      else if (facts.mismatched.length > 0)
        deepProblem = t('backup.problemFilesDiffer', { files: facts.mismatched.slice(0, 5).join(', ') });
      // Tars written by other programs (wsl --export, docker save) have no devbox index.
      else if (part.role !== 'rootfs' && part.role !== 'images' && !facts.hasIndex)
        deepProblem = t('backup.problemNoIndex');
    } else {
      const chunks: Buffer[] = [];
      await pipeline(
        source,
        tap,
        new Writable({
          write(c: Buffer, _e, done) {
            if (deep && part.encoding === 'json') chunks.push(c);
            done();
          },
        }),
      );
      if (deep && part.encoding === 'json') {
        try {
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          deepProblem = t('backup.problemNotJson');
        }
      }
    }
  } catch (error) {
    return t('backup.problemUnreadable', { error: (error as Error).message });
  }
  if (bytes !== part.bytes) return sizeProblem(bytes, part.bytes);
  if (hash.digest('hex') !== part.sha256) return t('backup.problemSha256');
  return deepProblem;
}

const specialKinds = {
  'char-device': 'backup.whatCharDevice',
  'block-device': 'backup.whatBlockDevice',
  fifo: 'backup.whatFifo',
  socket: 'backup.whatSocket',
} as const;

/**
 * Says what a path given as a backup IS when it is not one, with the fix that fits, before anything
 * else runs (restore: before it asks for Windows). A path that is not there, a device, a folder
 * without manifest.json or a file that is not a `.devbox-backup` container is the wrong path on the
 * command line (exit 2, as a missing `-m` file is); what an interrupted backup left (`.partial`) is
 * an incomplete backup (exit 4, as a damaged one is).
 */
export async function checkBackupPath(
  machine: Pick<BackupDeps['machine'], 'pathKind' | 'exists'>,
  path: string,
): Promise<void> {
  const kind = await machine.pathKind(path);
  const usage = (message: string, code: string, fix: string) => new UsageError(message, { code, suggestions: [fix] });
  if (kind === 'missing') throw usage(t('backup.notFound', { path }), 'backup.not-found', t('backup.notFoundHint'));
  if (kind !== 'file' && kind !== 'directory') {
    const what = t(specialKinds[kind] ?? 'backup.whatOther');
    throw usage(t('backup.notRegular', { path, what }), 'backup.not-regular', t('backup.notFoundHint'));
  }
  if (/\.partial$/i.test(path.replace(/[\\/]+$/, '')))
    throw new UserError(t('backup.partialLeft', { path }), ExitCode.applyFailed, {
      code: 'backup.partial',
      suggestions: [t('backup.partialLeftFix')],
    });
  if (kind === 'file' && !path.endsWith(containerExtension))
    throw usage(t('backup.fileNotContainer', { path }), 'backup.not-container', t('backup.fileNotContainerFix'));
  if (kind === 'directory' && !(await machine.exists(`${path}/${manifestFileName}`)))
    throw usage(
      t('backup.folderNoManifest', { path, file: manifestFileName }),
      'backup.no-manifest',
      t('backup.folderNoManifestFix'),
    );
}

export async function verifyBackup(deps: BackupDeps, path: string, options: { deep: boolean }): Promise<VerifyResult> {
  await checkBackupPath(deps.machine, path);
  const checks = new Map<string, PartCheck>();
  let manifest: BackupManifest | undefined;
  const record = (part: BackupPart, problem: string | undefined) =>
    checks.set(part.file, {
      file: part.file,
      kind: part.kind,
      role: part.role,
      ok: problem === undefined,
      ...(problem ? { problem } : {}),
    });
  if (path.endsWith(containerExtension) && !(await deps.machine.isDir(path))) {
    const index = await deps.archive.scanContainer(path);
    const [first, ...rest] = index.members;
    if (!first) throw new NotABackupError(path, t('backup.notTar', { error: index.problem?.reason ?? 'it is empty' }));
    if (first.name !== manifestFileName)
      throw new NotABackupError(path, t('backup.firstMember', { name: first.name, file: manifestFileName }));
    const found = parseBackupManifest(path, await readAll(deps.archive.memberStream(path, first)));
    manifest = found;
    for (const member of rest) {
      const part = found.parts.find((p) => p.file === member.name);
      if (!part)
        throw new NotABackupError(path, t('backup.unlistedMember', { name: member.name, file: manifestFileName }));
      if (member.size !== part.bytes) record(part, sizeProblem(member.size, part.bytes));
      else record(part, await checkStream(deps, part, deps.archive.memberStream(path, member), options.deep));
    }
    const problem = index.problem;
    const stopped = found.parts.find((p) => problem?.member !== undefined && p.file === problem.member);
    if (problem && stopped && !checks.has(stopped.file)) record(stopped, problem.reason);
    for (const part of found.parts)
      if (!checks.has(part.file)) record(part, t('backup.problemNotInContainer', { reason: problem?.reason }));
    // A container whose parts are all whole but that holds something odd after them is not one devbox wrote.
    if (problem && [...checks.values()].every((c) => c.ok)) throw new NotABackupError(path, problem.reason);
  } else {
    manifest = parseBackupManifest(path, await deps.machine.readFile(`${path}/${manifestFileName}`));
    for (const part of manifest.parts) {
      const file = `${path}/${part.file}`;
      if (!(await deps.machine.exists(file))) {
        record(part, t('backup.problemMissing'));
        continue;
      }
      record(part, await checkStream(deps, part, deps.archive.fileStream(file), options.deep));
    }
  }
  const parts = manifest.parts.map((p) => checks.get(p.file)!);
  return { path, ok: parts.every((p) => p.ok), deep: options.deep, parts, manifest };
}
