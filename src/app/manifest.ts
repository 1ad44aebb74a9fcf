/**
 * Loading a manifest the way every command does: src/manifest's loader with the areas'
 * cross-field rules (resources/registry.ts), from this machine's files and URLs.
 */
import { loadManifest, type LoadedManifest, type LoadOptions } from '../manifest/load.js';
import { areaChecks } from '../resources/index.js';
import { manifestSources } from '../platform/runtime.js';

/** Loads and checks `ref`. Throws ManifestError (exit 3) listing every problem. */
export function loadDevboxManifest(ref: string, options: Partial<Omit<LoadOptions, 'checks'>> & { cwd?: string } = {}): Promise<LoadedManifest> {
  const { cwd, ...rest } = options;
  return loadManifest(ref, { sources: manifestSources(cwd), env: process.env, ...rest, checks: areaChecks });
}
