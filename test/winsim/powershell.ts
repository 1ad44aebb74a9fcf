/**
 * Simulated powershell.exe. There is no PowerShell here, so it runs nothing it is given: it accepts
 * exactly devbox's own script files, recognised by content hash (test/winsim/scripts.ts pins them),
 * and Scoop's scripts (the installer by its hash, scoop.ps1 by its content: test/winsim/scoop.ts),
 * started exactly as devbox must start them (-NoProfile -NonInteractive -ExecutionPolicy Bypass
 * -File <script> [parameters]), and does against the simulated machine what each script does on
 * Windows. Editing a .ps1 without updating this emulation and its pinned hash fails every test that
 * reaches it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ToolContext } from './context.js';
import { splitProgram } from './cmdline.js';
import { ensureParent, expandEnv, hostPath, toolPath } from './drive.js';
import { flushDnsCache } from './net.js';
import { getKey, getValue, subkeys } from './registry.js';
import { currentTarget, scoopCommand, scoopInstaller, scoopScriptKind } from './scoop.js';
import { pinnedScripts, type ScriptName } from './scripts.js';
import { readState, withState, type SimState } from './state.js';
import { findDistro, startVm, WslFailure } from './vm.js';

const allowedPrefixes = [
  ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File'],
  ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-WindowStyle', 'Hidden', '-File'],
];

type Identified = { name: ScriptName; file: string } | { scoop: 'installer' | 'shim' | 'core'; file: string; windowsFile: string; params: string[] };

function identify(ctx: ToolContext): Identified | { error: string } {
  const args = ctx.args;
  const prefix = allowedPrefixes.find((p) => args.length > p.length && p.every((a, i) => args[i] === a));
  if (!prefix) return { error: `winsim: powershell.exe must be started as -NoProfile -NonInteractive -ExecutionPolicy Bypass -File <script>; got ${JSON.stringify(args)}` };
  const given = args[prefix.length]!;
  const params = args.slice(prefix.length + 1);
  // The task runs the copy devbox installed under C:\; devbox itself runs its packaged files and
  // what it downloaded into its cache (paths of the machine it runs on).
  const file = toolPath(ctx.dir, given);
  if (!file || !existsSync(file)) return { error: `winsim: the script ${given} does not exist` };
  const content = readFileSync(file);
  const hash = createHash('sha256').update(content).digest('hex');
  const name = (Object.keys(pinnedScripts) as ScriptName[]).find((n) => pinnedScripts[n] === hash);
  if (name) {
    if (params.length > 0) return { error: `winsim: devbox's ${name} takes its parameters as JSON on stdin, not ${JSON.stringify(params)}` };
    return { name, file };
  }
  const scoop = scoopScriptKind(content);
  if (scoop) return { scoop, file, windowsFile: given, params };
  return { error: `winsim: ${given} (sha256 ${hash}) is not one of devbox's scripts this simulator emulates, nor Scoop's. If you changed a .ps1, update its emulation in test/winsim/powershell.ts and its hash in test/winsim/scripts.ts.` };
}

function fail(ctx: ToolContext, message: string): number {
  ctx.out.err(`${message}\n`);
  return 1;
}

/** PowerShell's ConvertTo-Json output of the answer. */
function answer(ctx: ToolContext, value: unknown): number {
  ctx.out.out(JSON.stringify(value));
  return 0;
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

// ------------------------------------------------------------------ probe.ps1

function registryValues(state: SimState, path: string) {
  const key = getKey(state, path);
  return Object.fromEntries(Object.entries(key?.values ?? {}).map(([n, v]) => [n, { type: v.type, data: v.data }]));
}

const serviceOwners: Record<string, string> = { vmcompute: 'VirtualMachinePlatform', hns: 'VirtualMachinePlatform', lxssmanager: 'Microsoft-Windows-Subsystem-Linux' };

function probeOp(ctx: ToolContext, state: SimState, op: Record<string, unknown>): unknown {
  switch (op.op) {
    case 'os': {
      const env = Object.fromEntries(['USERPROFILE', 'LOCALAPPDATA', 'ProgramFiles', 'SystemRoot', 'TEMP', 'USERNAME'].filter((n) => state.env[n] !== undefined).map((n) => [n, state.env[n]!]));
      return { os: { build: state.windows.build, ubr: Number(registryValues(state, 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion').UBR?.data ?? 0), elevated: ctx.elevated, env } };
    }
    case 'feature': {
      const feature = state.features[String(op.name)];
      // Assumption (see research notes): InstallState reports what was asked, 1 from the enable on.
      if (feature === undefined) return { installState: null };
      if (feature.state === 'enable-pending') return { installState: state.windows.pendingInstallState ?? 1 };
      return { installState: feature.state === 'enabled' ? 1 : 2 };
    }
    case 'service': {
      const name = String(op.name).toLowerCase();
      const owner = serviceOwners[name];
      const exists = owner ? ['enabled', 'disable-pending'].includes(state.features[owner]?.state ?? '') : name === 'wslservice' ? state.wsl.package !== null : false;
      return { service: { exists, status: exists ? 'Running' : null } };
    }
    case 'registry': {
      const key = String(op.key);
      if (!/^(HKLM|HKCU)\\/.test(key)) return { error: `unsupported registry root in ${key} (use HKLM\\ or HKCU\\)` };
      const found = getKey(state, key);
      if (!found) return { registry: { exists: false, values: {} } };
      const result: Record<string, unknown> = { exists: true, values: registryValues(state, key) };
      if (Number(op.depth ?? 0) >= 1) result.subkeys = Object.fromEntries(subkeys(state, key).map((name) => [name, { values: registryValues(state, `${key}\\${name}`) }]));
      return { registry: result };
    }
    case 'file': {
      const path = hostPath(ctx.dir, expandEnv(String(op.path), state.env));
      if (!path || !existsSync(path) || !statSync(path).isFile()) return { file: { exists: false } };
      if (statSync(path).size > 1024 * 1024) return { error: `${op.path} is larger than 1048576 bytes` };
      return { file: { exists: true, content: readFileSync(path).toString('base64') } };
    }
    case 'fileHash': {
      const path = hostPath(ctx.dir, expandEnv(String(op.path), state.env));
      if (!path || !existsSync(path)) return { hash: null };
      return { hash: createHash('sha256').update(readFileSync(path)).digest('hex') };
    }
    case 'fileVersion': {
      const path = expandEnv(String(op.path), state.env).toLowerCase();
      if (path === 'c:\\program files\\wsl\\wsl.exe') return { version: state.wsl.package?.version ?? null };
      const file = hostPath(ctx.dir, path);
      return { version: file && existsSync(file) ? '' : null };
    }
    case 'adapters':
      return { adapters: state.adapters.map((a) => ({ name: a.name, ifIndex: a.ifIndex, status: a.status, hidden: a.hidden, ipv4: a.ipv4.map((i) => ({ ...i })) })) };
    case 'task': {
      const task = state.tasks[`${String(op.folder).replace(/\\+$/, '')}\\${String(op.name)}`.toLowerCase()];
      if (!task) return { task: { exists: false, actions: [], triggers: [], runLevel: null } };
      const { program, rest } = splitProgram(task.command);
      return { task: { exists: true, actions: [{ execute: program, arguments: rest }], triggers: [task.trigger], runLevel: task.runLevel } };
    }
    case 'process': {
      const name = String(op.name).toLowerCase();
      const vmProcess = state.wsl.package ? 'vmmemwsl' : 'vmmem';
      return { processes: state.vm.running && name === vmProcess ? 1 : 0 };
    }
    case 'scoop':
      return { scoop: probeScoop(ctx, state, op) };
    default:
      return { error: `unknown operation ${String(op.op)}` };
  }
}

const userEnvKey = 'HKEY_CURRENT_USER\\Environment';
const machineEnvKey = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment';

function scoped(ctx: ToolContext, state: SimState, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (ctx.env[name]) out.process = ctx.env[name]!;
  const user = getValue(state, userEnvKey, name)?.data;
  if (typeof user === 'string' && user) out.user = user;
  const machine = getValue(state, machineEnvKey, name)?.data;
  if (typeof machine === 'string' && machine) out.machine = machine;
  return out;
}

function textOf(path: string): string | undefined {
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
}

function scanScoopRoot(ctx: ToolContext, root: string, details: boolean): Record<string, unknown> {
  const dir = hostPath(ctx.dir, root);
  const result: Record<string, unknown> = { path: root, exists: false, core: false, shim: false, apps: [], buckets: [] };
  if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) return result;
  result.exists = true;
  result.core = existsSync(join(dir, 'apps', 'scoop', 'current', 'bin', 'scoop.ps1'));
  result.shim = existsSync(join(dir, 'shims', 'scoop.ps1'));
  if (existsSync(join(dir, 'config.json'))) result.portableConfig = readFileSync(join(dir, 'config.json')).toString('base64');
  const appsDir = join(dir, 'apps');
  result.apps = (existsSync(appsDir) ? readdirSync(appsDir) : [])
    .filter((name) => name !== 'scoop' && statSync(join(appsDir, name)).isDirectory())
    .map((name) => {
      const app = join(appsDir, name);
      const versions = readdirSync(app)
        .filter((v) => v !== 'current' && statSync(join(app, v)).isDirectory())
        .map((v) => ({ name: v, ...(textOf(join(app, v, 'install.json')) !== undefined ? { install: textOf(join(app, v, 'install.json')) } : {}) }));
      const entry: Record<string, unknown> = { name, versions, updated: statSync(app).mtime.toISOString() };
      const current = join(app, 'current');
      if (existsSync(current) && statSync(current).isDirectory()) {
        const target = lstatSync(current).isSymbolicLink() ? currentTarget(current) : undefined;
        const manifest = textOf(join(current, 'manifest.json'));
        const install = textOf(join(current, 'install.json'));
        entry.current = { ...(target ? { target } : {}), ...(manifest !== undefined ? { manifest } : {}), ...(install !== undefined ? { install } : {}) };
        entry.updated = lstatSync(current).mtime.toISOString();
      }
      return entry;
    });
  const bucketsDir = join(dir, 'buckets');
  result.buckets = (existsSync(bucketsDir) ? readdirSync(bucketsDir) : [])
    .filter((name) => statSync(join(bucketsDir, name)).isDirectory())
    .map((name) => {
      const bucket = join(bucketsDir, name);
      const git = existsSync(join(bucket, '.git')) && statSync(join(bucket, '.git')).isDirectory();
      const entry: Record<string, unknown> = { name, git, updated: statSync(git ? join(bucket, '.git') : bucket).mtime.toISOString() };
      const gitConfig = git ? textOf(join(bucket, '.git', 'config')) : undefined;
      if (gitConfig !== undefined) entry.gitConfig = gitConfig;
      if (details) {
        const manifests = existsSync(join(bucket, 'bucket')) ? join(bucket, 'bucket') : bucket;
        const count = (d: string): number => readdirSync(d).reduce((n, e) => n + 1 + (statSync(join(d, e)).isDirectory() ? count(join(d, e)) : 0), 0);
        entry.manifests = count(manifests);
      }
      return entry;
    });
  return result;
}

/** probe.ps1's `scoop` operation: Scoop's variables, config.json files, and every root worth reading. */
function probeScoop(ctx: ToolContext, state: SimState, op: Record<string, unknown>): unknown {
  const env = Object.fromEntries(['SCOOP', 'SCOOP_GLOBAL', 'SCOOP_CACHE', 'XDG_CONFIG_HOME'].map((n) => [n, scoped(ctx, state, n)]));
  const userProfile = state.env.USERPROFILE!;
  const programData = state.env.ProgramData!;
  const xdg = env.XDG_CONFIG_HOME as Record<string, string>;
  const homes = [xdg.process, xdg.user, `${userProfile}\\.config`].filter((h): h is string => Boolean(h));
  const configs: Record<string, unknown>[] = [];
  for (const home of homes) {
    const path = `${home.replace(/\\+$/, '')}\\scoop\\config.json`;
    if (configs.some((c) => String(c.path).toLowerCase() === path.toLowerCase())) continue;
    const file = hostPath(ctx.dir, path);
    configs.push({ path, ...(file && existsSync(file) ? { content: readFileSync(file).toString('base64') } : {}) });
  }
  const path: Record<string, string> = {};
  const userPath = getValue(state, userEnvKey, 'Path')?.data;
  if (typeof userPath === 'string') path.user = userPath;
  const machinePath = getValue(state, machineEnvKey, 'Path')?.data;
  if (typeof machinePath === 'string') path.machine = machinePath;
  const candidates: string[] = [...((op.roots as string[]) ?? [])];
  for (const n of ['SCOOP', 'SCOOP_GLOBAL']) candidates.push(...Object.values(env[n] as Record<string, string>));
  for (const c of configs) {
    if (typeof c.content !== 'string') continue;
    try {
      const json = JSON.parse(Buffer.from(c.content, 'base64').toString('utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
      for (const key of Object.keys(json)) if (['root_path', 'global_path'].includes(key.toLowerCase()) && typeof json[key] === 'string') candidates.push(json[key] as string);
    } catch {
      // not JSON: names no root
    }
  }
  candidates.push(`${userProfile}\\scoop`, `${programData}\\scoop`);
  for (const value of Object.values(path)) {
    for (const entry of value.split(';')) {
      const trimmed = entry.trim().replace(/\\+$/, '');
      const dir = trimmed ? hostPath(ctx.dir, trimmed) : undefined;
      if (trimmed.toLowerCase().endsWith('\\shims') && dir && existsSync(join(dir, 'scoop.ps1'))) candidates.push(trimmed.slice(0, -'\\shims'.length));
    }
  }
  const seen = new Set<string>();
  const roots = candidates
    .map((r) => r.replace(/\\+$/, ''))
    .filter((r) => {
      const key = r.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((r) => scanScoopRoot(ctx, r, op.details === true));
  return { env, userProfile, programData, path, configs, roots };
}

function probe(ctx: ToolContext): number {
  const request = JSON.parse(readStdin()) as { ops?: Record<string, unknown>[] };
  const state = readState(ctx.dir);
  return answer(ctx, { results: (request.ops ?? []).map((op) => probeOp(ctx, state, op)) });
}

// ------------------------------------------------------------------ write-file.ps1

function writeFile(ctx: ToolContext): number {
  const request = JSON.parse(readStdin()) as { path: string; content: string; backupRoot?: string };
  const state = readState(ctx.dir);
  const windowsPath = expandEnv(request.path, state.env);
  if (!/^[A-Za-z]:\\/.test(windowsPath)) return fail(ctx, `not an absolute path: ${windowsPath}`);
  const path = ensureParent(ctx.dir, windowsPath);
  let backup: string | null = null;
  if (existsSync(path) && request.backupRoot) {
    backup = `${expandEnv(request.backupRoot, state.env)}\\${windowsPath.replace(':', '')}`;
    const backupPath = ensureParent(ctx.dir, backup);
    if (!existsSync(backupPath)) copyFileSync(path, backupPath);
  }
  const temporary = join(dirname(path), `.${basename(path)}.devbox-tmp`);
  writeFileSync(temporary, Buffer.from(request.content, 'base64'));
  renameSync(temporary, path);
  return answer(ctx, { ok: true, backup });
}

// ------------------------------------------------------------------ replace-file.ps1

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Windows' protected folders: writing there needs an administrator token. */
function protectedPath(windowsPath: string): boolean {
  return /^c:\\(windows|program files|programdata\\microsoft)\\/i.test(windowsPath);
}

function replaceFile(ctx: ToolContext): number {
  const request = JSON.parse(readStdin()) as { path: string; content: string; expectedSha256: string | null; backupRoot?: string; flushDns?: boolean; retryMs?: number };
  const state = readState(ctx.dir);
  const windowsPath = expandEnv(request.path, state.env);
  if (!/^[A-Za-z]:\\/.test(windowsPath)) return fail(ctx, `not an absolute path: ${windowsPath}`);
  if (protectedPath(windowsPath) && !ctx.elevated) return fail(ctx, `Exception calling "ReadAllBytes"... Access to the path '${windowsPath}' is denied.`);
  const path = ensureParent(ctx.dir, windowsPath);
  const bytes = Buffer.from(request.content, 'base64');
  const deadline = Date.now() + (request.retryMs ?? 10_000);
  const key = windowsPath.toLowerCase();
  let backup: string | null = null;
  for (;;) {
    // Another program that wrote the file since devbox read it (the test's concurrent writer).
    withState(ctx.dir, (s) => {
      const index = s.pendingWrites.findIndex((w) => w.path.toLowerCase() === key);
      if (index >= 0) {
        const [write] = s.pendingWrites.splice(index, 1);
        const mode = existsSync(path) ? statSync(path).mode : 0o644;
        chmodSync(path, 0o644);
        writeFileSync(path, Buffer.concat([existsSync(path) ? readFileSync(path) : Buffer.alloc(0), Buffer.from(write!.append, 'latin1')]));
        chmodSync(path, mode);
      }
    });
    const exists = existsSync(path);
    const actual = exists ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
    if (actual !== (request.expectedSha256 === null ? null : request.expectedSha256.toLowerCase())) return answer(ctx, { ok: false, reason: 'changed', actualSha256: actual });
    // A program holding the file without sharing writes: File.Replace fails with a sharing violation.
    const heldUntil = readState(ctx.dir).heldFiles[key] ?? 0;
    if (heldUntil > Date.now()) {
      if (Date.now() >= deadline) return answer(ctx, { ok: false, reason: 'busy', message: `The process cannot access the file '${windowsPath}' because it is being used by another process.` });
      sleepMs(200);
      continue;
    }
    if (exists && request.backupRoot) {
      backup = `${expandEnv(request.backupRoot, state.env)}\\${windowsPath.replace(':', '')}`;
      const backupPath = ensureParent(ctx.dir, backup);
      if (!existsSync(backupPath)) copyFileSync(path, backupPath);
    }
    const temporary = join(dirname(path), `.${basename(path)}.devbox-tmp`);
    writeFileSync(temporary, bytes);
    // Attributes (read-only is the write permission here) are cleared for the swap and restored.
    const mode = exists ? statSync(path).mode & 0o777 : 0o644;
    renameSync(temporary, path);
    chmodSync(path, mode);
    break;
  }
  if (request.flushDns) withState(ctx.dir, (s) => flushDnsCache(s));
  return answer(ctx, { ok: true, backup, dnsFlushed: request.flushDns === true });
}

// ------------------------------------------------------------------ elevate.ps1

function elevate(ctx: ToolContext): number {
  const request = JSON.parse(readStdin()) as { file: string; arguments: string[] };
  const { accepted, hostEnv } = withState(ctx.dir, (state) => {
    state.uac.prompts++;
    return { accepted: state.uac.policy === 'accept', hostEnv: state.hostEnv };
  });
  // Start-Process -Verb RunAs throws a Win32Exception with NativeErrorCode 1223 when declined.
  if (!accepted) return answer(ctx, { started: false, reason: 'cancelled' });
  mkdirSync(join(ctx.dir, 'logs'), { recursive: true });
  const log = openSync(join(ctx.dir, 'logs', `elevated-${Date.now()}.log`), 'a');
  // The elevated process gets the user's environment, not its parent's.
  const child = spawn(request.file, request.arguments, { detached: true, stdio: ['ignore', log, log], env: { ...hostEnv, WINSIM_ELEVATED: '1' } });
  child.unref();
  return answer(ctx, { started: true, pid: child.pid });
}

// ------------------------------------------------------------------ fixed-ip-task.ps1

function fixedIpTask(ctx: ToolContext, file: string): number {
  const settingsPath = join(dirname(file), 'fixed-ip.json');
  if (!existsSync(settingsPath)) return fail(ctx, `Exception calling "ReadAllText": Could not find file '${settingsPath}'.`);
  const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as { distro: string; hostAddress: string; prefixLength: number };
  if (!/^[a-zA-Z0-9._-]{1,256}$/.test(settings.distro)) return fail(ctx, 'invalid distribution name');
  if (!ctx.elevated) return fail(ctx, 'New-NetIPAddress : Access is denied.');
  return withState(ctx.dir, (state) => {
    // wsl.exe -d <distro> -u root --exec /bin/true: starts the VM, and with it the adapter.
    const distro = findDistro(state, settings.distro);
    if (!distro) return fail(ctx, 'the WSL adapter did not appear within two minutes');
    try {
      startVm(ctx.dir, state);
    } catch (error) {
      if (error instanceof WslFailure) return fail(ctx, 'the WSL adapter did not appear within two minutes');
      throw error;
    }
    if (state.distros[distro.guid]) state.distros[distro.guid]!.lastClientExit = Date.now();
    const adapter = state.adapters.find((a) => a.name.startsWith('vEthernet (WSL'));
    if (!adapter) return fail(ctx, 'the WSL adapter did not appear within two minutes');
    if (!adapter.ipv4.some((a) => a.address === settings.hostAddress)) adapter.ipv4.push({ address: settings.hostAddress, prefixLength: settings.prefixLength });
    return 0;
  });
}

export async function powershellExe(ctx: ToolContext): Promise<number> {
  const script = identify(ctx);
  if ('error' in script) return fail(ctx, script.error);
  if ('scoop' in script) {
    if (script.scoop === 'installer') return scoopInstaller(ctx, script.params);
    // shims\scoop.ps1 or apps\scoop\current\bin\scoop.ps1: Scoop is where the script is.
    const root = script.windowsFile.replace(/\\(shims|apps\\scoop\\current\\bin)\\scoop\.ps1$/i, '');
    return scoopCommand(ctx, root, script.params);
  }
  switch (script.name) {
    case 'probe.ps1':
      return probe(ctx);
    case 'write-file.ps1':
      return writeFile(ctx);
    case 'replace-file.ps1':
      return replaceFile(ctx);
    case 'elevate.ps1':
      return elevate(ctx);
    case 'fixed-ip-task.ps1':
      return fixedIpTask(ctx, script.file);
  }
}
