/**
 * The host port (owned by the engine, implemented in platform/windows): how resources see and change Windows. Reads are data operations answered by one
 * PowerShell probe process per batch (all host `get`s of a plan share it); changes run Windows' own
 * tools with argv arrays, or devbox's fixed PowerShell scripts with parameters passed as data.
 */

import { t } from '../../i18n/catalogue.js';

/** The Windows programs devbox runs. Nothing else can be started through the host port. */
export const windowsTools = [
  'wsl.exe',
  'dism.exe',
  'reg.exe',
  'netsh.exe',
  'schtasks.exe',
  'msiexec.exe',
  'shutdown.exe',
  'powershell.exe',
] as const;
export type WindowsTool = (typeof windowsTools)[number];

/**
 * Environment variables a command may be given (Scoop's folders). Nothing else: the
 * elevated helper refuses other names.
 */
export const commandEnvNames = ['SCOOP', 'SCOOP_GLOBAL', 'SCOOP_CACHE'] as const;

/**
 * One run of a Windows tool. powershell.exe runs only Scoop's own scripts (the pinned installer and
 * scoop.ps1) as files, never a command string: see resources/scoop/commands.ts.
 */
export interface HostCommand {
  tool: WindowsTool;
  /** Passed as an argv array: never joined into a shell or PowerShell string. */
  args: readonly string[];
  /** Extra environment (names from commandEnvNames only). */
  env?: Readonly<Record<string, string>>;
  /** Needs administrator rights: runs in the elevated helper, or directly when devbox is elevated. */
  elevated?: boolean;
  /** Only reads: it may run during a dry run. */
  readOnly?: boolean;
  timeoutMs?: number;
}

/** What a Windows tool did. Exit codes are Windows' 32-bit ones (wsl.exe's -1 is 4294967295). */
export interface HostCommandResult {
  exitCode: number | null;
  stdout: Buffer;
  stderr: Buffer;
  timedOut: boolean;
}

/** Read operations of the host probe. Paths may use %VARIABLE% references, expanded on Windows. */
export type HostReadOp =
  | { op: 'os' }
  /** An optional feature's Win32_OptionalFeature InstallState (readable without elevation). */
  | { op: 'feature'; name: string }
  | { op: 'service'; name: string }
  /** A registry key (HKLM\… or HKCU\…) with its values, and with `depth: 1` its subkeys' values. */
  | { op: 'registry'; key: string; depth?: 0 | 1 }
  /** A file's bytes (at most 1 MiB). */
  | { op: 'file'; path: string }
  | { op: 'fileHash'; path: string }
  /** The product version of an executable (the WSL package's wsl.exe). */
  | { op: 'fileVersion'; path: string }
  /** Network adapters including hidden ones (the WSL adapter is hidden on Windows 11 22H2+), with IPv4 addresses. */
  | { op: 'adapters' }
  /** Fixed drives that are ready (the wizard offers them for Scoop's folders), with free space. */
  | { op: 'drives' }
  /** A scheduled task by folder (\\devbox) and name. */
  | { op: 'task'; folder: string; name: string }
  /** How many processes with this image name (without .exe) run, e.g. vmmemWSL for the WSL 2 VM. */
  | { op: 'process'; name: string }
  /** The user's display language (Get-UICulture), e.g. `zh-CN`: messages speak it (src/i18n). */
  | { op: 'uiCulture' }
  /**
   * Scoop as it is on disk: its environment variables, config.json, and the apps and buckets of
   * `roots` plus every root Scoop itself would find (environment, config, PATH, the defaults).
   * `details` adds what only an export needs (bucket manifest counts).
   */
  | { op: 'scoop'; roots: readonly string[]; details?: boolean };

export interface OsFacts {
  build: number;
  /** Update build revision: 22621.2428 has build 22621, ubr 2428. */
  ubr: number;
  elevated: boolean;
  /** USERPROFILE, LOCALAPPDATA, ProgramFiles, SystemRoot, TEMP, USERNAME. */
  env: Record<string, string>;
}

/** A registry value as read: REG_SZ/REG_EXPAND_SZ as text, REG_DWORD/REG_QWORD as numbers, REG_MULTI_SZ as a list. */
export interface RegistryValue {
  type: string;
  data: string | number | string[];
}

export interface RegistryFacts {
  exists: boolean;
  values: Record<string, RegistryValue>;
  /** Present with `depth: 1`. */
  subkeys?: Record<string, { values: Record<string, RegistryValue> }>;
}

export interface AdapterFacts {
  name: string;
  ifIndex: number;
  status: string;
  hidden: boolean;
  ipv4: { address: string; prefixLength: number }[];
}

export interface DriveFacts {
  /** "D:" */
  letter: string;
  label: string;
  freeBytes: number;
  totalBytes: number;
  /** The drive Windows runs from (%SystemRoot%'s). */
  system: boolean;
}

export interface TaskFacts {
  exists: boolean;
  actions: { execute: string; arguments: string }[];
  /** Trigger kinds: logon, boot, time, other. */
  triggers: string[];
  runLevel: 'highest' | 'limited' | null;
}

/** The result of one read, in the order asked. `error` means this operation failed on Windows. */
export type HostReadResult =
  | { error: string }
  | { os: OsFacts }
  | { installState: number | null }
  | { service: { exists: boolean; status: string | null } }
  | { registry: RegistryFacts }
  | { file: { exists: boolean; content?: Buffer } }
  | { hash: string | null }
  | { version: string | null }
  | { adapters: AdapterFacts[] }
  | { drives: DriveFacts[] }
  | { task: TaskFacts }
  | { processes: number }
  | { uiCulture: string }
  /** Shape owned by resources/scoop/probe.ts, which narrows it (`ScoopProbe`). */
  | { scoop: unknown };

/** The read-only view of Windows given to `get`. */
export interface HostReadPort {
  probe(ops: readonly HostReadOp[]): Promise<HostReadResult[]>;
}

/** A guarded replacement of a file another program may also write (the hosts file, Scoop's config.json). */
export interface ReplaceFileRequest {
  /** Absolute Windows path; %VARIABLE% references are expanded on Windows. */
  path: string;
  content: Uint8Array;
  /**
   * The sha256 of the bytes `content` was computed from: when the file holds anything else by the
   * time it is replaced (another program wrote it meanwhile), nothing is written and the answer is
   * `changed`. null: the file must not exist yet.
   */
  expectedSha256: string | null;
  /** Needs administrator rights (the hosts file): runs in the elevated helper. */
  elevated?: boolean;
  /** Flush Windows' DNS cache after writing (so a changed hosts entry takes effect at once). */
  flushDns?: boolean;
  /** How long to keep retrying while another program holds the file open (default 10 s). */
  retryMs?: number;
}

/**
 * `ok`: written (atomically, attributes such as read-only kept, the original backed up once).
 * `changed`: the file is not what the content was computed from; re-read and try again.
 * `busy`: another program held the file for the whole retry time.
 */
export type ReplaceFileResult =
  | { ok: true; backup: string | null; dnsFlushed: boolean }
  | { ok: false; reason: 'changed'; actualSha256: string | null }
  | { ok: false; reason: 'busy'; message: string };

/** Everything `apply` may do on Windows. In a dry run the changing calls are recorded instead. */
export interface HostPort extends HostReadPort {
  exec(command: HostCommand): Promise<HostCommandResult>;
  /** Replaces a file atomically (temp file + rename), backing up the original once. */
  writeFile(path: string, content: Uint8Array): Promise<void>;
  /** Replaces a file only if it still holds what the caller read (see ReplaceFileRequest). */
  replaceFile(request: ReplaceFileRequest): Promise<ReplaceFileResult>;
}

/** Narrows a probe result, turning a per-operation error into an exception that names the operation. */
export function expectResult<K extends string>(
  result: HostReadResult | undefined,
  key: K,
  what: string,
): Extract<HostReadResult, Record<K, unknown>>[K] {
  if (result === undefined) throw new Error(t('probe.noResult', { what }));
  if ('error' in result) throw new Error(t('probe.cannotReadWindows', { what, error: result.error }));
  if (!(key in result)) throw new Error(t('probe.unexpected', { what }));
  return (result as Record<K, unknown>)[key] as Extract<HostReadResult, Record<K, unknown>>[K];
}
