/**
 * `up`: plan, confirm, apply, journal. Holds the run lock so two runs never edit the same files, and
 * supports `--resume` for a run that was interrupted (crash, signal, reboot), capped so a step that
 * keeps failing cannot loop.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ApplyFailedError, InterruptedError, UsageError } from '../errors.js';
import { executePlan, type ExecutorEvent, type RunReport } from '../engine/executor.js';
import { findResumableRun, MemoryJournal, type Journal, type ResumableRun, type RunOptions } from '../engine/journal.js';
import { changesMachine, type Plan } from '../engine/plan.js';
import { acquireLock, FileJournal, stateDirectory } from '../platform/state.js';
import type { RecordedChange } from '../platform/guest/recording.js';
import { openSession, planSession, type SessionDeps, type SessionRequest } from './session.js';

/** How many times one run may be started in total (first run plus resumes). */
export const defaultResumeCap = 3;

export interface UpRequest extends SessionRequest {
  resume?: boolean;
  resumeCap?: number;
}

export interface UpHooks {
  /** Shown the plan; resolves false to stop without changing anything. */
  confirm(plan: Plan): Promise<boolean>;
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
}

function journalFor(env: NodeJS.ProcessEnv | undefined): { journal: FileJournal; lockPath: string } {
  const dir = stateDirectory(env ?? process.env);
  return { journal: new FileJournal(join(dir, 'journal.jsonl')), lockPath: join(dir, 'up.lock') };
}

async function resolveResume(request: UpRequest, journal: Journal): Promise<{ request: UpRequest; previous?: ResumableRun }> {
  if (!request.resume) return { request };
  const previous = findResumableRun(await journal.readAll());
  if (!previous) throw new UsageError('There is no interrupted run to resume: the last `devbox up` finished (or none ran yet).', { suggestions: ['Run `devbox up` without --resume.'] });
  const cap = request.resumeCap ?? defaultResumeCap;
  if (previous.attempt >= cap) {
    throw new ApplyFailedError(`The run ${previous.origin} was already started ${previous.attempt} times and did not finish; devbox stops resuming it so a failing step cannot loop.`, {
      code: 'resume.cap',
      suggestions: ['Look at the failed step in `devbox status`, fix its cause, then run `devbox up` (without --resume).'],
    });
  }
  const o = previous.options;
  return {
    previous,
    request: {
      ...request,
      manifestRef: o.manifestRef,
      ...(o.plane ? { plane: o.plane } : {}),
      ...(o.root ? { root: o.root } : {}),
      ...(o.only ? { only: o.only } : {}),
      ...(o.skip ? { skip: o.skip } : {}),
      ...(o.trustRemote ? { trustRemote: o.trustRemote } : {}),
    },
  };
}

/** Converges the machine to the manifest. Throws ApplyFailedError (exit 4) when a step fails. */
export async function up(initial: UpRequest, hooks: UpHooks, deps: SessionDeps = {}): Promise<UpResult> {
  const dryRun = initial.dryRun ?? false;
  const files = journalFor(deps.env);
  const release = dryRun ? undefined : await acquireLock(files.lockPath);
  try {
    const { request, previous } = await resolveResume(initial, files.journal);
    const session = await openSession(request, deps);
    const planned = await planSession(session);
    hooks.onPlan?.(planned.plan);
    const base: UpResult = { dryRun, plan: planned.plan, ...(previous ? { resumedFrom: previous.run } : {}) };
    const hasChanges = planned.plan.steps.some((s) => changesMachine(s.action) || s.action === 'error');
    if (!hasChanges) return base;
    if (!dryRun && !(await hooks.confirm(planned.plan))) throw new InterruptedError('Nothing was changed: the plan was not confirmed.');

    const journal: Journal = dryRun ? new MemoryJournal() : files.journal;
    const run = randomUUID();
    const options: RunOptions = {
      manifestRef: request.manifestRef,
      ...(request.plane ? { plane: request.plane } : {}),
      ...(request.root ? { root: request.root } : {}),
      ...(request.only ? { only: request.only } : {}),
      ...(request.skip ? { skip: request.skip } : {}),
      ...(request.trustRemote ? { trustRemote: true } : {}),
    };
    await journal.append({
      type: 'run-start',
      run,
      ts: new Date().toISOString(),
      command: 'up',
      manifestHash: session.loaded.hash,
      options,
      attempt: previous ? previous.attempt + 1 : 1,
      ...(previous ? { resumeOf: previous.origin } : {}),
    });
    const report = await executePlan(planned, {
      read: session.runtime.read,
      apply: session.runtime.apply,
      journal,
      runId: run,
      verify: !dryRun,
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      ...(hooks.onEvent ? { onEvent: hooks.onEvent } : {}),
    });
    const status = report.interrupted ? 'interrupted' : report.ok ? 'ok' : 'failed';
    await journal.append({ type: 'run-end', run, ts: new Date().toISOString(), status });
    const result: UpResult = { ...base, run, report, ...(dryRun ? { wouldChange: session.runtime.recorded } : {}) };
    if (report.interrupted) throw Object.assign(new InterruptedError('Interrupted: the remaining steps were not applied. Run `devbox up --resume` to continue.'), { result });
    if (!report.ok) {
      const failed = report.steps.filter((s) => s.outcome === 'failed' || s.outcome === 'blocked');
      throw Object.assign(
        new ApplyFailedError(`${failed.length} step(s) did not converge:\n${failed.map((s) => `  ${s.id}: ${s.error ?? s.outcome}`).join('\n')}`, {
          suggestions: ['Fix the cause above and run `devbox up` again (or `devbox up --resume`).'],
        }),
        { result },
      );
    }
    return result;
  } finally {
    await release?.();
  }
}
