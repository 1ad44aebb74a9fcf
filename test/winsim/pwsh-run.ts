/**
 * Runs devbox's real scripts with real PowerShell 7 over the simulated machine. The scripts are
 * staged (copied, each checked against its pin) with test/winsim/windows-sim.ps1 in place of
 * windows.ps1, the Windows primitives; a view of the machine's state is written for those
 * primitives, and what they report having done to Windows (effects) is applied afterwards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToolContext } from './context.js';
import { splitProgram } from './cmdline.js';
import { ensureParent } from './drive.js';
import { flushDnsCache } from './net.js';
import { pinnedParts, type ScriptName } from './scripts.js';
import { readState, withState, type SimState } from './state.js';

const here = dirname(fileURLToPath(import.meta.url));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Copies an entry script and its parts (all pinned) into a staging folder; returns the staged entry's path. */
function stage(name: ScriptName, file: string): string | { error: string } {
  const files: [string, Buffer][] = [[name, readFileSync(file)]];
  for (const [part, pin] of Object.entries(pinnedParts)) {
    const source = join(dirname(file), part);
    if (!existsSync(source)) return { error: `winsim: ${name} needs ${part} beside it (${source})` };
    const bytes = readFileSync(source);
    if (sha256(bytes) !== pin)
      return {
        error: `winsim: ${source} (sha256 ${sha256(bytes)}) is not the pinned ${part}; update test/winsim/scripts.ts`,
      };
    files.push([part, part === 'windows.ps1' ? readFileSync(join(here, 'windows-sim.ps1')) : bytes]);
  }
  const key = createHash('sha256');
  for (const [n, b] of files) key.update(n).update(b);
  const root = join('/var/tmp/dbx4-winsim-ps', key.digest('hex').slice(0, 16));
  const scripts = join(root, 'src', 'platform', 'windows', 'scripts');
  if (!existsSync(join(scripts, name))) {
    mkdirSync(dirname(root), { recursive: true });
    const work = mkdtempSync(`${root}.tmp-`);
    for (const [n, b] of files) {
      const target = join(work, 'src', 'platform', 'windows', 'scripts', n);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, b);
    }
    try {
      renameSync(work, root);
    } catch {
      rmSync(work, { recursive: true, force: true }); // another process staged the same files first
    }
  }
  return join(scripts, name);
}

/** The folder holding the primitives and the NetTCPIP stand-in module (on PSModulePath). */
function simModules(): string {
  const modules = join(
    '/var/tmp/dbx4-winsim-ps',
    `modules-${sha256(Buffer.concat([readFileSync(join(here, 'sim-net.psm1')), readFileSync(join(here, 'windows-sim.ps1'))])).slice(0, 16)}`,
  );
  if (!existsSync(join(modules, 'ps', 'windows-sim.ps1'))) {
    mkdirSync(join(modules, 'DevboxSimNet'), { recursive: true });
    mkdirSync(join(modules, 'ps'), { recursive: true });
    copyFileSync(join(here, 'sim-net.psm1'), join(modules, 'DevboxSimNet', 'DevboxSimNet.psm1'));
    copyFileSync(join(here, 'windows-sim.ps1'), join(modules, 'ps', 'windows-sim.ps1'));
  }
  return modules;
}

const serviceOwners: Record<string, string> = {
  vmcompute: 'VirtualMachinePlatform',
  hns: 'VirtualMachinePlatform',
  LxssManager: 'Microsoft-Windows-Subsystem-Linux',
};
/** Scoop's variables, as devbox sets them on the processes it starts. */
const passedVariables = ['SCOOP', 'SCOOP_GLOBAL', 'SCOOP_CACHE', 'XDG_CONFIG_HOME'];

/** What the primitives see of the machine. */
function view(ctx: ToolContext, state: SimState): Record<string, unknown> {
  const features: Record<string, number> = {};
  // Assumption (see research notes): InstallState reports what was asked, 1 from the enable on.
  for (const [name, f] of Object.entries(state.features))
    features[name] =
      f.state === 'enable-pending' ? (state.windows.pendingInstallState ?? 1) : f.state === 'enabled' ? 1 : 2;
  const services = Object.entries(serviceOwners)
    .filter(([, owner]) => ['enabled', 'disable-pending'].includes(state.features[owner]?.state ?? ''))
    .map(([name]) => ({ Name: name, Status: 'Running' }));
  if (state.wsl.package) services.push({ Name: 'WSLService', Status: 'Running' });
  // The Store package's wsl.exe, with the version its resources would carry.
  const wslExe = ensureParent(ctx.dir, 'C:\\Program Files\\WSL\\wsl.exe');
  if (state.wsl.package && !existsSync(wslExe)) writeFileSync(wslExe, '');
  if (!state.wsl.package) rmSync(wslExe, { force: true });
  const tasks = Object.fromEntries(
    Object.entries(state.tasks).map(([id, t]) => {
      const { program, rest } = splitProgram(t.command);
      return [
        id,
        {
          Actions: [{ Type: 0, Path: program, Arguments: rest }],
          Triggers: [t.trigger === 'logon' ? 9 : 8],
          RunLevel: t.runLevel === 'highest' ? 1 : 0,
        },
      ];
    }),
  );
  const env: Record<string, string> = { ...state.env };
  for (const name of passedVariables) if (ctx.env[name]) env[name] = ctx.env[name]!;
  mkdirSync(join(ctx.dir, 'logs'), { recursive: true });
  return {
    driveRoot: join(ctx.dir, 'drive'),
    // Name/value pairs: Linux environments may hold names that differ only in case (https_proxy).
    env: Object.entries(env).map(([name, value]) => ({ name, value })),
    build: state.windows.build,
    elevated: ctx.elevated,
    registry: state.registry,
    features,
    services,
    processes: { [state.wsl.package ? 'vmmemwsl' : 'vmmem']: state.vm.running ? 1 : 0 },
    productVersions: state.wsl.package ? { [wslExe]: state.wsl.package.version } : {},
    tasks,
    uac: state.uac.policy,
    hostEnv: Object.entries(state.hostEnv).map(([name, value]) => ({ name, value })),
    elevatedLog: join(ctx.dir, 'logs', `elevated-${Date.now()}.log`),
  };
}

function applyEffects(ctx: ToolContext, file: string): void {
  const effects = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- state changes of many shapes, applied by kind
        .map((l) => JSON.parse(l) as Record<string, any>)
    : [];
  if (effects.length === 0) return;
  withState(ctx.dir, (s) => {
    for (const e of effects) {
      if (e.dnsFlush) flushDnsCache(s);
      if (e.uacPrompt) s.uac.prompts++;
      if (e.addAddress) {
        const adapter = s.adapters.find((a) => a.ifIndex === e.addAddress.ifIndex);
        if (adapter && !adapter.ipv4.some((a) => a.address === e.addAddress.address))
          adapter.ipv4.push({ address: e.addAddress.address, prefixLength: e.addAddress.prefixLength });
      }
    }
  });
}

/**
 * A file another program holds (machine.holdFile) while replace-file.ps1 runs: a real .NET process
 * opens it without sharing for the rest of the hold (at most the script's retry time and a
 * minute), which .NET on Linux enforces between .NET processes (flock), so the script's own file calls
 * fail with the sharing violation Windows gives and its retries run for real. Outside replace-file
 * runs nobody holds it: reads (the probe) work, as with a holder that shares reading.
 */
export function holdForReplace(
  ctx: ToolContext,
  pwsh: string,
  path: string,
  windowsPath: string,
  retryMs: number,
): void {
  const until = readState(ctx.dir).heldFiles[windowsPath.toLowerCase()] ?? 0;
  // Long enough to outlast pwsh's start (seconds on a busy machine) and the script's retries.
  const ms = Math.min(until - Date.now(), retryMs + 60_000);
  if (ms <= 0) return;
  const ready = join(ctx.dir, `held-${process.pid}-${Date.now()}`);
  const hold =
    '$s = [IO.File]::Open($env:HOLD_PATH, "Open", "ReadWrite", "None"); [IO.File]::WriteAllText($env:HOLD_READY, "1"); Start-Sleep -Milliseconds ([int]$env:HOLD_MS); $s.Dispose()';
  const child = spawn(pwsh, ['-NoProfile', '-NonInteractive', '-Command', hold], {
    env: {
      PATH: '/usr/bin:/bin',
      HOME: ctx.env.HOME ?? '/root',
      HOLD_PATH: path,
      HOLD_READY: ready,
      HOLD_MS: String(ms),
    },
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  const started = Date.now();
  while (!existsSync(ready)) {
    if (Date.now() - started > 120_000) throw new Error(`winsim: the holder of ${windowsPath} did not start`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  rmSync(ready, { force: true });
}

/** The pwsh the simulator runs (WINSIM_PWSH, set by the machine's shims). */
export function pwshPath(ctx: ToolContext): string | undefined {
  const path = ctx.env.WINSIM_PWSH;
  return path && existsSync(path) ? path : undefined;
}

/**
 * Runs a devbox script with real pwsh: stdin passed through, stdout and stderr written back as they
 * came (UTF-8, as the scripts set them), the exit code returned.
 */
export function runWithPwsh(ctx: ToolContext, name: ScriptName, file: string, input: Buffer, state: SimState): number {
  const pwsh = pwshPath(ctx);
  if (!pwsh) {
    ctx.out.err(
      "winsim: real PowerShell 7 (pwsh) is needed to run devbox's scripts: install it with `dotnet tool install --global PowerShell --version 7.6.9` (see .ci/run)\n",
    );
    return 1;
  }
  // The logon task runs its copy in place (fixed-ip.json is beside it); the others run staged.
  const script = name === 'fixed-ip-task.ps1' ? file : stage(name, file);
  if (typeof script !== 'string') {
    ctx.out.err(`${script.error}\n`);
    return 1;
  }
  const work = mkdtempSync(join(ctx.dir, 'pwsh-'));
  const modules = simModules();
  writeFileSync(join(work, 'view.json'), JSON.stringify(view(ctx, state)));
  const effects = join(work, 'effects.jsonl');
  const result = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script], {
    input,
    env: {
      PATH: ctx.env.PATH ?? '/usr/bin:/bin',
      HOME: ctx.env.HOME ?? '/root',
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      POWERSHELL_TELEMETRY_OPTOUT: '1',
      POWERSHELL_UPDATECHECK: 'Off',
      NO_COLOR: '1',
      TERM: 'dumb',
      PSModulePath: modules,
      WINSIM_DIR: ctx.dir,
      WINSIM_PS: join(modules, 'ps'),
      WINSIM_VIEW: join(work, 'view.json'),
      WINSIM_EFFECTS: effects,
      // pwsh on Linux takes CurrentUICulture from the locale: the simulated user's display language
      // (unset: pwsh's invariant culture, as before this was simulated, so no other script changes).
      ...(state.user.uiCulture ? { LC_ALL: `${state.user.uiCulture.replace('-', '_')}.UTF-8` } : {}),
    },
    maxBuffer: 256 * 1024 * 1024,
  });
  try {
    if (result.error) {
      ctx.out.err(`winsim: pwsh could not run: ${result.error.message}\n`);
      return 1;
    }
    applyEffects(ctx, effects);
    ctx.flush();
    if (result.stdout.length > 0) writeFileSync(1, result.stdout);
    if (result.stderr.length > 0) writeFileSync(2, result.stderr);
    return result.status ?? 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
