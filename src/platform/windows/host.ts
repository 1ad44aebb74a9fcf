/**
 * The real host port: probes through one PowerShell process per batch (calls made in the same turn
 * of the event loop are merged, so every host `get` of a plan shares one process), Windows tools
 * run directly or, when they need administrator rights, in the elevated helper.
 */
import { ExitCode, PrerequisiteError, UserError } from '../../errors.js';
import type { ProcessRunner } from '../process.js';
import { SpawnError } from '../process.js';
import { coalesce } from '../coalesce.js';
import type {
  HostCommand,
  HostCommandResult,
  HostPort,
  HostReadOp,
  HostReadResult,
  OsFacts,
  ReplaceFileRequest,
  ReplaceFileResult,
} from '../../engine/ports/host.js';
import { windowsTools } from '../../engine/ports/host.js';
import { runScript, type ScriptName } from './powershell.js';
import { refusePowerShellCommand } from './powershell-guard.js';
import { t } from '../../i18n/catalogue.js';

/** devbox's scripts that may run as administrator (through the elevated helper). */
export const elevatedScripts: readonly ScriptName[] = ['replace-file'];

/** Runs commands that need administrator rights. */
export interface ElevatedRunner {
  run(command: HostCommand): Promise<HostCommandResult>;
  /** Runs one of devbox's elevatedScripts with JSON parameters; resolves to its JSON answer. */
  runScript(name: ScriptName, params: unknown): Promise<unknown>;
}

/** Where backups of Windows files go (kept once per file). */
export const windowsBackupRoot = '%LOCALAPPDATA%\\devbox\\backups';

/** The environment a Windows tool runs with: wsl.exe always gets WSL_UTF8=1 (UTF-8 instead of UTF-16LE). */
export function toolEnv(command: HostCommand): Record<string, string> | undefined {
  const extra = command.env && Object.keys(command.env).length > 0 ? { ...command.env } : undefined;
  return command.tool === 'wsl.exe' ? { ...extra, WSL_UTF8: '1' } : extra;
}

/** Why devbox would not run this command at all (undefined when it would). */
export function refuseCommand(command: HostCommand): string | undefined {
  if (!(windowsTools as readonly string[]).includes(command.tool))
    return `not a Windows tool devbox runs: ${command.tool}`;
  if (command.tool === 'powershell.exe') return refusePowerShellCommand(command);
  if (command.env && Object.keys(command.env).length > 0) return `${command.tool} is not given environment variables`;
  return undefined;
}

/** Runs a Windows tool with a process runner; a missing tool is a prerequisite error. */
export async function runTool(processes: ProcessRunner, command: HostCommand): Promise<HostCommandResult> {
  const refused = refuseCommand(command);
  if (refused) throw new Error(refused);
  const env = toolEnv(command);
  try {
    const result = await processes.run(command.tool, command.args, {
      ...(env ? { env } : {}),
      timeoutMs: command.timeoutMs ?? 10 * 60_000,
    });
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, timedOut: result.timedOut };
  } catch (error) {
    if (error instanceof SpawnError) {
      throw new PrerequisiteError(t('windows.toolMissing', { tool: command.tool, error: error.message }), {
        suggestions: command.tool === 'wsl.exe' ? [t('windows.enableWslFirst')] : [],
      });
    }
    throw error;
  }
}

interface RawResult {
  error?: string;
  file?: { exists: boolean; content?: string };
  [key: string]: unknown;
}

/** Turns the probe script's JSON into typed results (file bytes arrive as base64). */
export function decodeProbeResults(answer: unknown, count: number): HostReadResult[] {
  const results = (answer as { results?: unknown })?.results;
  if (!Array.isArray(results) || results.length !== count)
    throw new Error(
      `the Windows probe answered ${Array.isArray(results) ? results.length : 'no'} results for ${count} questions`,
    );
  return results.map((raw: RawResult): HostReadResult => {
    if (raw === null || typeof raw !== 'object') return { error: 'empty result' };
    if (typeof raw.error === 'string') return { error: raw.error };
    if (raw.file)
      return {
        file: {
          exists: raw.file.exists === true,
          ...(typeof raw.file.content === 'string' ? { content: Buffer.from(raw.file.content, 'base64') } : {}),
        },
      };
    return raw as HostReadResult;
  });
}

/** The host port on a Windows machine. */
export class WindowsHost implements HostPort {
  private os: OsFacts | undefined;
  /** Every probe of one turn of the event loop is one PowerShell process. */
  readonly probe: (ops: readonly HostReadOp[]) => Promise<HostReadResult[]>;

  constructor(
    private readonly processes: ProcessRunner,
    private readonly elevated: () => ElevatedRunner,
  ) {
    this.probe = coalesce(async (ops) => {
      const results = decodeProbeResults(await runScript(this.processes, 'probe', { ops }), ops.length);
      results.forEach((r, i) => {
        if (ops[i]!.op === 'os' && 'os' in r) this.os ??= r.os;
      });
      return results;
    });
  }

  /** Facts that cannot change during a run (build, elevation), read once. */
  async osFacts(): Promise<OsFacts> {
    if (!this.os) {
      const [result] = await this.probe([{ op: 'os' }]);
      if (!result || !('os' in result))
        throw new Error(
          t('probe.windowsVersion', { error: result && 'error' in result ? result.error : t('probe.noAnswer') }),
        );
      this.os = result.os;
    }
    return this.os;
  }

  exec(command: HostCommand): Promise<HostCommandResult> {
    return command.elevated ? this.elevated().run(command) : runTool(this.processes, command);
  }

  async writeFile(path: string, content: Uint8Array): Promise<void> {
    const answer = (await runScript(this.processes, 'write-file', {
      path,
      content: Buffer.from(content).toString('base64'),
      backupRoot: windowsBackupRoot,
    })) as { ok?: boolean };
    if (answer?.ok !== true) throw new Error(`writing ${path} on Windows did not succeed`);
  }

  async replaceFile(request: ReplaceFileRequest): Promise<ReplaceFileResult> {
    const params = replaceFileParams(request);
    const answer = request.elevated
      ? await this.elevated().runScript('replace-file', params)
      : await runScript(this.processes, 'replace-file', params);
    return decodeReplaceFileAnswer(answer, request.path);
  }
}

/** The replace-file.ps1 parameters of a request. */
export function replaceFileParams(request: ReplaceFileRequest): Record<string, unknown> {
  return {
    path: request.path,
    content: Buffer.from(request.content).toString('base64'),
    expectedSha256: request.expectedSha256,
    backupRoot: windowsBackupRoot,
    flushDns: request.flushDns === true,
    retryMs: request.retryMs ?? 10_000,
  };
}

/** Checks replace-file.ps1's answer. */
export function decodeReplaceFileAnswer(answer: unknown, path: string): ReplaceFileResult {
  const a = answer as {
    ok?: unknown;
    reason?: unknown;
    backup?: unknown;
    dnsFlushed?: unknown;
    actualSha256?: unknown;
    message?: unknown;
  };
  if (a?.ok === true)
    return { ok: true, backup: typeof a.backup === 'string' ? a.backup : null, dnsFlushed: a.dnsFlushed === true };
  if (a?.ok === false && a.reason === 'changed')
    return { ok: false, reason: 'changed', actualSha256: typeof a.actualSha256 === 'string' ? a.actualSha256 : null };
  if (a?.ok === false && a.reason === 'busy')
    return { ok: false, reason: 'busy', message: typeof a.message === 'string' ? a.message : 'the file is in use' };
  throw new UserError(
    `Replacing ${path} on Windows gave an unexpected answer: ${JSON.stringify(answer).slice(0, 200)}`,
    ExitCode.applyFailed,
    { code: 'powershell.failed' },
  );
}
