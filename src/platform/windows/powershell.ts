/**
 * devbox's PowerShell scripts: fixed .ps1 files shipped with devbox (assets.ts), run with
 * `-NoProfile -NonInteractive -ExecutionPolicy Bypass -File`, their parameters written to stdin as
 * JSON and their answer read from stdout as JSON. No value is ever part of a command line or of
 * script text. (-ExecutionPolicy Bypass applies to this one process; Windows clients default to
 * Restricted, which refuses every script file.)
 */
import { assetFile, readAsset, scriptAssetNames } from '../assets.js';
import { ExitCode, PrerequisiteError, UserError } from '../../errors.js';
import type { ProcessRunner } from '../process.js';
import { SpawnError } from '../process.js';
import { decodeWindowsText, textLines } from './text.js';
import { t } from '../../i18n/catalogue.js';

/** The scripts devbox runs. */
export const scriptNames = ['probe', 'write-file', 'replace-file', 'elevate', 'fixed-ip-task'] as const;
export type ScriptName = (typeof scriptNames)[number];

/**
 * The files the scripts dot-source, by path under src/ (shipped beside them, layout kept: probe.ps1
 * finds the Scoop area's part at ../../../resources/scoop from its own folder). windows.ps1 holds the
 * Windows primitives, the rest is logic. The one list of them is assets.ts's.
 */
export const scriptParts = scriptAssetNames.filter(
  (name): name is Exclude<(typeof scriptAssetNames)[number], `platform/windows/scripts/${ScriptName}.ps1`> =>
    !(scriptNames as readonly string[]).some((script) => name === `platform/windows/scripts/${script}.ps1`),
);

/** Absolute path of a file holding the script (in the executable's case, a verified copy: assets.ts). */
export function scriptPath(name: ScriptName): string {
  return assetFile(`platform/windows/scripts/${name}.ps1`);
}

/** Absolute path of a part (one of scriptParts). */
export function scriptPart(part: (typeof scriptParts)[number]): string {
  return assetFile(part);
}

/** A packaged script's bytes (the logon task's script is copied to the user's devbox folder). */
export function scriptContent(name: ScriptName): Buffer {
  return readAsset(`platform/windows/scripts/${name}.ps1`);
}

/** The argv that runs a script file (and nothing else) with PowerShell. */
export function powershellArgs(file: string, extra: readonly string[] = []): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', ...extra, '-File', file];
}

/** A script failed or answered something that is not its JSON. */
export class ScriptError extends UserError {
  constructor(name: string, detail: string) {
    super(t('windows.scriptFailed', { name, detail }), ExitCode.applyFailed, {
      code: 'powershell.failed',
    });
  }
}

/** Runs a script with JSON parameters and returns its parsed JSON answer. */
export async function runScript(
  processes: ProcessRunner,
  name: ScriptName,
  params: unknown,
  options: { timeoutMs?: number } = {},
): Promise<unknown> {
  let result;
  try {
    result = await processes.run('powershell.exe', powershellArgs(scriptPath(name)), {
      input: JSON.stringify(params),
      timeoutMs: options.timeoutMs ?? 10 * 60_000,
    });
  } catch (error) {
    if (error instanceof SpawnError)
      throw new PrerequisiteError(t('windows.powershellMissing', { error: error.message }));
    throw error;
  }
  const stdout = decodeWindowsText(result.stdout).trim();
  const stderr = textLines(decodeWindowsText(result.stderr)).slice(-10).join('\n');
  if (result.timedOut) throw new ScriptError(name, 'timed out');
  if (result.exitCode !== 0) throw new ScriptError(name, `exit code ${result.exitCode}${stderr ? `\n${stderr}` : ''}`);
  try {
    return JSON.parse(stdout) as unknown;
  } catch {
    throw new ScriptError(name, `its answer is not JSON: ${stdout.slice(0, 200)}${stderr ? `\n${stderr}` : ''}`);
  }
}
