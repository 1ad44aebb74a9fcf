/**
 * How backups reach the machine: Windows folders as local paths (node:fs on Windows itself), free
 * space, atomic small files, and programs with streaming stdio (`wsl --export … -` produces
 * gigabytes: it is never buffered).
 *
 * Test seam: with DEVBOX_TEST_AS_WINDOWS=1 (see runtime.ts), DEVBOX_TEST_WINDOWS_DRIVES names the
 * folder holding the simulator's drives (`c/`, `d/` …): `D:\Apps` is `<drives>/d/Apps`, found
 * case-insensitively as on NTFS. It cannot act on a real machine: it is ignored on Windows, and
 * elsewhere it is taken only when it is an absolute `drive` folder beside a simulator's
 * `state.json` (test/winsim); anything else is refused, so a stray variable never makes devbox
 * write Windows paths under some folder of a Linux machine.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { lstat, readdir, readFile, rename, rm, rmdir, stat, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { BackupMachinePort } from '../../engine/ports/backup.js';
import { PrerequisiteError } from '../../errors.js';
import { simulateWindowsVariable, simulatorExitFileVariable } from '../runtime.js';
import { makeDirectory } from '../make-directory.js';

/**
 * Renames `from` to `to`, replacing only an empty folder there (one made for the backup
 * beforehand; Windows refuses a rename onto any folder, Linux replaces an empty one). A folder that
 * is not empty fails with ENOTEMPTY, anything else there with EEXIST: both are kept as they are
 * (rename alone replaces a file, on Linux and through Node on Windows alike).
 */
async function renameOver(from: string, to: string): Promise<void> {
  const there = await lstat(to).catch(() => undefined);
  if (there?.isDirectory()) await rmdir(to);
  else if (there)
    throw Object.assign(new Error(`EEXIST: file already exists, rename '${from}' -> '${to}'`), {
      code: 'EEXIST',
      path: to,
    });
  await rename(from, to);
}

export const windowsDrivesVariable = 'DEVBOX_TEST_WINDOWS_DRIVES';

export type { BackupMachinePort, StreamingRun } from '../../engine/ports/backup.js';

function simulatedDrives(env: NodeJS.ProcessEnv): string | undefined {
  if (process.platform === 'win32' || env[simulateWindowsVariable] !== '1') return undefined;
  const drives = env[windowsDrivesVariable];
  const simulator = drives && isAbsolute(drives) && basename(drives) === 'drive' ? dirname(drives) : undefined;
  if (!simulator || !existsSync(join(simulator, 'state.json')))
    throw new PrerequisiteError(
      `${simulateWindowsVariable}=1 needs ${windowsDrivesVariable}: the drive folder of a Windows simulator (test/winsim), beside its state.json.`,
    );
  return drives;
}

/** Maps a Windows path onto the simulator's drives, case-insensitively. */
function simulatedPath(drives: string, windowsPath: string): string {
  const m = /^([A-Za-z]):[\\/](.*)$/.exec(windowsPath);
  if (!m) throw new Error(`not an absolute Windows path: ${windowsPath}`);
  let current = join(drives, m[1]!.toLowerCase());
  for (const part of m[2]!.split(/[\\/]/).filter((p) => p !== '' && p !== '.')) {
    if (part === '..') throw new Error(`a Windows path with ..: ${windowsPath}`);
    const found = existsSync(current)
      ? readdirSync(current).find((e) => e.toLowerCase() === part.toLowerCase())
      : undefined;
    current = join(current, found ?? part);
  }
  return current;
}

function existingParent(path: string): string {
  let at = path;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}

export function createBackupMachine(env: NodeJS.ProcessEnv = process.env): BackupMachinePort {
  const drives = simulatedDrives(env);
  return {
    local: (p) => (drives ? simulatedPath(drives, p) : p),
    exists: async (p) =>
      await lstat(p).then(
        () => true,
        () => false,
      ),
    isDir: async (p) =>
      await lstat(p).then(
        (s) => s.isDirectory(),
        () => false,
      ),
    pathKind: async (p) => {
      // stat: a link to a backup is that backup; a dangling link is nothing there.
      const s = await stat(p).catch(() => undefined);
      if (!s) return 'missing';
      if (s.isFile()) return 'file';
      if (s.isDirectory()) return 'directory';
      if (s.isCharacterDevice()) return 'char-device';
      if (s.isBlockDevice()) return 'block-device';
      return s.isFIFO() ? 'fifo' : 'socket';
    },
    list: async (p) => (await readdir(p).catch(() => [] as string[])).sort(),
    readFile: async (p) => readFile(p).catch(() => undefined),
    async writeFileAtomic(p, content) {
      await makeDirectory(dirname(p));
      const temp = `${p}.${randomUUID().slice(0, 8)}.partial`;
      await writeFile(temp, content);
      await rename(temp, p);
    },
    mkdir: async (p) => void (await makeDirectory(p)),
    remove: (p) => rm(p, { recursive: true, force: true }),
    rename: renameOver,
    async freeBytes(p) {
      const s = await statfs(existingParent(p));
      return Number(s.bavail) * Number(s.bsize);
    },
    async volumeOf(p) {
      return `dev:${(await stat(existingParent(p), { bigint: true })).dev}`;
    },
    tempRoot: () => tmpdir(),
    async treeBytes(p) {
      let total = 0;
      const visit = async (dir: string): Promise<void> => {
        for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
          if (e.isDirectory()) await visit(join(dir, e.name));
          else if (e.isFile()) total += (await lstat(join(dir, e.name))).size;
        }
      };
      await visit(p);
      return total;
    },
    spawn(file, args, options = {}) {
      const exitFile = drives ? join(tmpdir(), `devbox-sim-exit-${randomUUID()}`) : undefined;
      const child = spawn(file, [...args], {
        windowsHide: true,
        env: { ...process.env, ...options.env, ...(exitFile ? { [simulatorExitFileVariable]: exitFile } : {}) },
        stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
        ...(options.cwd ? { cwd: options.cwd } : {}),
      });
      const stderr: Buffer[] = [];
      child.stderr!.on('data', (d: Buffer) => stderr.push(d));
      // A read error of the input (a part that vanished or is damaged) cuts the program's stdin: what it
      // made of the input is incomplete, so it never counts as success (a restore then cleans up), and
      // the error is named in its stderr instead of crashing the process unheard.
      let inputError: Error | undefined;
      if (options.stdin) {
        child.stdin!.on('error', () => undefined);
        options.stdin.on('error', (error: Error) => {
          inputError ??= error;
          stderr.push(Buffer.from(`\ndevbox: reading the input failed: ${error.message}\n`));
          child.stdin!.destroy();
        });
        options.stdin.pipe(child.stdin!);
      }
      const done = new Promise<{ exitCode: number | null; stderr: Buffer; signal: string | null }>(
        (resolve, reject) => {
          child.on('error', (e: NodeJS.ErrnoException) =>
            reject(e.code === 'ENOENT' ? new PrerequisiteError(`${file} is not installed or not on PATH.`) : e),
          );
          child.on('close', (code, signal) => {
            const settle = async () => {
              let exitCode = code;
              if (exitFile) {
                const reported = await readFile(exitFile, 'utf8').catch(() => undefined);
                await rm(exitFile, { force: true });
                if (reported && /^\d+$/.test(reported.trim())) exitCode = Number(reported.trim());
              }
              if (inputError && exitCode === 0) exitCode = 1;
              return { exitCode, stderr: Buffer.concat(stderr), signal };
            };
            settle().then(resolve, reject);
          });
        },
      );
      return { stdout: child.stdout!, done };
    },
    async tempDir() {
      const dir = join(tmpdir(), `devbox-backup-${randomUUID()}`);
      await makeDirectory(dir);
      return dir;
    },
  };
}
