/**
 * `devbox backup`: one backup of the machine's environment as a folder of parts plus manifest.json
 * (written last: a folder without it is not a backup), or one `.devbox-backup` file (a plain tar of
 * the same files, manifest first, written as `.partial` and renamed when complete).
 */
import { dirname, join } from 'node:path';
import { expectResult } from '../engine/ports/host.js';
import { wslVersion } from '../platform/windows/wsl.js';
import { blockBegin, blockEnd, hostsPath } from '../resources/hosts/file.js';
import { UsageError } from '../errors.js';
import { backupDistro, type DistroBackupOptions } from './backup-distro.js';
import { backupScoop } from './backup-scoop.js';
import { placeBackup } from './place.js';
import type { BackupDeps } from './deps.js';
import { readMachineFacts, type MachineFacts } from './facts.js';
import { backupImages, clusterImages } from './images.js';
import {
  backupSchemaVersion,
  isContainerPath,
  manifestFileName,
  partialSuffix,
  type BackupManifest,
  type BackupPart,
  type PartKind,
  type RootToken,
} from './format.js';
import { t } from '../i18n/catalogue.js';

export interface BackupRequest {
  /** Folder, or a file ending in .devbox-backup. */
  output: string;
  only: PartKind[];
  /** The resolved manifest (devbox's config part), as JSON. */
  manifest: Record<string, unknown>;
  distro: Omit<DistroBackupOptions, 'level'>;
  level: number;
  passphrase?: string;
  withCache: boolean;
  /** Also `docker save` the cluster's images into the cluster part (images.ts). */
  withImages?: boolean;
  /** Files of devbox's own state (the journal), as [name, bytes]. */
  journalSummary: unknown;
}

export interface BackupResult {
  path: string;
  manifest: BackupManifest;
}

async function configPart(
  deps: BackupDeps,
  facts: MachineFacts,
  dir: string,
  request: BackupRequest,
): Promise<BackupPart> {
  const profile = facts.os.env.USERPROFILE ?? '';
  const [wslconfig, hosts] = await deps.host.probe([
    { op: 'file', path: `${profile}\\.wslconfig` },
    { op: 'file', path: hostsPath },
  ]);
  const text = (r: typeof wslconfig) => {
    const f = expectResult(r, 'file', t('probe.what.aFile'));
    return f.exists && f.content ? f.content.toString('utf8') : null;
  };
  const hostsText = text(hosts);
  const begin = hostsText?.indexOf(blockBegin) ?? -1;
  const end = hostsText?.indexOf(blockEnd) ?? -1;
  let wslConf: string | null = null;
  if (request.only.includes('distro') || facts.distros.some((d) => d.name === request.distro.name)) {
    const r = await deps.host
      .exec({
        tool: 'wsl.exe',
        args: ['-d', request.distro.name, '-u', 'root', '--exec', 'cat', '/etc/wsl.conf'],
        readOnly: true,
      })
      .catch(() => undefined);
    wslConf = r && r.exitCode === 0 ? r.stdout.toString('utf8') : null;
  }
  const body = {
    manifest: request.manifest,
    wslconfig: text(wslconfig),
    hostsBlock: begin >= 0 && end > begin ? hostsText!.slice(begin, end + blockEnd.length) : null,
    wslConf,
    journal: request.journalSummary,
  };
  const facts2 = await deps.archive.writeBytes(
    join(dir, 'config.json'),
    Buffer.from(`${JSON.stringify(body, null, 2)}\n`),
  );
  return {
    kind: 'config',
    role: 'config',
    file: 'config.json',
    ...facts2,
    zstdLevel: null,
    encoding: 'json',
    meta: { wslconfig: body.wslconfig !== null },
  };
}

async function clusterPart(deps: BackupDeps, dir: string, request: BackupRequest): Promise<BackupPart> {
  // kind clusters are recreated, not restored (kind#148): their configuration is what matters.
  const body = { cluster: request.manifest.cluster ?? null };
  const f = await deps.archive.writeBytes(join(dir, 'cluster.json'), Buffer.from(`${JSON.stringify(body, null, 2)}\n`));
  return { kind: 'cluster', role: 'config', file: 'cluster.json', ...f, zstdLevel: null, encoding: 'json', meta: {} };
}

/**
 * Creates the folder `-o` names the backup in, so a path under a file, or in a folder devbox cannot
 * write, is a UsageError naming it before anything is read or written (not an errno from the middle).
 */
async function outputFolderUsable(deps: BackupDeps, output: string): Promise<void> {
  try {
    await deps.machine.mkdir(dirname(output));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new UsageError(t('backup.folderUnusable', { output, folder: dirname(output), code }), {
      suggestions: [t('backup.folderUnusableFix')],
    });
  }
}

export async function runBackup(deps: BackupDeps, request: BackupRequest): Promise<BackupResult> {
  const container = isContainerPath(request.output);
  if (await deps.machine.exists(request.output)) {
    const isDir = await deps.machine.isDir(request.output);
    if (!isDir || (await deps.machine.list(request.output)).length > 0) {
      throw new UsageError(t('backup.exists', { output: request.output }), {
        suggestions: [t('backup.existsFix')],
      });
    }
  }
  await outputFolderUsable(deps, request.output);
  const scoopSection = (request.manifest.scoop ?? {}) as { root?: string; globalRoot?: string };
  const facts = await readMachineFacts(
    deps.host,
    [scoopSection.root, scoopSection.globalRoot].filter((r): r is string => typeof r === 'string'),
  );
  const dir = container ? await deps.machine.tempDir() : `${request.output}.partial`;
  // Still named .partial once complete: a run killed before it is placed leaves nothing that looks finished.
  const staged = `${request.output}.placing${partialSuffix}`;
  await deps.machine.remove(dir);
  await deps.machine.mkdir(dir);
  try {
    const parts: BackupPart[] = [];
    const notes: string[] = [];
    const roots: Partial<Record<RootToken, string>> = { USERPROFILE: facts.os.env.USERPROFILE ?? '' };
    if (request.only.includes('config')) parts.push(await configPart(deps, facts, dir, request));
    if (request.only.includes('cluster')) {
      parts.push(await clusterPart(deps, dir, request));
      if (request.withImages) {
        const refs = clusterImages(request.manifest);
        if (refs.length > 0) parts.push(await backupImages(deps, request.distro.name, dir, refs, request.level));
        else notes.push(t('backup.noClusterImages'));
      }
    }
    if (request.only.includes('scoop')) {
      const scoop = await backupScoop(deps, facts, dir, {
        level: request.level,
        withCache: request.withCache,
        ...(request.passphrase ? { passphrase: request.passphrase } : {}),
      });
      parts.push(...scoop.parts);
      notes.push(...scoop.notes);
      Object.assign(roots, scoop.roots);
    }
    if (request.only.includes('distro'))
      parts.push(await backupDistro(deps, facts, dir, { ...request.distro, level: request.level }));
    const wsl = await wslVersion(deps.host).catch(() => undefined);
    const manifest: BackupManifest = {
      schema: backupSchemaVersion,
      devboxVersion: deps.devboxVersion,
      createdAt: new Date().toISOString(),
      source: {
        windowsBuild: `${facts.os.build}.${facts.os.ubr}`,
        wslVersion: wsl?.wsl ?? null,
        user: facts.os.env.USERNAME ?? null,
        roots,
      },
      parts,
      notes,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    if (container) {
      // Written beside, then placed like a folder backup: a path taken meanwhile keeps the file.
      await deps.archive.writeContainer(
        staged,
        manifestBytes,
        parts.map((p) => ({ name: p.file, path: join(dir, p.file) })),
      );
      await deps.machine.remove(dir);
      await placeBackup(deps, staged, request.output);
    } else {
      await deps.machine.writeFileAtomic(join(dir, manifestFileName), manifestBytes);
      await placeBackup(deps, dir, request.output);
    }
    return { path: request.output, manifest };
  } catch (error) {
    await deps.machine.remove(dir);
    // Also what a run killed before placing it left.
    if (container) await deps.machine.remove(staged);
    throw error;
  }
}
