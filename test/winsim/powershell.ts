/**
 * Simulated powershell.exe. It runs nothing but what it recognises: devbox's own scripts, by
 * content hash (test/winsim/scripts.ts pins them), which it hands to real PowerShell 7 over the
 * simulated machine's primitives (test/winsim/pwsh-run.ts, windows-sim.ps1); and Scoop's scripts
 * (the installer by its hash, scoop.ps1 by its content), which test/winsim/scoop.ts emulates. Each
 * must be started exactly as devbox must start it (-NoProfile -NonInteractive -ExecutionPolicy
 * Bypass -File <script> [parameters]). What stays emulated here is what pwsh on Linux cannot do:
 * Windows' ACL on protected folders, another program writing a file between devbox's read and its
 * write, and when a held file is held (during replace-file runs, by a real .NET holder).
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { ToolContext } from './context.js';
import { expandEnv, hostPath, toolPath } from './drive.js';
import { holdForReplace, pwshPath, runWithPwsh } from './pwsh-run.js';
import { scoopCommand, scoopInstaller, scoopScriptKind } from './scoop.js';
import { pinnedScripts, type ScriptName } from './scripts.js';
import { readState, withState } from './state.js';

const allowedPrefixes = [
  ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File'],
  ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-WindowStyle', 'Hidden', '-File'],
];

type Identified =
  | { name: ScriptName; file: string }
  | { scoop: 'installer' | 'shim' | 'core'; file: string; windowsFile: string; params: string[] };

function identify(ctx: ToolContext): Identified | { error: string } {
  const args = ctx.args;
  const prefix = allowedPrefixes.find((p) => args.length > p.length && p.every((a, i) => args[i] === a));
  if (!prefix)
    return {
      error: `winsim: powershell.exe must be started as -NoProfile -NonInteractive -ExecutionPolicy Bypass -File <script>; got ${JSON.stringify(args)}`,
    };
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
    if (params.length > 0)
      return { error: `winsim: devbox's ${name} takes its parameters as JSON on stdin, not ${JSON.stringify(params)}` };
    return { name, file };
  }
  const scoop = scoopScriptKind(content);
  if (scoop) return { scoop, file, windowsFile: given, params };
  return {
    error: `winsim: ${given} (sha256 ${hash}) is not one of devbox's scripts, nor Scoop's. If you changed a .ps1, update its hash in test/winsim/scripts.ts.`,
  };
}

function fail(ctx: ToolContext, message: string): number {
  ctx.out.err(`${message}\n`);
  return 1;
}

function readStdin(): Buffer {
  try {
    return readFileSync(0);
  } catch {
    return Buffer.alloc(0);
  }
}

/** Windows' protected folders: writing there needs an administrator token (an ACL pwsh on Linux, as root, does not have). */
function protectedPath(windowsPath: string): boolean {
  return /^c:\\(windows|program files|programdata\\microsoft)\\/i.test(windowsPath);
}

/**
 * What Windows, not the script, decides before replace-file.ps1 runs: the file's ACL, another
 * program that wrote the file since devbox read it (the test's concurrent writer), another holding it.
 */
function beforeReplace(ctx: ToolContext, input: Buffer): string | undefined {
  const request = JSON.parse(input.toString('utf8')) as { path: string; retryMs?: number };
  const state = readState(ctx.dir);
  const windowsPath = expandEnv(request.path, state.env);
  if (protectedPath(windowsPath) && !ctx.elevated)
    return `Exception calling "ReadAllBytes" with "1" argument(s): "Access to the path '${windowsPath}' is denied."`;
  const path = hostPath(ctx.dir, windowsPath);
  if (!path) return undefined;
  const key = windowsPath.toLowerCase();
  withState(ctx.dir, (s) => {
    const index = s.pendingWrites.findIndex((w) => w.path.toLowerCase() === key);
    if (index < 0) return;
    const [write] = s.pendingWrites.splice(index, 1);
    const mode = existsSync(path) ? statSync(path).mode : 0o644;
    if (existsSync(path)) chmodSync(path, 0o644);
    writeFileSync(
      path,
      Buffer.concat([existsSync(path) ? readFileSync(path) : Buffer.alloc(0), Buffer.from(write!.append, 'latin1')]),
    );
    chmodSync(path, mode);
  });
  const pwsh = pwshPath(ctx);
  if (pwsh && existsSync(path)) holdForReplace(ctx, pwsh, path, windowsPath, request.retryMs ?? 10_000);
  return undefined;
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
  const input = readStdin();
  if (script.name === 'replace-file.ps1') {
    const refused = beforeReplace(ctx, input);
    if (refused) return fail(ctx, refused);
  }
  return runWithPwsh(ctx, script.name, script.file, input, readState(ctx.dir));
}
