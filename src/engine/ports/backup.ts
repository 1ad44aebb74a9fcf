/**
 * How backups reach the machine (src/backup's side effects): Windows folders as local paths, free
 * space per volume, atomic small files, and programs with streaming stdio (`wsl --export … -`
 * produces gigabytes: it is never buffered). Implemented by src/platform/backup/machine.ts.
 */
import type { Readable } from 'node:stream';

/**
 * An archive part whose bytes are not what devbox writes: zstd refuses them (bad frame, checksum,
 * cut inside a frame), the tar inside is malformed, or its closing index is not JSON. Thrown by the
 * archive engine's readers (src/platform/backup/tar-read.ts), never for the source's own read
 * errors nor for what the caller's entry handler throws; the core names the part as damaged.
 */
export class ArchiveFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArchiveFormatError';
  }
}

/**
 * A part's stored bytes could not be read while it was decoded (its file gone, a drive unplugged:
 * ENOENT, EIO): the archive engine's readers wrap their source's read errors in it, `cause` being
 * the system's error; the core names the part as unreadable, not the archive as malformed.
 */
export class PartReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PartReadError';
  }
}

/** A started program: its stdout as a stream, and how it ended. */
export interface StreamingRun {
  stdout: Readable;
  done: Promise<{ exitCode: number | null; stderr: Buffer; signal: string | null }>;
}

export interface BackupMachinePort {
  /** The local path of an absolute Windows path (identity on Windows). */
  local(windowsPath: string): string;
  exists(path: string): Promise<boolean>;
  isDir(path: string): Promise<boolean>;
  /** What is at `path`, not following a final symbolic link's absence (lstat, then stat for a link). */
  pathKind(
    path: string,
  ): Promise<'file' | 'directory' | 'char-device' | 'block-device' | 'fifo' | 'socket' | 'missing'>;
  list(path: string): Promise<string[]>;
  readFile(path: string): Promise<Buffer | undefined>;
  /** Writes through a temp file and rename. */
  writeFileAtomic(path: string, content: Uint8Array): Promise<void>;
  mkdir(path: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Moves `from` to `to`, replacing an empty folder there as on every system (Windows refuses otherwise). */
  rename(from: string, to: string): Promise<void>;
  /** Free bytes on the volume holding `path` (or its nearest existing parent). */
  freeBytes(path: string): Promise<number>;
  /**
   * Which volume holds `path` (or its nearest existing parent): equal strings, same volume. The
   * device number from stat (on Windows, the volume's serial number).
   */
  volumeOf(path: string): Promise<string>;
  /** The folder `tempDir` creates its folders in. */
  tempRoot(): string;
  /** Total bytes of the regular files under a folder. */
  treeBytes(path: string): Promise<number>;
  /** Starts a program (argv, never a shell); `stdin` is piped in when given. */
  spawn(
    file: string,
    args: readonly string[],
    options?: { stdin?: Readable; env?: Record<string, string>; cwd?: string },
  ): StreamingRun;
  /** A fresh temporary folder for this run. */
  tempDir(): Promise<string>;
}

/**
 * `docker ARGS` where Docker Engine runs (inside the distro: `wsl.exe -d D -u root --exec docker …`;
 * on Linux, the local client), stdio streaming: `docker save` / `docker load` move gigabytes.
 * A missing program rejects `done` with a PrerequisiteError. Implemented by src/platform/backup/docker.ts.
 */
export interface GuestDockerPort {
  run(args: readonly string[], options?: { stdin?: Readable }): StreamingRun;
  /**
   * Another program in the same place, as root (argv, never a shell line): devbox's record of the
   * images a restore loaded lives beside the engine, where `cluster.image` reads it.
   */
  exec(argv: readonly string[], options?: { stdin?: Readable }): StreamingRun;
}
