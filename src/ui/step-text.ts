/**
 * The words of `devbox up`'s task list, as pure functions: a running step's title and progress, a
 * finished step's result line, a failing command's tail. Both the terminal task list and the plain
 * lines (pipes, logs) use these, so they say the same thing.
 */
import type { StepReport } from '../engine/executor.js';
import type { OutputTail, StepProgress } from '../engine/ports/index.js';
import { plain, type Palette } from './color.js';
import { formatBytes, formatDuration, formatRate } from './progress.js';
import { words } from './words.js';

/** Milliseconds for people: "840ms", "3.2s", "1m05s". */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  return formatDuration(ms / 1000);
}

/** The title of a step while it runs: its id and how long it has been running. */
export function runningTitle(id: string, elapsedMs: number, p: Palette = plain): string {
  return `${id}  ${p.dim(words.stepRunning(formatDuration(elapsedMs / 1000)))}`;
}

/** A running step's progress on one line: bytes, speed, ETA for a download; apt's percentage and action. */
export function progressText(report: StepProgress, p: Palette = plain): string {
  if (report.kind === 'transfer') {
    const percent = report.total ? Math.floor((report.bytes / report.total) * 100) : undefined;
    const parts = [
      report.name,
      words.transfer(
        formatBytes(report.bytes),
        report.total === undefined ? undefined : formatBytes(report.total),
        percent,
      ),
      formatRate(report.rate),
    ];
    if (!report.done && report.etaSeconds !== undefined) parts.push(words.eta(formatDuration(report.etaSeconds)));
    return p.info(parts.join('  '));
  }
  const phase = report.phase === 'download' ? words.aptDownloading : words.aptInstalling;
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
      return dryRun ? words.stepWouldChange : words.stepChanged;
    case 'unchanged':
      return words.stepUnchanged;
    case 'failed':
      return words.stepFailed;
    case 'blocked':
      return words.stepBlocked(report.error ?? '');
    case 'interrupted':
      return words.stepInterrupted;
    case 'skipped':
      return words.stepSkipped(report.reason ?? '');
    case 'reboot-required':
      return words.stepReboot;
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

/** The end of a failing command's output, indented under a heading. */
export function renderTail(step: string, tail: OutputTail, p: Palette = plain): string[] {
  if (tail.lines.length === 0) return [];
  return [
    `  ${p.dim(words.outputTail(step, tail.command, tail.lines.length, tail.totalLines))}`,
    ...tail.lines.map((line) => `    ${line}`),
  ];
}
