/**
 * The scoop area: Scoop itself (scoop.core), its config.json (scoop.config), buckets and apps, on
 * Windows as the user (never elevated, except global apps: see run.ts and commands.ts). Probing
 * reads Scoop from disk in one host probe operation (probe.ts, facts.ts).
 */
import { resourceId, type Resource } from '../../engine/resource.js';
import type { Manifest } from '../../manifest/schema/index.js';
import { scoopSection } from '../../manifest/schema/scoop.js';
import { duplicateIndexes } from '../../manifest/checks.js';
import type { Area, Handle } from '../area.js';
import type { HostsHandles } from '../hosts/index.js';
import { helperApps, isHelperApp, scoopAppHandle, scoopAppResource } from './app.js';
import { scoopBucketResource } from './bucket.js';
import type { ScoopConfigValue } from './config-file.js';
import { scoopConfigResource } from './config.js';
import { scoopCoreResource } from './core.js';
import type { ScoopLayout } from './facts.js';
import { knownBucketNames } from './known-buckets.js';

export { probeScoop } from './facts.js';
export { scoopProbeOp, scoopProbeResult, type ScoopProbe } from './probe.js';

type ScoopSection = NonNullable<Manifest['scoop']>;

/** The config.json keys the manifest sets, in the order they are written (scoop.config last: it wins). */
export function scoopConfigValues(scoop: NonNullable<Manifest['scoop']>): Record<string, ScoopConfigValue> {
  const values: Record<string, ScoopConfigValue> = {
    'aria2-enabled': scoop.aria2.enabled,
    'aria2-max-connection-per-server': scoop.aria2.maxConnectionPerServer,
    'aria2-split': scoop.aria2.split,
    'aria2-min-split-size': scoop.aria2.minSplitSize,
    'aria2-warning-enabled': scoop.aria2.warning,
  };
  if (scoop.proxy) values.proxy = scoop.proxy;
  if (scoop.repo) {
    values.scoop_repo = scoop.repo.url;
    values.scoop_branch = scoop.repo.branch;
  }
  for (const [key, value] of Object.entries(scoop.config)) {
    const existing = Object.keys(values).find((k) => k === key.toLowerCase());
    if (existing) delete values[existing];
    values[key.toLowerCase()] = value;
  }
  return values;
}

function scoopResources(scoop: ScoopSection, hostsEntries: readonly Handle[]): { resources: Resource[]; core: Handle } {
  const layout: ScoopLayout = {
    root: scoop.root,
    globalRoot: scoop.globalRoot,
    ...(scoop.cacheDir ? { cacheDir: scoop.cacheDir } : {}),
  };
  // Hosts fixes first: the installer and Scoop's downloads need the names they repair.
  const core = scoopCoreResource(
    { layout, installer: scoop.installer, ...(scoop.proxy ? { proxy: scoop.proxy } : {}) },
    { dependsOn: hostsEntries.map(resourceId) },
  );
  const config = scoopConfigResource({ layout, values: scoopConfigValues(scoop) }, { dependsOn: [resourceId(core)] });
  const present = scoop.apps.filter((a) => a.ensure === 'present');
  // Helpers first (7zip unpacks the others, git clones buckets), in helperApps order.
  const helpers = helperApps.map((h) => present.find((a) => a.name.toLowerCase() === h)).filter((a) => a !== undefined);
  const helperHandles = helpers.map((a) => scoopAppHandle(a.name));
  const git = helpers.find((a) => a.name.toLowerCase() === 'git' && (!a.bucket || a.bucket.toLowerCase() === 'main'));
  const buckets = scoop.buckets.map((b) =>
    scoopBucketResource(
      {
        layout,
        name: b.name,
        ...(b.url ? { url: b.url } : {}),
        ...(b.mirror ? { mirror: b.mirror } : {}),
        ensure: b.ensure,
      },
      { dependsOn: [config, ...(git ? [scoopAppHandle(git.name)] : [])].map(resourceId) },
    ),
  );
  const bucketNamed = (name: string) => buckets.find((b) => b.key.toLowerCase() === name.toLowerCase());
  const apps = scoop.apps.map((a) => {
    const helperIndex = helpers.indexOf(a);
    // A helper waits for the helpers before it; any other app to be installed waits for all of them.
    const before =
      isHelperApp(a.name) && helperIndex >= 0
        ? helperHandles.slice(0, helperIndex)
        : a.ensure === 'present'
          ? helperHandles
          : [];
    const bucket = a.bucket && a.bucket.toLowerCase() !== 'main' ? bucketNamed(a.bucket) : undefined;
    const own = resourceId(scoopAppHandle(a.name));
    return scoopAppResource(
      {
        layout,
        name: a.name,
        ...(a.bucket ? { bucket: a.bucket } : {}),
        global: a.global,
        ...(a.version ? { version: a.version } : {}),
        ensure: a.ensure,
      },
      {
        dependsOn: [
          resourceId(config),
          ...before.map(resourceId).filter((id) => id !== own),
          ...(bucket ? [resourceId(bucket)] : []),
        ],
      },
    );
  });
  return { resources: [core, config, ...buckets, ...apps], core };
}

export interface ScoopHandles {
  core: Handle;
}

export const scoopArea: Area<ScoopSection, ScoopHandles, { hosts: HostsHandles }> = {
  name: 'scoop',
  schema: { key: 'scoop', section: scoopSection },
  select: (manifest) => manifest.scoop,
  check(manifest, report) {
    const scoop = manifest.scoop;
    if (!scoop) return;
    for (const index of duplicateIndexes(scoop.buckets, (b) => b.name.toLowerCase())) {
      report.error(
        ['scoop', 'buckets', index, 'name'],
        `bucket "${scoop.buckets[index]!.name}" is listed twice: keep one entry`,
      );
    }
    for (const index of duplicateIndexes(scoop.apps, (a) => a.name.toLowerCase())) {
      report.error(
        ['scoop', 'apps', index, 'name'],
        `app "${scoop.apps[index]!.name}" is listed twice: keep one entry`,
      );
    }
    const added = new Set(scoop.buckets.filter((b) => b.ensure === 'present').map((b) => b.name.toLowerCase()));
    scoop.buckets.forEach((bucket, index) => {
      if (bucket.url === undefined && !knownBucketNames.includes(bucket.name.toLowerCase())) {
        const known = knownBucketNames.join(', ');
        report.error(
          ['scoop', 'buckets', index, 'url'],
          `is required: "${bucket.name}" is not one of Scoop's known buckets (${known}); give the bucket's git URL`,
        );
      }
    });
    scoop.apps.forEach((app, index) => {
      if (
        app.bucket &&
        app.bucket.toLowerCase() !== 'main' &&
        !added.has(app.bucket.toLowerCase()) &&
        app.ensure === 'present'
      ) {
        report.error(
          ['scoop', 'apps', index, 'bucket'],
          `bucket "${app.bucket}" is not added: add it under scoop.buckets`,
        );
      }
    });
  },
  compile(scoop, refs) {
    const { resources, core } = scoopResources(scoop, refs.hosts?.entries ?? []);
    return { resources, handles: { core } };
  },
};
