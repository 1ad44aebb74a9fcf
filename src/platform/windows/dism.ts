/**
 * dism.exe for Windows optional features. Always `/English`, so the one line we read
 * (`State : …`) does not depend on the display language; decisions come from exit codes:
 * 0 done, 3010 done but Windows must restart, 740 not elevated.
 */
import { ExternalCommandError, PrerequisiteError } from '../../errors.js';
import type { HostPort } from '../../engine/ports/host.js';
import { decodeWindowsText, textLines } from './text.js';
import { t } from '../../i18n/catalogue.js';

export const dismExit = { ok: 0, rebootRequired: 3010, notElevated: 740 } as const;

/** What enabling a feature did. */
export interface EnableOutcome {
  rebootRequired: boolean;
}

/** Feature names are fixed identifiers; anything else is refused before a command line exists. */
function checkFeatureName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(name))
    throw new Error(`invalid optional feature name ${JSON.stringify(name)}`);
}

/** The argv of `dism /Enable-Feature` for one feature, with its parent features (/All), never restarting. */
export function enableFeatureArgs(name: string): string[] {
  checkFeatureName(name);
  return ['/Online', '/NoRestart', '/English', '/Enable-Feature', `/FeatureName:${name}`, '/All'];
}

/** Enables a feature in the elevated context. */
export async function enableFeature(host: HostPort, name: string): Promise<EnableOutcome> {
  const args = enableFeatureArgs(name);
  const result = await host.exec({ tool: 'dism.exe', args, elevated: true, timeoutMs: 30 * 60_000 });
  return interpretEnable(args, result.exitCode, decodeWindowsText(result.stdout) + decodeWindowsText(result.stderr));
}

/** Maps dism's exit code to an outcome or an error the user can act on. */
export function interpretEnable(args: readonly string[], exitCode: number | null, output: string): EnableOutcome {
  if (exitCode === dismExit.ok) return { rebootRequired: false };
  if (exitCode === dismExit.rebootRequired) return { rebootRequired: true };
  if (exitCode === dismExit.notElevated) {
    throw new PrerequisiteError(t('windows.dismNotElevated'), { suggestions: [t('windows.dismNotElevatedFix')] });
  }
  throw new ExternalCommandError(['dism.exe', ...args], exitCode, output, t('tool.dismFeature'));
}

/** The `State :` of `dism /English /Get-FeatureInfo` (Enabled, Disabled, Enable Pending, …), or undefined. */
export function parseFeatureState(output: string): string | undefined {
  for (const line of textLines(output)) {
    const m = /^State : (.+?)\s*$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Reads a feature's state the way DISM sees it. Every dism /Online query needs elevation, so this
 * runs in the elevated context and only during apply (not marked read-only: a dry run records it).
 */
export async function featureInfoState(host: HostPort, name: string): Promise<string | undefined> {
  checkFeatureName(name);
  const args = ['/Online', '/English', '/Get-FeatureInfo', `/FeatureName:${name}`];
  const result = await host.exec({ tool: 'dism.exe', args, elevated: true });
  if (result.exitCode !== 0) return undefined;
  return parseFeatureState(decodeWindowsText(result.stdout));
}
