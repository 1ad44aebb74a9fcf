/**
 * `devbox restore PATH`: verify, plan (conflicts and free space before anything is written), then
 * config → Scoop → distro. The distro is imported from the decompressed stream (`wsl --import … -`)
 * and its default user set again. A marker in devbox's state folder names a distro being imported:
 * a run killed mid-way leaves it, and the next restore unregisters the half-restored distro first.
 * A `.devbox-backup` file's parts are read in place (part-source.ts), never unpacked first.
 */
import { join } from 'node:path';
import { ExitCode, PrerequisiteError, UsageError, UserError } from '../errors.js';
import type { BackupDeps } from './deps.js';
import { readMachineFacts } from './facts.js';
import { type BackupManifest, type PartKind, type RootToken } from './format.js';
import { imagesRole, restoreImages } from './images.js';
import { openParts } from './part-source.js';
import { DamagedPartError } from './restore-files.js';
import { declaredForScoop, localAppData, planRestore, spaceShort, type RestorePlan } from './restore-plan.js';
import { t } from '../i18n/catalogue.js';
import { restoreScoop } from './restore-scoop.js';
import { restoreDistro } from './restore-distro.js';
import { mappedManifest, restoreWslconfig } from './restore-config.js';
import { joinWindows } from '../resources/scoop/facts.js';
import { decryptSecrets } from './secrets.js';
import { verifyBackup } from './verify.js';

export interface RestoreRequest {
  path: string;
  only: PartKind[];
  /** The kinds `--only` named; undefined without `--only` (then `only` is every kind). */
  asked?: PartKind[];
  maps: Partial<Record<RootToken, string>>;
  as?: string;
  replace: boolean;
  yes: boolean;
  dryRun: boolean;
  passphrase?: string;
  /** devbox's state folder (the restore marker lives there). */
  stateDir: string;
}

export interface RestoreResult {
  plan: RestorePlan;
  done: string[];
  notes: string[];
  /** The backed-up manifest with its paths mapped onto this machine (for `devbox status`). */
  manifestPath?: string;
  /** What this restore wrote, for the closing `devbox status` to check (closing-status.ts). */
  restored: Restored[];
  dryRun: boolean;
}

/**
 * `.wslconfig`, the distro (registration and its /etc/wsl.conf), Scoop (itself, buckets, apps,
 * config), and the hosts entries converged before Scoop's files (when the restored manifest has them).
 */
export type Restored = 'wslconfig' | 'distro' | 'scoop' | 'hosts';

/**
 * The exit code a plan's conflicts stop the restore with (a dry run exits with it too, after
 * showing the plan): 7 when a volume lacks room, else 2; undefined when there is none.
 */
export function conflictExit(plan: RestorePlan): ExitCode | undefined {
  if (plan.conflicts.length === 0) return undefined;
  return plan.space.some(spaceShort) ? ExitCode.prerequisiteMissing : ExitCode.usage;
}

/**
 * `--only` kinds and `--as` must name what the backup holds: restoring nothing of what was asked
 * and exiting 0 would pass for success. A usage error (exit 2), before any part is read. `--as`
 * names the distro imported, or the one the cluster's images are loaded into.
 */
function checkAsked(manifest: BackupManifest, request: RestoreRequest): void {
  const held = [...new Set(manifest.parts.map((p) => p.kind))];
  const restored = (kind: PartKind, role?: string) =>
    request.only.includes(kind) && manifest.parts.some((p) => p.kind === kind && (!role || p.role === role));
  const missing = (request.asked ?? []).filter((kind) => !held.includes(kind));
  if (missing.length > 0)
    throw new UsageError(t('restore.onlyNotHeld', { kinds: missing.join(', '), held: held.join(', ') }), {
      code: 'restore.not-held',
      suggestions: [t('restore.onlyFix', { held: held.join(', ') })],
    });
  if (request.as !== undefined && !restored('distro') && !restored('cluster', imagesRole))
    throw new UsageError(t('restore.asWithoutDistro', { name: request.as }), {
      code: 'restore.not-held',
      suggestions: [t('restore.asFix')],
    });
}

/**
 * A user error that stopped the restore part-way, with what was restored before it: those steps
 * stay as they are (each is whole), and the user is told which they are. Bugs pass as they are.
 */
export function doneBefore(error: unknown, done: readonly string[]): unknown {
  if (!(error instanceof UserError) || done.length === 0) return error;
  // Added to the message in place: the error keeps its class, code and exit code.
  error.message = `${error.message}\n${t('restore.doneBefore', { done: done.map((d) => `  - ${d}`).join('\n') })}`;
  return error;
}

export async function runRestore(deps: BackupDeps, request: RestoreRequest): Promise<RestoreResult> {
  const verified = await verifyBackup(deps, request.path, { deep: false, read: (m) => checkAsked(m, request) });
  const bad = verified.parts.filter((p) => !p.ok && request.only.includes(p.kind as PartKind));
  if (bad.length > 0)
    throw new DamagedPartError(
      // Several: each named once, with its own problem.
      bad.length === 1 ? bad[0]!.file : t('restore.partsDamaged', { count: bad.length }),
      bad.length === 1 ? bad[0]!.problem! : bad.map((p) => `${p.file}: ${p.problem}`).join('; '),
    );
  const manifest = verified.manifest as BackupManifest;
  const markerPath = join(request.stateDir, 'restore-in-progress.json');
  const marker = await deps.machine.readFile(markerPath);
  const halfRestored = marker ? (JSON.parse(marker.toString('utf8')) as { distro?: string }).distro : undefined;
  const scoopRoots = [
    request.maps.SCOOP ?? manifest.source.roots.SCOOP,
    request.maps.SCOOP_GLOBAL ?? manifest.source.roots.SCOOP_GLOBAL,
  ].filter((r): r is string => Boolean(r));
  const facts = await readMachineFacts(deps.host, scoopRoots);
  const parts = await openParts(deps, request.path);
  // The backed-up manifest, read before the plan: the plan names what is converged from it.
  const configPart = manifest.parts.find((p) => p.kind === 'config' && request.only.includes('config'));
  const configBytes = configPart ? await parts.read(configPart.file) : undefined;
  const config = configBytes
    ? (JSON.parse(configBytes.toString('utf8')) as { manifest?: unknown; wslconfig?: string | null })
    : undefined;
  const base = {
    only: request.only,
    maps: request.maps,
    ...(request.as ? { as: request.as } : {}),
    ...(halfRestored ? { halfRestored } : {}),
    ...(config?.manifest ? { restoredManifest: declaredForScoop(config.manifest) } : {}),
    ...(config?.wslconfig ? { restoredWslconfig: config.wslconfig } : {}),
    passphrase: Boolean(request.passphrase),
  };
  let plan = await planRestore(deps, manifest, facts, { ...base, replace: request.replace });
  const nameClash =
    plan.distro &&
    !request.replace &&
    facts.distros.some((d) => d.name.toLowerCase() === plan.distro!.name.toLowerCase()) &&
    halfRestored?.toLowerCase() !== plan.distro.name.toLowerCase();
  if (
    nameClash &&
    // --yes answers the question, as the README and --help say (a dry run plans as --yes would run);
    // no terminal and no --yes is a no.
    (request.yes ||
      (!request.dryRun &&
        (await deps.confirm(`Replace the registered distro ${plan.distro!.name}? Everything in it is lost.`))))
  ) {
    plan = await planRestore(deps, manifest, facts, { ...base, replace: true });
  }
  // Secrets are opened before anything is written, in a dry run too: a wrong passphrase changes nothing.
  const secretsPart = manifest.parts.find(
    (p) => p.kind === 'scoop' && p.role === 'secrets' && request.only.includes('scoop'),
  );
  const secrets =
    secretsPart && request.passphrase
      ? (decryptSecrets((await parts.read(secretsPart.file))!, request.passphrase) as Record<string, unknown>)
      : undefined;
  if (request.dryRun) return { plan, done: [], notes: plan.notes, restored: [], dryRun: true };
  if (plan.conflicts.length > 0) {
    const message = t('restore.cannotStart', { conflicts: plan.conflicts.map((c) => `  - ${c}`).join('\n') });
    throw conflictExit(plan) === ExitCode.prerequisiteMissing
      ? new PrerequisiteError(message, { code: 'restore.space' })
      : new UsageError(message, { code: 'restore.conflict' });
  }
  const notes = [...plan.notes];
  const done: string[] = [];
  const restored: Restored[] = [];
  let manifestPath: string | undefined;
  try {
    if (configPart || request.only.includes('config')) {
      if (config?.wslconfig && plan.roots.USERPROFILE) {
        const path = joinWindows(plan.roots.USERPROFILE, '.wslconfig');
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const keepDir = joinWindows(localAppData(facts, plan.roots), 'devbox', 'backups', `restore-${stamp}`);
        const { written, original } = await restoreWslconfig(deps, path, config.wslconfig, keepDir);
        done.push(written ? t('restore.wroteWslconfig', { path, original }) : t('restore.wslconfigSame', { path }));
        restored.push('wslconfig');
      }
      if (config?.manifest) {
        const mapped = mappedManifest(config.manifest, manifest.source.roots, plan, request.maps);
        manifestPath = join(request.stateDir, 'restored-manifest.yaml');
        await deps.machine.writeFileAtomic(manifestPath, Buffer.from(`${JSON.stringify(mapped, null, 2)}\n`));
        done.push(t('restore.savedManifest', { path: manifestPath }));
      }
    }
    if (request.only.includes('scoop') && manifest.parts.some((p) => p.kind === 'scoop')) {
      const scoop = await restoreScoop(deps, manifest, parts, plan, secrets, manifestPath, done);
      restored.push('scoop', ...(scoop.hosts ? (['hosts'] as const) : []));
      notes.push(...scoop.notes);
    }
    if (plan.distro) {
      done.push(...(await restoreDistro(deps, plan.distro, parts, markerPath, notes)));
      restored.push('distro');
    }
    // After the distro (Docker runs in it), before `devbox up` recreates the cluster.
    const imagesPart = manifest.parts.find((p) => p.kind === 'cluster' && p.role === imagesRole);
    if (imagesPart && request.only.includes('cluster')) {
      const backedUp = imagesPart.meta.distro;
      const distro = plan.distro?.name ?? request.as ?? (typeof backedUp === 'string' ? backedUp : 'Ubuntu-24.04');
      done.push(...(await restoreImages(deps, distro, parts, imagesPart)));
    }
  } catch (error) {
    throw doneBefore(error, done);
  }
  return { plan, done, notes, ...(manifestPath ? { manifestPath } : {}), restored, dryRun: false };
}
