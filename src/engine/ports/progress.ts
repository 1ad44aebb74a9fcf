/**
 * What a running step reports while it works, for the task list: bytes of a download, apt's own
 * percentage. Ports report it to the observer the executor gives them; the UI renders it.
 */

/** One progress report of the running step. */
export type StepProgress =
  | {
      kind: 'transfer';
      /** The file being fetched. */
      name: string;
      /** Bytes so far (including what an earlier run left). */
      bytes: number;
      /** The file's size, when the server said. */
      total?: number;
      /** Bytes per second over the last few seconds. */
      rate: number;
      /** Seconds left at that rate, when it can be told. */
      etaSeconds?: number;
      done: boolean;
    }
  | {
      /** apt's Status-Fd reports (apt's doc/progress-reporting.md): downloads, then dpkg's work. */
      kind: 'apt';
      phase: 'download' | 'install';
      /** apt's total percentage, 0-100. */
      percent: number;
      /** apt's own description, e.g. "Unpacking curl (amd64)". */
      text: string;
    };

/** Receives a running step's progress; it must not throw, and is called often (throttle when drawing). */
export interface ProgressObserver {
  progress(report: StepProgress): void;
}

/** The end of a failing command's output, kept for the user and the run log. */
export interface OutputTail {
  /** The command, as argv joined for reading (never run from this text). */
  command: string;
  /** Its exit code. */
  exitCode: number;
  /** The last lines of its stdout then its stderr. */
  lines: string[];
  /** How many lines it printed in all. */
  totalLines: number;
}
