/**
 * The ports of one run beyond what resources see: the run lock, elevation, restarts, and what a dry
 * run recorded. platform/runtime.ts builds them; the app layer (src/app) is given them.
 */
import type { ApplyContext, PlatformFacts, ReadContext } from './context.js';
import type { Journal } from './journal.js';

/** One change a dry run would have made: where (the guest's description, or `Windows`) and what. */
export interface RecordedChange {
  where: string;
  /** What would have been done, e.g. "run apt-get update" or "check that github.com resolves". */
  what: string;
  /** A check a dry run did not run: its outcome is unknown. */
  notRun?: true;
}

/** Elevation for the run: one UAC prompt before the first administrator step (platform/windows/elevation.ts). */
export interface ElevationPort {
  /** Starts the elevated helper for these step ids; throws a PrerequisiteError when the user declines. */
  prepare(steps: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** What the app layer needs to get through a restart of Windows. */
export interface RebootPort {
  /** Registers the command that continues the run after the next logon; returns its command line. */
  scheduleResume(args: readonly string[]): Promise<string>;
  /** Asks Windows to restart after `delaySeconds`. */
  restart(delaySeconds: number): Promise<void>;
}

/** The lock that keeps two `devbox up` runs from editing the same files. */
export interface RunLock {
  /** Takes the lock (a LockedError when another run holds it); resolves to its release. */
  acquire(): Promise<() => Promise<void>>;
}

/** devbox's own state on this machine: the journal and the run lock. */
export interface StatePorts {
  journal: Journal;
  lock: RunLock;
}

/** The ports of one run on this machine. */
export interface Runtime {
  platform: PlatformFacts;
  /** Processes this run started, by program (Windows process starts are a budget). */
  processes: { readonly started: ReadonlyMap<string, number> };
  read: ReadContext;
  apply: Omit<ApplyContext, 'report'>;
  /** What a dry run would have changed (empty for real runs). */
  recorded: RecordedChange[];
  /**
   * Why the guest cannot be changed by this process (e.g. not root on Linux), checked before the
   * first step so a run stops at once rather than failing every guest step; undefined when it can.
   */
  guestChangeRefusal?(): Error | undefined;
  /** On Windows: the one elevated context of the run. */
  elevation?: ElevationPort;
  /** On Windows: resuming after a restart. */
  reboot?: RebootPort;
}
