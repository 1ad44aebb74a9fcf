/**
 * The backup's own description (`manifest.json`): what was backed up from where, and per part its
 * file, sizes, sha256, entry count and zstd level. Paths inside parts are stored relative to a root
 * token (`SCOOP/persist/git/…`, `USERPROFILE/.wslconfig`) so a restore maps each token onto a folder
 * of the new machine (`--map SCOOP=E:\Apps`). Schema changes bump `schema`.
 */
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { zodParams } from '../i18n/zod.js';
import { windowsPath } from '../manifest/schema/common.js';
import { samePath } from '../resources/scoop/facts.js';

export const backupSchemaVersion = 1;

/** Root tokens a part's entry names start with. */
export const rootTokens = ['SCOOP', 'SCOOP_GLOBAL', 'SCOOP_CACHE', 'USERPROFILE'] as const;
export type RootToken = (typeof rootTokens)[number];

/** The part kinds, and the `--only` names. */
export const partKinds = ['distro', 'scoop', 'config', 'cluster'] as const;
export type PartKind = (typeof partKinds)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * The roles each kind's parts have (backup-distro.ts, backup-scoop.ts, backup.ts, images.ts): a part
 * of another role would be skipped by every restore step, so a manifest naming one is refused.
 */
export const partRoles: Record<PartKind, readonly string[]> = {
  distro: ['rootfs', 'vhd'],
  scoop: ['export', 'buckets', 'persist', 'cache', 'secrets'],
  config: ['config'],
  cluster: ['config', 'images'],
};

const partFields = z.object({
  kind: z.enum(partKinds),
  /** What this file holds within its kind, e.g. `persist`, `buckets`, `export`, `secrets`. */
  role: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** File name inside the backup (a plain name: no folders). */
  file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  /** Size of the file as stored (compressed, encrypted), bytes. */
  bytes: z.number().int().nonnegative(),
  /** Size before compression (the tar stream), bytes; equal to `bytes` when stored as is. */
  rawBytes: z.number().int().nonnegative(),
  sha256,
  /** Tar entries inside (0 for files that are not archives). */
  entries: z.number().int().nonnegative(),
  /** zstd level, or null when not compressed. */
  zstdLevel: z.number().int().nullable(),
  encoding: z.enum(['tar+zstd', 'json', 'aes-256-gcm', 'raw']),
  /** Part-specific facts (the distro's name and default user, the Scoop apps and buckets …). */
  meta: z.record(z.string(), z.unknown()).default({}),
});
export const partSchema = partFields.superRefine((part, ctx) => {
  if (!partRoles[part.kind].includes(part.role))
    ctx.addIssue({
      code: 'custom',
      path: ['role'],
      message: t('backup.unknownRole', { role: part.role, kind: part.kind, roles: partRoles[part.kind].join(', ') }),
    });
});
export type BackupPart = z.infer<typeof partSchema>;

export const backupManifestSchema = z.object({
  schema: z.literal(backupSchemaVersion),
  devboxVersion: z.string(),
  createdAt: z.string(),
  source: z.object({
    windowsBuild: z.string().nullable(),
    wslVersion: z.string().nullable(),
    user: z.string().nullable(),
    /** Windows folders each root token stood for on the source machine. */
    roots: z.partialRecord(z.enum(rootTokens), windowsPath),
  }),
  parts: z.array(partSchema).superRefine((parts, ctx) => {
    // Each file once (as NTFS names it), each kind's role once, one distro: a restore reads one of each.
    const seen = new Set<string>();
    parts.forEach((part, i) => {
      const role = part.kind === 'distro' ? 'distro' : `${part.kind}/${part.role}`;
      for (const key of [`file ${part.file.toLowerCase()}`, role]) {
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: t('backup.partTwice', { what: key }) });
        seen.add(key);
      }
    });
  }),
  /** What was deliberately left out, for the user (secrets without a passphrase, …). */
  notes: z.array(z.string()).default([]),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

/** The file name of the manifest, in a directory backup and first in a `.devbox-backup` container. */
export const manifestFileName = 'manifest.json';
/** Suffix of files still being written: never taken for a finished file. */
export const partialSuffix = '.partial';
export const containerExtension = '.devbox-backup';
/** Whether `path` names a `.devbox-backup` file: compared as Windows compares names (any case). */
export const isContainerPath = (path: string): boolean => path.toLowerCase().endsWith(containerExtension);

/** Parses `--map TOKEN=PATH` values. */
export function parseMaps(values: readonly string[] | undefined): Partial<Record<RootToken, string>> {
  const out: Partial<Record<RootToken, string>> = {};
  for (const value of values ?? []) {
    const m = /^([A-Z_]+)=(.+)$/.exec(value);
    const token = m?.[1] as RootToken | undefined;
    if (!m || !token || !rootTokens.includes(token)) {
      throw new UsageError(t('backup.mapInvalid', { value, tokens: rootTokens.join(', ') }), {
        suggestions: [t('backup.mapExample')],
      });
    }
    // A root is a Windows folder on a drive, as the manifest's own paths are (common.ts). Written
    // as Windows reads it: / is \, and doubled separators and . segments name the same folder.
    const typed = /^[A-Za-z]:[\\/]/.test(m[2]!)
      ? m[2]!
          .replaceAll('/', '\\')
          .replace(/\\{2,}/g, '\\')
          .replace(/\\\.(?=\\|$)/g, '')
          .replace(/^([A-Za-z]:)$/, '$1\\')
      : m[2];
    const path = windowsPath.safeParse(typed, zodParams());
    if (!path.success)
      throw new UsageError(t('backup.mapPath', { value, problem: String(path.error.issues[0]?.message) }), {
        suggestions: [t('backup.mapExample')],
      });
    // A folder, not how it was typed: E:\Apps\ is E:\Apps (a drive's root keeps its backslash).
    const folder = path.data.replace(/(?<!^[A-Za-z]:)\\+$/, '');
    // Two folders for one root is a mistake whichever is meant; the same folder twice is harmless.
    const before = out[token];
    if (before !== undefined && !samePath(before, folder))
      throw new UsageError(t('backup.mapTwice', { token, first: before, second: folder }), {
        suggestions: [t('backup.mapExample')],
      });
    out[token] = folder;
  }
  return out;
}

/** Parses `--only` values into part kinds. */
export function parseOnly(values: readonly string[] | undefined): PartKind[] {
  if (!values || values.length === 0) return [...partKinds];
  for (const v of values) {
    if (!partKinds.includes(v as PartKind))
      throw new UsageError(t('backup.onlyUnknown', { value: v, kinds: partKinds.join(', ') }));
  }
  return [...new Set(values as PartKind[])];
}

/**
 * Checks one archive entry name: relative, `/`-separated, no `.` or `..` segment, starting with a
 * known root token. Returns the token and the rest, or a reason for refusing it.
 */
export function checkEntryName(name: string): { token: RootToken; rest: string[] } | { refused: string } {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\'))
    return { refused: 'absolute or Windows-style path' };
  const parts = name.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p === '.')) return { refused: 'path with . or .. segments' };
  const token = parts[0] as RootToken | undefined;
  if (!token || !rootTokens.includes(token))
    return { refused: `does not start with a root token (${rootTokens.join(', ')})` };
  return { token, rest: parts.slice(1) };
}

/**
 * Checks a symbolic link's target against its entry: relative targets only, staying inside the
 * entry's root token once resolved from the link's folder.
 */
export function linkStaysInside(entryRest: readonly string[], target: string): boolean {
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.includes('\\')) return false;
  const stack = entryRest.slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length === 0) return false;
      stack.pop();
    } else stack.push(part);
  }
  return true;
}
