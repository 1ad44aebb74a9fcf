/**
 * The one place devbox starts external programs. Always argv arrays, never a shell string. Counts
 * the processes it starts, because process starts are a budget on Windows (see DESIGN.md).
 */

/** The outcome of one process run; a non-zero exit is data, not an exception. */
export interface ProcessResult {
  exitCode: number | null;
  /** Set when the process was killed by a signal or timed out. */
  signal?: string;
  timedOut: boolean;
  stdout: Buffer;
  stderr: Buffer;
}

export interface RunOptions {
  input?: Uint8Array | string;
  env?: Record<string, string | undefined>;
  /** Replace the environment instead of extending process.env. */
  extendEnv?: boolean;
  cwd?: string;
  timeoutMs?: number;
}

/** Starts programs. The real one uses execa; tests may substitute a scripted fake. */
export interface ProcessRunner {
  run(file: string, args: readonly string[], options?: RunOptions): Promise<ProcessResult>;
  /** Processes started so far, by executable name. */
  readonly started: ReadonlyMap<string, number>;
}

/** Raised when the program itself could not be started (not found, not executable). */
export class SpawnError extends Error {
  constructor(
    readonly file: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'SpawnError';
  }
}

/** The real process runner. */
export class ExecaRunner implements ProcessRunner {
  readonly started = new Map<string, number>();

  async run(file: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessResult> {
    const name = file.split(/[\\/]/).pop() ?? file;
    this.started.set(name, (this.started.get(name) ?? 0) + 1);
    // Loaded on first use: commands that start no process (validate, help) should not pay for it.
    const { execa } = await import('execa');
    const result = await execa(file, [...args], {
      reject: false,
      encoding: 'buffer',
      stripFinalNewline: false,
      windowsHide: true,
      extendEnv: options.extendEnv ?? true,
      ...(options.env ? { env: options.env } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      ...(options.input !== undefined ? { input: typeof options.input === 'string' ? options.input : Buffer.from(options.input) } : { stdin: 'ignore' }),
    });
    const spawnCode = (result.cause as NodeJS.ErrnoException | undefined)?.code;
    if (result.failed && result.exitCode === undefined && !result.signal && !result.timedOut) {
      throw new SpawnError(file, spawnCode, spawnCode === 'ENOENT' ? `${file} was not found on PATH` : `${file} could not be started: ${result.shortMessage}`);
    }
    return {
      exitCode: result.exitCode ?? null,
      ...(result.signal ? { signal: result.signal } : {}),
      timedOut: result.timedOut,
      stdout: Buffer.from(result.stdout as Uint8Array),
      stderr: Buffer.from(result.stderr as Uint8Array),
    };
  }
}
