/** Runs the built devbox CLI (bin/run.js → dist/) as a real process, the way users run it. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const devboxBin = `${repoRoot}bin/run.js`;

/**
 * Environments that choose the language by LANG alone (zh_CN.UTF-8 or C), with devbox's settings and
 * state in `work`, so a developer's own locale, settings or state never leak into a test.
 */
export function languageEnvs(work: string): Record<'zh' | 'en', Record<string, string | undefined>> {
  const clean = {
    LC_ALL: undefined,
    LC_MESSAGES: undefined,
    LANG: undefined,
    DEVBOX_CONFIG_DIR: `${work}/config`,
    DEVBOX_STATE_DIR: `${work}/state`,
  };
  return { zh: { ...clean, LANG: 'zh_CN.UTF-8' }, en: { ...clean, LANG: 'C' } };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Run inside this argv prefix, e.g. ['unshare', '--net'] or ['ip', 'netns', 'exec', 'ns1']. */
  wrap?: string[];
  input?: string;
  timeoutMs?: number;
}

function command(args: readonly string[], options: CliOptions): [string, string[]] {
  const full = [process.execPath, devboxBin, ...args];
  return options.wrap?.length ? [options.wrap[0]!, [...options.wrap.slice(1), ...full]] : [full[0]!, full.slice(1)];
}

/** Runs devbox to completion. */
export function runDevbox(args: readonly string[], options: CliOptions = {}): CliResult {
  const [file, argv] = command(args, options);
  const result = spawnSync(file, argv, {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 10 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Starts devbox without waiting (for tests that kill it part-way). */
export function startDevbox(args: readonly string[], options: CliOptions = {}) {
  const [file, argv] = command(args, options);
  return spawn(file, argv, {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs devbox to completion without blocking this process's event loop: for tests whose servers
 * (HTTPS, DNS) run in the test process itself and must answer while devbox runs.
 */
export function runDevboxAsync(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const [file, argv] = command(args, options);
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 10 * 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
