/**
 * The file operations a download needs, as a port: src/net decides what to write where, and
 * src/platform (files.ts) is the only code that touches the disk.
 */

/** A file being downloaded into: written at offsets by several connections, read back to hash. */
export interface PartFile {
  /** Writes all of `data` at `position`. */
  write(data: Uint8Array, position: number): Promise<void>;
  /** Reads up to `length` bytes at `position` into `into`; returns how many were read (0 at the end). */
  read(into: Uint8Array, position: number, length: number): Promise<number>;
  truncate(size: number): Promise<void>;
  /** Flushes written data to the disk, so a recorded range survives a crash of the machine too. */
  datasync(): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

/** A file opened only to read it (a cache entry, an existing destination). */
export interface ReadOnlyFile {
  read(into: Uint8Array, position: number, length: number): Promise<number>;
  size(): Promise<number>;
  close(): Promise<void>;
}

/** What the downloader may do to the disk. Paths are absolute. */
/** Why a download cannot be put at a path (DownloadFiles.targetProblem). */
export type TargetProblem = { isFolder: true } | { notAFile: true } | { notAFolder: string };

export interface DownloadFiles {
  /** The sha256-keyed cache directory, or undefined when caching is off. */
  readonly cacheDir: string | undefined;
  /** Opens (creating it and its folder when missing) a file to download into, keeping what it holds. */
  openPart(path: string): Promise<PartFile>;
  /**
   * Why a file cannot be put at `path`: it is a folder, or something else that is not a regular file
   * (a device, pipe or socket), or an existing ancestor (`notAFolder`) is not a folder; undefined when
   * it can (missing folders are created).
   */
  targetProblem(path: string): Promise<TargetProblem | undefined>;
  /** Opens a file for reading; undefined when it does not exist. */
  openRead(path: string): Promise<ReadOnlyFile | undefined>;
  /** A small text file's content (resume state); undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
  /** Replaces a small text file atomically (temp file + rename). */
  writeTextAtomic(path: string, text: string): Promise<void>;
  /** Moves a file into place (same file system), replacing what is there; creates the target folder. */
  rename(from: string, to: string): Promise<void>;
  /** Makes `to` hold the same bytes as `from` (hard link, else copy), atomically; creates its folder. */
  linkOrCopy(from: string, to: string): Promise<void>;
  /** Removes a file; no error when it does not exist. */
  remove(path: string): Promise<void>;
  /** Takes an exclusive lock named by `path` (a pid file): the release function, or the pid of the live process holding it. */
  lock(path: string): Promise<(() => Promise<void>) | { heldBy: number }>;
}
