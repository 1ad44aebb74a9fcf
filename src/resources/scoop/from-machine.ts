/**
 * The current machine's Scoop in manifest form (`devbox init --from-machine`) and as Scoop's own
 * export JSON, both from what is on disk (the `scoop` probe): folders as Scoop resolves them,
 * buckets with their remotes, installed apps per scope with their bucket, and config.json's keys.
 * Versions are not pinned (a manifest says what to have; Scoop installs the bucket's current
 * version, as `scoop import` does), and failed installs are left out and reported.
 */
import type { ScoopProbe } from './probe.js';
import {
  appState,
  bucketState,
  configValue,
  effectiveConfig,
  findRoot,
  installedScoops,
  joinWindows,
  noJunction,
  resolvedDirs,
  samePath,
} from './facts.js';
import { formatScoopExport, unexportedConfigKeys, type ExportedApp, type ScoopExport } from './export.js';
import { knownBucketUrl } from './known-buckets.js';

/** Scoop's defaults for the keys devbox models (Scoop:lib/download.ps1). */
const aria2Defaults = { enabled: true, maxConnectionPerServer: 5, split: 5, minSplitSize: '5M', warning: true };

/** Keys the manifest models outside `scoop.config`. */
const modelled = new Set([
  'aria2-enabled',
  'aria2-max-connection-per-server',
  'aria2-split',
  'aria2-min-split-size',
  'aria2-warning-enabled',
  'proxy',
  'scoop_repo',
  'scoop_branch',
  ...unexportedConfigKeys,
]);

export interface MachineScoop {
  /** The manifest's `scoop` section (without `installer`, which the caller pins). */
  section: Record<string, unknown>;
  export: ScoopExport;
  /** Things worth telling the user (failed installs, a second Scoop). */
  notes: string[];
}

function num(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) ? n : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return fallback;
}

/** config.json's keys as the manifest models them: proxy, repo, aria2, and the rest under `config`. */
export function configSection(values: Record<string, unknown>): Record<string, unknown> {
  const get = (key: string) => configValue(values, key)?.value;
  const section: Record<string, unknown> = {};
  const proxy = get('proxy');
  if (typeof proxy === 'string' && proxy) section.proxy = proxy;
  const repo = get('scoop_repo');
  if (
    typeof repo === 'string' &&
    repo &&
    !samePath(repo.replace(/\.git$/, ''), 'https://github.com/ScoopInstaller/Scoop')
  ) {
    const branch = get('scoop_branch');
    section.repo = { url: repo, ...(typeof branch === 'string' && branch ? { branch } : {}) };
  }
  const minSplit = get('aria2-min-split-size');
  section.aria2 = {
    enabled: bool(get('aria2-enabled'), aria2Defaults.enabled),
    maxConnectionPerServer: Math.min(
      16,
      num(get('aria2-max-connection-per-server'), aria2Defaults.maxConnectionPerServer),
    ),
    split: Math.min(64, num(get('aria2-split'), aria2Defaults.split)),
    minSplitSize: typeof minSplit === 'string' && /^\d+[KM]?$/.test(minSplit) ? minSplit : aria2Defaults.minSplitSize,
    warning: bool(get('aria2-warning-enabled'), aria2Defaults.warning),
  };
  const other = Object.fromEntries(
    Object.entries(values).filter(
      ([k, v]) =>
        !modelled.has(k.toLowerCase()) &&
        /^[A-Za-z0-9_-]+$/.test(k) &&
        (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'),
    ),
  );
  if (Object.keys(other).length > 0) section.config = other;
  return section;
}

/** Reads the machine's Scoop; undefined when none is installed. */
export function scoopFromMachine(probe: ScoopProbe): MachineScoop | undefined {
  const installed = installedScoops(probe);
  if (installed.length === 0) return undefined;
  // The Scoop the user's `scoop` command runs: where its folders resolve, if Scoop is there.
  const first = installed[0]!;
  const guess = resolvedDirs(probe, effectiveConfig(probe, first), first);
  const rootPath = installed.find((r) => samePath(r, guess.root.path)) ?? first;
  const config = effectiveConfig(probe, rootPath);
  const dirs = resolvedDirs(probe, config, rootPath);
  const notes: string[] = [];
  if (installed.length > 1)
    notes.push(`Scoop is installed in more than one folder (${installed.join(', ')}); exported the one in ${rootPath}`);
  const values = config.values ?? {};

  const root = findRoot(probe, rootPath);
  const buckets = (root?.buckets ?? []).map((b) => {
    const state = bucketState(root, b.name);
    const source = state.kind === 'present' ? (state.url ?? knownBucketUrl(b.name) ?? '') : '';
    return {
      name: b.name,
      source,
      ...(state.kind === 'present' && state.updated ? { updated: state.updated } : {}),
      ...(state.kind === 'present' && state.manifests !== undefined ? { manifests: state.manifests } : {}),
    };
  });
  const junctionless = noJunction(config);
  const apps: ExportedApp[] = [];
  for (const [scopeRoot, global] of [
    [rootPath, false],
    [dirs.globalRoot.path, true],
  ] as const) {
    const scope = findRoot(probe, scopeRoot);
    // Scoop lists apps in the file system's order, which on NTFS is by name; the probe's listing
    // order is whatever the folder gives (arbitrary elsewhere), so devbox sorts as NTFS does.
    const byName = [...(scope?.apps ?? [])].sort((x, y) =>
      x.name.toLowerCase() < y.name.toLowerCase() ? -1 : x.name.toLowerCase() > y.name.toLowerCase() ? 1 : 0,
    );
    for (const app of byName) {
      const state = appState(scope, app.name, { noJunction: junctionless });
      if (state.kind === 'absent') continue;
      if (state.kind === 'failed') {
        notes.push(`${app.name} (${global ? 'global' : 'user'}) is a failed install (${state.reason}): left out`);
        apps.push({
          name: app.name,
          version: '',
          source: '',
          global,
          failed: true,
          held: false,
          ...(app.updated ? { updated: app.updated } : {}),
        });
        continue;
      }
      apps.push({
        name: app.name,
        version: state.version,
        source: state.bucket ?? state.url ?? '',
        global,
        failed: false,
        held: state.hold,
        ...(state.architecture && state.architecture !== '64bit' ? { architecture: state.architecture } : {}),
        ...(state.updated ? { updated: state.updated } : {}),
      });
    }
  }

  const section: Record<string, unknown> = { root: dirs.root.path, globalRoot: dirs.globalRoot.path };
  if (!samePath(dirs.cacheDir.path, joinWindows(dirs.root.path, 'cache'))) section.cacheDir = dirs.cacheDir.path;
  Object.assign(section, configSection(values));
  const bucketNames = new Set(buckets.map((b) => b.name.toLowerCase()));
  section.buckets = buckets
    .filter(
      (b) =>
        !(
          b.name.toLowerCase() === 'main' &&
          (!b.source || b.source.replace(/\.git$/, '').toLowerCase() === knownBucketUrl('main')!.toLowerCase())
        ),
    )
    .map((b) =>
      knownBucketUrl(b.name) &&
      (!b.source || b.source.replace(/\.git$/, '').toLowerCase() === knownBucketUrl(b.name)!.toLowerCase())
        ? { name: b.name }
        : { name: b.name, url: b.source },
    );
  section.apps = apps
    .filter((a) => !a.failed)
    .map((a) => ({
      name: a.name,
      ...(a.source && a.source.toLowerCase() !== 'main' && bucketNames.has(a.source.toLowerCase())
        ? { bucket: a.source }
        : {}),
      ...(a.global ? { global: true } : {}),
    }));
  const exportConfig = Object.fromEntries(
    Object.entries(values).filter(([k]) => !unexportedConfigKeys.includes(k.toLowerCase())),
  );
  return { section, export: { buckets, apps, config: exportConfig }, notes };
}

/** Scoop's export JSON of the machine. */
export function machineScoopExport(machine: MachineScoop, withConfig: boolean): string {
  return formatScoopExport(
    withConfig ? machine.export : { buckets: machine.export.buckets, apps: machine.export.apps },
  );
}

const scoopNamePattern = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
/** The manifest's git URL rule (manifest/schema/common.ts gitUrl). */
const isGitUrl = (s: string) => /^(https?:\/\/[^\s]+|git@[A-Za-z0-9.-]+:[^\s]+)$/.test(s);

/**
 * A `scoop export` turned into the manifest's scoop lists (apps from its buckets keep their bucket).
 * Every item the manifest could not hold becomes a note, never an error: Scoop writes a bucket's local
 * folder as its Source when the bucket has no .git (Scoop:libexec/scoop-export.ps1 via Get-LocalBucket /
 * buckets.ps1), a name may be installed both per user and globally, old exports carry odd names.
 */
export function scoopSectionFromExport(data: ScoopExport): { section: Record<string, unknown>; notes: string[] } {
  const notes: string[] = [];
  const buckets: { name: string; url?: string }[] = [];
  const bucketNames = new Set<string>();
  for (const b of data.buckets) {
    const key = b.name.toLowerCase();
    if (!scoopNamePattern.test(b.name)) {
      notes.push(`bucket "${b.name}" is not a name Scoop uses: left out`);
      continue;
    }
    if (bucketNames.has(key)) continue;
    const known = knownBucketUrl(b.name);
    const source = b.source.replace(/\.git$/, '');
    if (known && (!b.source || !isGitUrl(b.source) || source.toLowerCase() === known.toLowerCase())) {
      // A known bucket by name: its own URL, or a local folder Scoop exported in place of a remote.
      bucketNames.add(key);
      if (key !== 'main') buckets.push({ name: b.name });
      continue;
    }
    if (!isGitUrl(b.source)) {
      notes.push(
        `bucket "${b.name}" has no git remote in the export (${b.source || 'no Source'}): left out; add it under scoop.buckets with its git URL`,
      );
      continue;
    }
    bucketNames.add(key);
    buckets.push({ name: b.name, url: b.source });
  }
  const apps: Record<string, unknown>[] = [];
  const appNames = new Set<string>();
  for (const app of data.apps) {
    if (app.failed) {
      notes.push(`${app.name} is a failed install in the export: left out`);
      continue;
    }
    if (!scoopNamePattern.test(app.name)) {
      notes.push(`app "${app.name}" is not a name Scoop uses: left out`);
      continue;
    }
    if (appNames.has(app.name.toLowerCase())) {
      notes.push(`${app.name} is installed more than once (per user and globally): listed once`);
      continue;
    }
    appNames.add(app.name.toLowerCase());
    const source = app.source;
    let bucket: string | undefined;
    if (scoopNamePattern.test(source) && bucketNames.has(source.toLowerCase())) bucket = source;
    else if (scoopNamePattern.test(source) && knownBucketUrl(source) !== undefined) {
      // An app from a known bucket the export does not list: the bucket is added too.
      bucketNames.add(source.toLowerCase());
      if (source.toLowerCase() !== 'main') buckets.push({ name: source });
      bucket = source;
    } else if (source && source !== 'main') {
      const why = scoopNamePattern.test(source)
        ? `bucket ${source}, which the manifest does not add`
        : `${source}, not a bucket`;
      notes.push(`${app.name} was installed from ${why}: listed without a bucket`);
    }
    apps.push({
      name: app.name,
      ...(bucket && bucket.toLowerCase() !== 'main' ? { bucket } : {}),
      ...(app.global ? { global: true } : {}),
    });
  }
  const config = data.config ? configSection(data.config) : {};
  const repo = config.repo as { url: string } | undefined;
  if (repo && !isGitUrl(repo.url)) {
    notes.push(`scoop_repo ${repo.url} is not a git URL: left out`);
    delete config.repo;
  }
  return { section: { ...config, buckets, apps }, notes };
}
