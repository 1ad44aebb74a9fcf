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
  isContainerPath,
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

/** A pass-through that counts and hashes what flows through it. */
function measuring() {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, measured: () => ({ bytes, sha256: hash.digest('hex') }) };
}

/** Size and sha256 of a part read alone; `keep` collects its bytes too (a JSON part's, for --deep). */
async function measure(source: Readable, keep?: Buffer[]): Promise<{ bytes: number; sha256: string }> {
  const tap = measuring();
  const sink = new Writable({
    write(c: Buffer, _e, done) {
      keep?.push(c);
      done();
    },
  });
  await pipeline(source, tap.stream, sink);
  return tap.measured();
}

/** What is wrong inside a tar+zstd part that decompressed, if anything. */
function insideProblem(
  part: BackupPart,
  facts: Awaited<ReturnType<BackupDeps['archive']['readArchive']>>,
): string | undefined {
  if (facts.entries !== part.entries)
    return t('backup.problemEntries', { entries: facts.entries, expected: part.entries });
  if (facts.mismatched.length > 0)
    return t('backup.problemFilesDiffer', { files: facts.mismatched.slice(0, 5).join(', ') });
  // Tars written by other programs (wsl --export, docker save) have no devbox index.
  if (part.role !== 'rootfs' && part.role !== 'images' && !facts.hasIndex) return t('backup.problemNoIndex');
  return undefined;
}

/**
 * What the deep reader finds in a tar+zstd part, and the part's size and sha256. A reader that fails
 * stops the reading: the part is then read again alone, so a damaged part is named as plain verify
 * names it (its size, then its sha256) and never as truncated where the failing reader stopped.
 */
async function readDeep(
  deps: BackupDeps,
  part: BackupPart,
  open: () => Readable,
): Promise<{ bytes: number; sha256: string; problem?: string }> {
  const tap = measuring();
  // Caught at once: a damaged archive can fail before the source is done, and an unhandled
  // rejection in that window would end the process.
  const read = deps.archive.readArchive(tap.stream).catch((e: Error) => e);
  const source = open();
  let readToEnd = false;
  source.once('end', () => (readToEnd = true));
  await pipeline(source, tap.stream).catch(() => undefined);
  const facts = await read;
  if (facts instanceof Error) {
    const problem = t('backup.problemNotTarZstd', { error: facts.message });
    return { ...(readToEnd ? tap.measured() : await measure(open())), problem };
  }
  const problem = insideProblem(part, facts);
  return { ...tap.measured(), ...(problem ? { problem } : {}) };
}

/** Checks one part: its size, then its sha256, then (`deep`) what is inside. */
async function checkPart(
  deps: BackupDeps,
  part: BackupPart,
  open: () => Readable,
  deep: boolean,
): Promise<string | undefined> {
  let found: { bytes: number; sha256: string; problem?: string };
  try {
    if (deep && part.encoding === 'tar+zstd' && part.role !== 'vhd') found = await readDeep(deps, part, open);
    else if (deep && part.encoding === 'json') {
      const chunks: Buffer[] = [];
      found = await measure(open(), chunks);
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        found.problem = t('backup.problemNotJson');
      }
    } else found = await measure(open());
  } catch (error) {
    return t('backup.problemUnreadable', { error: (error as Error).message });
  }
  if (found.bytes !== part.bytes) return sizeProblem(found.bytes, part.bytes);
  if (found.sha256 !== part.sha256) return t('backup.problemSha256');
  return found.problem;
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
  if (kind === 'missing') {
    // The backup that was meant may have been interrupted: say so rather than "not found".
    const partial = `${path.replace(/[\\/]+$/, '')}.partial`;
    if (await machine.exists(partial))
      throw new UserError(t('backup.onlyPartial', { path, partial }), ExitCode.applyFailed, {
        code: 'backup.partial',
        suggestions: [t('backup.partialLeftFix')],
      });
    throw usage(t('backup.notFound', { path }), 'backup.not-found', t('backup.notFoundHint'));
  }
  if (kind !== 'file' && kind !== 'directory') {
    const what = t(specialKinds[kind] ?? 'backup.whatOther');
    throw usage(t('backup.notRegular', { path, what }), 'backup.not-regular', t('backup.notFoundHint'));
  }
  if (/\.partial$/i.test(path.replace(/[\\/]+$/, '')))
    throw new UserError(t('backup.partialLeft', { path }), ExitCode.applyFailed, {
      code: 'backup.partial',
      suggestions: [t('backup.partialLeftFix')],
    });
  if (kind === 'file' && !isContainerPath(path))
    throw usage(t('backup.fileNotContainer', { path }), 'backup.not-container', t('backup.fileNotContainerFix'));
  if (kind === 'directory' && !(await machine.exists(`${path}/${manifestFileName}`)))
    throw usage(
      t('backup.folderNoManifest', { path, file: manifestFileName }),
      'backup.no-manifest',
      t('backup.folderNoManifestFix'),
    );
}

/**
 * Checks the backup at `path` part by part. `read`, when given, sees the manifest as soon as it is
 * parsed, before any part is hashed: what it throws ends the check (a restore refusing what it
 * was asked for, without reading gigabytes first).
 */
export async function verifyBackup(
  deps: BackupDeps,
  path: string,
  options: { deep: boolean; read?: (manifest: BackupManifest) => void },
): Promise<VerifyResult> {
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
  if (isContainerPath(path) && !(await deps.machine.isDir(path))) {
    const index = await deps.archive.scanContainer(path);
    const [first, ...rest] = index.members;
    if (!first) throw new NotABackupError(path, t('backup.notTar', { error: index.problem?.reason ?? 'it is empty' }));
    if (first.name !== manifestFileName)
      throw new NotABackupError(path, t('backup.firstMember', { name: first.name, file: manifestFileName }));
    const found = parseBackupManifest(path, await readAll(deps.archive.memberStream(path, first)));
    options.read?.(found);
    manifest = found;
    for (const member of rest) {
      const part = found.parts.find((p) => p.file === member.name);
      if (!part)
        throw new NotABackupError(path, t('backup.unlistedMember', { name: member.name, file: manifestFileName }));
      if (member.size !== part.bytes) record(part, sizeProblem(member.size, part.bytes));
      else record(part, await checkPart(deps, part, () => deps.archive.memberStream(path, member), options.deep));
    }
    const problem = index.problem;
    const stopped = found.parts.find((p) => problem?.member !== undefined && p.file === problem.member);
    if (problem && stopped && !checks.has(stopped.file)) record(stopped, problem.reason);
    for (const part of found.parts)
      if (!checks.has(part.file)) record(part, t('backup.problemNotInContainer', { reason: problem?.reason }));
    // A container whose parts are all whole but that holds something odd after them is not one devbox wrote.
    if (problem && [...checks.values()].every((c) => c.ok)) throw new NotABackupError(path, problem.reason);
  } else {
    // Only plain files are read: a named pipe would hang the reading, a device never end it.
    const notPlain = async (file: string, name: string) => {
      const kind = await deps.machine.pathKind(file);
      // A folder fails at once when read (EISDIR), and is named so.
      if (kind === 'file' || kind === 'missing' || kind === 'directory') return undefined;
      return t('backup.notPlainFile', { file: name, what: t(specialKinds[kind]) });
    };
    const manifestProblem = await notPlain(`${path}/${manifestFileName}`, manifestFileName);
    if (manifestProblem) throw new NotABackupError(path, manifestProblem);
    manifest = parseBackupManifest(path, await deps.machine.readFile(`${path}/${manifestFileName}`));
    options.read?.(manifest);
    for (const part of manifest.parts) {
      const file = `${path}/${part.file}`;
      if (!(await deps.machine.exists(file))) {
        record(part, t('backup.problemMissing'));
        continue;
      }
      const problem = await notPlain(file, part.file);
      record(part, problem ?? (await checkPart(deps, part, () => deps.archive.fileStream(file), options.deep)));
    }
  }
  const parts = manifest.parts.map((p) => checks.get(p.file)!);
  return { path, ok: parts.every((p) => p.ok), deep: options.deep, parts, manifest };
}
