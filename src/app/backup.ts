/** `devbox backup`, `backup verify`, `restore`: composes the ports for src/backup's core. */
import { join } from 'node:path';
import * as archive from '../platform/backup/archive.js';
import { createBackupMachine } from '../platform/backup/machine.js';
import { createGuestDocker } from '../platform/backup/docker.js';
import { createRuntime, createStatePorts } from '../platform/runtime.js';
import { stateDirectory, FileJournal } from '../platform/state.js';
import { loadDevboxManifest } from './manifest.js';
import { PrerequisiteError, UsageError } from '../errors.js';
import { askYesNo, isInteractive } from '../ui/prompt.js';
import { runBackup, type BackupResult } from '../backup/backup.js';
import type { BackupDeps } from '../backup/deps.js';
import { parseMaps, parseOnly } from '../backup/format.js';
import { runRestore, type RestoreResult } from '../backup/restore.js';
import { checkAsName } from '../backup/restore-plan.js';
import { checkBackupPath, verifyBackup, type VerifyResult } from '../backup/verify.js';
import { closingSelection } from '../backup/closing-status.js';
import { compileResources } from '../resources/registry.js';
import { status, type StatusResult } from './status.js';
import { t } from '../i18n/catalogue.js';
import { up } from './up.js';

export { conflictExit } from '../backup/restore.js';

export interface CommonOptions {
  devboxVersion: string;
  passphraseFile?: string;
  progress(text: string): void;
}

function deps(options: CommonOptions, distroName?: string): BackupDeps {
  if (!archive.zstdAvailable()) {
    throw new PrerequisiteError(t('backup.needsZstd', { node: process.versions.node }), {
      suggestions: [t('backup.needsZstdFix')],
    });
  }
  const runtime = createRuntime({ dryRun: false, ...(distroName ? { distroName } : {}) });
  const host = runtime.apply.host;
  if (!host) throw new PrerequisiteError(t('backup.windowsOnly'));
  const machine = createBackupMachine();
  return {
    host,
    machine,
    archive,
    docker: (distro) => createGuestDocker(machine, { kind: 'wsl', distro }),
    confirm: async (q) => (isInteractive() ? askYesNo(q) : false),
    progress: options.progress,
    devboxVersion: options.devboxVersion,
    ...(runtime.elevation ? { elevation: runtime.elevation } : {}),
    convergeForScoop: async (manifestRef, { withScoop }) => {
      // The restore's plan named these steps; Scoop's installer is the manifest's, checked by sha256.
      // The hosts entries first, as in `devbox up`: Scoop's and its apps' downloads depend on them.
      const loaded = await loadDevboxManifest(manifestRef, { env: process.env });
      const types = new Set(compileResources(loaded.manifest).map((r) => r.type));
      const only = ['hosts.entry', ...(withScoop ? ['scoop.core'] : [])].filter((t) => types.has(t));
      if (only.length === 0) return [];
      const result = await up({ manifestRef, only }, { consent: { yes: true } }, { state: createStatePorts() });
      const applied = result.report?.steps.filter((s) => s.outcome === 'applied').map((s) => s.id) ?? [];
      return applied.map((id) => `${id}: applied as devbox up does`);
    },
  };
}

async function passphrase(d: BackupDeps, file: string | undefined): Promise<string | undefined> {
  if (file) {
    const bytes = await d.machine.readFile(file);
    if (!bytes) throw new UsageError(t('backup.passphraseUnreadable', { file }));
    const text = bytes.toString('utf8').replace(/\r?\n$/, '');
    if (text === '') throw new UsageError(t('backup.passphraseEmpty', { file }));
    return text;
  }
  return process.env.DEVBOX_BACKUP_PASSPHRASE || undefined;
}

export interface BackupOptions extends CommonOptions {
  output: string;
  only?: string[];
  manifestRef: string;
  distro?: string;
  format: 'tar' | 'vhd';
  yes: boolean;
  level: number;
  withCache: boolean;
  withImages?: boolean;
  dryRun: boolean;
}

export async function backup(
  options: BackupOptions,
): Promise<BackupResult | { dryRun: true; output: string; parts: string[] }> {
  const only = parseOnly(options.only);
  if (options.level < 1 || options.level > 19) throw new UsageError(t('backup.badLevel'));
  // Before any work: an empty -o once ran the whole backup and failed renaming onto ''.
  if (options.output.trim() === '') throw new UsageError(t('backup.outputEmpty'), { code: 'backup.output-empty' });
  // A folder as typed or tab-completed (D:\backups\today\): its `.partial` goes beside it, not into it.
  const output = options.output.replace(/(?<=[^\\/:])[\\/]+$/, '');
  const loaded = await loadDevboxManifest(options.manifestRef, { env: process.env });
  const manifest = loaded.manifest as unknown as Record<string, unknown>;
  const distroName = options.distro ?? (manifest.distro as { name?: string } | undefined)?.name ?? 'Ubuntu-24.04';
  // The same prerequisites (zstd, Windows) stop a dry run with the same code: it never says "would
  // back up" where the backup itself could not run.
  const d = deps(options, distroName);
  if (options.dryRun) return { dryRun: true, output, parts: only };
  const journal = await new FileJournal(join(stateDirectory(), 'journal.jsonl')).readAll();
  const pass = await passphrase(d, options.passphraseFile);
  return runBackup(d, {
    output,
    only,
    manifest,
    distro: { name: distroName, format: options.format, yes: options.yes },
    level: options.level,
    withCache: options.withCache,
    withImages: options.withImages ?? false,
    ...(pass ? { passphrase: pass } : {}),
    journalSummary: { entries: journal.length, last: journal.slice(-5) },
  });
}

export async function verify(path: string, deep: boolean, options: CommonOptions): Promise<VerifyResult> {
  if (!archive.zstdAvailable())
    throw new PrerequisiteError(t('backup.verifyNeedsZstd', { node: process.versions.node }));
  return verifyBackup(
    { machine: createBackupMachine(), archive, progress: options.progress } as unknown as BackupDeps,
    path,
    { deep },
  );
}

export interface RestoreOptions extends CommonOptions {
  path: string;
  only?: string[];
  map?: string[];
  as?: string;
  replace: boolean;
  yes: boolean;
  dryRun: boolean;
}

export async function restore(options: RestoreOptions): Promise<RestoreResult & { status?: StatusResult }> {
  const only = parseOnly(options.only);
  const maps = parseMaps(options.map);
  if (options.as !== undefined) checkAsName(options.as);
  await checkBackupPath(createBackupMachine(), options.path);
  const d = deps(options, options.as);
  const pass = await passphrase(d, options.passphraseFile);
  const result = await runRestore(d, {
    path: options.path,
    only,
    ...(options.only ? { asked: only } : {}),
    maps,
    ...(options.as !== undefined ? { as: options.as } : {}),
    replace: options.replace,
    yes: options.yes,
    dryRun: options.dryRun,
    stateDir: stateDirectory(),
    ...(pass ? { passphrase: pass } : {}),
  }).finally(() => d.elevation?.close());
  if (result.dryRun || !result.manifestPath) return result;
  // The proof: what this restore wrote (its parts, --only) against the backed-up manifest, paths mapped.
  try {
    const loaded = await loadDevboxManifest(result.manifestPath, { env: process.env });
    const types = compileResources(loaded.manifest).map((r) => r.type);
    const ids = closingSelection(result.restored, types);
    if (ids.length === 0) return result;
    const checked = await status({ manifestRef: result.manifestPath, only: ids });
    return { ...result, status: checked };
  } catch (error) {
    // The restore itself is done; a check that cannot run is reported, not turned into a failure.
    return {
      ...result,
      notes: [...result.notes, `devbox status could not check the restored machine: ${(error as Error).message}`],
    };
  }
}
