/**
 * The log of each run, one file per run under `<state folder>/logs/` (see state.ts for the folder):
 * written as it happens with synchronous appends, so a run that is killed still leaves what it did.
 * Old logs are pruned to the newest `keep`. A log that cannot be written never stops a run: the
 * caller is told why and carries on without one.
 */
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeDirectorySync } from './make-directory.js';
import { stateDirectory } from './state.js';

/** How many run logs are kept. */
export const keptRunLogs = 50;

/** An open run log. */
export interface RunLogFile {
  readonly path: string;
  /** Appends text; after a failed write (disk full) the log stops quietly, the run goes on. */
  write(text: string): void;
  close(): void;
}

/** Where run logs live for this environment. */
export function runLogDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDirectory(env), 'logs');
}

/** Log file names sort by time: 2026-11-30T18-05-03.123Z-up-4242.log. */
const logName = /^\d{4}-\d\d-\d\dT[\d-]+\.\d+Z-[a-z-]+-\d+\.log$/;

/** Removes all but the newest `keep` run logs in `dir` (a removal that fails is left for next time). */
export function pruneRunLogs(dir: string, keep = keptRunLogs): void {
  const names = readdirSync(dir)
    .filter((n) => logName.test(n))
    .sort();
  for (const name of names.slice(0, Math.max(0, names.length - keep))) rmSync(join(dir, name), { force: true });
}

/** Opens a new run log, or says why it could not. */
export function openRunLog(
  command: string,
  options: { env?: NodeJS.ProcessEnv; now?: Date; keep?: number } = {},
): { log: RunLogFile } | { folder: string; why: string } {
  const dir = runLogDirectory(options.env);
  const stamp = (options.now ?? new Date()).toISOString().replace(/:/g, '-');
  const path = join(dir, `${stamp}-${command.replace(/[^a-z-]/g, '-')}-${process.pid}.log`);
  let fd: number;
  try {
    // Not mkdirSync(recursive): under /proc it spins forever (see make-directory.ts).
    makeDirectorySync(dirname(dir));
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    fd = openSync(path, 'a', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { folder: dir, why: code ?? (error instanceof Error ? error.message : String(error)) };
  }
  try {
    pruneRunLogs(dir, options.keep ?? keptRunLogs);
  } catch {
    // Pruning is housekeeping: a folder that cannot be listed keeps its logs until next time.
  }
  let open = true;
  return {
    log: {
      path,
      write(text) {
        if (!open) return;
        try {
          writeSync(fd, text);
        } catch {
          open = false;
        }
      },
      close() {
        if (!open) return;
        open = false;
        try {
          closeSync(fd);
        } catch {
          // Already gone: nothing more to write.
        }
      },
    },
  };
}
