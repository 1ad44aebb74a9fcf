/**
 * The areas devbox manages, and how they are wired: each area's `compile` is given the handles of
 * the areas before it. The order here is the manifest's order, which plans follow where
 * dependencies leave a choice.
 */
import { resourceId, type Resource } from '../engine/resource.js';
import type { ManifestCheck } from '../manifest/checks.js';
import type { Manifest } from '../manifest/schema/index.js';
import type { Area, Compiled } from './area.js';
import { clusterArea } from './cluster/index.js';
import { distroArea } from './distro/index.js';
import { hostsArea } from './hosts/index.js';
import { networkArea } from './network/index.js';
import { scoopArea } from './scoop/index.js';
import { wslArea } from './wsl/index.js';

/** Every area, in manifest order. */
export const areas = [wslArea, distroArea, networkArea, hostsArea, scoopArea, clusterArea] as const;

/** The areas' cross-field rules, for the manifest loader. */
export const areaChecks: readonly ManifestCheck[] = areas.flatMap((area) =>
  'check' in area && area.check ? [area.check.bind(area)] : [],
);

/**
 * A resource depends on an id no compiled resource has: a wiring bug in devbox, not a manifest
 * problem (the manifest cannot name ids). Caught when the plan is compiled, before any probe.
 */
export class UnknownDependencyError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`devbox wired a dependency on a resource that does not exist:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'UnknownDependencyError';
  }
}

/** Throws UnknownDependencyError naming every dependsOn/probeAfter id that is not among `resources`. */
export function checkDependencies(resources: readonly Resource[]): void {
  const ids = new Set(resources.map(resourceId));
  const problems = resources.flatMap((r) =>
    [...r.dependsOn, ...(r.probeAfter ?? [])]
      .filter((dep) => !ids.has(dep))
      .map((dep) => `${resourceId(r)} depends on ${dep}`),
  );
  if (problems.length > 0) throw new UnknownDependencyError(problems);
}

function compileArea<S, H, R>(area: Area<S, H, R>, manifest: Manifest, refs: Partial<R>): Partial<Compiled<H>> {
  const input = area.select(manifest);
  return input === undefined ? {} : area.compile(input, refs);
}

/** All resources of a manifest, in manifest order, with every dependency checked to exist. */
export function compileResources(manifest: Manifest): Resource[] {
  const wsl = compileArea(wslArea, manifest, {});
  const distro = compileArea(distroArea, manifest, { ...(wsl.handles ? { wsl: wsl.handles } : {}) });
  const network = compileArea(networkArea, manifest, {
    ...(wsl.handles ? { wsl: wsl.handles } : {}),
    ...(distro.handles ? { distro: distro.handles } : {}),
  });
  const hosts = compileArea(hostsArea, manifest, {});
  const scoop = compileArea(scoopArea, manifest, { ...(hosts.handles ? { hosts: hosts.handles } : {}) });
  const cluster = compileArea(clusterArea, manifest, {
    ...(wsl.handles ? { wsl: wsl.handles } : {}),
    ...(distro.handles ? { distro: distro.handles } : {}),
  });
  const resources = [wsl, distro, network, hosts, scoop, cluster].flatMap((c) => c.resources ?? []);
  checkDependencies(resources);
  return resources;
}
