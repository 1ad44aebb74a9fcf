/** What the backup core needs from the machine: ports only (built in src/app/backup.ts). */
import type { HostPort } from '../engine/ports/host.js';
import type { ElevationPort } from '../engine/ports/run.js';
import type { BackupMachinePort, GuestDockerPort } from '../engine/ports/backup.js';
import type * as archive from '../platform/backup/archive.js';

export type ArchivePort = Pick<
  typeof archive,
  | 'packTrees'
  | 'compressTarStream'
  | 'writeBytes'
  | 'hashFile'
  | 'readArchive'
  | 'decompressedStream'
  | 'restoreFs'
  | 'fileStream'
  | 'writeContainer'
  | 'scanContainer'
  | 'memberStream'
>;

export interface BackupDeps {
  host: HostPort;
  machine: BackupMachinePort;
  archive: ArchivePort;
  /** Docker where the engine runs, in the named distro (`--with-images`, and restoring its part). */
  docker?(distro: string): GuestDockerPort;
  /** Asks the user; resolves false when there is no terminal. */
  confirm(question: string): Promise<boolean>;
  progress(text: string): void;
  devboxVersion: string;
  /** The run's one UAC prompt, asked before the first administrator step (Scoop's global apps). */
  elevation?: ElevationPort;
  /**
   * Converges Scoop itself and the hosts entries its downloads depend on, as `devbox up` does (the
   * `hosts.entry` and `scoop.core` steps of the restored manifest at `manifestPath`; the installer is
   * verified by sha256), before a restore puts Scoop's buckets and apps back. Returns what it did;
   * throws a user error when a step fails.
   */
  installScoop?(manifestPath: string): Promise<string[]>;
}
