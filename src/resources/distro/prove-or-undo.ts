/**
 * A change in the distro that must prove itself or be undone (apt's sources, then `apt-get update`;
 * resolv.conf, then a lookup): the change and its proof run in one guest batch; when the proof
 * fails, the undo runs at once, and the error says whether the machine is back as it was.
 */
import type { GuestOp, GuestPort, OpResult } from '../../engine/ports/guest.js';

export interface ProvedChange {
  /** The writes and the proving command, in one batch. */
  change: readonly GuestOp[];
  /** Why the change did not work (undefined: it did), from the batch's results. */
  judge(results: readonly OpResult[]): string | undefined;
  /** What puts the previous state back. */
  undo(): readonly GuestOp[];
  /** The error to throw: why it failed, and the undo's own results (same order as `undo()`). */
  failed(why: string, undone: readonly OpResult[]): Error;
}

/** Applies a change that must prove itself; on failure undoes it and throws. Resolves to the change's results. */
export async function proveOrUndo(guest: GuestPort, step: ProvedChange): Promise<OpResult[]> {
  const results = await guest.run(step.change);
  const why = step.judge(results);
  if (why === undefined) return results;
  const undo = step.undo();
  const undone = undo.length > 0 ? await guest.run(undo) : [];
  throw step.failed(why, undone);
}
