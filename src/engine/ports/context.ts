/**
 * The contexts resources are given: `get` receives read-only ports, `apply` the mutating ones. The
 * composition root (platform/runtime.ts) builds both; a dry run swaps the mutating ports for
 * recording ones there, and nowhere else.
 */
import type { GuestPort, GuestReadPort } from './guest.js';
import type { HostPort, HostReadPort } from './host.js';
import type { NetPort, NetReadPort } from './net.js';

/** Where a resource lives: `host` is Windows, `guest` is Linux in the distro. */
export type Plane = 'host' | 'guest';

/** What the engine knows about the machine it runs on. */
export interface PlatformFacts {
  os: 'windows' | 'linux' | 'other';
  /** For messages: where guest resources are applied. */
  guestDescription: string;
  /**
   * True when the guest's /proc/sys is the running kernel's own (the local system, a WSL distro, `--root /`).
   * Absent or false for another root filesystem: its /proc, if mounted, belongs to the host's kernel, so
   * only files are written there. Only the composition root, which knows the transport, sets it.
   */
  runningKernel?: boolean;
}

/** Ports a `get` may use: none of them can change anything. */
export interface ReadContext {
  platform: PlatformFacts;
  guest: GuestReadPort;
  /** Windows itself; present only when devbox runs on Windows (host resources are skipped elsewhere). */
  host?: HostReadPort;
  /** Absent where a run has no network access to give (resources that need it say so). */
  net?: NetReadPort;
}

/**
 * Reads the state a change just left. Real ports read the machine again; recording ports (a dry run)
 * made no change, so there is nothing to read back and the answer is `undefined`: the caller goes on
 * as if the change had worked. This is a port, not a flag: callers never learn which run they are in.
 */
export type ReadBack = <T>(read: () => Promise<T>) => Promise<T | undefined>;

/** The ReadBack of real ports: read again. */
export const readAgain: ReadBack = (read) => read();

/** The ReadBack of recording ports: nothing changed, nothing to read back. */
export const nothingToReadBack: ReadBack = () => Promise.resolve(undefined);

/** Reads back through the context's ReadBack (real ports when it has none). */
export function readBack<T>(ctx: Pick<ApplyContext, 'readBack'>, read: () => Promise<T>): Promise<T | undefined> {
  return (ctx.readBack ?? readAgain)(read);
}

/** Ports an `apply` may use. In a dry run the mutating ones record instead of acting. */
export interface ApplyContext {
  platform: PlatformFacts;
  guest: GuestPort;
  /** Windows itself; present only when devbox runs on Windows. */
  host?: HostPort;
  /** Downloads and network checks; in a dry run downloads are recorded instead. */
  net?: NetPort;
  /** How a step reads back what its own change did (see ReadBack); absent means real ports: read again. */
  readBack?: ReadBack;
  /** Progress detail for the user (one line). */
  report(message: string): void;
  /**
   * Asks the user a yes/no question about a side effect beyond the step itself (e.g. stopping
   * running distros). Absent, or answering false, means "don't": resources must then leave a note.
   */
  confirm?(question: string): Promise<boolean>;
}
