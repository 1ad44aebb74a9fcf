/**
 * Running Scoop commands for resources and checking what they did. Scoop's exit codes are
 * unreliable (Scoop#3936: `scoop install` ends with exit 0 after several kinds of failure), so a
 * command's result is only ever judged by the files it should have left: every caller re-reads
 * Scoop from disk afterwards. The output is kept for the error message.
 */
import { ExitCode, PrerequisiteError, UserError } from '../../errors.js';
import { guardedReplace, type GuardedAttempt } from '../guarded-replace.js';
import type { HostCommandResult, HostPort, OsFacts } from '../../engine/ports/host.js';
import type { ScoopProbe } from './probe.js';
import { scoopCommand } from './commands.js';
import { decodeWindowsText, textLines } from '../../platform/windows/text.js';
import { editScoopConfig, type ScoopConfigValue } from './config-file.js';
import { effectiveConfig, probeScoop, type ScoopConfigFile, type ScoopLayout } from './facts.js';
import { t } from '../../i18n/catalogue.js';

/** The last lines Scoop printed (its errors go to stdout too, as Write-Host). */
export function scoopOutput(result: HostCommandResult, lines = 12): string {
  const all = [...textLines(decodeWindowsText(result.stdout)), ...textLines(decodeWindowsText(result.stderr))].filter(
    (l) => l.trim() !== '',
  );
  return all.slice(-lines).join('\n');
}

/** Runs `scoop <params>` (as administrator with `global`). */
export async function runScoop(
  host: HostPort,
  layout: ScoopLayout,
  params: readonly string[],
  options: { global?: boolean } = {},
): Promise<HostCommandResult> {
  return host.exec(scoopCommand(layout, params, options));
}

/** A Scoop command that did not leave what it should have. */
export function scoopFailed(
  what: string,
  params: readonly string[],
  result: HostCommandResult,
  suggestions: string[] = [],
): UserError {
  const output = scoopOutput(result);
  return new UserError(
    t('scoop.failed', {
      what,
      command: params.join(' '),
      code: String(result.exitCode ?? t('scoop.none')),
      timedOut: Boolean(result.timedOut),
      output: output ?? '',
    }),
    ExitCode.applyFailed,
    {
      code: 'scoop.failed',
      suggestions,
    },
  );
}

/** Scoop must not run as administrator: refuses when devbox itself is elevated. */
export function refuseElevated(os: OsFacts, what: string): void {
  if (os.elevated) {
    throw new PrerequisiteError(t('scoop.elevated', { what }), {
      code: 'scoop.elevated',
      suggestions: [t('scoop.elevatedFix')],
    });
  }
}

/**
 * Sets and removes keys of the config.json Scoop uses, guarded against other writers: the file is
 * replaced only if it still holds what devbox read, else read again (a few times).
 */
export async function updateScoopConfig(
  host: HostPort,
  layout: ScoopLayout,
  change: (
    config: ScoopConfigFile,
    probe: ScoopProbe,
  ) => { set: Record<string, ScoopConfigValue>; remove?: string[] } | undefined,
): Promise<ScoopConfigFile | undefined> {
  let path = "Scoop's config.json";
  const attempt = async (): Promise<GuardedAttempt<ScoopConfigFile | undefined>> => {
    const probe = await probeScoop(host, layout);
    const config = effectiveConfig(probe, layout.root);
    path = config.path;
    if (config.bytes && !config.values) {
      throw new UserError(
        t('scoop.configInvalid', { file: config.path, error: String(config.error) }),
        ExitCode.applyFailed,
        { code: 'scoop.config-invalid', suggestions: [t('scoop.configInvalidFix', { file: config.path })] },
      );
    }
    const wanted = change(config, probe);
    if (!wanted) return { done: undefined };
    const content = editScoopConfig(config.bytes, config.values, wanted.set, wanted.remove);
    if (config.bytes && content.equals(config.bytes)) return { done: config };
    return { replace: { path: config.path, content, expectedSha256: config.sha256 }, written: () => config };
  };
  return guardedReplace(host, attempt, {
    busy: (message) =>
      new UserError(t('scoop.configBusy', { file: path, error: message }), ExitCode.applyFailed, {
        code: 'scoop.config-busy',
      }),
    race: () =>
      new UserError(t('scoop.configRace'), ExitCode.applyFailed, {
        code: 'scoop.config-race',
      }),
  });
}
