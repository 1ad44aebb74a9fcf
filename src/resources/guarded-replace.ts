/**
 * Editing a Windows file another program may also write (the hosts file, Scoop's config.json):
 * read, compute the new content, and replace the file only if it still holds what was read
 * (HostPort.replaceFile's sha256 guard). When it changed meanwhile, read again; after a few tries,
 * give up with nothing half-written.
 */
import type { HostPort, ReplaceFileRequest, ReplaceFileResult } from '../engine/ports/host.js';

/** One attempt: either nothing (more) to write, or the replacement to try and what it means when it lands. */
export type GuardedAttempt<T> =
  { done: T } | { replace: ReplaceFileRequest; written(result: Extract<ReplaceFileResult, { ok: true }>): T };

export interface GuardedReplaceErrors {
  /** Another program held the file open for the whole retry time (the file is unchanged). */
  busy(message: string): Error;
  /** The file changed under devbox at every attempt (the file is unchanged). */
  race(): Error;
  /** Told before each new attempt after the file changed. */
  changed?(): void;
}

/** Runs `attempt` until its replacement lands or nothing is left to write; at most `tries` times. */
export async function guardedReplace<T>(
  host: HostPort,
  attempt: () => Promise<GuardedAttempt<T>>,
  errors: GuardedReplaceErrors,
  tries = 5,
): Promise<T> {
  for (let n = 0; n < tries; n++) {
    const next = await attempt();
    if ('done' in next) return next.done;
    const result = await host.replaceFile(next.replace);
    if (result.ok) return next.written(result);
    if (result.reason === 'busy') throw errors.busy(result.message);
    errors.changed?.();
  }
  throw errors.race();
}
