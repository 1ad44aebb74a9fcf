/**
 * Simulated powershell.exe. There is no PowerShell here, so it runs nothing it is given: it accepts
 * exactly devbox's own script files, recognised by content hash (test/winsim/scripts.ts pins them),
 * started exactly as devbox must start them (-NoProfile -NonInteractive -ExecutionPolicy Bypass
 * -File), and does against the simulated machine what each script does on Windows. Editing a .ps1
 * without updating this emulation and its pinned hash fails every test that reaches it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ToolContext } from './context.js';
import { splitProgram } from './cmdline.js';
import { ensureParent, expandEnv, hostPath } from './drive.js';
import { getKey, subkeys } from './registry.js';
import { pinnedScripts, type ScriptName } from './scripts.js';
import { readState, withState, type SimState } from './state.js';
import { findDistro, startVm, WslFailure } from './vm.js';

const allowedPrefixes = [
  ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File'],
  ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-WindowStyle', 'Hidden', '-File'],
];

function identify(ctx: ToolContext): { name: ScriptName; file: string } | { error: string } {
  const args = ctx.args;
  const prefix = allowedPrefixes.find((p) => args.length === p.length + 1 && p.every((a, i) => args[i] === a));
  if (!prefix) return { error: `winsim: powershell.exe must be started as -NoProfile -NonInteractive -ExecutionPolicy Bypass -File <devbox script>; got ${JSON.stringify(args)}` };
  const given = args[args.length - 1]!;
  // The task runs the copy devbox installed under C:\; devbox itself runs its packaged files.
  const file = /^[A-Za-z]:\\/.test(given) ? hostPath(ctx.dir, given) : given;
  if (!file || !existsSync(file)) return { error: `winsim: the script ${given} does not exist` };
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
  const name = (Object.keys(pinnedScripts) as ScriptName[]).find((n) => pinnedScripts[n] === hash);
  if (!name) return { error: `winsim: ${given} (sha256 ${hash}) is not one of devbox's scripts this simulator emulates. If you changed a .ps1, update its emulation in test/winsim/powershell.ts and its hash in test/winsim/scripts.ts.` };
  return { name, file };
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
    default:
      return { error: `unknown operation ${String(op.op)}` };
  }
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

// ------------------------------------------------------------------ download.ps1

async function download(ctx: ToolContext): Promise<number> {
  const request = JSON.parse(readStdin()) as { url: string; path: string; sha256: string };
  const state = readState(ctx.dir);
  const expected = request.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(expected)) return fail(ctx, 'sha256 must be 64 hexadecimal characters');
  const url = new URL(request.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail(ctx, `unsupported URL scheme ${url.protocol}`);
  const path = ensureParent(ctx.dir, expandEnv(request.path, state.env));
  const response = await fetch(url);
  if (!response.ok) return fail(ctx, `Invoke-WebRequest : The remote server returned an error: (${response.status}).`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected) return answer(ctx, { ok: false, reason: 'sha256', actual });
  writeFileSync(`${path}.devbox-download`, bytes);
  renameSync(`${path}.devbox-download`, path);
  return answer(ctx, { ok: true });
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
  switch (script.name) {
    case 'probe.ps1':
      return probe(ctx);
    case 'write-file.ps1':
      return writeFile(ctx);
    case 'download.ps1':
      return download(ctx);
    case 'elevate.ps1':
      return elevate(ctx);
    case 'fixed-ip-task.ps1':
      return fixedIpTask(ctx, script.file);
  }
}
