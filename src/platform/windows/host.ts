/**
 * The real host port: probes through one PowerShell process per batch (calls made in the same turn
 * of the event loop are merged, so every host `get` of a plan shares one process), Windows tools
 * run directly or, when they need administrator rights, in the elevated helper.
 */
import { ExitCode, PrerequisiteError, UserError } from '../../errors.js';
import type { ProcessRunner } from '../process.js';
import { SpawnError } from '../process.js';
import type { HostCommand, HostCommandResult, HostPort, HostReadOp, HostReadResult, OsFacts } from './ports.js';
import { windowsTools } from './ports.js';
import { runScript } from './powershell.js';

/** Runs commands that need administrator rights. */
export interface ElevatedRunner {
  run(command: HostCommand): Promise<HostCommandResult>;
}

/** Where backups of Windows files go (kept once per file). */
export const windowsBackupRoot = '%LOCALAPPDATA%\\devbox\\backups';

/** The environment a Windows tool runs with: wsl.exe always gets WSL_UTF8=1 (UTF-8 instead of UTF-16LE). */
export function toolEnv(command: HostCommand): Record<string, string> | undefined {
  return command.tool === 'wsl.exe' ? { WSL_UTF8: '1' } : undefined;
}

/** Runs a Windows tool with a process runner; a missing tool is a prerequisite error. */
export async function runTool(processes: ProcessRunner, command: HostCommand): Promise<HostCommandResult> {
  if (!(windowsTools as readonly string[]).includes(command.tool)) throw new Error(`not a Windows tool devbox runs: ${command.tool}`);
  const env = toolEnv(command);
  try {
    const result = await processes.run(command.tool, command.args, { ...(env ? { env } : {}), timeoutMs: command.timeoutMs ?? 10 * 60_000 });
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, timedOut: result.timedOut };
  } catch (error) {
    if (error instanceof SpawnError) {
      throw new PrerequisiteError(`${command.tool} is not available on this Windows: ${error.message}.`, {
        suggestions: command.tool === 'wsl.exe' ? ['Enable WSL first (devbox up does it with the wsl.features step), then restart Windows.'] : [],
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
  if (!Array.isArray(results) || results.length !== count) throw new Error(`the Windows probe answered ${Array.isArray(results) ? results.length : 'no'} results for ${count} questions`);
  return results.map((raw: RawResult): HostReadResult => {
    if (raw === null || typeof raw !== 'object') return { error: 'empty result' };
    if (typeof raw.error === 'string') return { error: raw.error };
    if (raw.file) return { file: { exists: raw.file.exists === true, ...(typeof raw.file.content === 'string' ? { content: Buffer.from(raw.file.content, 'base64') } : {}) } };
    return raw as HostReadResult;
  });
}

interface PendingProbe {
  ops: readonly HostReadOp[];
  resolve(results: HostReadResult[]): void;
  reject(error: unknown): void;
}

/** The host port on a Windows machine. */
export class WindowsHost implements HostPort {
  private pending: PendingProbe[] = [];
  private scheduled = false;
  private os: OsFacts | undefined;

  constructor(
    private readonly processes: ProcessRunner,
    private readonly elevated: () => ElevatedRunner,
  ) {}

  probe(ops: readonly HostReadOp[]): Promise<HostReadResult[]> {
    if (ops.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ ops, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const ops = batch.flatMap((p) => p.ops);
    try {
      const results = decodeProbeResults(await runScript(this.processes, 'probe', { ops }), ops.length);
      results.forEach((r, i) => {
        if (ops[i]!.op === 'os' && 'os' in r) this.os ??= r.os;
      });
      let offset = 0;
      for (const p of batch) {
        p.resolve(results.slice(offset, offset + p.ops.length));
        offset += p.ops.length;
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  /** Facts that cannot change during a run (build, elevation), read once. */
  async osFacts(): Promise<OsFacts> {
    if (!this.os) {
      const [result] = await this.probe([{ op: 'os' }]);
      if (!result || !('os' in result)) throw new Error(`cannot read Windows' version: ${result && 'error' in result ? result.error : 'no answer'}`);
      this.os = result.os;
    }
    return this.os;
  }

  exec(command: HostCommand): Promise<HostCommandResult> {
    return command.elevated ? this.elevated().run(command) : runTool(this.processes, command);
  }

  async writeFile(path: string, content: Uint8Array): Promise<void> {
    const answer = (await runScript(this.processes, 'write-file', { path, content: Buffer.from(content).toString('base64'), backupRoot: windowsBackupRoot })) as { ok?: boolean };
    if (answer?.ok !== true) throw new Error(`writing ${path} on Windows did not succeed`);
  }

  async download(url: string, path: string, sha256: string): Promise<void> {
    const answer = (await runScript(this.processes, 'download', { url, path, sha256 }, { timeoutMs: 60 * 60_000 })) as { ok?: boolean; reason?: string; actual?: string };
    if (answer?.ok === true) return;
    if (answer?.reason === 'sha256') {
      throw new UserError(`The download from ${url} has sha256 ${answer.actual}, not the ${sha256} the manifest pins; it was deleted.`, ExitCode.applyFailed, {
        code: 'download.sha256',
        suggestions: ['Check the URL and the sha256 in the manifest. A mirror that serves different bytes is not used.'],
      });
    }
    throw new Error(`downloading ${url} on Windows did not succeed`);
  }
}
