/**
 * Loading a manifest the way every command does: src/manifest's loader with the areas'
 * cross-field rules (resources/registry.ts), from this machine's files and URLs.
 */
import { loadManifest, type LoadedManifest, type LoadOptions } from '../manifest/load.js';
import { areaChecks } from '../resources/index.js';
import { manifestSources } from '../platform/runtime.js';
import { checkNetSettings, envWithNet, type NetSettings } from './net-settings.js';

/** Loads and checks `ref`. Throws ManifestError (exit 3) listing every problem. */
export async function loadDevboxManifest(
  ref: string,
  options: Partial<Omit<LoadOptions, 'checks'>> & { cwd?: string; net?: NetSettings } = {},
): Promise<LoadedManifest> {
  const { cwd, net, ...rest } = options;
  await checkNetSettings({ ...net, ...(cwd ? { cwd } : {}) });
  return loadManifest(ref, {
    sources: manifestSources(cwd, envWithNet(process.env, net, cwd)),
    env: process.env,
    ...rest,
    checks: areaChecks,
  });
}
