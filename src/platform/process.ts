/**
 * The one place devbox starts external programs. Always argv arrays, never a shell string. Counts
 * the processes it starts, because process starts are a budget on Windows (see DESIGN.md).
 */
import { spawn } from 'node:child_process';
import { t } from '../i18n/catalogue.js';

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
  /** Hears stderr as it arrives (progress reports); the whole of it is still in the result. */
  onStderr?(chunk: Buffer): void;
}

/** Starts programs. The real one is node:child_process; tests may substitute a scripted fake. */
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

/**
 * The real process runner: node:child_process with argv arrays, no shell, output as Buffers (not
 * execa, whose import alone cost about 0.2 s of every devbox start: see bench/guest-converge).
 * Windows .cmd/.bat files cannot be started this way
 * (Node refuses them without a shell); devbox starts only .exe programs.
 */
export class NodeProcessRunner implements ProcessRunner {
  readonly started = new Map<string, number>();

  run(file: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessResult> {
    const name = file.split(/[\\/]/).pop() ?? file;
    this.started.set(name, (this.started.get(name) ?? 0) + 1);
    return new Promise((resolve, reject) => {
      const child = spawn(file, [...args], {
        windowsHide: true,
        env: options.extendEnv === false ? options.env : { ...process.env, ...options.env },
        ...(options.cwd ? { cwd: options.cwd } : {}),
        stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let timedOut = false;
      let killer: NodeJS.Timeout | undefined;
      const timer = options.timeoutMs
        ? setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
            killer = setTimeout(() => child.kill('SIGKILL'), 5000);
          }, options.timeoutMs)
        : undefined;
      child.stdout!.on('data', (c: Buffer) => stdout.push(c));
      child.stderr!.on('data', (c: Buffer) => {
        stderr.push(c);
        options.onStderr?.(c);
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        clearTimeout(killer);
        reject(
          new SpawnError(
            file,
            error.code,
            error.code === 'ENOENT'
              ? t('platform.notOnPath', { file })
              : t('platform.cannotStart', { file, error: error.message }),
          ),
        );
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        clearTimeout(killer);
        resolve({
          exitCode: code,
          ...(signal ? { signal } : {}),
          timedOut,
          stdout: Buffer.concat(stdout),
          stderr: Buffer.concat(stderr),
        });
      });
      if (options.input !== undefined) {
        // A child that exits without reading its input must not crash devbox with EPIPE.
        child.stdin!.on('error', () => undefined);
        child.stdin!.end(typeof options.input === 'string' ? options.input : Buffer.from(options.input));
      }
    });
  }
}
