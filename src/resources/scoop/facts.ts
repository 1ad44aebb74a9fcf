/**
 * What devbox reads about Scoop, and how it interprets it, following Scoop's own rules
 * (research/scoop-peers.md A1, A3, A4): folders resolved as Scoop resolves them, config.json keys
 * matched case-insensitively, an app installed iff `apps\<app>\current\manifest.json` has a version
 * (a folder without one is a failed install), buckets and their remotes read from disk. Nothing here
 * runs Scoop: its output is for people and its exit codes are unreliable.
 */
import { createHash } from 'node:crypto';
import { t, tIn, type MessageKey, type MessageParams } from '../../i18n/catalogue.js';
import type { ApplyContext, ReadContext } from '../../engine/resource.js';
import { expectResult, type HostPort, type HostReadPort, type OsFacts } from '../../engine/ports/host.js';
import {
  scoopProbeOp,
  scoopProbeResult,
  type ScoopAppProbe,
  type ScoopProbe,
  type ScoopRootProbe,
  type ScopedValue,
} from './probe.js';

/** The folders the manifest gives Scoop. */
export interface ScoopLayout {
  root: string;
  globalRoot: string;
  cacheDir?: string;
}

/** Windows paths compare case-insensitively and without a trailing backslash. */
export function samePath(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const norm = (p: string) => p.replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();
  return norm(a) === norm(b);
}

export function joinWindows(...parts: string[]): string {
  return parts.map((p, i) => (i === 0 ? p.replace(/\\+$/, '') : p.replace(/^\\+|\\+$/g, ''))).join('\\');
}

// ------------------------------------------------------------------ probing

const inFlight = new WeakMap<HostReadPort, Map<string, Promise<ScoopProbe>>>();

/**
 * Reads Scoop from disk. Every resource of a plan asks at once; the calls share one probe operation
 * (and the probes of all host resources share one PowerShell process).
 */
export function probeScoop(
  host: HostReadPort,
  layout: ScoopLayout,
  options: { details?: boolean } = {},
): Promise<ScoopProbe> {
  const roots = [layout.root, layout.globalRoot];
  const key = `${roots.map((r) => r.toLowerCase()).join('|')}|${options.details ? 'details' : ''}`;
  let pending = inFlight.get(host);
  if (!pending) inFlight.set(host, (pending = new Map()));
  const existing = pending.get(key);
  if (existing) return existing;
  const promise = host
    .probe([scoopProbeOp(roots, options.details)])
    .then(([result]) => scoopProbeResult(result))
    .finally(() => pending!.delete(key));
  pending.set(key, promise);
  return promise;
}

/** The host read port, or a clear error off Windows. */
export function scoopReadHost(ctx: ReadContext): HostReadPort {
  if (!ctx.host) throw new Error(t('guard.scoopWindowsOnly'));
  return ctx.host;
}

export function scoopApplyHost(ctx: ApplyContext): HostPort {
  if (!ctx.host) throw new Error(t('guard.scoopWindowsOnlyChange'));
  return ctx.host;
}

/** Reads the OS facts (for elevation) in the same probe batch as Scoop. */
export async function probeOs(host: HostReadPort): Promise<OsFacts> {
  const [os] = await host.probe([{ op: 'os' }]);
  return expectResult(os, 'os', t('probe.what.os'));
}

// ------------------------------------------------------------------ config.json

/** Scoop's config.json as read. */
export interface ScoopConfigFile {
  path: string;
  /** In portable mode the config lives in the root. */
  portable: boolean;
  bytes: Buffer | undefined;
  /** sha256 of the bytes (null when the file does not exist): what a guarded write expects. */
  sha256: string | null;
  values: Record<string, unknown> | undefined;
  /** Why the bytes are not a JSON object. */
  error?: string;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function stripBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

/** Parses config.json bytes (UTF-8, with or without BOM; Scoop writes UTF-8, its installer ASCII). */
export function parseConfigBytes(path: string, bytes: Buffer | undefined, portable = false): ScoopConfigFile {
  if (!bytes) return { path, portable, bytes: undefined, sha256: null, values: undefined };
  const base = { path, portable, bytes, sha256: sha256(bytes) };
  const text = stripBom(bytes.toString('utf8'));
  if (text.trim() === '') return { ...base, values: {} };
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      return { ...base, values: undefined, error: 'it is not a JSON object' };
    return { ...base, values: parsed as Record<string, unknown> };
  } catch (error) {
    return { ...base, values: undefined, error: `it is not valid JSON (${(error as Error).message})` };
  }
}

/** A config value by key, matched case-insensitively as PowerShell does (the first match). */
export function configValue(
  values: Record<string, unknown> | undefined,
  key: string,
): { key: string; value: unknown } | undefined {
  if (!values) return undefined;
  const found = Object.keys(values).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : { key: found, value: values[found] };
}

/**
 * The config.json Scoop uses: `<root>\config.json` when it exists (portable mode), else
 * `$XDG_CONFIG_HOME\scoop\config.json`, else `%USERPROFILE%\.config\scoop\config.json`.
 */
export function effectiveConfig(probe: ScoopProbe, root: string): ScoopConfigFile {
  const rootProbe = findRoot(probe, root);
  if (rootProbe?.portableConfig !== undefined)
    return parseConfigBytes(joinWindows(root, 'config.json'), Buffer.from(rootProbe.portableConfig, 'base64'), true);
  const first = probe.configs[0];
  if (!first) return parseConfigBytes(joinWindows(probe.userProfile, '.config', 'scoop', 'config.json'), undefined);
  return parseConfigBytes(first.path, first.content === undefined ? undefined : Buffer.from(first.content, 'base64'));
}

// ------------------------------------------------------------------ folders

export function findRoot(probe: ScoopProbe, path: string): ScoopRootProbe | undefined {
  return probe.roots.find((r) => samePath(r.path, path));
}

/** What a new terminal sees: a user variable, else the machine's. */
export function persistentValue(value: ScopedValue): { value: string; scope: 'user' | 'machine' } | undefined {
  if (value.user) return { value: value.user, scope: 'user' };
  if (value.machine) return { value: value.machine, scope: 'machine' };
  return undefined;
}

/** One of Scoop's folders as Scoop resolves it, and from what. */
export interface ResolvedDir {
  path: string;
  source: 'environment (user)' | 'environment (machine)' | 'config.json' | 'location of scoop' | 'default';
}

/** Scoop's default folders. */
export function defaultDirs(probe: ScoopProbe): { root: string; globalRoot: string } {
  return { root: joinWindows(probe.userProfile, 'scoop'), globalRoot: joinWindows(probe.programData, 'scoop') };
}

function fromEnv(value: ScopedValue): ResolvedDir | undefined {
  const p = persistentValue(value);
  return p ? { path: p.value, source: p.scope === 'user' ? 'environment (user)' : 'environment (machine)' } : undefined;
}

function configPath(config: ScoopConfigFile, key: string): string | undefined {
  const v = configValue(config.values, key)?.value;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The folders Scoop uses when the user runs it in a new terminal (Scoop:lib/core.ps1 L1263-1301):
 * root = SCOOP ?? root_path ?? where scoop.ps1 is ?? %USERPROFILE%\scoop; global = SCOOP_GLOBAL ??
 * global_path ?? %ProgramData%\scoop; cache = SCOOP_CACHE ?? cache_path ?? <root>\cache.
 */
export function resolvedDirs(
  probe: ScoopProbe,
  config: ScoopConfigFile,
  installedAt: string | undefined,
): { root: ResolvedDir; globalRoot: ResolvedDir; cacheDir: ResolvedDir } {
  const defaults = defaultDirs(probe);
  const rootPath = configPath(config, 'root_path');
  const root: ResolvedDir =
    fromEnv(probe.env.SCOOP) ??
    (rootPath
      ? { path: rootPath, source: 'config.json' }
      : installedAt
        ? { path: installedAt, source: 'location of scoop' }
        : { path: defaults.root, source: 'default' });
  const globalPath = configPath(config, 'global_path');
  const globalRoot: ResolvedDir =
    fromEnv(probe.env.SCOOP_GLOBAL) ??
    (globalPath ? { path: globalPath, source: 'config.json' } : { path: defaults.globalRoot, source: 'default' });
  const cachePath = configPath(config, 'cache_path');
  const cacheDir: ResolvedDir =
    fromEnv(probe.env.SCOOP_CACHE) ??
    (cachePath
      ? { path: cachePath, source: 'config.json' }
      : { path: joinWindows(root.path, 'cache'), source: 'default' });
  return { root, globalRoot, cacheDir };
}

/** Roots where Scoop itself is installed (apps\scoop\current\bin\scoop.ps1). */
export function installedScoops(probe: ScoopProbe): string[] {
  return probe.roots.filter((r) => r.core).map((r) => r.path);
}

/** Whether `dir` is one of the entries of a PATH value. */
export function pathIncludes(pathValue: string | undefined, dir: string): boolean {
  return (pathValue ?? '').split(';').some((entry) => samePath(entry.trim(), dir));
}

// ------------------------------------------------------------------ apps

/** An app's state in one root, as Scoop's `installed` / `failed` decide it. */
export type AppState =
  | { kind: 'absent' }
  /** `reason` in English (a plan's value, `init`'s notes); `because` in the current locale (errors). */
  | { kind: 'failed'; reason: string; because: string; versions: string[] }
  | {
      kind: 'installed';
      version: string;
      bucket?: string;
      url?: string;
      architecture?: string;
      hold: boolean;
      updated?: string;
    };

function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(stripBom(text)) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function findApp(root: ScoopRootProbe | undefined, name: string): ScoopAppProbe | undefined {
  return root?.apps.find((a) => a.name.toLowerCase() === name.toLowerCase());
}

function fromInstallInfo(info: Record<string, unknown>): {
  bucket?: string;
  url?: string;
  architecture?: string;
  hold: boolean;
} {
  return {
    ...(typeof info.bucket === 'string' ? { bucket: info.bucket } : {}),
    ...(typeof info.url === 'string' ? { url: info.url } : {}),
    ...(typeof info.architecture === 'string' ? { architecture: info.architecture } : {}),
    hold: info.hold === true,
  };
}

/**
 * Installed iff `current\manifest.json` parses and has a version and `current\install.json` parses
 * (a "nightly" version is the folder `current` points to). With `no_junction` there is no
 * `current`: the newest version folder with an install.json counts. Anything else that left an app
 * folder is a failed install, which the next `scoop install` repairs or purges.
 */
type FailedKey = Extract<MessageKey, `scoop.failed${string}`>;
function failed<K extends FailedKey>(versions: string[], key: K, ...params: MessageParams<K>): AppState {
  return { kind: 'failed', reason: tIn('en', key, ...params), because: t(key, ...params), versions };
}

export function appState(
  root: ScoopRootProbe | undefined,
  name: string,
  options: { noJunction?: boolean } = {},
): AppState {
  const app = findApp(root, name);
  if (!app) return { kind: 'absent' };
  const versions = app.versions.map((v) => v.name);
  if (options.noJunction && !app.current) {
    const withInfo = app.versions.filter((v) => parseJsonObject(v.install) !== undefined);
    const newest = withInfo[withInfo.length - 1];
    if (!newest) return failed(versions, 'scoop.failedNoInstallJson', { app: app.name });
    return {
      kind: 'installed',
      version: newest.name,
      ...fromInstallInfo(parseJsonObject(newest.install)!),
      ...(app.updated ? { updated: app.updated } : {}),
    };
  }
  if (!app.current) return failed(versions, 'scoop.failedNoCurrent', { app: app.name });
  const manifest = parseJsonObject(app.current.manifest);
  const current = (file: string) => `apps\\${app.name}\\current\\${file}`;
  if (!manifest) {
    const file = current('manifest.json');
    return app.current.manifest === undefined
      ? failed(versions, 'scoop.failedFileMissing', { file })
      : failed(versions, 'scoop.failedFileNotJson', { file });
  }
  if (typeof manifest.version !== 'string' || manifest.version === '')
    return failed(versions, 'scoop.failedNoVersion', { file: current('manifest.json') });
  const info = parseJsonObject(app.current.install);
  if (!info) {
    const file = current('install.json');
    return app.current.install === undefined
      ? failed(versions, 'scoop.failedFileMissing', { file })
      : failed(versions, 'scoop.failedFileNotJson', { file });
  }
  const version = manifest.version === 'nightly' && app.current.target ? app.current.target : manifest.version;
  return { kind: 'installed', version, ...fromInstallInfo(info), ...(app.updated ? { updated: app.updated } : {}) };
}

/** config.json's no_junction, which changes how versions are found. */
export function noJunction(config: ScoopConfigFile): boolean {
  const v = configValue(config.values, 'no_junction')?.value;
  return v === true || v === 'true';
}

// ------------------------------------------------------------------ buckets

/** A bucket's state in a root. */
export type BucketState =
  | { kind: 'absent' }
  | { kind: 'present'; name: string; git: boolean; url?: string; updated?: string; manifests?: number };

/** remote.origin.url from the text of .git\config. */
export function originUrl(gitConfig: string | undefined): string | undefined {
  if (gitConfig === undefined) return undefined;
  // git-config(1): `[remote "origin"]` (subsection case-sensitive), then `url = …`; the first url is the fetch URL.
  let inOrigin = false;
  for (const line of gitConfig.split(/\r?\n/)) {
    const header = /^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (header) inOrigin = header[1]!.toLowerCase() === 'remote' && header[2] === 'origin';
    const pair = inOrigin && !header ? /^\s*url\s*=\s*(.*?)\s*$/i.exec(line) : null;
    if (pair) return pair[1]!.replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

export function bucketState(root: ScoopRootProbe | undefined, name: string): BucketState {
  const bucket = root?.buckets.find((b) => b.name.toLowerCase() === name.toLowerCase());
  if (!bucket) return { kind: 'absent' };
  const url = originUrl(bucket.gitConfig);
  return {
    kind: 'present',
    name: bucket.name,
    git: bucket.git,
    ...(url ? { url } : {}),
    ...(bucket.updated ? { updated: bucket.updated } : {}),
    ...(bucket.manifests !== undefined ? { manifests: bucket.manifests } : {}),
  };
}

/**
 * A repository URL reduced to what identifies it (as Scoop's Convert-RepositoryUri compares remotes):
 * host and path, lower-cased, without scheme, user, `.git` or a trailing slash.
 */
export function repositoryKey(url: string): string {
  let s = url.trim();
  const scp = /^[^@\s/]+@([^:/\s]+):(.+)$/.exec(s);
  if (scp) s = `${scp[1]}/${scp[2]}`;
  else s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]*@/, '');
  return s
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

export function sameRepository(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && repositoryKey(a) === repositoryKey(b);
}
