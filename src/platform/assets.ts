/**
 * devbox's own files — the default manifest, the JSON Schema, the guest agent and the PowerShell
 * scripts — read through one function. In the standalone executables (a Node single-executable
 * application, scripts/dist.mjs) they are SEA assets inside the executable, never files beside it;
 * run from the package they are files under its root. Keys are the names below.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as sea from 'node:sea';
import { cacheDirectory } from './files.js';
import { assetPath, packageRoot } from './package-root.js';

/** Every asset devbox reads; scripts/dist.mjs embeds exactly these. */
export const assetNames = [
  'manifests/default.yaml',
  'manifests/schema.json',
  'platform/guest/agent.sh',
  'platform/windows/scripts/probe.ps1',
  'platform/windows/scripts/write-file.ps1',
  'platform/windows/scripts/replace-file.ps1',
  'platform/windows/scripts/elevate.ps1',
  'platform/windows/scripts/fixed-ip-task.ps1',
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
  const bytes = readAsset(name);
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const dir = join(cacheDirectory(env), 'assets', digest);
  const path = join(dir, basename(name));
  let current: Buffer | undefined;
  try {
    current = readFileSync(path);
  } catch {
    current = undefined;
  }
  if (current?.equals(bytes)) return path;
  mkdirSync(dir, { recursive: true });
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
  return path;
}
