/** Text rendering of plans and run reports. Pure: returns strings, the command prints them. */
import type { Plan, PlanStep, StepAction } from '../engine/plan.js';
import { showValue, summarize } from '../engine/plan.js';
import type { RunReport, StepReport } from '../engine/executor.js';
import type { RecordedChange } from '../engine/ports/index.js';
import type { DoctorFinding } from '../app/doctor.js';
import { plain, type Palette } from './color.js';

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
  if (step.action === 'skip') return [`${head}  (skipped: ${step.reason})`];
  if (step.action === 'pending') return [`${head}  (${step.reason})`];
  if (step.action === 'error') return [`${head}  ${p.bad(`(${step.reason})`)}`];
  const lines = [step.action === 'noop' ? head : `${head}  ${step.summary}`];
  for (const change of step.changes)
    lines.push(`    ${change.property}: ${show(change.before)} → ${show(change.after)}`);
  for (const note of step.notes) lines.push(`    note: ${note}`);
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
  return [...byReason].map(
    ([reason, types]) =>
      `  skipped, ${reason}: ${[...types].map(([type, n]) => (n > 1 ? `${type} ×${n}` : type)).join(', ')}`,
  );
}

/**
 * `devbox status` with no drift: how many resources were checked, and the ones that were not (off
 * Windows, every host resource): "0 checked, no drift" alone would read as a clean bill of health.
 */
export function renderInDesiredState(plan: Plan, p: Palette = plain): string {
  const checked = plan.steps.filter((s) => s.action === 'noop').length;
  const skipped = renderSkipped(plan.steps.filter((s) => s.action === 'skip'));
  return [p.good(`In desired state: ${checked} resource(s) checked, no drift.`), ...skipped].join('\n');
}

/** The whole plan with a legend and counts. */
export function renderPlan(plan: Plan, options: { title?: string; palette?: Palette } = {}): string {
  const counts = summarize(plan);
  const p = options.palette ?? plain;
  const lines = [`${options.title ?? 'Plan'} for ${plan.guest}:`, ''];
  for (const step of plan.steps.filter((s) => s.action !== 'skip')) lines.push(...renderStep(step, p));
  lines.push(...renderSkipped(plan.steps.filter((s) => s.action === 'skip')));
  lines.push(
    '',
    `${counts.create} to create, ${counts.update} to update, ${counts.delete} to remove, ${counts.pending} to check after their dependencies, ` +
      `${counts.noop} in desired state, ${counts.skip} skipped${counts.error ? `, ${counts.error} could not be checked` : ''}.`,
  );
  return lines.join('\n');
}

/** How a step ended, in words (the task list and the final report say the same). */
export function outcomeWord(report: StepReport, dryRun: boolean, p: Palette = plain): string {
  switch (report.outcome) {
    case 'applied':
      return dryRun ? 'would change' : 'changed';
    case 'unchanged':
      return 'already in desired state';
    case 'failed':
      return p.bad(`FAILED: ${report.error ?? ''}`);
    case 'blocked':
      return `not applied (${report.error ?? 'dependency failed'})`;
    case 'interrupted':
      return 'not applied (interrupted)';
    case 'skipped':
      return 'skipped';
    case 'reboot-required':
      return 'changed; completes when Windows restarts';
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
    (s) => `  ${s.id}: ${outcomeWord(s, dryRun, p)}${s.durationMs && !dryRun ? p.dim(` (${s.durationMs} ms)`) : ''}`,
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
    if (lines.length > 0) lines.push('');
    lines.push(`Dry run: would change ${applied}${failed ? `, ${failed} would fail` : ''}; nothing was changed.`);
    return lines.join('\n');
  }
  if (lines.length > 0) lines.push('');
  lines.push(
    report.ok
      ? p.good(`Done: ${applied} changed.`)
      : p.bad(
          `${applied} changed, ${failed} failed${report.rebootRequired ? `, ${waiting} waiting for Windows to restart` : ''}.`,
        ),
  );
  return lines.join('\n');
}

/** What a dry run would have done; checks it did not run are marked so. */
export function renderRecorded(changes: readonly RecordedChange[]): string {
  if (changes.length === 0) return 'Dry run: nothing would be written.';
  return ['Dry run: devbox would', ...changes.map((c) => `  would ${c.what}${c.notRun ? ' — not run' : ''}`)].join(
    '\n',
  );
}

const findingMarks: Record<DoctorFinding['severity'], string> = { ok: '✓', warning: '!', problem: '✗' };

/** `devbox doctor`'s findings, problems first, each with its fix. */
export function renderFindings(findings: readonly DoctorFinding[], plan?: Plan, p: Palette = plain): string {
  const skipped = plan ? renderSkipped(plan.steps.filter((s) => s.action === 'skip')) : [];
  if (findings.length === 0) {
    const checked = plan ? plan.steps.filter((s) => s.action === 'noop').length : 0;
    return [`Nothing to report: ${checked} resource(s) checked, all in their desired state.`, ...skipped].join('\n');
  }
  const order: DoctorFinding['severity'][] = ['problem', 'warning', 'ok'];
  const sorted = [...findings].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  const paint = { ok: p.good, warning: p.warn, problem: p.bad };
  const lines = sorted.flatMap((f) => [
    `${paint[f.severity](findingMarks[f.severity])} ${f.id}: ${f.message}`,
    ...(f.fix ? [`    fix: ${f.fix}`] : []),
  ]);
  const problems = findings.filter((f) => f.severity === 'problem').length;
  lines.push(...skipped, '', problems ? p.bad(`${problems} problem(s) found.`) : p.good('No problems found.'));
  return lines.join('\n');
}
