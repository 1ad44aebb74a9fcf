/** Process helpers for the cluster rig: argv arrays only, output as text, failures with the command's stderr. */
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
  cwd?: string;
}

/** Runs argv, returns stdout; throws an Error naming the command, its exit status and stderr. */
export function run(argv: readonly string[], options: RunOptions = {}): string {
  const opts: ExecFileSyncOptions = {
    env: options.env ?? process.env,
    input: options.input,
    timeout: options.timeoutMs ?? 10 * 60_000,
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  };
  try {
    return execFileSync(argv[0]!, argv.slice(1), opts).toString();
  } catch (error) {
    const e = error as {
      status?: number | null;
      signal?: string | null;
      code?: string;
      stderr?: Buffer;
      stdout?: Buffer;
    };
    const stderr = e.stderr?.toString().trim() ?? '';
    throw new Error(
      `${argv.join(' ')} failed (${e.code ?? e.signal ?? `exit ${e.status}`}): ${stderr.slice(-4000) || e.stdout?.toString().slice(-2000) || (error as Error).message}`,
    );
  }
}

/** Like run, but returns the exit status and both streams instead of throwing. */
export function tryRun(
  argv: readonly string[],
  options: RunOptions = {},
): { status: number; stdout: string; stderr: string } {
  try {
    return { status: 0, stdout: run(argv, options), stderr: '' };
  } catch (error) {
    return { status: 1, stdout: '', stderr: (error as Error).message };
  }
}
