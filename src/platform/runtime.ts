/**
 * The composition root: the only place that looks at the real machine (process.platform, uid) and
 * builds the ports a run uses. A dry run gets recording ports here, and nowhere else.
 *
 * Test seam (the only one): DEVBOX_TEST_AS_WINDOWS=1 makes devbox treat a Linux machine as Windows.
 * It then finds wsl.exe, dism.exe, reg.exe, netsh.exe, schtasks.exe, powershell.exe … on PATH, which
 * the Windows simulator under test/winsim provides, and reads each tool's 32-bit Windows exit code
 * from the file named in DEVBOX_SIM_EXIT_FILE (a Linux process can only exit 0-255, and Windows
 * tools' codes such as 3010 or 4294967295 matter). Windows files (C:\Users\…\.wslconfig) are only
 * ever reached through those tools and devbox's PowerShell scripts, never through node:fs. Never set
 * it on a real machine.
 */
import { existsSync, statSync } from 'node:fs';
import { httpSettingsFromEnv } from './net.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import {
  nothingToReadBack,
  readAgain,
  type PlatformFacts,
  type Runtime,
  type StatePorts,
} from '../engine/ports/index.js';
import type { ManifestSources } from '../manifest/load.js';
import { packageRoot } from './package-root.js';
import { readAsset, runningStandalone } from './assets.js';
import { NodeProcessRunner, type ProcessResult, type ProcessRunner, type RunOptions } from './process.js';
import { CoalescingGuest, GuestRunner } from './guest/runner.js';
import { RecordingGuest } from './guest/recording.js';
import { chrootTransport, localTransport, wslTransport, type GuestTransport } from './guest/transports.js';
import { WindowsHost } from './windows/host.js';
import { cachedUiCulture, probeUiCulture } from './windows/ui-culture.js';
import { Elevation } from './windows/elevation.js';
import { RecordingHost } from './windows/recording.js';
import { WindowsReboot } from './windows/reboot.js';
import { acquireLock, FileJournal, stateDirectory } from './state.js';
import { RecordingNet, RuntimeNet } from './net.js';
import { t } from '../i18n/catalogue.js';

/** Where devbox's packaged files are (manifests/, dist/); not available in a standalone executable. */
export { packageRoot };

/** The test seam's variable (see the module comment). */
export const simulateWindowsVariable = 'DEVBOX_TEST_AS_WINDOWS';
/** Where the simulator reports a tool's Windows exit code (see the module comment). */
export const simulatorExitFileVariable = 'DEVBOX_SIM_EXIT_FILE';

function simulatingWindows(env: NodeJS.ProcessEnv): boolean {
  return process.platform !== 'win32' && env[simulateWindowsVariable] === '1';
}

/** How the manifest loader reads files and URLs on this machine. */
export function manifestSources(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): ManifestSources {
  // In a standalone executable the built-in manifest is an asset; its path names no real file (the
  // loader uses it as the layer's identity and to resolve its relative `extends`, which it has none of).
  const builtinDefaultPath = runningStandalone()
    ? join(process.execPath, 'manifests', 'default.yaml')
    : join(packageRoot(), 'manifests', 'default.yaml');
  return {
    readFile: async (path) =>
      path === builtinDefaultPath ? readAsset('manifests/default.yaml').toString('utf8') : await readFile(path, 'utf8'),
    // undici loads only when a manifest really comes from a URL; it goes through the same proxy and
    // extra CAs (--proxy, --ca-bundle, DEVBOX_CA_BUNDLE) as every other request.
    fetch: async (url) => {
      const [{ fetchSmall }, { createDispatcher }] = await Promise.all([
        import('../net/fetch-small.js'),
        import('../net/http.js'),
      ]);
      const dispatcher = createDispatcher(await httpSettingsFromEnv(env, cwd));
      try {
        return await fetchSmall(url, { maxBytes: 1024 * 1024, dispatcher });
      } finally {
        await dispatcher.close();
      }
    },
    builtinDefaultPath,
    cwd,
  };
}

/**
 * Process runner for the Windows simulator: each run gets a fresh exit-code file; when the
 * simulated tool wrote its Windows exit code there, that code replaces the 8-bit Linux one.
 */
class SimulatorExitCodes implements ProcessRunner {
  constructor(private readonly inner: ProcessRunner) {}

  get started(): ReadonlyMap<string, number> {
    return this.inner.started;
  }

  async run(file: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessResult> {
    const exitFile = join(tmpdir(), `devbox-sim-exit-${randomUUID()}`);
    try {
      const result = await this.inner.run(file, args, {
        ...options,
        env: { ...options.env, [simulatorExitFileVariable]: exitFile },
      });
      const reported = await readFile(exitFile, 'utf8').catch(() => undefined);
      return reported !== undefined && /^\d+$/.test(reported.trim())
        ? { ...result, exitCode: Number(reported.trim()) }
        : result;
    } finally {
      await rm(exitFile, { force: true });
    }
  }
}

/** The process runner for this machine (the simulator's exit codes are read when the test seam is on). */
export function createProcessRunner(env: NodeJS.ProcessEnv = process.env): ProcessRunner {
  const runner = new NodeProcessRunner();
  return simulatingWindows(env) ? new SimulatorExitCodes(runner) : runner;
}

export interface RuntimeOptions {
  /** `--root DIR`: apply the guest plane to another root filesystem (Linux only). */
  root?: string;
  /** The distro guest resources live in, when devbox drives WSL from Windows. */
  distroName?: string;
  dryRun: boolean;
}

function osOf(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): PlatformFacts['os'] {
  if (simulatingWindows(env)) return 'windows';
  return platform === 'win32' ? 'windows' : platform === 'linux' ? 'linux' : 'other';
}

function guestTransport(os: PlatformFacts['os'], options: RuntimeOptions): GuestTransport {
  if (os === 'windows') {
    if (options.root) throw new UsageError(t('platform.rootOnWindows'));
    return wslTransport(options.distroName ?? 'Ubuntu-24.04');
  }
  if (!options.root) return localTransport();
  let kind: string;
  try {
    kind = statSync(options.root).isDirectory() ? 'dir' : t('platform.rootNotDir');
  } catch (error) {
    kind =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? t('platform.rootMissing')
        : String((error as NodeJS.ErrnoException).code);
  }
  // The guest agent is `chroot ROOT /bin/bash -s`: an empty or wrong directory would otherwise fail
  // later as an apply error (exit 4) with chroot's own message.
  const root = options.root;
  if (kind === 'dir' && !['bin/bash', 'usr/bin/bash'].some((p) => existsSync(join(root, p))))
    kind = t('platform.rootNoBash');
  if (kind !== 'dir') throw new UsageError(t('platform.badRoot', { root: options.root, why: kind }));
  return chrootTransport(root, isRunningRoot(root));
}

/** Whether a directory is this system's own root (`--root /`, `--root /.`, a link to /): same device and inode. */
function isRunningRoot(dir: string): boolean {
  try {
    const a = statSync(dir);
    const b = statSync('/');
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/**
 * How devbox itself is started again (the elevated helper, the resume after a restart): the
 * standalone executable is itself the whole program; from the package it is this Node and bin/run.js.
 */
export function selfCommand(standalone = runningStandalone()): { file: string; args: string[] } {
  return standalone
    ? { file: process.execPath, args: [] }
    : { file: process.execPath, args: [join(packageRoot(), 'bin', 'run.js')] };
}

/** A fresh private endpoint for the elevated helper: a named pipe on Windows, a socket file elsewhere. */
function ipcPath(): string {
  const name = `devbox-elevate-${randomBytes(16).toString('hex')}`;
  return process.platform === 'win32' ? `\\\\.\\pipe\\${name}` : join(tmpdir(), `${name}.sock`);
}

/**
 * Windows' display language (Get-UICulture) for choosing devbox's language; undefined off Windows.
 * One probe process the first time in a day, then devbox's cache (platform/windows/ui-culture.ts).
 */
export async function windowsUiCulture(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (osOf(process.platform, env) !== 'windows') return undefined;
  const host = new WindowsHost(createProcessRunner(env), () => {
    throw new Error('reading the UI culture needs no elevation');
  });
  return cachedUiCulture(() => probeUiCulture(host), env);
}

/** Builds the ports for a run on this machine. */
export function createRuntime(
  options: RuntimeOptions,
  processes: ProcessRunner = createProcessRunner(),
  env: NodeJS.ProcessEnv = process.env,
): Runtime {
  const os = osOf(process.platform, env);
  const transport = guestTransport(os, options);
  const runner = new GuestRunner(transport, processes, {
    ...(process.getuid && os !== 'windows' ? { currentUid: process.getuid() } : {}),
  });
  const guest = new CoalescingGuest(runner);
  const platform: PlatformFacts = {
    os,
    guestDescription: transport.description,
    runningKernel: transport.runningKernel,
  };
  const recording = options.dryRun ? new RecordingGuest(guest, transport.description) : undefined;
  // Network access is loaded on first use (src/net pulls in undici): most runs never touch it.
  const net = new RuntimeNet(env);
  const runtime: Runtime = {
    platform,
    processes,
    read: { platform, guest, net },
    apply: {
      platform,
      guest: recording ?? guest,
      net: recording ? new RecordingNet(net, recording.changes, env) : net,
      readBack: recording ? nothingToReadBack : readAgain,
    },
    recorded: recording?.changes ?? [],
    guestChangeRefusal: () => runner.changeRefusal(),
  };
  if (os === 'windows') {
    const self = selfCommand();
    let host: WindowsHost;
    const elevation = new Elevation({
      processes,
      isElevated: async () => (await host.osFacts()).elevated,
      helperCommand: (pipe, token) => ({
        file: self.file,
        args: [...self.args, 'internal', 'elevated-helper', '--pipe', pipe, '--token', token],
      }),
      ipcPath,
    });
    host = new WindowsHost(processes, () => elevation);
    const applyHost = recording ? new RecordingHost(host, recording.changes) : host;
    runtime.read.host = host;
    runtime.apply.host = applyHost;
    runtime.reboot = new WindowsReboot(applyHost, self);
    // A dry run changes nothing, so it never needs the UAC prompt.
    if (!recording) runtime.elevation = elevation;
  }
  return runtime;
}

/** devbox's journal and run lock for this user (see platform/state.ts for where they live). */
export function createStatePorts(env: NodeJS.ProcessEnv = process.env): StatePorts {
  const dir = stateDirectory(env);
  const lockPath = join(dir, 'up.lock');
  return { journal: new FileJournal(join(dir, 'journal.jsonl')), lock: { acquire: () => acquireLock(lockPath) } };
}
