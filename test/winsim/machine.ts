/**
 * A simulated Windows machine for tests: a directory with its state, a fake C:\ drive, a bin/
 * directory of executables named like Windows' tools, and the operations a person does to a real
 * one (restart it, log in, change a setting by hand). Put `env` on a devbox process to make devbox
 * drive this machine (DEVBOX_TEST_AS_WINDOWS=1, the seam in src/platform/runtime.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSimulator, shim, simTools } from './build.js';
import { parseCommandLine } from './cmdline.js';
import { ensureParent, hostPath } from './drive.js';
import { deleteKey, deleteValue, getKey, runOnceKey } from './registry.js';
import {
  presetState,
  readState,
  withState,
  writeState,
  type CatalogueEntry,
  type Preset,
  type SimState,
} from './state.js';

export interface MachineOptions {
  preset: Preset;
  locale?: 'en-US' | 'zh-CN';
  /** The Windows user (its profile is C:\Users\<user>); `dev` unless given. */
  user?: string;
  uac?: 'accept' | 'decline';
  /** devbox runs in an elevated terminal. */
  elevated?: boolean;
  catalogue?: Record<string, CatalogueEntry>;
  /** Extra variables of the user's environment (Linux side). */
  env?: Record<string, string>;
}

export interface ProcessLogEntry {
  tool: string;
  args: string[];
  elevated: boolean;
}

export interface ToolRun {
  status: number | null;
  /** The 32-bit Windows exit code (4294967295 for -1). */
  windowsExitCode: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

export interface LogonRun {
  source: 'task' | 'runonce';
  command: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

function runAsync(
  file: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export class WindowsMachine {
  private constructor(
    readonly dir: string,
    readonly bin: string,
  ) {}

  static create(options: MachineOptions): WindowsMachine {
    const build = buildSimulator();
    mkdirSync('/var/tmp', { recursive: true });
    const dir = mkdtempSync('/var/tmp/dbx4-winsim-');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const tool of simTools) {
      const path = join(tool === 'wsl.exe' ? dir : bin, tool === 'wsl.exe' ? 'wsl.exe.shim' : tool);
      writeFileSync(path, shim(build, dir, tool));
      chmodSync(path, 0o755);
    }
    const state = presetState(options.preset, {
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.user ? { user: options.user } : {}),
    });
    state.uac.policy = options.uac ?? 'accept';
    state.session.elevated = options.elevated ?? false;
    state.catalogue = options.catalogue ?? {};
    state.hostEnv = {
      PATH: `${bin}:${process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin'}`,
      HOME: process.env.HOME ?? '/root',
      DEVBOX_TEST_AS_WINDOWS: '1',
      DEVBOX_STATE_DIR: join(dir, 'devbox-state'),
      // devbox's download cache (%LOCALAPPDATA%\devbox\cache on Windows): per machine.
      DEVBOX_CACHE_DIR: join(dir, 'devbox-cache'),
      // Backups reach Windows folders directly (node:fs on Windows): the drives' folder here.
      DEVBOX_TEST_WINDOWS_DRIVES: join(dir, 'drive'),
      NO_COLOR: '1',
      ...options.env,
    };
    writeState(dir, state);
    mkdirSync(join(dir, 'drive', 'c', 'Users', state.user.name, 'AppData', 'Local', 'Temp'), { recursive: true });
    mkdirSync(join(dir, 'drive', 'c', 'Windows', 'System32', 'drivers', 'etc'), { recursive: true });
    return new WindowsMachine(dir, bin);
  }

  /** The environment of a terminal on this machine: devbox run with it drives the simulator. */
  get env(): Record<string, string> {
    return { ...this.state().hostEnv };
  }

  state(): SimState {
    return readState(this.dir);
  }

  update<T>(fn: (state: SimState) => T): T {
    return withState(this.dir, fn);
  }

  /** A file on C:\, or undefined. */
  readFile(windowsPath: string): Buffer | undefined {
    const path = hostPath(this.dir, windowsPath);
    return path && existsSync(path) ? readFileSync(path) : undefined;
  }

  writeFile(windowsPath: string, content: string | Buffer): void {
    const path = ensureParent(this.dir, windowsPath);
    // Like an editor run as administrator: a read-only attribute does not stop it, and stays.
    const mode = existsSync(path) ? statSync(path).mode & 0o777 : undefined;
    if (mode !== undefined) chmodSync(path, 0o644);
    writeFileSync(path, content);
    if (mode !== undefined) chmodSync(path, mode);
  }

  /** The Linux path behind a Windows path (for tests that look at the layout directly). */
  path(windowsPath: string): string {
    const path = hostPath(this.dir, windowsPath);
    if (!path) throw new Error(`not an absolute Windows path: ${windowsPath}`);
    return path;
  }

  /** Sets or clears a file's read-only attribute (its write permission here). */
  setReadOnly(windowsPath: string, readOnly: boolean): void {
    chmodSync(this.path(windowsPath), readOnly ? 0o444 : 0o644);
  }

  isReadOnly(windowsPath: string): boolean {
    return (statSync(this.path(windowsPath)).mode & 0o222) === 0;
  }

  /**
   * Another program holds the file open without sharing writes for `ms` (an editor, an antivirus
   * scan): devbox's reads still work, its replace meets a real sharing violation (test/winsim/pwsh-run.ts).
   */
  holdFile(windowsPath: string, ms: number): void {
    this.update((s) => (s.heldFiles[windowsPath.toLowerCase()] = Date.now() + ms));
  }

  /** Another program appends `text` to the file just before devbox's next guarded write of it. */
  writeConcurrently(windowsPath: string, text: string): void {
    this.update((s) => s.pendingWrites.push({ path: windowsPath, append: text }));
  }

  processLog(): ProcessLogEntry[] {
    const file = join(this.dir, 'process-log.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ProcessLogEntry);
  }

  clearProcessLog(): void {
    rmSync(join(this.dir, 'process-log.jsonl'), { force: true });
  }

  /** Runs one simulated tool as the user would from a terminal. */
  run(
    tool: (typeof simTools)[number],
    args: string[],
    options: { env?: Record<string, string>; input?: string | Buffer } = {},
  ): ToolRun {
    const exitFile = join(tmpdir(), `dbx4-winsim-exit-${randomUUID()}`);
    try {
      const result = spawnSync(join(this.bin, tool), args, {
        env: { ...this.env, ...options.env, DEVBOX_SIM_EXIT_FILE: exitFile },
        input: options.input ?? '',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (result.error) throw result.error;
      const reported = existsSync(exitFile) ? Number(readFileSync(exitFile, 'utf8')) : null;
      return { status: result.status, windowsExitCode: reported, stdout: result.stdout, stderr: result.stderr };
    } finally {
      rmSync(exitFile, { force: true });
    }
  }

  /**
   * Runs one simulated tool without blocking this process: for tests whose servers (HTTPS, DoH)
   * live in the test process and must answer the tool.
   */
  async runAsync(
    tool: (typeof simTools)[number],
    args: string[],
    options: { env?: Record<string, string>; input?: string | Buffer } = {},
  ): Promise<ToolRun> {
    const exitFile = join(tmpdir(), `dbx6-winsim-exit-${randomUUID()}`);
    try {
      const child = spawn(join(this.bin, tool), args, {
        env: { ...this.env, ...options.env, DEVBOX_SIM_EXIT_FILE: exitFile },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => stdout.push(d));
      child.stderr.on('data', (d: Buffer) => stderr.push(d));
      child.stdin.end(options.input ?? '');
      const status = await new Promise<number | null>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code) => resolve(code));
      });
      const reported = existsSync(exitFile) ? Number(readFileSync(exitFile, 'utf8')) : null;
      return { status, windowsExitCode: reported, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) };
    } finally {
      rmSync(exitFile, { force: true });
    }
  }

  /** A restart: pending features take effect, WSL's network and every netsh address are gone. */
  reboot(): void {
    this.update((state) => {
      for (const feature of Object.values(state.features)) {
        if (feature.state === 'enable-pending') feature.state = feature.failOnReboot ? 'disabled' : 'enabled';
        else if (feature.state === 'disable-pending') feature.state = 'disabled';
      }
      state.rebootPending = false;
      // On Windows 10 the inbox wsl.exe belongs to the WSL optional component.
      if (state.windows.build < 22000)
        state.wsl.inbox = state.features['Microsoft-Windows-Subsystem-Linux']?.state === 'enabled';
      state.vm = { running: false, networkingMode: null };
      for (const distro of Object.values(state.distros)) {
        distro.running = false;
        distro.clients = [];
      }
      state.hns = null;
      state.adapters = state.adapters.filter((a) => !a.wsl);
      for (const key of Object.values(state.registry)) if (key.volatile) deleteKey(state, key.path);
      state.scheduledRestart = null;
      state.boots++;
    });
  }

  /**
   * The user logs in: logon tasks run (elevated when registered with highest privileges), then each
   * RunOnce command, which Windows deletes before running it.
   */
  async logon(): Promise<LogonRun[]> {
    const runs: LogonRun[] = [];
    const state = this.state();
    for (const task of Object.values(state.tasks).filter((t) => t.trigger === 'logon')) {
      const [program, ...args] = parseCommandLine(task.command);
      const local = join(this.bin, (program ?? '').toLowerCase().split('\\').pop()!);
      const env = { ...state.hostEnv, ...(task.runLevel === 'highest' ? { WINSIM_ELEVATED: '1' } : {}) };
      const result = existsSync(local)
        ? await runAsync(local, args, env)
        : { status: 9009, stdout: '', stderr: `${program} not found` };
      runs.push({ source: 'task', command: task.command, ...result });
    }
    const values = getKey(state, runOnceKey)?.values ?? {};
    for (const name of Object.keys(values).sort()) {
      const command = String(values[name]!.data);
      this.update((s) => deleteValue(s, runOnceKey, name));
      const argv = parseCommandLine(command.replace(/^!/, ''));
      const result = await runAsync(argv[0]!, argv.slice(1), state.hostEnv);
      runs.push({ source: 'runonce', command, ...result });
    }
    return runs;
  }

  dispose(): void {
    let state: SimState | undefined;
    try {
      state = this.state();
    } catch {
      // never created
    }
    for (const mount of state?.mounts ?? []) spawnSync('umount', ['-l', mount], { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
