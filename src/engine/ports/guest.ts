/**
 * The operations the guest agent understands. Resources describe what they need as these values;
 * the agent runs a whole list in one process. Read operations never change the guest.
 */
import type { ProgressObserver } from './progress.js';

/** Reads a path without following a final symlink: its kind, link target, content, mode and owner. */
export interface ReadOp {
  op: 'read';
  path: string;
}

/** Runs a program (argv, no shell) and captures its exit code and output. */
export interface RunOp {
  op: 'run';
  argv: readonly string[];
  stdin?: string;
  /** The command only reads: it may run while probing and during a dry run. */
  readOnly?: boolean;
  /**
   * What the command proves when it is a check (e.g. "github.com resolves"): a dry run does not run
   * it, and says "would check that …, not run" instead of claiming the result.
   */
  check?: string;
}

/** Atomically replaces a file's whole content (temp file + rename), backing up the original once. */
export interface WriteOp {
  op: 'write';
  path: string;
  content: Uint8Array | string;
  /** Octal mode such as "644"; by default the replaced file's mode is kept. */
  mode?: string;
}

/** Removes a file or symlink, backing it up once first. */
export interface RemoveOp {
  op: 'remove';
  path: string;
}

/** Operations allowed while probing: reads, and commands marked read-only. */
export type GuestReadOp = ReadOp | (RunOp & { readOnly: true });
/** Any operation. */
export type GuestOp = ReadOp | RunOp | WriteOp | RemoveOp;

/** What a read found. */
export interface FileInfo {
  kind: 'missing' | 'file' | 'symlink' | 'dir' | 'other';
  /** Symlink target as stored in the link. */
  target?: string;
  /** Content of the file, or of the symlink's target when it is a readable regular file. */
  content?: Buffer;
  mode?: string;
  uid?: number;
  gid?: number;
  /** chattr +i is set (false when unknown). */
  immutable: boolean;
}

/** The result of one operation. */
export interface OpResult {
  /** 0 for success; the program's exit code for `run`. */
  code: number;
  stdout: Buffer;
  stderr: Buffer;
  /** The agent's own explanation when an operation failed before or instead of running. */
  error?: string;
  file?: FileInfo;
}

/** Text of a run's stdout. */
export function stdoutText(result: OpResult): string {
  return result.stdout.toString('utf8');
}

/** Content of a read as UTF-8 text, or undefined when there is no readable file. */
export function fileText(result: OpResult): string | undefined {
  return result.file?.content?.toString('utf8');
}

/** True for operations that cannot change the guest. */
export function isReadOnly(op: GuestOp): boolean {
  return op.op === 'read' || (op.op === 'run' && op.readOnly === true);
}

/**
 * A port that runs guest operations, all of one call in one agent process. A command's file
 * descriptor 3 is the agent's progress channel: apt given `-o APT::Status-Fd=3` reports there, and
 * the port passes those reports to `observer` while the command runs.
 */
export interface GuestPort {
  run(ops: readonly GuestOp[], observer?: ProgressObserver): Promise<OpResult[]>;
}

/** The file descriptor a guest command writes progress reports to (see GuestPort). */
export const guestProgressFd = 3;

/** The read-only view of a guest port given to `get`. */
export interface GuestReadPort {
  run(ops: readonly GuestReadOp[]): Promise<OpResult[]>;
}
