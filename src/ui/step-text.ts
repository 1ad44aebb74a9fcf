/**
 * The words of `devbox up`'s task list, as pure functions: a running step's title and progress, a
 * finished step's result line, a failing command's tail. Both the terminal task list and the plain
 * lines (pipes, logs) use these, so they say the same thing.
 */
import type { StepReport } from '../engine/executor.js';
import { t } from '../i18n/catalogue.js';
import type { OutputTail, StepProgress } from '../engine/ports/index.js';
import { plain, type Palette } from './color.js';
import { formatBytes, formatDuration, formatRate } from './progress.js';

/** Milliseconds for people: "840ms", "3.2s", "1m05s". */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  return formatDuration(ms / 1000);
}

/** The title of a step while it runs: its id and how long it has been running. */
export function runningTitle(id: string, elapsedMs: number, p: Palette = plain): string {
  return `${id}  ${p.dim(t('task.running', { elapsed: formatDuration(elapsedMs / 1000) }))}`;
}

/** A running step's progress on one line: bytes, speed, ETA for a download; apt's percentage and action. */
export function progressText(report: StepProgress, p: Palette = plain): string {
  if (report.kind === 'transfer') {
    const percent = report.total ? Math.floor((report.bytes / report.total) * 100) : undefined;
    const parts = [
      report.name,
      report.total === undefined
        ? formatBytes(report.bytes)
        : t('task.transfer', {
            done: formatBytes(report.bytes),
            total: formatBytes(report.total),
            percent: percent ?? 0,
          }),
      formatRate(report.rate),
    ];
    if (!report.done && report.etaSeconds !== undefined)
      parts.push(t('task.eta', { left: formatDuration(report.etaSeconds) }));
    return p.info(parts.join('  '));
  }
  const phase = report.phase === 'download' ? t('task.aptDownloading') : t('task.aptInstalling');
  return p.info(`${phase} ${Math.floor(report.percent)}%  ${report.text}`);
}

/** The mark of a finished step: ✓ done, ✗ failed, ↓ not applied or skipped. */
export function resultMark(report: StepReport, p: Palette = plain): string {
  switch (report.outcome) {
    case 'applied':
    case 'unchanged':
    case 'reboot-required':
      return p.good('✓');
    case 'failed':
      return p.bad('✗');
    default:
      return p.warn('↓');
  }
}

/** What became of a step, in a few words (the error itself is the error handler's to print). */
export function resultWords(report: StepReport, dryRun: boolean): string {
  switch (report.outcome) {
    case 'applied':
      return dryRun ? t('task.wouldChange') : t('task.changed');
    case 'unchanged':
      return t('task.unchanged');
    case 'failed':
      return t('task.failed');
    case 'blocked':
      return t('task.blocked', { why: report.error ?? '' });
    case 'interrupted':
      return t('task.interrupted');
    case 'skipped':
      return t('task.skipped', { why: report.reason ?? '' });
    case 'reboot-required':
      return t('task.reboot');
  }
}

/** A finished step's title (without its mark): id, result, and how long it took. */
export function resultTitle(report: StepReport, dryRun: boolean, p: Palette = plain): string {
  const what = resultWords(report, dryRun);
  const ran = report.outcome !== 'blocked' && report.outcome !== 'interrupted' && report.outcome !== 'skipped';
  return [
    report.id,
    report.outcome === 'failed' ? p.bad(what) : what,
    ...(ran ? [p.dim(`(${formatElapsed(report.durationMs)})`)] : []),
  ].join('  ');
}

/** A finished step as one plain line: "✓ distro.apt  changed  (3.2s)". */
export function resultLine(report: StepReport, dryRun: boolean, p: Palette = plain): string {
  return `${resultMark(report, p)} ${resultTitle(report, dryRun, p)}`;
}

/** The heading of a failing command's output: which step, which command, how much of it is shown. */
export function outputTailTitle(step: string, tail: OutputTail): string {
  const { command, totalLines: total } = tail;
  const shown = tail.lines.length;
  return shown < total
    ? t('task.outputTailPart', { step, command, shown, total })
    : t('task.outputTail', { step, command });
}

/** The end of a failing command's output, indented under a heading. */
export function renderTail(step: string, tail: OutputTail, p: Palette = plain): string[] {
  if (tail.lines.length === 0) return [];
  return [`  ${p.dim(outputTailTitle(step, tail))}`, ...tail.lines.map((line) => `    ${line}`)];
}
