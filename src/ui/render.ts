/** Text rendering of plans and run reports. Pure: returns strings, the command prints them. */
import type { Plan, PlanStep, StepAction } from '../engine/plan.js';
import { showValue, summarize } from '../engine/plan.js';
import type { RunReport, StepReport } from '../engine/executor.js';
import type { RecordedChange } from '../engine/ports/index.js';
import type { DoctorFinding } from '../app/doctor.js';
import { plain, type Palette } from './color.js';
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

/** The colour of each plan mark: + green, ~ yellow, - and ! red, = grey, ? cyan. */
function paintMark(action: StepAction, p: Palette): string {
  const mark = marks[action];
  switch (action) {
    case 'create':
      return p.good(mark);
    case 'update':
      return p.warn(mark);
    case 'delete':
    case 'error':
      return p.bad(mark);
    case 'noop':
      return p.dim(mark);
    case 'pending':
      return p.info(mark);
    case 'skip':
      return mark;
  }
}

/** One step as a few lines: mark, id, then differing properties before → after. */
export function renderStep(step: PlanStep, p: Palette = plain): string[] {
  const head = `${paintMark(step.action, p)} ${step.id}`;
  if (step.action === 'skip') return [`${head}  (${t('render.skipped', { reason: step.reason ?? '' })})`];
  if (step.action === 'pending') return [`${head}  (${step.reason})`];
  if (step.action === 'error') return [`${head}  ${p.bad(`(${step.reason})`)}`];
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
export function renderInDesiredState(plan: Plan, p: Palette = plain): string {
  const checked = plan.steps.filter((s) => s.action === 'noop').length;
  const skipped = renderSkipped(plan.steps.filter((s) => s.action === 'skip'));
  return [p.good(t('render.inDesiredState', { checked })), ...skipped].join('\n');
}

/** The whole plan with a legend and counts. */
export function renderPlan(plan: Plan, options: { title?: string; palette?: Palette } = {}): string {
  const counts = summarize(plan);
  const p = options.palette ?? plain;
  const lines = [t('render.planFor', { title: options.title ?? t('render.planTitle'), guest: plan.guest }), ''];
  for (const step of plan.steps.filter((s) => s.action !== 'skip')) lines.push(...renderStep(step, p));
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

/** How a step ended, in words (the task list and the final report say the same). */
export function outcomeWord(report: StepReport, dryRun: boolean, p: Palette = plain): string {
  switch (report.outcome) {
    case 'applied':
      return dryRun ? t('render.wouldChange') : t('render.changed');
    case 'unchanged':
      return t('render.unchanged');
    case 'failed':
      return p.bad(t('render.failed', { error: report.error ?? '' }));
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
export function renderReport(
  report: RunReport,
  options: { dryRun?: boolean; palette?: Palette; listed?: boolean } = {},
): string {
  const dryRun = options.dryRun ?? false;
  const p = options.palette ?? plain;
  // Steps a task list already showed are not listed again: each result is printed once.
  const acted = options.listed
    ? []
    : report.steps.filter((s) => s.outcome !== 'skipped' && !(s.outcome === 'unchanged' && s.durationMs === 0));
  const lines = acted.map(
    (s) =>
      `  ${s.id}: ${outcomeWord(s, dryRun, p)}${s.durationMs && !dryRun ? p.dim(t('render.duration', { ms: s.durationMs })) : ''}`,
  );
  const applied = report.steps.filter((s) => s.outcome === 'applied').length;
  // A step held back by a restart waits; one held back by a failure failed (blockedBy, never its wording).
  const waitsForRestart = (s: StepReport) => s.outcome === 'blocked' && s.blockedBy?.cause === 'reboot';
  const failed = report.steps.filter(
    (s) => s.outcome === 'failed' || (s.outcome === 'blocked' && !waitsForRestart(s)),
  ).length;
  const waiting = report.steps.filter((s) => s.outcome === 'reboot-required' || waitsForRestart(s)).length;
  if (dryRun) {
    if (lines.length > 0) lines.push('');
    lines.push(t('render.dryRunSummary', { applied, failed }));
    return lines.join('\n');
  }
  if (lines.length > 0) lines.push('');
  lines.push(
    report.ok
      ? p.good(t('render.done', { applied }))
      : p.bad(t('render.partly', { applied, failed, waiting, reboot: Boolean(report.rebootRequired) })),
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
export function renderFindings(findings: readonly DoctorFinding[], plan?: Plan, p: Palette = plain): string {
  const skipped = plan ? renderSkipped(plan.steps.filter((s) => s.action === 'skip')) : [];
  if (findings.length === 0) {
    const checked = plan ? plan.steps.filter((s) => s.action === 'noop').length : 0;
    return [t('render.nothingToReport', { checked }), ...skipped].join('\n');
  }
  const order: DoctorFinding['severity'][] = ['problem', 'warning', 'ok'];
  const sorted = [...findings].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  const paint = { ok: p.good, warning: p.warn, problem: p.bad };
  const lines = sorted.flatMap((f) => [
    `${paint[f.severity](findingMarks[f.severity])} ${f.id}: ${f.message}`,
    ...(f.fix ? [t('render.fix', { fix: f.fix })] : []),
  ]);
  const problems = findings.filter((f) => f.severity === 'problem').length;
  lines.push(
    ...skipped,
    '',
    problems ? p.bad(t('render.problems', { count: problems })) : p.good(t('render.noProblems')),
  );
  return lines.join('\n');
}
