/**
 * Simulated Scoop: its installer (install.ps1), its shims and `scoop` commands, and the on-disk
 * layout as Scoop lays it out (research/scoop-peers.md A1-A4):
 *
 *   <root>\apps\scoop\current\bin\scoop.ps1     Scoop itself (a plain folder when installed from the zip)
 *   <root>\apps\<app>\<version>\                install.json, manifest.json and the app's files
 *   <root>\apps\<app>\current -> <version>      a junction (a symlink here)
 *   <root>\buckets\<name>\.git\config           [remote "origin"] url = ...; manifests in bucket\
 *   <root>\shims\scoop.ps1, <bin>.shim          <root>\cache\<app>#<version>#<file>
 *   ~\.config\scoop\config.json                 flat JSON (root_path / global_path / cache_path ...)
 *
 * with Scoop's quirks: folders resolved from SCOOP / SCOOP_GLOBAL / SCOOP_CACHE, then config.json,
 * then defaults; the installer refuses to run elevated, records non-default folders in config.json
 * with an ASCII writer (non-ASCII characters become "?"), and says "already installed" when a scoop
 * shim is on PATH; `scoop install` updates itself first unless -u, leaves a version folder without
 * `current` when a download fails (a failed install, repaired or purged by the next install), and
 * exits 0 after failing; global installs need elevation; `bucket add` needs git and checks the
 * remote. Downloads and git remotes go over the simulated machine's network (net.ts): real HTTPS
 * through the hosts file and the machine's DNS.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ToolContext } from './context.js';
import { ensureParent, hostPath } from './drive.js';
import { SimNetError, simGet } from './net.js';
import { getValue, setValue } from './registry.js';
import { readState, withState, type SimState } from './state.js';
import { persistData, reset } from './scoop-reset.js';

/** The simulator's stand-in for ScoopInstaller/Install's install.ps1 (served by tests, pinned by sha256). */
export const scoopInstallerScript =
  '#Requires -Version 5\r\n' +
  '# winsim stand-in for ScoopInstaller/Install install.ps1: the Windows simulator (test/winsim/scoop.ts)\r\n' +
  '# recognises this file by its sha256 and does what the real installer does.\r\n' +
  'param([String]$ScoopDir, [String]$ScoopGlobalDir, [String]$ScoopCacheDir, [Switch]$NoProxy, [Uri]$Proxy, [System.Management.Automation.PSCredential]$ProxyCredential, [Switch]$ProxyUseDefaultCredentials, [Switch]$RunAsAdmin)\r\n';

export const scoopInstallerSha256 = createHash('sha256').update(scoopInstallerScript).digest('hex');

/** What the installer puts in apps\scoop\current\bin\scoop.ps1. */
export const scoopCoreScript =
  "#Requires -Version 5\r\n# winsim stand-in for Scoop's bin\\scoop.ps1 (emulated by test/winsim/scoop.ts)\r\nparam($SubCommand)\r\n";

const shimTail =
  '$path = Join-Path $PSScriptRoot "..\\apps\\scoop\\current\\bin\\scoop.ps1"\r\nif ($MyInvocation.ExpectingInput) { $input | & $path $args } else { & $path $args }\r\nexit $LASTEXITCODE\r\n';

/** shims\scoop.ps1 as Scoop writes it: its first line names the script it runs. */
export function scoopShimScript(root: string): string {
  return `# ${root}\\apps\\scoop\\current\\bin\\scoop.ps1\r\n${shimTail}`;
}

/** Which Scoop script a file is, if any. */
export function scoopScriptKind(content: Buffer): 'installer' | 'shim' | 'core' | undefined {
  const text = content.toString('utf8');
  if (createHash('sha256').update(content).digest('hex') === scoopInstallerSha256) return 'installer';
  if (text === scoopCoreScript) return 'core';
  if (/^# .*\r\n/.test(text) && text.slice(text.indexOf('\r\n') + 2) === shimTail) return 'shim';
  return undefined;
}

const knownBuckets: Record<string, string> = {
  main: 'https://github.com/ScoopInstaller/Main',
  extras: 'https://github.com/ScoopInstaller/Extras',
  versions: 'https://github.com/ScoopInstaller/Versions',
  nirsoft: 'https://github.com/ScoopInstaller/Nirsoft',
  sysinternals: 'https://github.com/niheaven/scoop-sysinternals',
  php: 'https://github.com/ScoopInstaller/PHP',
  'nerd-fonts': 'https://github.com/matthewjberger/scoop-nerd-fonts',
  nonportable: 'https://github.com/ScoopInstaller/Nonportable',
  java: 'https://github.com/ScoopInstaller/Java',
  games: 'https://github.com/Calinou/scoop-games',
};

/** Convert-RepositoryUri's idea of "the same repository". */
export function remoteKey(url: string): string {
  return url
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/^[^@/]*@/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .toLowerCase();
}

const userEnvKey = 'HKEY_CURRENT_USER\\Environment';
const machineEnvKey = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment';

/** A variable as a process on this machine sees it: its own environment, else the user's, else the machine's. */
function envVar(ctx: ToolContext, state: SimState, name: string): string | undefined {
  const own = ctx.env[name];
  if (own) return own;
  const user = getValue(state, userEnvKey, name)?.data;
  if (typeof user === 'string' && user) return user;
  const machine = getValue(state, machineEnvKey, name)?.data;
  return typeof machine === 'string' && machine ? machine : undefined;
}

function trimPath(p: string): string {
  return p.replace(/\\+$/, '');
}

function sameWinPath(a: string, b: string): boolean {
  return trimPath(a).toLowerCase() === trimPath(b).toLowerCase();
}

export interface Dirs {
  root: string;
  global: string;
  cache: string;
  configPath: string;
}

function configPathFor(ctx: ToolContext, state: SimState, root: string | undefined): string {
  if (root) {
    const portable = hostPath(ctx.dir, `${root}\\config.json`);
    if (portable && existsSync(portable)) return `${root}\\config.json`;
  }
  const home = envVar(ctx, state, 'XDG_CONFIG_HOME') ?? `${state.env.USERPROFILE}\\.config`;
  return `${trimPath(home)}\\scoop\\config.json`;
}

/** Reads config.json as PowerShell would (keys case-insensitive); undefined when missing. */
function readConfig(ctx: ToolContext, path: string): Record<string, unknown> {
  const file = hostPath(ctx.dir, path);
  if (!file || !existsSync(file)) return {};
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return {};
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const lower = new Set<string>();
  for (const key of Object.keys(parsed)) {
    // Windows PowerShell's ConvertFrom-Json refuses keys that differ only in case.
    if (lower.has(key.toLowerCase()))
      throw new Error(
        `Cannot convert the JSON string because a dictionary that was converted from the string contains the duplicated keys '${key}'.`,
      );
    lower.add(key.toLowerCase());
  }
  return parsed;
}

function getConfig(config: Record<string, unknown>, key: string): unknown {
  const found = Object.keys(config).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : config[found];
}

/** Scoop's ConvertToPrettyJson: 4 spaces, CRLF. */
function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/\n/g, '\r\n');
}

function writeConfig(
  ctx: ToolContext,
  path: string,
  config: Record<string, unknown>,
  encoding: 'utf8' | 'ascii',
): void {
  const text = prettyJson(config);
  writeFileSync(
    ensureParent(ctx.dir, path),
    encoding === 'ascii' ? Buffer.from(text.replace(/[^\x00-\x7f]/g, '?'), 'latin1') : Buffer.from(text, 'utf8'),
  );
}

/** Scoop core's folders: environment, then config.json, then where scoop.ps1 is, then defaults. */
function resolveDirs(ctx: ToolContext, state: SimState, scriptRoot: string): Dirs {
  const configPath = configPathFor(ctx, state, scriptRoot);
  const config = readConfig(ctx, configPath);
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const root = trimPath(envVar(ctx, state, 'SCOOP') ?? str(getConfig(config, 'root_path')) ?? scriptRoot);
  const global = trimPath(
    envVar(ctx, state, 'SCOOP_GLOBAL') ?? str(getConfig(config, 'global_path')) ?? `${state.env.ProgramData}\\scoop`,
  );
  const cache = trimPath(envVar(ctx, state, 'SCOOP_CACHE') ?? str(getConfig(config, 'cache_path')) ?? `${root}\\cache`);
  return { root, global, cache, configPath };
}

export function linux(ctx: ToolContext, windowsPath: string): string {
  const path = hostPath(ctx.dir, windowsPath);
  if (!path) throw new Error(`winsim: not an absolute Windows path: ${windowsPath}`);
  return path;
}

export function readJsonFile(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- the installer

function installerParams(args: string[]): Record<string, string | true> | string {
  const params: Record<string, string | true> = {};
  const switches = ['noproxy', 'proxyusedefaultcredentials', 'runasadmin'];
  const valued = ['scoopdir', 'scoopglobaldir', 'scoopcachedir', 'proxy'];
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.replace(/^-/, '').toLowerCase();
    if (!args[i]!.startsWith('-') || (!switches.includes(name) && !valued.includes(name)))
      return `A parameter cannot be found that matches parameter name '${args[i]!.replace(/^-/, '')}'.`;
    if (switches.includes(name)) params[name] = true;
    else {
      const value = args[++i];
      if (value === undefined) return `Missing an argument for parameter '${name}'.`;
      params[name] = value;
    }
  }
  return params;
}

/** A scoop shim on the user's or the machine's PATH (what `Get-Command scoop` finds). */
function scoopOnPath(ctx: ToolContext, state: SimState): string | undefined {
  for (const key of [userEnvKey, machineEnvKey]) {
    const value = getValue(state, key, 'Path')?.data;
    for (const dir of typeof value === 'string' ? value.split(';') : []) {
      const path = dir.trim() ? hostPath(ctx.dir, dir.trim()) : undefined;
      if (path && existsSync(join(path, 'scoop.ps1'))) return dir.trim();
    }
  }
  return undefined;
}

async function fetchOrFail(ctx: ToolContext, url: string): Promise<Buffer | string> {
  try {
    const response = await simGet(ctx.dir, url);
    if (response.status !== 200)
      return `The remote server returned an error: (${response.status}) ${response.status === 404 ? 'Not Found' : 'Error'}.`;
    return response.body;
  } catch (error) {
    if (error instanceof SimNetError) return error.message;
    throw error;
  }
}

function writeBucket(ctx: ToolContext, state: SimState, dir: string, url: string | undefined, remoteUrl: string): void {
  const remote = state.scoop.remotes[remoteKey(remoteUrl)];
  mkdirSync(join(dir, 'bucket'), { recursive: true });
  for (const [app, manifest] of Object.entries(remote?.manifests ?? {}))
    writeFileSync(join(dir, 'bucket', `${app}.json`), prettyJson(manifest));
  if (url !== undefined) {
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(
      join(dir, '.git', 'config'),
      `[core]\n\trepositoryformatversion = 0\n\tfilemode = false\n\tbare = false\n\tsymlinks = false\n\tignorecase = true\n[remote "origin"]\n\turl = ${url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "master"]\n\tremote = origin\n\tmerge = refs/heads/master\n`,
    );
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/master\n');
  }
  void ctx;
}

/** install.ps1 -ScoopDir ... (Install:install.ps1). */
export async function scoopInstaller(ctx: ToolContext, args: string[]): Promise<number> {
  const params = installerParams(args);
  withState(ctx.dir, (s) => s.scoop.installerRuns.push({ args, elevated: ctx.elevated }));
  if (typeof params === 'string') {
    ctx.out.err(`install.ps1 : ${params}\r\n`);
    return 1;
  }
  const state = readState(ctx.dir);
  // Test-Prerequisite (L142-177).
  if (ctx.elevated && !params.runasadmin && state.user.name !== 'WDAGUtilityAccount') {
    ctx.out.line(
      'Running the installer as administrator is disabled by default, see https://github.com/ScoopInstaller/Install#for-admin for details.',
    );
    ctx.out.line('Abort.');
    return 1;
  }
  if (scoopOnPath(ctx, state)) {
    ctx.out.line("WARN  Scoop is already installed. Run 'scoop update' to get the latest version.");
    ctx.out.line('Abort.');
    return state.scoop.alreadyInstalledExitCode;
  }
  const root = trimPath(
    (params.scoopdir as string | undefined) ?? envVar(ctx, state, 'SCOOP') ?? `${state.env.USERPROFILE}\\scoop`,
  );
  const global = trimPath(
    (params.scoopglobaldir as string | undefined) ??
      envVar(ctx, state, 'SCOOP_GLOBAL') ??
      `${state.env.ProgramData}\\scoop`,
  );
  const cache = trimPath(
    (params.scoopcachedir as string | undefined) ?? envVar(ctx, state, 'SCOOP_CACHE') ?? `${root}\\cache`,
  );
  ctx.out.line('Initializing...');
  ctx.out.line('Downloading...');
  // No git on a fresh machine: the zips (L706-707), each an exception when it fails.
  for (const url of [
    'https://github.com/ScoopInstaller/Scoop/archive/master.zip',
    'https://github.com/ScoopInstaller/Main/archive/master.zip',
  ]) {
    const got = await fetchOrFail(ctx, url);
    if (typeof got === 'string') {
      ctx.out.err(`Exception calling "DownloadFile" with "2" argument(s): "${got}"\r\n`);
      return 1;
    }
  }
  ctx.out.line('Extracting...');
  return withState(ctx.dir, (s) => {
    const core = linux(ctx, `${root}\\apps\\scoop\\current`);
    mkdirSync(join(core, 'bin'), { recursive: true });
    writeFileSync(join(core, 'bin', 'scoop.ps1'), scoopCoreScript);
    // The Main bucket from its zip: manifests, no .git.
    writeBucket(ctx, s, linux(ctx, `${root}\\buckets\\main`), undefined, knownBuckets.main!);
    ctx.out.line('Creating shim...');
    const shims = linux(ctx, `${root}\\shims`);
    mkdirSync(shims, { recursive: true });
    writeFileSync(join(shims, 'scoop.ps1'), scoopShimScript(root));
    writeFileSync(
      join(shims, 'scoop.cmd'),
      `@rem ${root}\\apps\\scoop\\current\\bin\\scoop.ps1\r\n@echo off\r\npowershell -noprofile -ex unrestricted -file "${root}\\apps\\scoop\\current\\bin\\scoop.ps1" %*\r\n`,
    );
    writeFileSync(join(shims, 'scoop'), `#!/bin/sh\n# ${root}\\apps\\scoop\\current\\bin\\scoop.ps1\n`);
    ctx.out.line('Adding ~\\scoop\\shims to your path.');
    const path = getValue(s, userEnvKey, 'Path')?.data;
    const entries = typeof path === 'string' && path ? path.split(';') : [];
    if (!entries.some((e) => sameWinPath(e, `${root}\\shims`)))
      setValue(s, userEnvKey, 'Path', { type: 'REG_EXPAND_SZ', data: [`${root}\\shims`, ...entries].join(';') });
    // Add-DefaultConfig (L527-566), written with Set-Content -Encoding ASCII (L523).
    const configPath = configPathFor(ctx, s, undefined);
    const config = readConfig(ctx, configPath);
    const userScoop = getValue(s, userEnvKey, 'SCOOP')?.data;
    if (!userScoop && !sameWinPath(root, `${s.env.USERPROFILE}\\scoop`)) config.root_path = root;
    if (!sameWinPath(global, `${s.env.ProgramData}\\scoop`)) config.global_path = global;
    if (!sameWinPath(cache, `${root}\\cache`)) config.cache_path = cache;
    config.last_update = new Date().toISOString();
    writeConfig(ctx, configPath, config, 'ascii');
    ctx.out.line('Scoop was installed successfully!');
    ctx.out.line("Type 'scoop help' for instructions.");
    return 0;
  });
}

// ---------------------------------------------------------------- scoop commands

function appDir(ctx: ToolContext, dirs: Dirs, global: boolean, app: string): string {
  return linux(ctx, `${global ? dirs.global : dirs.root}\\apps\\${app}`);
}

/** Scoop's `installed`: current\manifest.json with a version, and an install.json. */
function installedVersion(dir: string): string | undefined {
  const manifest = readJsonFile(join(dir, 'current', 'manifest.json'));
  const info = readJsonFile(join(dir, 'current', 'install.json'));
  return manifest && info && typeof manifest.version === 'string' ? manifest.version : undefined;
}

function findEntry(dir: string, name: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).find((e) => e.toLowerCase() === name.toLowerCase());
}

function bucketsOf(ctx: ToolContext, dirs: Dirs): string[] {
  const dir = linux(ctx, `${dirs.root}\\buckets`);
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory());
  return [
    ...names.filter((n) => n.toLowerCase() === 'main'),
    ...names.filter((n) => n.toLowerCase() !== 'main').sort(),
  ];
}

function findManifest(
  ctx: ToolContext,
  dirs: Dirs,
  app: string,
  bucket: string | undefined,
): { bucket: string; manifest: Record<string, unknown> } | undefined {
  for (const name of bucket ? [bucket] : bucketsOf(ctx, dirs)) {
    const base = linux(ctx, `${dirs.root}\\buckets\\${name}`);
    const real = findEntry(dirname(base), basename(base));
    if (!real) continue;
    const bucketDir = join(dirname(base), real);
    const manifests = existsSync(join(bucketDir, 'bucket')) ? join(bucketDir, 'bucket') : bucketDir;
    const file = findEntry(manifests, `${app}.json`);
    const manifest = file ? readJsonFile(join(manifests, file)) : undefined;
    if (manifest) return { bucket: real, manifest };
  }
  return undefined;
}

export function urlsOf(manifest: Record<string, unknown>): { urls: string[]; hashes: string[]; bin: string[] } {
  const arch = (manifest.architecture as Record<string, Record<string, unknown>> | undefined)?.['64bit'] ?? {};
  const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
  const binValue = arch.bin ?? manifest.bin;
  const bin = Array.isArray(binValue)
    ? binValue.map((b) => (Array.isArray(b) ? String(b[0]) : String(b)))
    : binValue === undefined
      ? []
      : [String(binValue)];
  return { urls: list(arch.url ?? manifest.url), hashes: list(arch.hash ?? manifest.hash), bin };
}

/** create_shims (Scoop:lib/install.ps1): a .shim naming the app's file through `current`, and the shim exe. */
export function createShims(ctx: ToolContext, root: string, app: string, bins: string[]): void {
  const shims = linux(ctx, `${root}\\shims`);
  mkdirSync(shims, { recursive: true });
  for (const b of bins) {
    const name = basename(b.replace(/\\/g, '/')).replace(/\.(exe|bat|cmd|ps1)$/i, '');
    ctx.out.line(`Creating shim for '${name}'.`);
    writeFileSync(join(shims, `${name}.shim`), `path = "${root}\\apps\\${app}\\current\\${b}"\r\n`);
    writeFileSync(join(shims, `${name}.exe`), 'winsim shim\n');
  }
}

function removeShims(ctx: ToolContext, root: string, bins: string[]): void {
  const shims = linux(ctx, `${root}\\shims`);
  for (const bin of bins) {
    const name = basename(bin.replace(/\\/g, '/')).replace(/\.(exe|bat|cmd|ps1)$/i, '');
    for (const ext of ['.exe', '.shim', '.cmd', '.ps1', '']) rmSync(join(shims, `${name}${ext}`), { force: true });
  }
}

/** ensure_none_failed (Scoop:lib/install.ps1 L381-401): repair what can be, purge the rest. */
function repairFailed(ctx: ToolContext, dirs: Dirs, app: string): void {
  for (const global of [true, false]) {
    const dir = appDir(ctx, dirs, global, app);
    const real = findEntry(dirname(dir), basename(dir));
    if (!real) continue;
    const full = join(dirname(dir), real);
    if (installedVersion(full)) continue;
    const versions = readdirSync(full).filter(
      (v) => v !== 'current' && existsSync(join(full, v, 'manifest.json')) && existsSync(join(full, v, 'install.json')),
    );
    if (versions.length > 0) {
      ctx.out.line(`Repair previous failed installation of ${app}.`);
      rmSync(join(full, 'current'), { force: true, recursive: true });
      symlinkSync(join(full, versions[versions.length - 1]!), join(full, 'current'), 'dir');
    } else {
      ctx.out.line(`WARN  Purging previous failed installation of ${app}.`);
      rmSync(full, { recursive: true, force: true });
      ctx.out.line(`'${app}' was uninstalled.`);
    }
  }
}

async function installOne(ctx: ToolContext, dirs: Dirs, spec: string, global: boolean): Promise<boolean> {
  const m = /^(?:([^/\\]+)\/)?([^/\\@]+)(?:@(.+))?$/.exec(spec);
  if (!m) {
    ctx.out.line(`ERROR Invalid app: '${spec}'`);
    return false;
  }
  const [, bucket, app, version] = m as unknown as [string, string | undefined, string, string | undefined];
  repairFailed(ctx, dirs, app);
  const target = appDir(ctx, dirs, global, app);
  const existing = findEntry(dirname(target), basename(target));
  if (existing) {
    const have = installedVersion(join(dirname(target), existing));
    if (have) {
      ctx.out.line(
        `WARN  '${app}' (${have}) is already installed.${version && version !== have ? ` Use 'scoop update ${app}${global ? ' --global' : ''}' to install a new version.` : ''}`,
      );
      return true;
    }
  }
  const found = findManifest(ctx, dirs, app, bucket);
  if (!found) {
    ctx.out.line(`Couldn't find manifest for '${app}'${bucket ? ` from '${bucket}' bucket` : ''}.`);
    return false;
  }
  const manifestVersion = String(found.manifest.version ?? '');
  if (version && version !== manifestVersion) {
    ctx.out.line(`WARN  Given version (${version}) does not match manifest (${manifestVersion})`);
    ctx.out.line(`ERROR Could not install ${app}@${version}: no autoupdate data in the simulated manifest.`);
    return false;
  }
  ctx.out.line(`Installing '${app}' (${manifestVersion}) [64bit] from '${found.bucket}' bucket`);
  // The version folder exists before the download: a failed download leaves a failed install.
  const versionDir = join(target, manifestVersion);
  mkdirSync(versionDir, { recursive: true });
  const { urls, hashes, bin } = urlsOf(found.manifest);
  const cacheDir = linux(ctx, dirs.cache);
  for (const [i, url] of urls.entries()) {
    const file = basename(new URL(url).pathname) || 'download';
    const cached = join(cacheDir, `${app}#${manifestVersion}#${file}`);
    let bytes: Buffer;
    if (existsSync(cached)) {
      ctx.out.line(`Loading ${file} from cache`);
      bytes = readFileSync(cached);
    } else {
      ctx.out.line(`Downloading ${url} (${file})...`);
      const got = await fetchOrFail(ctx, url);
      if (typeof got === 'string') {
        ctx.out.line(got);
        ctx.out.line(`URL ${url} is not valid`);
        return false;
      }
      bytes = got;
    }
    const want = (hashes[i] ?? '').replace(/^sha256:/i, '').toLowerCase();
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (want && want !== actual) {
      ctx.out.line(`ERROR Hash check failed!`);
      ctx.out.line(`App:         ${found.bucket}/${app}`);
      ctx.out.line(`URL:         ${url}`);
      ctx.out.line(
        `First bytes: ${[...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ')}`,
      );
      ctx.out.line(`Expected:    ${want}`);
      ctx.out.line(`Actual:      ${actual}`);
      rmSync(cached, { force: true });
      return false;
    }
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, bytes);
    ctx.out.line(`Checking hash of ${file} ... ok.`);
    writeFileSync(join(versionDir, file), bytes);
  }
  ctx.out.line(
    `Linking ${global ? dirs.global : dirs.root}\\apps\\${app}\\current => ${global ? dirs.global : dirs.root}\\apps\\${app}\\${manifestVersion}`,
  );
  rmSync(join(target, 'current'), { force: true, recursive: true });
  symlinkSync(versionDir, join(target, 'current'), 'dir');
  createShims(ctx, global ? dirs.global : dirs.root, app, bin);
  writeFileSync(join(versionDir, 'manifest.json'), prettyJson(found.manifest));
  writeFileSync(join(versionDir, 'install.json'), prettyJson({ bucket: found.bucket, architecture: '64bit' }));
  persistData(ctx, global ? dirs.global : dirs.root, app, versionDir, found.manifest);
  ctx.out.line(`'${app}' (${manifestVersion}) was installed successfully!`);
  return true;
}

async function install(ctx: ToolContext, dirs: Dirs, args: string[]): Promise<number> {
  const global = args.includes('-g') || args.includes('--global');
  const noUpdate = args.includes('-u') || args.includes('--no-update-scoop');
  const apps = args.filter((a) => !a.startsWith('-'));
  if (apps.length === 0) {
    ctx.out.line('ERROR <app> missing');
    return 1;
  }
  if (global && !ctx.elevated) {
    ctx.out.line('ERROR: you need admin rights to install global apps');
    return 1;
  }
  if (!noUpdate) {
    // is_scoop_outdated: last_update older than 3 hours (or missing) → scoop update first, over git.
    const config = readConfig(ctx, dirs.configPath);
    const last = Date.parse(String(getConfig(config, 'last_update') ?? ''));
    if (!Number.isFinite(last) || Date.now() - last > 3 * 3600_000) {
      withState(ctx.dir, (s) => s.scoop.autoUpdates++);
      ctx.out.line('Updating Scoop...');
      const repo = String(getConfig(config, 'scoop_repo') ?? 'https://github.com/ScoopInstaller/Scoop');
      const got = await fetchOrFail(ctx, `${repo.replace(/\.git$/, '')}/info/refs?service=git-upload-pack`);
      if (typeof got === 'string') ctx.out.line(`fatal: unable to access '${repo}/': ${got}`);
      else ctx.out.line('Scoop was updated successfully!');
    }
  }
  for (const app of apps) await installOne(ctx, dirs, app, global);
  // Scoop#3936: failures above do not change the exit code.
  return 0;
}

function uninstall(ctx: ToolContext, dirs: Dirs, args: string[]): number {
  const global = args.includes('-g') || args.includes('--global');
  const apps = args.filter((a) => !a.startsWith('-'));
  if (global && !ctx.elevated) {
    ctx.out.line('ERROR: You need admin rights to uninstall global apps.');
    return 1;
  }
  for (const app of apps) {
    const target = appDir(ctx, dirs, global, app);
    const real = findEntry(dirname(target), basename(target));
    if (!real) {
      ctx.out.line(`ERROR '${app}' isn't installed.`);
      continue;
    }
    const full = join(dirname(target), real);
    const manifest = readJsonFile(join(full, 'current', 'manifest.json'));
    if (manifest) removeShims(ctx, global ? dirs.global : dirs.root, urlsOf(manifest).bin);
    ctx.out.line(`Uninstalling '${app}'.`);
    rmSync(full, { recursive: true, force: true });
    ctx.out.line(`'${app}' was uninstalled.`);
  }
  return 0;
}

function gitInstalled(ctx: ToolContext, dirs: Dirs): boolean {
  return [dirs.root, dirs.global].some((r) => installedVersion(linux(ctx, `${r}\\apps\\git`)) !== undefined);
}

async function bucket(ctx: ToolContext, dirs: Dirs, args: string[]): Promise<number> {
  const [action, name, repoArg] = args;
  const bucketsDir = linux(ctx, `${dirs.root}\\buckets`);
  if (action === 'rm') {
    const real = name ? findEntry(bucketsDir, name) : undefined;
    if (!real) {
      ctx.out.line(`ERROR '${name}' bucket not found.`);
      return 1;
    }
    rmSync(join(bucketsDir, real), { recursive: true, force: true });
    ctx.out.line(`The ${name} bucket was removed successfully.`);
    return 0;
  }
  if (action === 'known') {
    for (const known of Object.keys(knownBuckets)) ctx.out.line(known);
    return 0;
  }
  if (action !== 'add' || !name) {
    ctx.out.line('Usage: scoop bucket add|list|known|rm [<args>]');
    return 1;
  }
  if (!gitInstalled(ctx, dirs)) {
    ctx.out.line("ERROR Git is required for buckets. Run 'scoop install git' and try again.");
    return 1;
  }
  const repo = repoArg ?? knownBuckets[name.toLowerCase()];
  if (!repo) {
    ctx.out.line(`ERROR Unknown bucket '${name}'. Try specifying <repo>.`);
    return 1;
  }
  if (findEntry(bucketsDir, name)) {
    ctx.out.line(
      `WARN  The '${name}' bucket already exists. To add this bucket again, first remove it by running 'scoop bucket rm ${name}'.`,
    );
    return 2;
  }
  for (const other of existsSync(bucketsDir) ? readdirSync(bucketsDir) : []) {
    const config = join(bucketsDir, other, '.git', 'config');
    const url = existsSync(config) ? /url = (.*)/.exec(readFileSync(config, 'utf8'))?.[1] : undefined;
    if (url && remoteKey(url) === remoteKey(repo)) {
      ctx.out.line(`WARN  Bucket ${other} already exists for ${repo}`);
      return 2;
    }
  }
  ctx.out.line('Checking repo... ');
  // git ls-remote over the machine's network.
  const got = await fetchOrFail(
    ctx,
    `${repo.replace(/\.git$/, '').replace(/\/+$/, '')}/info/refs?service=git-upload-pack`,
  );
  const known = readState(ctx.dir).scoop.remotes[remoteKey(repo)];
  if (typeof got === 'string' || !known) {
    ctx.out.line(`ERROR '${repo}' doesn't look like a valid git repository`);
    ctx.out.line('');
    ctx.out.line('Error given:');
    ctx.out.line(
      typeof got === 'string'
        ? `fatal: unable to access '${repo}/': ${got}`
        : `remote: Repository not found.\nfatal: repository '${repo}/' not found`,
    );
    return 1;
  }
  return withState(ctx.dir, (s) => {
    writeBucket(ctx, s, join(bucketsDir, name), repo, repo);
    ctx.out.line(`The ${name} bucket was added successfully.`);
    return 0;
  });
}

function config(ctx: ToolContext, dirs: Dirs, args: string[]): number {
  const current = readConfig(ctx, dirs.configPath);
  if (args[0] === 'rm' && args[1]) {
    const key = Object.keys(current).find((k) => k.toLowerCase() === args[1]!.toLowerCase());
    if (key) delete current[key];
    writeConfig(ctx, dirs.configPath, current, 'utf8');
    ctx.out.line(`'${args[1]}' has been removed`);
    return 0;
  }
  if (args.length >= 2) {
    // set_config: names lower-cased (#5116), "true"/"false" become booleans.
    const name = args[0]!.toLowerCase();
    const raw = args[1]!;
    const value = /^(true|false)$/i.test(raw) ? raw.toLowerCase() === 'true' : raw;
    const key = Object.keys(current).find((k) => k.toLowerCase() === name);
    if (key && key !== name) delete current[key];
    current[name] = value;
    writeConfig(ctx, dirs.configPath, current, 'utf8');
    ctx.out.line(`'${name}' has been set to '${raw}'`);
    return 0;
  }
  if (args.length === 1) {
    const value = getConfig(current, args[0]!);
    ctx.out.line(value === undefined ? `'${args[0]}' is not set` : String(value));
    return 0;
  }
  for (const [k, v] of Object.entries(current)) ctx.out.line(`${k.padEnd(30)} : ${String(v)}`);
  return 0;
}

/** A date as Windows PowerShell 5.1's ConvertTo-Json writes it: "\/Date(ms)\/", wrapped with DisplayHint when it came from Get-Date. */
function ps51Date(ms: number, fromGetDate: boolean): unknown {
  const value = `/Date(${Math.round(ms)})/`;
  return fromGetDate ? { value, DisplayHint: 2, DateTime: new Date(ms).toUTCString() } : value;
}

function exportJson(ctx: ToolContext, dirs: Dirs, withConfig: boolean): string {
  const buckets = bucketsOf(ctx, dirs).map((name) => {
    const dir = linux(ctx, `${dirs.root}\\buckets\\${name}`);
    const gitConfig = join(dir, '.git', 'config');
    const source = existsSync(gitConfig)
      ? (/url = (.*)/.exec(readFileSync(gitConfig, 'utf8'))?.[1] ?? '')
      : (knownBuckets[name.toLowerCase()] ?? '');
    const manifests = existsSync(join(dir, 'bucket')) ? readdirSync(join(dir, 'bucket')).length : 0;
    return { Name: name, Source: source, Updated: ps51Date(statSync(dir).mtimeMs, true), Manifests: manifests };
  });
  const apps: unknown[] = [];
  for (const global of [false, true]) {
    const appsDir = linux(ctx, `${global ? dirs.global : dirs.root}\\apps`);
    for (const app of existsSync(appsDir) ? readdirSync(appsDir).sort() : []) {
      if (app === 'scoop') continue;
      const dir = join(appsDir, app);
      const version = installedVersion(dir);
      const info = readJsonFile(join(dir, 'current', 'install.json'));
      const failed = version === undefined;
      const infoList = [
        ...(global ? ['Global install'] : []),
        ...(failed ? ['Install failed'] : []),
        ...(info?.hold === true ? ['Held package'] : []),
      ];
      const current = join(dir, 'current');
      const updated = existsSync(current) ? lstatSync(current).mtimeMs : statSync(dir).mtimeMs;
      apps.push({
        Name: app,
        Version: version ?? '',
        Source: String(info?.bucket ?? info?.url ?? ''),
        Updated: ps51Date(Math.round(updated), false),
        Info: infoList.join(', '),
      });
    }
  }
  const result: Record<string, unknown> = { buckets, apps };
  if (withConfig) {
    const cfg = readConfig(ctx, dirs.configPath);
    for (const k of Object.keys(cfg))
      if (['last_update', 'root_path', 'global_path', 'cache_path', 'alias'].includes(k.toLowerCase())) delete cfg[k];
    result.config = cfg;
  }
  // ConvertTo-Json escapes the slashes of \/Date()\/.
  return prettyJson(result).replace(/"\/Date\((\d+)\)\/"/g, '"\\/Date($1)\\/"');
}

/** scoop.ps1 <command> ... run from `scriptRoot` (the folder above shims\). */
export async function scoopCommand(ctx: ToolContext, scriptRoot: string, args: string[]): Promise<number> {
  const state = readState(ctx.dir);
  withState(ctx.dir, (s) =>
    s.scoop.commands.push({
      args,
      elevated: ctx.elevated,
      env: Object.fromEntries(
        ['SCOOP', 'SCOOP_GLOBAL', 'SCOOP_CACHE'].filter((n) => ctx.env[n]).map((n) => [n, ctx.env[n]!]),
      ),
    }),
  );
  let dirs: Dirs;
  try {
    dirs = resolveDirs(ctx, state, scriptRoot);
  } catch (error) {
    ctx.out.err(`ConvertFrom-Json : ${(error as Error).message}\r\n`);
    return 1;
  }
  const [command, ...rest] = args;
  switch (command) {
    case 'install':
      return install(ctx, dirs, rest);
    case 'uninstall':
      return uninstall(ctx, dirs, rest);
    case 'bucket':
      return bucket(ctx, dirs, rest);
    case 'config':
      return config(ctx, dirs, rest);
    case 'reset':
      return reset(ctx, dirs, rest);
    case 'export':
      ctx.out.out(exportJson(ctx, dirs, rest.includes('-c') || rest.includes('--config')));
      return 0;
    default:
      ctx.out.line(`WARN  scoop: '${command ?? ''}' isn't a scoop command. See 'scoop help'.`);
      return 1;
  }
}

/** The leaf of the folder a `current` junction points to, or undefined. */
export function currentTarget(path: string): string | undefined {
  try {
    return basename(readlinkSync(path));
  } catch {
    return undefined;
  }
}
