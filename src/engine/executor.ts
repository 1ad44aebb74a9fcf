/**
 * The executor: applies the planned steps in dependency order, one at a time. A step whose
 * dependencies changed in this run (or that could not be probed yet) is checked again first, and
 * every applied step is checked again after: a step that "succeeds" but does not converge fails.
 * Each change is journaled as it happens.
 */
import { isUserError } from '../errors.js';
import type { Journal } from './journal.js';
import { changesMachine, type PlanStep } from './plan.js';
import { probe, type PlannedRun } from './planner.js';
import type { ManagedResource, PropertyChange } from './resource.js';
import { readBack, type ApplyContext, type ReadContext } from './ports/context.js';
import { NotCheckedInDryRun } from './ports/net.js';
import { t } from '../i18n/catalogue.js';
import type { OutputTail, StepProgress } from './ports/progress.js';
import { WatchedGuest, watchedNet } from './watch.js';

/** How a step ended. */
export type StepOutcome =
  'applied' | 'unchanged' | 'failed' | 'blocked' | 'skipped' | 'interrupted' | 'reboot-required';

/** How one step of a run ended: the executor's answer for it, also in `up --json`. */
export interface StepReport {
  id: string;
  action: PlanStep['action'];
  outcome: StepOutcome;
  changes: PropertyChange[];
  /** Why it failed or was blocked (for people: never branch on it). */
  error?: string;
  /** Why it was skipped: the same key as a plan step's, in every JSON. */
  reason?: string;
  /**
   * For `blocked`: which dependency held it back, and whether that waits for Windows to restart
   * (`reboot`: the resumed run applies it) or did not converge (`failure`).
   */
  blockedBy?: { id: string; cause: 'reboot' | 'failure' };
  durationMs: number;
  /** For `failed`: the end of the output of the step's last command that exited non-zero. */
  outputTail?: OutputTail;
}

/** Progress events for the UI. */
export type ExecutorEvent =
  | { type: 'step-start'; step: PlanStep }
  | { type: 'step-end'; report: StepReport }
  | { type: 'detail'; id: string; message: string }
  | { type: 'progress'; id: string; progress: StepProgress };

export interface ExecuteOptions {
  read: ReadContext;
  apply: Omit<ApplyContext, 'report'>;
  journal: Journal;
  runId: string;
  /** Steps already done by an earlier attempt of this run (from the journal); they are re-checked, not trusted. */
  signal?: AbortSignal;
  onEvent?(event: ExecutorEvent): void;
}

export interface RunReport {
  steps: StepReport[];
  ok: boolean;
  interrupted: boolean;
  /** Some step applied but only a restart of Windows completes it; what depends on it is held back. */
  rebootRequired: boolean;
}

/** A step's error for the report: a UserError's message with what to do about it. */
function message(error: unknown): string {
  if (isUserError(error)) return [error.message, ...error.suggestions.map((s) => `→ ${s}`)].join('\n');
  return error instanceof Error ? error.message : String(error);
}

function describeChanges(changes: PropertyChange[]): string {
  return changes.map((c) => `${c.property}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`).join('; ');
}

/** Applies a planned run. Never throws for a failing step: failures are in the report. */
export async function executePlan(planned: PlannedRun, options: ExecuteOptions): Promise<RunReport> {
  const reports = new Map<string, StepReport>();
  const changedInRun = new Set<string>();
  const waitingForReboot = new Set<string>();
  const now = () => new Date().toISOString();
  let interrupted = false;

  for (const step of planned.plan.steps) {
    const started = Date.now();
    let guest: WatchedGuest | undefined;
    const finish = (
      outcome: StepOutcome,
      changes: PropertyChange[] = [],
      error?: string,
      blockedBy?: StepReport['blockedBy'],
    ) => {
      const tail = outcome === 'failed' ? guest?.lastFailure : undefined;
      const report: StepReport = {
        id: step.id,
        action: step.action,
        outcome,
        changes,
        durationMs: Date.now() - started,
        ...(error ? (outcome === 'skipped' ? { reason: error } : { error }) : {}),
        ...(blockedBy ? { blockedBy } : {}),
        ...(tail ? { outputTail: tail } : {}),
      };
      reports.set(step.id, report);
      options.onEvent?.({ type: 'step-end', report });
    };

    if (!changesMachine(step.action)) {
      reports.set(step.id, {
        id: step.id,
        action: step.action,
        outcome: step.action === 'noop' ? 'unchanged' : step.action === 'error' ? 'failed' : 'skipped',
        changes: [],
        durationMs: 0,
        ...(step.reason ? (step.action === 'error' ? { error: step.reason } : { reason: step.reason }) : {}),
      });
      continue;
    }
    if (interrupted || options.signal?.aborted) {
      interrupted = true;
      finish('interrupted');
      continue;
    }
    const resource = planned.graph.byId.get(step.id) as ManagedResource;
    const dependencies = step.dependsOn.concat(resource.probeAfter ?? []);
    const awaitingReboot = dependencies.find(
      (dep) =>
        reports.get(dep)?.outcome === 'reboot-required' ||
        (reports.get(dep)?.outcome === 'blocked' && waitingForReboot.has(dep)),
    );
    if (awaitingReboot) {
      waitingForReboot.add(step.id);
      finish('blocked', [], t('run.waitsForRestart', { id: awaitingReboot }), {
        id: awaitingReboot,
        cause: 'reboot',
      });
      continue;
    }
    const failedDependency = dependencies.find((dep) => {
      const outcome = reports.get(dep)?.outcome;
      return outcome === 'failed' || outcome === 'blocked' || outcome === 'interrupted';
    });
    if (failedDependency) {
      finish('blocked', [], t('run.dependencyFailed', { id: failedDependency }), {
        id: failedDependency,
        cause: 'failure',
      });
      continue;
    }

    options.onEvent?.({ type: 'step-start', step });
    const observer = {
      progress: (p: StepProgress) => options.onEvent?.({ type: 'progress', id: step.id, progress: p }),
    };
    guest = new WatchedGuest(options.apply.guest, observer);
    const ctx: ApplyContext = {
      ...options.apply,
      guest,
      ...(options.apply.net ? { net: watchedNet(options.apply.net, observer) } : {}),
      report: (msg) => options.onEvent?.({ type: 'detail', id: step.id, message: msg }),
    };
    try {
      let current = planned.probes.get(step.id);
      const dependencyChanged = [...step.dependsOn, ...(resource.probeAfter ?? [])].some((dep) =>
        changedInRun.has(dep),
      );
      if (!current || dependencyChanged) {
        const again = await probe(resource, options.read);
        // When the dependency's change cannot be read back (the ports only recorded it), what
        // depends on it may not even exist yet to be checked.
        if (!again.probe && (await readBack(ctx, () => Promise.resolve(true))) === undefined) {
          finish(
            'skipped',
            [],
            t('run.checkedAfterDeps', {
              ids:
                step.dependsOn
                  .concat(resource.probeAfter ?? [])
                  .filter((dep) => changedInRun.has(dep))
                  .join(', ') || t('run.itsDependencies'),
            }),
          );
          continue;
        }
        if (!again.probe) throw again.error;
        current = again.probe;
        if (current.result.inDesiredState) {
          finish('unchanged');
          continue;
        }
        // Seen only now (the plan could not probe it yet): failed as the plan would have shown it.
        if (current.result.cannotApply) {
          finish('failed', [], current.result.cannotApply);
          continue;
        }
      }
      await options.journal.append({
        type: 'step-start',
        run: options.runId,
        ts: now(),
        id: step.id,
        action: step.action,
      });
      await resource.apply(current.actual, ctx);
      // The re-probe is the only judge of an apply (resources do not check their own work).
      const after = await readBack(ctx, () => probe(resource, options.read));
      if (after) {
        if (!after.probe) throw new Error(t('run.uncheckedAfterApply', { reason: after.step.reason ?? '' }));
        if (!after.probe.result.inDesiredState && after.probe.result.rebootRequired) {
          changedInRun.add(step.id);
          await options.journal.append({
            type: 'step-reboot',
            run: options.runId,
            ts: now(),
            id: step.id,
            changes: current.result.changes,
          });
          finish(
            'reboot-required',
            current.result.changes,
            t('run.completesOnRestart', { changes: describeChanges(after.probe.result.changes) }),
          );
          continue;
        }
        if (!after.probe.result.inDesiredState) {
          throw new Error(t('run.notConverged', { changes: describeChanges(after.probe.result.changes) }));
        }
      }
      changedInRun.add(step.id);
      await options.journal.append({
        type: 'step-done',
        run: options.runId,
        ts: now(),
        id: step.id,
        changes: current.result.changes,
      });
      finish('applied', current.result.changes);
    } catch (error) {
      // A read the dry run could not make: what the step would do from there is unknown, not failed.
      if (error instanceof NotCheckedInDryRun) {
        finish('skipped', [], t('run.notCheckedDryRun', { what: error.what, why: error.why }));
        continue;
      }
      const text = message(error);
      await options.journal.append({ type: 'step-failed', run: options.runId, ts: now(), id: step.id, error: text });
      finish('failed', [], text);
    }
  }

  const steps = planned.plan.steps.map((s) => reports.get(s.id)!);
  return {
    steps,
    ok: steps.every(
      (s) =>
        s.outcome !== 'failed' &&
        s.outcome !== 'blocked' &&
        s.outcome !== 'interrupted' &&
        s.outcome !== 'reboot-required',
    ),
    interrupted,
    rebootRequired: steps.some((s) => s.outcome === 'reboot-required'),
  };
}
