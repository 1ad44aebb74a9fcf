/**
 * devbox's own files — the default manifest, the JSON Schema, the guest agent and the PowerShell
 * scripts — read through one function. In the standalone executables (a Node single-executable
 * application, scripts/dist.mjs) they are SEA assets inside the executable, never files beside it;
 * run from the package they are files under its root. Keys are the names below.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { makeDirectorySync } from './make-directory.js';
import { dirname, join } from 'node:path';
import * as sea from 'node:sea';
import { cacheDirectory } from './files.js';
import { assetPath, packageRoot } from './package-root.js';

/**
 * The PowerShell scripts and the parts they dot-source. They find each other by relative path from
 * `$PSScriptRoot` (probe.ps1 reaches the Scoop area's part at ../../../resources/scoop), so they are
 * written out together, in this layout.
 */
export const scriptAssetNames = [
  'platform/windows/scripts/probe.ps1',
  'platform/windows/scripts/write-file.ps1',
  'platform/windows/scripts/replace-file.ps1',
  'platform/windows/scripts/elevate.ps1',
  'platform/windows/scripts/fixed-ip-task.ps1',
  'platform/windows/scripts/protocol.ps1',
  'platform/windows/scripts/windows.ps1',
  'platform/windows/scripts/files.ps1',
  'platform/windows/scripts/probe-system.ps1',
  'platform/windows/scripts/probe-files.ps1',
  'resources/scoop/scoop-probe.ps1',
] as const;

/** Every asset devbox reads; scripts/dist.mjs embeds exactly these. */
export const assetNames = [
  'manifests/default.yaml',
  'manifests/schema.json',
  'platform/guest/agent.sh',
  ...scriptAssetNames,
] as const;
export type AssetName = (typeof assetNames)[number];

/** True inside a standalone executable. */
export function runningStandalone(): boolean {
  return typeof sea.isSea === 'function' && sea.isSea();
}

/** Where an asset is in the package (manifests/ at its root, the rest under src/ or dist/). */
export function packagedAssetPath(name: AssetName): string {
  return name.startsWith('manifests/') ? join(packageRoot(), name) : assetPath(name);
}

/** An asset's bytes. */
export function readAsset(name: AssetName): Buffer {
  if (runningStandalone()) return Buffer.from(sea.getAsset(name));
  return readFileSync(packagedAssetPath(name));
}

/**
 * A file holding the asset, for programs that need a path (`powershell.exe -File`). From the package
 * it is the packaged file. In an executable it is a copy in devbox's cache folder under a name
 * derived from the bytes, checked byte for byte before every use and rewritten atomically when it
 * differs, so a stale or tampered copy is never run. (The cache is the user's, as is the executable
 * itself under %LOCALAPPDATA%: the copy adds no new place another program of the user could not
 * already change.)
 */
export function assetFile(name: AssetName, env: NodeJS.ProcessEnv = process.env): string {
  if (!runningStandalone()) return packagedAssetPath(name);
  // A script comes with every part it may dot-source, under one folder named by all their bytes.
  const group: readonly AssetName[] = (scriptAssetNames as readonly string[]).includes(name)
    ? scriptAssetNames
    : [name];
  const contents = group.map((member) => ({ member, bytes: readAsset(member) }));
  const hash = createHash('sha256');
  for (const { member, bytes } of contents) hash.update(member).update('\0').update(bytes).update('\0');
  const dir = join(cacheDirectory(env), 'assets', hash.digest('hex').slice(0, 16));
  for (const { member, bytes } of contents) writeIfDifferent(join(dir, member), bytes);
  return join(dir, name);
}

function writeIfDifferent(path: string, bytes: Buffer): void {
  let current: Buffer | undefined;
  try {
    current = readFileSync(path);
  } catch {
    current = undefined;
  }
  if (current?.equals(bytes)) return;
  makeDirectorySync(dirname(path));
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}
