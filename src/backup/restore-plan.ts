/**
 * The restore plan, made before anything is written: what will be created where, conflicts (a
 * distro of that name), free space per volume against what the parts unpack to, what comes from
 * the backup and what would be downloaded, and which steps need elevation.
 */
import { UsageError } from '../errors.js';
import type { BackupDeps } from './deps.js';
import { DamagedPartError } from './restore-files.js';
import type { MachineFacts } from './facts.js';
import type { BackupManifest, BackupPart, PartKind, RootToken } from './format.js';
import { t } from '../i18n/catalogue.js';
import { wslconfigChange } from './restore-config.js';
import { joinWindows, samePath } from '../resources/scoop/facts.js';

export interface RestoreStep {
  part: PartKind;
  what: string;
  /** Where the bytes come from. */
  from: 'backup' | 'download' | 'machine';
  elevated: boolean;
}

/** What one volume must hold: every folder the restore writes on it, summed. */
export interface SpaceNeed {
  /** The folders on this volume, joined with " + ". */
  path: string;
  needed: number;
  free: number;
}

/** A volume without room for what the restore writes on it, with 5% to spare. */
export function spaceShort(need: SpaceNeed): boolean {
  return need.free < need.needed * 1.05;
}

export interface RestorePlan {
  steps: RestoreStep[];
  conflicts: string[];
  space: SpaceNeed[];
  /** Root tokens → Windows folders on this machine. */
  roots: Partial<Record<RootToken, string>>;
  distro?: { name: string; installDir: string; replace: boolean; defaultUser: string | null; part: BackupPart };
  notes: string[];
}

export interface PlanRequest {
  only: PartKind[];
  maps: Partial<Record<RootToken, string>>;
  as?: string;
  /** The user confirmed replacing an existing distro of the same name. */
  replace: boolean;
  /** An interrupted earlier restore left this distro registered (from devbox's marker). */
  halfRestored?: string;
  /**
   * What the backed-up manifest declares, when this restore saves it (the config part is restored):
   * Scoop itself and the hosts entries are converged from it. Absent: they cannot be.
   */
  restoredManifest?: ReturnType<typeof declaredForScoop>;
  /** The backed-up `.wslconfig`, when this restore writes it (the config part is restored and holds one). */
  restoredWslconfig?: string;
  /** A passphrase was given: Scoop's secrets can be opened (else they are left out, with a note). */
  passphrase: boolean;
}

/** `%LOCALAPPDATA%` of this machine (under the profile where Windows did not say). */
export function localAppData(facts: MachineFacts, roots: Partial<Record<RootToken, string>>): string {
  return facts.os.env.LOCALAPPDATA ?? joinWindows(roots.USERPROFILE ?? 'C:\\', 'AppData\\Local');
}

// WSL's rule for distribution names (as in the manifest schema: no leading "-"), without "." and
// ".." that would name a folder above devbox\wsl; and a Linux user name. Both come from the backup or --as.
const distroNamePattern = /^(?!\.{1,2}$)(?!-)[a-zA-Z0-9._-]{1,256}$/;
// Permissive (useradd --badname allows capitals and dots): only what could be an option or a path is refused.
const linuxUserPattern = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,31}\$?$/;

/** `--as NAME` is a name WSL accepts; else a UsageError (checked before anything names the distro). */
export function checkAsName(as: string): void {
  if (!distroNamePattern.test(as)) throw new UsageError(t('restore.badAs', { name: as }));
}

/** The distro name and default user a restore uses; a bad one is a usage error (--as) or a damaged part. */
export function checkedDistro(part: BackupPart, as: string | undefined): { name: string; defaultUser: string | null } {
  if (as !== undefined) checkAsName(as);
  const name = as ?? String(part.meta.name);
  if (!distroNamePattern.test(name))
    throw new DamagedPartError(part.file, t('restore.badDistroName', { name: JSON.stringify(part.meta.name) }));
  const user = part.meta.defaultUser;
  if (user !== undefined && user !== null && (typeof user !== 'string' || !linuxUserPattern.test(user)))
    throw new DamagedPartError(part.file, t('restore.badDefaultUser', { user: JSON.stringify(user) }));
  return { name, defaultUser: (user as string | null | undefined) ?? null };
}

/** Whether a backed-up manifest has a `scoop` section, and the names of its hosts entries. */
export function declaredForScoop(manifest: unknown): { scoop: boolean; hostsEntries: string[] } {
  const m = manifest as { scoop?: unknown; hosts?: { entries?: unknown } };
  const entries = Array.isArray(m.hosts?.entries) ? (m.hosts.entries as { name?: unknown }[]) : [];
  return { scoop: Boolean(m.scoop), hostsEntries: entries.map((e) => String(e?.name)) };
}

/**
 * The hosts entries, converged before Scoop's files whether or not Scoop is already installed (its
 * downloads depend on them): a step before the first of Scoop's, or a note saying why not.
 */
function scoopPrerequisites(steps: RestoreStep[], notes: string[], manifest: PlanRequest['restoredManifest']): void {
  if (!manifest) {
    notes.push(t('restore.noManifestForScoop'));
    return;
  }
  if (manifest.hostsEntries.length === 0) return;
  const hosts: RestoreStep = {
    part: 'scoop',
    what: t('restore.stepHosts', { names: manifest.hostsEntries.join(', ') }),
    // Resolved again on this machine (DoH, then each address proved by TLS), not copied from the backup.
    from: 'machine',
    // The hosts file is writable by administrators only: the run's one UAC prompt.
    elevated: true,
  };
  const first = steps.findIndex((s) => s.part === 'scoop');
  steps.splice(first < 0 ? steps.length : first, 0, hosts);
}

export async function planRestore(
  deps: BackupDeps,
  manifest: BackupManifest,
  facts: MachineFacts,
  request: PlanRequest,
): Promise<RestorePlan> {
  const roots: Partial<Record<RootToken, string>> = {
    ...manifest.source.roots,
    ...(facts.os.env.USERPROFILE ? { USERPROFILE: facts.os.env.USERPROFILE } : {}),
    ...request.maps,
  };
  // A folder that was inside Scoop's root (its cache, by default) moves with it unless mapped itself.
  const sourceScoop = manifest.source.roots.SCOOP?.replace(/\\+$/, '');
  for (const token of ['SCOOP_CACHE', 'SCOOP_GLOBAL'] as const) {
    const was = manifest.source.roots[token];
    if (!sourceScoop || !request.maps.SCOOP || request.maps[token] || !was) continue;
    if (was.toLowerCase().startsWith(`${sourceScoop.toLowerCase()}\\`))
      roots[token] = `${request.maps.SCOOP.replace(/\\+$/, '')}${was.slice(sourceScoop.length)}`;
  }
  const parts = manifest.parts.filter((p) => request.only.includes(p.kind));
  const steps: RestoreStep[] = [];
  const conflicts: string[] = [];
  const notes: string[] = [];
  // Keyed by local path; the label is what the user knows the folder as.
  const needs = new Map<string, { label: string; bytes: number }>();
  const need = (path: string, bytes: number, local = path ? deps.machine.local(path) : '') => {
    if (!path) return;
    needs.set(local, { label: path, bytes: (needs.get(local)?.bytes ?? 0) + bytes });
  };
  const alsoOn: { path: string; bytes: number }[] = [];
  let distro: RestorePlan['distro'];
  const scoopThere = () => facts.scoop.roots.some((r) => r.core && r.path.toLowerCase() === roots.SCOOP?.toLowerCase());

  for (const part of parts) {
    if (part.kind === 'distro') {
      const { name, defaultUser } = checkedDistro(part, request.as);
      const existing = facts.distros.find((d) => d.name.toLowerCase() === name.toLowerCase());
      const half = request.halfRestored !== undefined && request.halfRestored.toLowerCase() === name.toLowerCase();
      if (existing && !request.replace && !half) conflicts.push(t('restore.distroExists', { name }));
      if (half && existing) notes.push(t('restore.halfRestored', { name }));
      const installDir = joinWindows(localAppData(facts, roots), 'devbox', 'wsl', name);
      distro = { name, installDir, replace: Boolean(existing), defaultUser, part };
      // A VHDX is unpacked beside the distro, then copied into it by wsl --import --vhd: twice.
      need(installDir, part.role === 'vhd' ? 2 * part.rawBytes : part.rawBytes);
      steps.push({
        part: 'distro',
        what: t('restore.stepImport', { replace: Boolean(existing), name, dir: installDir, bytes: part.rawBytes }),
        from: 'backup',
        elevated: false,
      });
      if (defaultUser && defaultUser !== 'root')
        steps.push({
          part: 'distro',
          what: t('restore.stepDefaultUser', { user: defaultUser }),
          from: 'machine',
          elevated: false,
        });
    } else if (part.kind === 'scoop') {
      if (part.role === 'persist') {
        need(roots.SCOOP ?? '', part.rawBytes);
        // One part holds persist/ of both roots, its share per root not recorded apart: a global
        // root on another volume must have room for all of it too.
        if (roots.SCOOP_GLOBAL) alsoOn.push({ path: roots.SCOOP_GLOBAL, bytes: part.rawBytes });
        steps.push({
          part: 'scoop',
          what: t('restore.stepPersist', {
            scoop: joinWindows(String(roots.SCOOP), 'persist'),
            global: joinWindows(String(roots.SCOOP_GLOBAL), 'persist'),
            entries: part.entries,
          }),
          from: 'backup',
          elevated: false,
        });
      } else if (part.role === 'buckets') {
        need(roots.SCOOP ?? '', part.rawBytes);
        steps.push({
          part: 'scoop',
          what: t('restore.stepBuckets', { buckets: joinWindows(String(roots.SCOOP), 'buckets') }),
          from: 'backup',
          elevated: false,
        });
      } else if (part.role === 'cache') {
        need(roots.SCOOP_CACHE ?? '', part.rawBytes);
        steps.push({
          part: 'scoop',
          what: t('restore.stepCache', { cache: String(roots.SCOOP_CACHE) }),
          from: 'backup',
          elevated: false,
        });
      } else if (part.role === 'secrets') {
        const keys = (part.meta.keys as string[] | undefined)?.join(', ') ?? '';
        if (!request.passphrase) notes.push(t('restore.secretsLeftOut', { keys }));
        else steps.push({ part: 'scoop', what: t('restore.stepSecrets', { keys }), from: 'backup', elevated: false });
      } else if (part.role === 'export') {
        const cached = parts.some((p) => p.kind === 'scoop' && p.role === 'cache');
        if (request.restoredManifest?.scoop && !scoopThere())
          steps.push({
            part: 'scoop',
            what: t('restore.stepInstallScoop', { root: roots.SCOOP! }),
            from: 'download',
            elevated: false,
          });
        steps.push({
          part: 'scoop',
          what: t('restore.stepApps', { apps: String(part.meta.apps) }),
          from: cached ? 'backup' : 'download',
          // Global apps install as administrator (one UAC prompt).
          elevated: Number(part.meta.globalApps ?? 0) > 0,
        });
      }
    } else if (part.kind === 'config') {
      const path = roots.USERPROFILE ? joinWindows(roots.USERPROFILE, '.wslconfig') : undefined;
      const change =
        request.restoredWslconfig !== undefined && path
          ? await wslconfigChange(deps, path, request.restoredWslconfig)
          : undefined;
      steps.push({
        part: 'config',
        what: change ? t('restore.stepConfig', { path: path!, change }) : t('restore.stepConfigManifestOnly'),
        from: 'backup',
        elevated: false,
      });
    } else if (part.kind === 'cluster' && part.role === 'images') {
      const refs = Array.isArray(part.meta.images) ? (part.meta.images as { ref?: unknown }[]).map((i) => i.ref) : [];
      steps.push({
        part: 'cluster',
        what: t('restore.stepImages', { refs: refs.join(', '), bytes: part.rawBytes }),
        from: 'backup',
        elevated: false,
      });
    } else if (part.kind === 'cluster') {
      steps.push({
        part: 'cluster',
        what: t('restore.stepCluster'),
        from: 'download',
        elevated: false,
      });
    }
  }
  if (parts.some((p) => p.kind === 'scoop')) scoopPrerequisites(steps, notes, request.restoredManifest);
  if (!roots.SCOOP && parts.some((p) => p.kind === 'scoop')) conflicts.push(t('restore.noScoopRoot'));
  // Scoop keeps global apps in a folder of their own (the manifest schema's rule.globalRoot).
  if (parts.some((p) => p.kind === 'scoop') && roots.SCOOP && samePath(roots.SCOOP, roots.SCOOP_GLOBAL))
    conflicts.push(t('restore.sameScoopRoots', { path: roots.SCOOP }));
  // Summed per volume: Scoop's folders and the distro often share C:.
  const volumes = new Map<string, { local: string; labels: string[]; needed: number }>();
  for (const [local, { label, bytes }] of needs) {
    const volume = await deps.machine.volumeOf(local);
    const entry = volumes.get(volume) ?? { local, labels: [], needed: 0 };
    entry.labels.push(label);
    entry.needed += bytes;
    volumes.set(volume, entry);
  }
  const scoopVolume =
    alsoOn.length > 0 && roots.SCOOP ? await deps.machine.volumeOf(deps.machine.local(roots.SCOOP)) : undefined;
  for (const { path, bytes } of alsoOn) {
    const local = deps.machine.local(path);
    const volume = await deps.machine.volumeOf(local);
    if (volume === scoopVolume) continue;
    const entry = volumes.get(volume) ?? { local, labels: [], needed: 0 };
    entry.labels.push(path);
    entry.needed += bytes;
    volumes.set(volume, entry);
  }
  const space: SpaceNeed[] = [];
  for (const { local, labels, needed } of volumes.values()) {
    const free = await deps.machine.freeBytes(local);
    const path = labels.join(' + ');
    space.push({ path, needed, free });
    if (spaceShort({ path, needed, free })) conflicts.push(t('restore.noSpace', { path, needed, free }));
  }
  return { steps, conflicts, space, roots, ...(distro ? { distro } : {}), notes: [...notes, ...manifest.notes] };
}
