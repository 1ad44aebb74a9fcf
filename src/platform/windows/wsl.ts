/**
 * wsl.exe: its management commands and the parsing of what it prints, by structure only. The host
 * port starts it with WSL_UTF8=1; output is still decoded by detection, because inbox and old builds
 * ignore that variable. wsl.exe exits -1 (4294967295 as a DWORD) for its own failures and prints its
 * errors on stdout, ending with a locale-independent `Error code: Wsl/…` line.
 */
import { t } from '../../i18n/catalogue.js';
import { ExitCode, UserError } from '../../errors.js';
import type { HostCommandResult, HostPort } from '../../engine/ports/host.js';
import { decodeWindowsText, textLines } from './text.js';

/** wsl.exe's own failure: -1 as seen through a 32-bit unsigned exit code. */
export const wslFailureExitCode = 4294967295;

/** What one wsl.exe run said. */
export interface WslOutcome {
  exitCode: number | null;
  /** wsl.exe itself failed, as opposed to a Linux command exiting non-zero. */
  wslFailed: boolean;
  lines: string[];
  stderrLines: string[];
  /** The `Error code:` symbol, e.g. Wsl/Service/WSL_E_DISTRO_NOT_FOUND (not localized). */
  errorCode?: string;
}

/** Decodes and classifies a wsl.exe result. */
export function interpretWsl(result: HostCommandResult): WslOutcome {
  const lines = textLines(decodeWindowsText(result.stdout));
  const stderrLines = textLines(decodeWindowsText(result.stderr));
  // "Error code:" is localized on some systems, the symbol after it never is.
  const errorCode = [...lines, ...stderrLines]
    .map((l) => /(Wsl\/[\w/.-]+|0x[0-9a-fA-F]{8})\s*$/.exec(l)?.[1])
    .find((c) => c !== undefined);
  return {
    exitCode: result.exitCode,
    wslFailed: result.exitCode === wslFailureExitCode || result.exitCode === -1,
    lines,
    stderrLines,
    ...(errorCode ? { errorCode } : {}),
  };
}

/** A wsl.exe command that failed; carries wsl.exe's own words and its error code. */
export class WslCommandError extends UserError {
  constructor(
    readonly args: readonly string[],
    readonly outcome: WslOutcome,
    meaning: string,
  ) {
    const said = [...outcome.lines, ...outcome.stderrLines]
      .filter((l) => l.trim() !== '')
      .slice(-12)
      .join('\n');
    const exit = outcome.wslFailed ? t('tool.wslFailed') : t('tool.wslExitCode', { code: outcome.exitCode });
    super(
      `${meaning}: wsl.exe ${args.join(' ')} (${exit}${outcome.errorCode ? `, ${outcome.errorCode}` : ''})${said ? `\n${said}` : ''}`,
      ExitCode.applyFailed,
      {
        code: 'wsl.failed',
      },
    );
  }
}

/** Runs wsl.exe and classifies the result. */
export async function runWsl(
  host: HostPort,
  args: readonly string[],
  options: { readOnly?: boolean; elevated?: boolean; timeoutMs?: number } = {},
): Promise<WslOutcome> {
  return interpretWsl(await host.exec({ tool: 'wsl.exe', args, ...options }));
}

async function expectSuccess(
  host: HostPort,
  args: readonly string[],
  meaning: string,
  options: { elevated?: boolean; readOnly?: boolean; timeoutMs?: number } = {},
): Promise<WslOutcome> {
  const outcome = await runWsl(host, args, options);
  if (outcome.exitCode !== 0) throw new WslCommandError(args, outcome, meaning);
  return outcome;
}

/** `wsl -l -q` output: one name per line, the default distribution first; nothing when none is registered. */
export function parseListQuiet(lines: readonly string[]): string[] {
  return lines.map((l) => l.trim()).filter((l) => l !== '');
}

/** One row of `wsl -l -v`. */
export interface WslListRow {
  name: string;
  /** Hard-coded English in wsl.exe: Running, Stopped, Installing, Uninstalling, Converting, Exporting. */
  state: string;
  version: number;
  isDefault: boolean;
}

/**
 * Parses `wsl -l -v`: a header (`NAME STATE VERSION`, English on every locale), then rows whose
 * first column is `*` for the default distribution. Names cannot contain spaces.
 */
export function parseListVerbose(lines: readonly string[]): WslListRow[] {
  const headerIndex = lines.findIndex((l) => /^\s*\*?\s*NAME\s+STATE\s+VERSION\s*$/.test(l));
  if (headerIndex === -1)
    throw new Error(
      `unexpected \`wsl --list --verbose\` output (no NAME STATE VERSION header): ${lines.slice(0, 3).join(' | ')}`,
    );
  const rows: WslListRow[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (line.trim() === '') continue;
    const m = /^([* ]) (\S+)\s+(\S+)\s+(\d+)\s*$/.exec(line);
    if (!m) throw new Error(`unexpected \`wsl --list --verbose\` row: ${JSON.stringify(line)}`);
    rows.push({ isDefault: m[1] === '*', name: m[2]!, state: m[3]!, version: Number(m[4]) });
  }
  return rows;
}

/** Versions from `wsl --version`: seven localized `label: value` lines in a fixed order. */
export interface WslVersions {
  wsl: string;
  kernel?: string;
}

/** Reads `wsl --version` by line position and version pattern, never by label. */
export function parseWslVersion(lines: readonly string[]): WslVersions | undefined {
  const versionOf = (line: string | undefined) =>
    line ? /(\d+(?:\.\d+){1,3}(?:[-.][\w.-]+)?)\s*$/.exec(line)?.[1] : undefined;
  const content = lines.filter((l) => l.trim() !== '');
  const wsl = versionOf(content[0]);
  if (!wsl) return undefined;
  const kernel = versionOf(content[1]);
  return { wsl, ...(kernel ? { kernel } : {}) };
}

/** The installed WSL package's versions, or undefined for an inbox wsl.exe that has no `--version`. */
export async function wslVersion(host: HostPort): Promise<WslVersions | undefined> {
  const outcome = await runWsl(host, ['--version'], { readOnly: true });
  return outcome.exitCode === 0 ? parseWslVersion(outcome.lines) : undefined;
}

/** Names of the running distributions (`--running --quiet` exits 0 even when none runs). */
export async function runningDistros(host: HostPort): Promise<string[]> {
  const outcome = await runWsl(host, ['--list', '--running', '--quiet'], { readOnly: true });
  if (outcome.exitCode !== 0)
    throw new WslCommandError(['--list', '--running', '--quiet'], outcome, t('tool.wslListRunning'));
  return parseListQuiet(outcome.lines);
}

/** All distributions with their state and version. */
export async function listVerbose(host: HostPort): Promise<WslListRow[]> {
  const outcome = await runWsl(host, ['--list', '--verbose'], { readOnly: true });
  // No distribution at all is an error exit with a message but no "Error code" line.
  if (outcome.wslFailed && outcome.errorCode === undefined && !outcome.lines.some((l) => /NAME\s+STATE/.test(l)))
    return [];
  if (outcome.exitCode !== 0) throw new WslCommandError(['--list', '--verbose'], outcome, t('tool.wslList'));
  return parseListVerbose(outcome.lines);
}

/** Stops every distribution and the WSL 2 VM. */
export async function shutdownWsl(host: HostPort): Promise<void> {
  await expectSuccess(host, ['--shutdown'], t('tool.wslStop'));
}

export async function setDefaultVersion(host: HostPort, version: 1 | 2): Promise<void> {
  await expectSuccess(host, ['--set-default-version', String(version)], t('tool.wslDefaultVersion', { version }));
}

/** Converts a registered distribution to another WSL version. */
export async function setDistroVersion(host: HostPort, name: string, version: 1 | 2): Promise<void> {
  await expectSuccess(host, ['--set-version', name, String(version)], t('tool.wslConvert', { name, version }), {
    timeoutMs: 60 * 60_000,
  });
}

/**
 * Installs a distribution from the online catalogue without launching it, so the first-run prompt
 * (user creation) never appears. Exit 0 does not prove it is installed: when Windows needs a restart
 * wsl.exe says so, exits 0 and installs nothing — callers check the registration afterwards.
 */
export async function installDistro(
  host: HostPort,
  name: string,
  options: { webDownload: boolean },
): Promise<WslOutcome> {
  const args = ['--install', name, '--no-launch', ...(options.webDownload ? ['--web-download'] : [])];
  return expectSuccess(host, args, t('tool.wslInstall', { name }), { timeoutMs: 60 * 60_000 });
}

/** Registers a distribution from a tar or .wsl file; imported distributions have no first-run prompt. */
export async function importDistro(
  host: HostPort,
  name: string,
  installDir: string,
  file: string,
  version: 1 | 2,
): Promise<void> {
  await expectSuccess(
    host,
    ['--import', name, installDir, file, '--version', String(version)],
    t('tool.wslImport', { name, file }),
    { timeoutMs: 60 * 60_000 },
  );
}

/** Installs or updates the WSL package (it downloads from GitHub's releases). Runs elevated: it installs an MSI. */
export async function updateWsl(host: HostPort, options: { preRelease: boolean }): Promise<void> {
  await expectSuccess(host, ['--update', ...(options.preRelease ? ['--pre-release'] : [])], t('tool.wslUpdate'), {
    elevated: true,
    timeoutMs: 30 * 60_000,
  });
}

/** Starts a distribution (and so the WSL 2 VM and its network adapter) by running /bin/true as root. */
export async function startDistro(host: HostPort, name: string): Promise<void> {
  await expectSuccess(
    host,
    ['-d', name, '-u', 'root', '--cd', '/', '--exec', '/bin/true'],
    t('tool.wslStart', { name }),
    {
      timeoutMs: 5 * 60_000,
    },
  );
}

/** Compares dotted versions numerically: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
