/**
 * devbox's own state on the machine running it: the journal and the run lock, under the user's
 * state directory (%LOCALAPPDATA%\devbox on Windows, $XDG_STATE_HOME/devbox or ~/.local/state/devbox
 * elsewhere; DEVBOX_STATE_DIR overrides both).
 */
import { appendFile, open, readFile, rm } from 'node:fs/promises';
import { makeDirectory } from './make-directory.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError, ExitCode } from '../errors.js';
import type { Journal, JournalEntry } from '../engine/ports/journal.js';
import { t } from '../i18n/catalogue.js';

/** The state directory for this user. */
export function stateDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.DEVBOX_STATE_DIR) return env.DEVBOX_STATE_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'devbox');
  return join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'devbox');
}

/**
 * devbox cannot write its own state folder: a user error naming the folder and the way out, never a
 * stack trace. Exit code 7 (a prerequisite of every run that changes the machine).
 */
export class StateFolderError extends UserError {
  constructor(path: string, cause: unknown) {
    const why = (cause as NodeJS.ErrnoException).code ?? (cause instanceof Error ? cause.message : String(cause));
    super(t('state.unwritable', { path, why }), ExitCode.prerequisiteMissing, {
      code: 'state.unwritable',
      cause,
      suggestions: [t('state.unwritableFix')],
    });
  }
}

/** Runs a write to the state folder, turning a filesystem refusal into a StateFolderError. */
async function inStateFolder<T>(path: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EISDIR', 'ENOENT'].includes(code))
      throw new StateFolderError(path, error);
    throw error;
  }
}

/** The journal as a JSONL file: appended line by line, a torn last line (a crash mid-write) is ignored. */
export class FileJournal implements Journal {
  constructor(readonly path: string) {}

  async append(entry: JournalEntry): Promise<void> {
    await inStateFolder(join(this.path, '..'), async () => {
      await makeDirectory(join(this.path, '..'));
      await appendFile(this.path, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o600 });
    });
  }

  async readAll(): Promise<JournalEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: JournalEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as JournalEntry);
      } catch {
        // A line cut short by a crash; the entries around it are intact.
      }
    }
    return entries;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Another devbox run holds the lock. */
export class LockedError extends UserError {
  constructor(
    readonly pid: number,
    path: string,
  ) {
    super(t('state.locked', { pid }), ExitCode.prerequisiteMissing, {
      code: 'locked',
      suggestions: [t('state.lockedFix', { path })],
    });
  }
}

/** Takes the run lock (a file holding our pid); a lock left by a dead process is taken over. */
export async function acquireLock(path: string): Promise<() => Promise<void>> {
  await inStateFolder(join(path, '..'), () => makeDirectory(join(path, '..')));
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw error;
        return inStateFolder(join(path, '..'), () => Promise.reject(error));
      });
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid))
        throw new LockedError(pid, path);
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
