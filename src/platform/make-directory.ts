/**
 * `mkdir -p` that always ends. Node's own `mkdir(path, { recursive: true })` (and
 * `module.enableCompileCache`, which uses the same walk) spins forever at 100% CPU when a parent exists
 * but cannot hold new children: procfs answers ENOENT, not EPERM, to `mkdir /proc/x`, so "create the
 * parent and retry" never progresses (seen with Node 20 and 24; the same loop is analysed in
 * oven-sh/bun#40600 and Kewton/CommandMate#1774). This walk gives up on an ENOENT once the parent is
 * known to exist, and reports that as the child's own error.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function notADirectory(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), {
    code: 'ENOTDIR',
    errno: -20,
    syscall: 'mkdir',
    path,
  });
}

/**
 * Creates `path` and its missing parents (with `mode`, as mkdir(2) takes it, when given); returns when `path`
 * is a directory (also when it already was).
 * Synchronous on purpose: a handful of `mkdir` calls, and one implementation for the callers that run
 * before the event loop matters (bin/run.js) and the rest.
 * @throws the errno error of the first `mkdir` that cannot succeed (ENOENT when a parent exists but
 *   refuses the child, ENOTDIR when a component is a file, EACCES, EROFS …).
 */
export function makeDirectorySync(path: string, mode?: number): void {
  const missing: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    try {
      mkdirSync(p, mode);
      break;
    } catch (error) {
      if (codeOf(error) === 'EEXIST') {
        if (!statSync(p).isDirectory()) throw notADirectory(p);
        break;
      }
      if (codeOf(error) !== 'ENOENT' || dirname(p) === p) throw error;
      missing.push(p);
    }
  }
  // From here every parent exists: an ENOENT now is final, never a reason to step back.
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir, mode);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST' || !statSync(dir).isDirectory()) throw error;
    }
  }
}

/** {@link makeDirectorySync} for async callers (errors as a rejection). */
export function makeDirectory(path: string, mode?: number): Promise<void> {
  try {
    makeDirectorySync(path, mode);
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error as Error);
  }
}
