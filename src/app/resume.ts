/**
 * The decisions `up` makes about resuming and restarting, as pure functions of the journal's last
 * run and the request: what to resume, whether the resume cap is reached, and what to do when a
 * step needs Windows to restart. app/up.ts carries them out.
 */
import type { ResumableRun } from '../engine/journal.js';
import type { RunOptions } from '../engine/ports/journal.js';

/** How many times one run may be started in total (first run plus resumes). */
export const defaultResumeCap = 3;

/** The request fields a resumed run takes from the run it continues. */
export interface ResumableRequest {
  manifestRef: string;
  plane?: RunOptions['plane'];
  root?: string;
  only?: string[];
  skip?: string[];
  trustRemote?: boolean;
  reboot?: boolean;
}

/** What `up --resume` does with the journal's last run. */
export type ResumeDecision =
  | { kind: 'nothing-to-resume' }
  | { kind: 'cap-reached'; attempts: number; origin: string }
  | { kind: 'resume'; previous: ResumableRun };

export function decideResume(previous: ResumableRun | undefined, cap: number = defaultResumeCap): ResumeDecision {
  if (!previous) return { kind: 'nothing-to-resume' };
  if (previous.attempt >= cap) return { kind: 'cap-reached', attempts: previous.attempt, origin: previous.origin };
  return { kind: 'resume', previous };
}

/** The request of a resumed run: the earlier run's manifest and options, the current flags for the rest. */
export function resumedRequest<R extends ResumableRequest>(request: R, options: RunOptions): R {
  return {
    ...request,
    manifestRef: options.manifestRef,
    ...(options.plane ? { plane: options.plane } : {}),
    ...(options.root ? { root: options.root } : {}),
    ...(options.only ? { only: options.only } : {}),
    ...(options.skip ? { skip: options.skip } : {}),
    ...(options.trustRemote ? { trustRemote: options.trustRemote } : {}),
    ...(options.reboot ? { reboot: true } : {}),
  };
}

/** The options a run is journaled with: enough to start it again. */
export function runOptionsOf(request: ResumableRequest): RunOptions {
  return {
    manifestRef: request.manifestRef,
    ...(request.plane ? { plane: request.plane } : {}),
    ...(request.root ? { root: request.root } : {}),
    ...(request.only ? { only: request.only } : {}),
    ...(request.skip ? { skip: request.skip } : {}),
    ...(request.trustRemote ? { trustRemote: true } : {}),
    ...(request.reboot ? { reboot: true } : {}),
  };
}

/**
 * What to do when a step completes only after Windows restarts. `cap-reached`: this run was started
 * `cap` times, so no further resume is scheduled (a step that never completes cannot restart the
 * machine in a loop). `ask-user`: nothing can schedule a resume here (not on Windows). Otherwise
 * register the resume at the next logon, and with `--reboot` restart too.
 */
export type RebootDecision = 'cap-reached' | 'ask-user' | 'schedule-resume' | 'schedule-resume-and-restart';

export function decideAfterRebootRequired(
  attempt: number,
  options: { cap?: number; canSchedule: boolean; reboot: boolean },
): RebootDecision {
  if (attempt >= (options.cap ?? defaultResumeCap)) return 'cap-reached';
  if (!options.canSchedule) return 'ask-user';
  return options.reboot ? 'schedule-resume-and-restart' : 'schedule-resume';
}
