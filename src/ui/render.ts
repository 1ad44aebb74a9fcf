/** Text rendering of plans and run reports. Pure: returns strings, the command prints them. */
import type { Plan, PlanStep, StepAction } from '../engine/plan.js';
import { showValue, summarize } from '../engine/plan.js';
import type { RunReport, StepReport } from '../engine/executor.js';
import type { RecordedChange } from '../engine/ports/index.js';
import type { DoctorFinding } from '../app/doctor.js';
import { t } from '../i18n/catalogue.js';

const marks: Record<StepAction, string> = {
  create: '+',
  update: '~',
  delete: '-',
  noop: '=',
  pending: '?',
  skip: ' ',
  error: '!',
};

const show = showValue;

/** One step as a few lines: mark, id, then differing properties before → after. */
export function renderStep(step: PlanStep): string[] {
  const head = `${marks[step.action]} ${step.id}`;
  if (step.action === 'skip') return [`${head}  (${t('render.skipped', { reason: step.reason ?? '' })})`];
  if (step.action === 'pending' || step.action === 'error') return [`${head}  (${step.reason})`];
  const lines = [step.action === 'noop' ? head : `${head}  ${step.summary}`];
  for (const change of step.changes)
    lines.push(`    ${change.property}: ${show(change.before)} → ${show(change.after)}`);
  for (const note of step.notes) lines.push(`    ${t('render.note', { note })}`);
  return lines;
}

/** Skipped steps, grouped by reason, each type once with a count: a plan off Windows stays readable. */
function renderSkipped(steps: readonly PlanStep[]): string[] {
  const byReason = new Map<string, Map<string, number>>();
  for (const step of steps) {
    const types = byReason.get(step.reason ?? '') ?? new Map<string, number>();
    types.set(step.type, (types.get(step.type) ?? 0) + 1);
    byReason.set(step.reason ?? '', types);
  }
  return [...byReason].map(([reason, types]) =>
    t('render.skippedGroup', {
      reason,
      types: [...types].map(([type, n]) => (n > 1 ? `${type} ×${n}` : type)).join(', '),
    }),
  );
}

/**
 * `devbox status` with no drift: how many resources were checked, and the ones that were not (off
 * Windows, every host resource): "0 checked, no drift" alone would read as a clean bill of health.
 */
export function renderInDesiredState(plan: Plan): string {
  const checked = plan.steps.filter((s) => s.action === 'noop').length;
  const skipped = renderSkipped(plan.steps.filter((s) => s.action === 'skip'));
  return [t('render.inDesiredState', { checked }), ...skipped].join('\n');
}

/** The whole plan with a legend and counts. */
export function renderPlan(plan: Plan, options: { title?: string } = {}): string {
  const counts = summarize(plan);
  const lines = [t('render.planFor', { title: options.title ?? t('render.planTitle'), guest: plan.guest }), ''];
  for (const step of plan.steps.filter((s) => s.action !== 'skip')) lines.push(...renderStep(step));
  lines.push(...renderSkipped(plan.steps.filter((s) => s.action === 'skip')));
  lines.push(
    '',
    t('render.planCounts', {
      create: counts.create,
      update: counts.update,
      remove: counts.delete,
      pending: counts.pending,
      noop: counts.noop,
      skip: counts.skip,
      error: counts.error,
    }),
  );
  return lines.join('\n');
}

function outcomeWord(report: StepReport, dryRun: boolean): string {
  switch (report.outcome) {
    case 'applied':
      return dryRun ? t('render.wouldChange') : t('render.changed');
    case 'unchanged':
      return t('render.unchanged');
    case 'failed':
      return t('render.failed', { error: report.error ?? '' });
    case 'blocked':
      return t('render.blocked', { error: report.error ?? t('render.dependencyFailed') });
    case 'interrupted':
      return t('render.interrupted');
    case 'skipped':
      return t('render.skippedOutcome');
    case 'reboot-required':
      return t('render.rebootRequired');
  }
}

/**
 * The end of an `up`: what changed, what failed. A dry run claims nothing: its steps "would change",
 * and its summary says how many would.
 */
export function renderReport(report: RunReport, options: { dryRun?: boolean } = {}): string {
  const dryRun = options.dryRun ?? false;
  const acted = report.steps.filter(
    (s) => s.outcome !== 'skipped' && !(s.outcome === 'unchanged' && s.durationMs === 0),
  );
  const lines = acted.map(
    (s) =>
      `  ${s.id}: ${outcomeWord(s, dryRun)}${s.durationMs && !dryRun ? t('render.duration', { ms: s.durationMs }) : ''}`,
  );
  const applied = report.steps.filter((s) => s.outcome === 'applied').length;
  const failed = report.steps.filter(
    (s) => s.outcome === 'failed' || (s.outcome === 'blocked' && !/waits for Windows to restart/.test(s.error ?? '')),
  ).length;
  const waiting = report.steps.filter(
    (s) =>
      s.outcome === 'reboot-required' ||
      (s.outcome === 'blocked' && /waits for Windows to restart/.test(s.error ?? '')),
  ).length;
  if (dryRun) {
    lines.push('', t('render.dryRunSummary', { applied, failed }));
    return lines.join('\n');
  }
  lines.push(
    '',
    report.ok
      ? t('render.done', { applied })
      : t('render.partly', { applied, failed, waiting, reboot: Boolean(report.rebootRequired) }),
  );
  return lines.join('\n');
}

/** What a dry run would have done; checks it did not run are marked so. */
export function renderRecorded(changes: readonly RecordedChange[]): string {
  if (changes.length === 0) return t('render.nothingWritten');
  return [
    t('render.dryRunWould'),
    ...changes.map((c) => t('render.would', { what: c.what, notRun: Boolean(c.notRun) })),
  ].join('\n');
}

const findingMarks: Record<DoctorFinding['severity'], string> = { ok: '✓', warning: '!', problem: '✗' };

/** `devbox doctor`'s findings, problems first, each with its fix. */
export function renderFindings(findings: readonly DoctorFinding[], plan?: Plan): string {
  const skipped = plan ? renderSkipped(plan.steps.filter((s) => s.action === 'skip')) : [];
  if (findings.length === 0) {
    const checked = plan ? plan.steps.filter((s) => s.action === 'noop').length : 0;
    return [t('render.nothingToReport', { checked }), ...skipped].join('\n');
  }
  const order: DoctorFinding['severity'][] = ['problem', 'warning', 'ok'];
  const sorted = [...findings].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  const lines = sorted.flatMap((f) => [
    `${findingMarks[f.severity]} ${f.id}: ${f.message}`,
    ...(f.fix ? [t('render.fix', { fix: f.fix })] : []),
  ]);
  const problems = findings.filter((f) => f.severity === 'problem').length;
  lines.push(...skipped, '', problems ? t('render.problems', { count: problems }) : t('render.noProblems'));
  return lines.join('\n');
}
