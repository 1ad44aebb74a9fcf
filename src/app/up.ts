/**
 * `up`: plan, confirm, apply, journal. Holds the run lock so two runs never edit the same files, and
 * supports `--resume` for a run that was interrupted (crash, signal, reboot), capped so a step that
 * keeps failing cannot loop.
 */
import { t } from '../i18n/catalogue.js';
import { randomUUID } from 'node:crypto';
import { ApplyFailedError, InterruptedError, RebootRequiredError, UsageError } from '../errors.js';
import { executePlan, type ExecutorEvent, type RunReport } from '../engine/executor.js';
import {
  findResumableRun,
  MemoryJournal,
  type Journal,
  type ResumableRun,
  type RunOptions,
} from '../engine/journal.js';
import { changesMachine, type Plan } from '../engine/plan.js';
import type { RecordedChange, StatePorts } from '../engine/ports/index.js';
import { decideAfterRebootRequired, decideResume, defaultResumeCap, resumedRequest, runOptionsOf } from './resume.js';
import { hintCommand, invocationOf } from './hint.js';
import { confirmWith, type ConsentSource } from './consent.js';
import { openSession, planSession, type Session, type SessionDeps, type SessionRequest } from './session.js';

export { defaultResumeCap };

export interface UpRequest extends SessionRequest {
  resume?: boolean;
  resumeCap?: number;
  /** When Windows must restart: restart it after a countdown instead of asking the user to. */
  reboot?: boolean;
}

/** Seconds between `--reboot` scheduling the restart and Windows restarting (cancel: shutdown /a). */
export const rebootDelaySeconds = 60;

export interface UpHooks {
  /**
   * Who answers the run's questions (the plan, and side effects beyond a step such as stopping
   * running distros). Without `yes` or `ask`, a run that would change something stops with exit 2.
   */
  consent: ConsentSource;
  onPlan?(plan: Plan): void;
  onEvent?(event: ExecutorEvent): void;
  signal?: AbortSignal;
}

/** The result of `up`, also its `--json` output. */
export interface UpResult {
  run?: string;
  dryRun: boolean;
  plan: Plan;
  report?: RunReport;
  /** In a dry run: every change that would have been made. */
  wouldChange?: RecordedChange[];
  resumedFrom?: string;
  /** Processes this run started, by program (Windows process starts are a budget). */
  processStarts?: Record<string, number>;
  /** The command Windows runs at the next logon to continue, when a restart is needed. */
  resumeCommand?: string;
}

async function resolveResume(
  request: UpRequest,
  journal: Journal,
): Promise<{ request: UpRequest; previous?: ResumableRun }> {
  if (!request.resume) return { request };
  const decision = decideResume(findResumableRun(await journal.readAll()), request.resumeCap);
  if (decision.kind === 'nothing-to-resume') {
    throw new UsageError(t('up.nothingToResume'), { suggestions: [t('up.nothingToResumeFix')] });
  }
  if (decision.kind === 'cap-reached') {
    throw new ApplyFailedError(t('up.resumeCap', { origin: decision.origin, attempts: decision.attempts }), {
      code: 'resume.cap',
      suggestions: [t('up.resumeCapFix')],
    });
  }
  return { previous: decision.previous, request: resumedRequest(request, decision.previous.options) };
}

/**
 * A step completes only after Windows restarts: register the resume at next logon (and restart
 * with --reboot), unless this run already used up its resumes.
 */
async function afterRebootRequired(
  request: UpRequest,
  attempt: number,
  report: RunReport,
  session: Session,
  result: UpResult,
): Promise<never> {
  const waiting = report.steps.filter((s) => s.outcome === 'reboot-required').map((s) => s.id);
  const failed = report.steps.filter(
    (s) => s.outcome === 'failed' || (s.outcome === 'blocked' && s.blockedBy?.cause !== 'reboot'),
  );
  const failures =
    failed.length > 0
      ? t('up.failuresList', { steps: failed.map((s) => `  ${s.id}: ${s.error ?? s.outcome}`).join('\n') })
      : '';
  const cap = request.resumeCap ?? defaultResumeCap;
  const reboot = session.runtime.reboot;
  const decision = decideAfterRebootRequired(attempt, {
    cap,
    canSchedule: reboot !== undefined,
    reboot: request.reboot === true,
  });
  if (decision === 'cap-reached') {
    throw Object.assign(
      new ApplyFailedError(t('up.rebootCap', { waiting: waiting.join(', '), attempt, cap, failures }), {
        code: 'resume.cap',
        suggestions: [t('up.rebootCapFix')],
      }),
      { result },
    );
  }
  if (decision === 'ask-user' || !reboot)
    throw Object.assign(new RebootRequiredError(t('up.restartByHand', { waiting: waiting.join(', '), failures })), {
      result,
    });
  const resumeCommand = await reboot.scheduleResume(['up', '--resume', '--yes']);
  result.resumeCommand = resumeCommand;
  if (decision === 'schedule-resume-and-restart') await reboot.restart(rebootDelaySeconds);
  result.processStarts = Object.fromEntries(session.runtime.processes.started);
  const next =
    decision === 'schedule-resume-and-restart'
      ? t('up.restartIn', { seconds: rebootDelaySeconds })
      : t('up.restartNow');
  throw Object.assign(
    new RebootRequiredError(
      t('up.restartScheduled', { waiting: waiting.join(', '), next, attempt: attempt + 1, cap, failures }),
      { suggestions: [t('up.restartScheduledFix')] },
    ),
    { result },
  );
}

async function recordConverged(
  journal: Journal,
  session: Session,
  request: UpRequest,
  previous: ResumableRun,
): Promise<void> {
  const run = randomUUID();
  const ts = new Date().toISOString();
  await journal.append({
    type: 'run-start',
    run,
    ts,
    command: 'up',
    manifestHash: session.loaded.hash,
    options: { ...previous.options, manifestRef: request.manifestRef },
    attempt: previous.attempt + 1,
    resumeOf: previous.origin,
  });
  await journal.append({ type: 'run-end', run, ts, status: 'ok' });
}

/** What `up` is given: the session's collaborators, and devbox's journal and run lock. */
export interface UpDeps extends SessionDeps {
  state: StatePorts;
}

/** Converges the machine to the manifest. Throws ApplyFailedError (exit 4) when a step fails. */
export async function up(initial: UpRequest, hooks: UpHooks, deps: UpDeps): Promise<UpResult> {
  const dryRun = initial.dryRun ?? false;
  const files = deps.state;
  const release = dryRun ? undefined : await files.lock.acquire();
  let elevation: Session['runtime']['elevation'];
  try {
    const { request, previous } = await resolveResume(initial, files.journal);
    const session = await openSession(request, deps);
    elevation = session.runtime.elevation;
    const planned = await planSession(session);
    hooks.onPlan?.(planned.plan);
    const base: UpResult = { dryRun, plan: planned.plan, ...(previous ? { resumedFrom: previous.run } : {}) };
    const hasChanges = planned.plan.steps.some((s) => changesMachine(s.action) || s.action === 'error');
    if (!hasChanges) {
      // A resume that finds nothing left to do completes the chain it continues.
      if (previous && !dryRun) await recordConverged(files.journal, session, request, previous);
      return { ...base, processStarts: Object.fromEntries(session.runtime.processes.started) };
    }
    const changesGuest = planned.plan.steps.some(
      (s) => s.plane === 'guest' && (changesMachine(s.action) || s.action === 'pending'),
    );
    // A dry run stops where the run would (guest changes as non-root: exit 7), never showing changes
    // this user could not make; `devbox plan` is the look that needs no rights.
    const refusal = changesGuest ? session.runtime.guestChangeRefusal?.() : undefined;
    if (refusal) throw refusal;
    if (!dryRun) {
      const count = planned.plan.steps.filter((s) => changesMachine(s.action)).length;
      if (!(await confirmWith(hooks.consent, t('consent.applyChanges', { count }))))
        throw new InterruptedError(t('up.notConfirmed'));
    }
    // A dry run shows what would happen if every answer were yes.
    const confirm = (question: string) => (dryRun ? Promise.resolve(true) : confirmWith(hooks.consent, question));

    const journal: Journal = dryRun ? new MemoryJournal() : files.journal;
    const run = randomUUID();
    const options: RunOptions = runOptionsOf(request);
    // Every administrator step of the run goes through one elevated helper: ask for it (the one UAC
    // prompt) before the first change, so a declined prompt leaves nothing half done.
    const needAdmin = planned.plan.steps.filter((s) => changesMachine(s.action) && s.needsElevation).map((s) => s.id);
    if (!dryRun && needAdmin.length > 0) await session.runtime.elevation?.prepare(needAdmin);
    const attempt = previous ? previous.attempt + 1 : 1;
    await journal.append({
      type: 'run-start',
      run,
      ts: new Date().toISOString(),
      command: 'up',
      manifestHash: session.loaded.hash,
      options,
      attempt,
      ...(previous ? { resumeOf: previous.origin } : {}),
    });
    const report = await executePlan(planned, {
      read: session.runtime.read,
      apply: { ...session.runtime.apply, confirm },
      journal,
      runId: run,
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      ...(hooks.onEvent ? { onEvent: hooks.onEvent } : {}),
    });
    const status = report.interrupted
      ? 'interrupted'
      : report.ok
        ? 'ok'
        : report.rebootRequired
          ? 'reboot-required'
          : 'failed';
    await journal.append({ type: 'run-end', run, ts: new Date().toISOString(), status });
    const result: UpResult = {
      ...base,
      run,
      report,
      processStarts: Object.fromEntries(session.runtime.processes.started),
      ...(dryRun ? { wouldChange: session.runtime.recorded } : {}),
    };
    if (report.interrupted) throw Object.assign(new InterruptedError(t('up.interrupted')), { result });
    if (report.rebootRequired) await afterRebootRequired(request, attempt, report, session, result);
    if (!report.ok) {
      const failed = report.steps.filter((s) => s.outcome === 'failed' || s.outcome === 'blocked');
      const invocation = invocationOf(request, session.runtime.platform.os);
      const steps = { count: failed.length, steps: failed.map((s) => `  ${s.id}: ${s.error ?? s.outcome}`).join('\n') };
      // A dry run claims no result: what it found would fail, and `plan` shows the same.
      throw Object.assign(
        new ApplyFailedError(dryRun ? t('up.wouldFail', steps) : t('up.notConverged', steps), {
          suggestions: [
            dryRun
              ? t('up.wouldFailFix', { plan: hintCommand(invocation, ['plan']), up: hintCommand(invocation, ['up']) })
              : t('up.notConvergedFix', { command: hintCommand(invocation, ['up']) }),
          ],
        }),
        { result },
      );
    }
    return result;
  } finally {
    await elevation?.close();
    await release?.();
  }
}
