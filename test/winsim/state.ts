/**
 * The simulated Windows machine's persistent state: one JSON file per machine directory, read and
 * written under a lock by every simulated executable and by the tests. Also the machine presets
 * (Windows 10 22H2, Windows 11 24H2, an early Windows 11 22H2 without mirrored networking).
 *
 * The simulator is written independently of devbox's code (it imports nothing from src/), so it
 * cannot drift into agreeing with devbox's bugs; its formats follow research/wsl.md.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';

export type FeatureState = 'enabled' | 'disabled' | 'enable-pending' | 'disable-pending';

export interface SimFeature {
  state: FeatureState;
  /** The enable fails during the restart (servicing error): the feature comes back disabled. */
  failOnReboot?: boolean;
}

export interface SimRegistryValue {
  type: 'REG_SZ' | 'REG_EXPAND_SZ' | 'REG_DWORD' | 'REG_QWORD' | 'REG_MULTI_SZ' | 'REG_BINARY';
  data: string | number | string[];
}

export interface SimRegistryKey {
  /** The key's path as first written, e.g. HKEY_CURRENT_USER\Software\Microsoft\... */
  path: string;
  values: Record<string, SimRegistryValue>;
  /** Gone after a restart (REG_OPTION_VOLATILE). */
  volatile?: boolean;
}

export interface SimAdapter {
  name: string;
  ifIndex: number;
  status: 'Up' | 'Disconnected';
  hidden: boolean;
  ipv4: { address: string; prefixLength: number }[];
  /** WSL's adapter: it exists only once the VM ran since boot. */
  wsl?: boolean;
}

export interface SimDistro {
  name: string;
  /** The real Linux root filesystem on this machine. */
  rootfs: string;
  running: boolean;
  /** Time the last wsl.exe client of this distro exited (for idle termination). */
  lastClientExit?: number;
  clients: number[];
}

export interface SimTask {
  /** \devbox\fixed-ip */
  name: string;
  command: string;
  trigger: 'logon' | 'boot';
  runLevel: 'highest' | 'limited';
}

export interface CatalogueEntry {
  friendlyName: string;
  /** A tar of a root filesystem on the Linux side (what the download would deliver). */
  tarball: string;
}

/** The network as this machine sees it (name resolution and trust); connections are real. */
export interface SimNetwork {
  /**
   * What the machine's DNS server answers: name → addresses. A poisoned name maps to a wrong
   * address; a name that is not here does not resolve. The hosts file comes first, as on Windows.
   */
  dns: Record<string, string[]>;
  /** The DNS client's cache: answers from `dns` are kept until a flush (ipconfig /flushdns). */
  dnsCache: Record<string, string[]>;
  dnsCacheFlushes: number;
  /** PEM file of a certificate authority Windows trusts (the tests' CA), on the Linux side. */
  caFile?: string;
  /** Connect / answer timeout of simulated downloads and git, ms. */
  timeoutMs: number;
}

/** A Scoop bucket repository the machine's git can clone (by URL). */
export interface SimRemote {
  /** App name → manifest (as in the bucket's bucket\<app>.json). */
  manifests: Record<string, unknown>;
}

export interface SimScoop {
  /** Repositories by URL (compared without scheme, .git and case). */
  remotes: Record<string, SimRemote>;
  /** What an installer that finds Scoop already installed exits with (1 before Install#124, 0 after). */
  alreadyInstalledExitCode: 0 | 1;
  /** Every run of the installer, with its parameters (to check what devbox passed). */
  installerRuns: { args: string[]; elevated: boolean }[];
  /** Every scoop command run, as argv after scoop.ps1, with its elevation. */
  commands: { args: string[]; elevated: boolean; env: Record<string, string> }[];
  /** Times `scoop install` updated Scoop by itself (it does unless -u). */
  autoUpdates: number;
}

export interface SimState {
  windows: {
    build: number;
    ubr: number;
    locale: 'en-US' | 'zh-CN';
    /**
     * Win32_OptionalFeature.InstallState of a feature whose enable waits for the restart. Not
     * documented; 1 (Enabled) is assumed, 2 lets tests check devbox copes with the other answer.
     */
    pendingInstallState?: 1 | 2;
  };
  /** `uiCulture`: the display language (Get-UICulture), e.g. zh-CN; pwsh's invariant culture when absent. */
  user: { name: string; uiCulture?: string };
  /** The Windows environment of the user (USERPROFILE, LOCALAPPDATA, ...). */
  env: Record<string, string>;
  /** The Linux environment programs started by Windows itself get (RunOnce, tasks, the UAC-elevated child). */
  hostEnv: Record<string, string>;
  session: { elevated: boolean };
  uac: { policy: 'accept' | 'decline'; prompts: number };
  features: Record<string, SimFeature>;
  rebootPending: boolean;
  wsl: {
    /** The inbox System32 wsl.exe exists (Windows 11 always; Windows 10 once its WSL component is enabled). */
    inbox: boolean;
    /** The WSL package (MSIX/MSI): version, or null. */
    package: { version: string } | null;
    /** What `wsl --update` installs. */
    latest: string;
    githubReachable: boolean;
    /** Inbox wsl.exe of old builds: ignores WSL_UTF8 and writes \r\r\n. */
    legacyInbox: boolean;
  };
  /** Keys by lower-cased full path. */
  registry: Record<string, SimRegistryKey>;
  distros: Record<string, SimDistro>;
  catalogue: Record<string, CatalogueEntry>;
  vm: { running: boolean; networkingMode: 'nat' | 'mirrored' | null; lastActivity?: number };
  /** WSL's HNS network: created at the first VM start after boot, kept until the restart. */
  hns: { subnet: string; gateway: string; vmAddress: string } | null;
  adapters: SimAdapter[];
  tasks: Record<string, SimTask>;
  scheduledRestart: { seconds: number; comment: string } | null;
  /** Set if anything ever started a distribution's interactive first-run prompt. */
  oobeStarted: string[];
  /** Processes mounted into distro root filesystems (for cleanup). */
  mounts: string[];
  boots: number;
  network: SimNetwork;
  /**
   * Files another program holds open without sharing writes (an editor, an antivirus scan): lower-cased
   * Windows path → until when (epoch ms).
   */
  heldFiles: Record<string, number>;
  /** Writes another program makes to a file just before devbox's next guarded replace of it. */
  pendingWrites: { path: string; append: string }[];
  scoop: SimScoop;
}

export const stateFile = (dir: string) => join(dir, 'state.json');

/** Registry path forms: HKLM\… and HKEY_LOCAL_MACHINE\… are the same key. */
export function canonicalKey(path: string): string {
  return path
    .replace(/^HKLM(?=\\|$)/i, 'HKEY_LOCAL_MACHINE')
    .replace(/^HKCU(?=\\|$)/i, 'HKEY_CURRENT_USER')
    .replace(/\\+$/, '');
}

export const keyId = (path: string) => canonicalKey(path).toLowerCase();

export function readState(dir: string): SimState {
  return JSON.parse(readFileSync(stateFile(dir), 'utf8')) as SimState;
}

/** wsl.exe is on PATH only when Windows has one: the inbox stub or the WSL package. */
function syncBin(dir: string, state: SimState): void {
  const shim = join(dir, 'bin', 'wsl.exe');
  const template = join(dir, 'wsl.exe.shim');
  const wanted = state.wsl.inbox || state.wsl.package !== null;
  if (wanted && !existsSync(shim) && existsSync(template)) copyFileSync(template, shim);
  if (!wanted) rmSync(shim, { force: true });
}

export function writeState(dir: string, state: SimState): void {
  const tmp = `${stateFile(dir)}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 1)}\n`);
  renameSync(tmp, stateFile(dir));
  syncBin(dir, state);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` on the state under the machine's lock (a directory: mkdir is atomic) and saves it. */
export function withState<T>(dir: string, fn: (state: SimState) => T): T {
  const lock = join(dir, 'state.lock');
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A holder that died leaves the lock behind; nobody holds it for long.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 30_000) rmdirSync(lock);
      } catch {
        // gone meanwhile
      }
      if (Date.now() - started > 60_000) throw new Error(`winsim: cannot take ${lock}`);
      sleep(5);
    }
  }
  try {
    const state = readState(dir);
    const result = fn(state);
    syncRebootPendingKey(state);
    writeState(dir, state);
    return result;
  } finally {
    rmdirSync(lock);
  }
}

const rebootPendingKey =
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending';

/** Component Based Servicing keeps this key while it waits for a restart. */
function syncRebootPendingKey(state: SimState): void {
  if (state.rebootPending) state.registry[keyId(rebootPendingKey)] ??= { path: rebootPendingKey, values: {} };
  else delete state.registry[keyId(rebootPendingKey)];
}

export type Preset = 'win10' | 'win11' | 'win11-22h2-early';

/** A fresh machine of a preset, nothing of WSL enabled. */
export function presetState(preset: Preset, options: { user?: string; locale?: 'en-US' | 'zh-CN' } = {}): SimState {
  const user = options.user ?? 'dev';
  const windows =
    preset === 'win10'
      ? { build: 19045, ubr: 5011 }
      : preset === 'win11'
        ? { build: 26100, ubr: 4349 }
        : { build: 22621, ubr: 1702 };
  const profile = `C:\\Users\\${user}`;
  const registry: Record<string, SimRegistryKey> = {};
  const put = (path: string, values: Record<string, SimRegistryValue>) => {
    registry[keyId(path)] = { path: canonicalKey(path), values };
  };
  put('HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', {
    CurrentBuild: { type: 'REG_SZ', data: String(windows.build) },
    UBR: { type: 'REG_DWORD', data: windows.ubr },
  });
  put('HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce', {});
  return {
    windows: { ...windows, locale: options.locale ?? 'en-US' },
    user: { name: user },
    env: {
      USERPROFILE: profile,
      LOCALAPPDATA: `${profile}\\AppData\\Local`,
      APPDATA: `${profile}\\AppData\\Roaming`,
      TEMP: `${profile}\\AppData\\Local\\Temp`,
      ProgramFiles: 'C:\\Program Files',
      SystemRoot: 'C:\\Windows',
      USERNAME: user,
      ProgramData: 'C:\\ProgramData',
    },
    hostEnv: {},
    session: { elevated: false },
    uac: { policy: 'accept', prompts: 0 },
    features: {
      VirtualMachinePlatform: { state: 'disabled' },
      'Microsoft-Windows-Subsystem-Linux': { state: 'disabled' },
      'Microsoft-Hyper-V-All': { state: 'disabled' },
    },
    rebootPending: false,
    wsl: {
      inbox: preset !== 'win10',
      package: null,
      latest: '2.6.3.0',
      githubReachable: true,
      legacyInbox: preset === 'win10',
    },
    registry,
    distros: {},
    catalogue: {},
    vm: { running: false, networkingMode: null },
    hns: null,
    adapters: [
      { name: 'Ethernet', ifIndex: 6, status: 'Up', hidden: false, ipv4: [{ address: '10.0.2.15', prefixLength: 24 }] },
    ],
    tasks: {},
    scheduledRestart: null,
    oobeStarted: [],
    mounts: [],
    boots: 1,
    network: { dns: {}, dnsCache: {}, dnsCacheFlushes: 0, timeoutMs: 3000 },
    heldFiles: {},
    pendingWrites: [],
    scoop: { remotes: {}, alreadyInstalledExitCode: 0, installerRuns: [], commands: [], autoUpdates: 0 },
  };
}
