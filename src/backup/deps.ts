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
   * Converges, as `devbox up` does, the `hosts.entry` steps of the restored manifest at
   * `manifestPath` (resolved again for this machine: Scoop's and its apps' downloads depend on them)
   * and, with `withScoop`, Scoop itself (`scoop.core`: the installer is verified by sha256), before a
   * restore puts Scoop's buckets and apps back. Steps the manifest does not declare are left out.
   * Returns what it did; throws a user error when a step fails.
   */
  convergeForScoop?(manifestPath: string, options: { withScoop: boolean }): Promise<string[]>;
}
