/**
 * How `devbox up` shows its steps while they run. On a terminal: a listr2 task list, each step with
 * a spinner, its elapsed time and live progress (bytes, speed, ETA; apt's percentage) while it runs,
 * then ✓/✗ and its duration. Elsewhere (a pipe, a file, CI): plain lines, one when a step starts and
 * one with its result, no escape codes. Either way a failing command's last lines follow its step.
 * The engine knows nothing of this: it emits ExecutorEvents, and this module draws them.
 */
import type * as Listr2 from 'listr2';
import type { ExecutorEvent, StepReport } from '../engine/executor.js';
import { changesMachine, type PlanStep } from '../engine/plan.js';
import type { Palette } from './color.js';
import { progressText, renderTail, resultLine, resultTitle, runningTitle } from './step-text.js';

/** Something that draws a run's steps from the executor's events. */
export interface StepView {
  event(event: ExecutorEvent): void;
  /** Stops drawing while a question is asked mid-run (the terminal is the prompt's until resume). */
  pause?(): void;
  resume?(): void;
  /** Finishes drawing (every step not reported by then is left as it is). */
  close(): Promise<void>;
}

export interface StepViewOptions {
  /** The plan's steps; those that change the machine are listed. */
  steps: readonly PlanStep[];
  dryRun: boolean;
  stream: NodeJS.WriteStream;
  palette: Palette;
  now?: () => number;
}

/** The steps a run lists: those the executor acts on, in the order it does. */
function listed(steps: readonly PlanStep[]): PlanStep[] {
  return steps.filter((s) => changesMachine(s.action));
}

/** Plain lines: "→ id" when a step starts, its details indented, then its result line and tail. */
export function plainSteps(options: StepViewOptions): StepView {
  const p = options.palette;
  const write = (line: string) => options.stream.write(`${line}\n`);
  return {
    event(event) {
      if (event.type === 'step-start') write(`→ ${event.step.id}`);
      // A dry run's steps ran against recording ports: their own words would claim results.
      else if (event.type === 'detail' && !options.dryRun) write(`  ${event.message}`);
      else if (event.type === 'step-end') {
        write(resultLine(event.report, options.dryRun, p));
        if (event.report.outputTail)
          for (const line of renderTail(event.report.id, event.report.outputTail, p)) write(line);
      }
    },
    close: () => Promise.resolve(),
  };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

interface TaskHandle {
  title: string;
  output: string;
  skip(message: string): void;
}

interface StepState {
  started?: number;
  ended: Deferred<StepReport | undefined>;
  task?: TaskHandle;
  lastDrawn: number;
  /** What the step reported (notes the user must keep seeing after it ends). */
  details: string[];
}

/** How often a step's progress line is redrawn at most (ms): progress events come much faster. */
const progressEveryMs = 200;

/**
 * Loads listr2 (only runs that draw a task list pay for it) and returns the factory of the terminal
 * task list, drawn on `options.stream`.
 */
export async function loadTaskList(): Promise<(options: StepViewOptions) => StepView> {
  const listr2 = await import('listr2');
  return (options) => taskList(listr2, options);
}

function taskList(listr2: typeof Listr2, options: StepViewOptions): StepView {
  const { Listr, DefaultRenderer, ListrLogger, ProcessOutput, Spinner } = listr2;
  const p = options.palette;
  const now = options.now ?? Date.now;
  const renderers = new Set<InstanceType<typeof DefaultRenderer>>();
  let paused = false;
  // listr2 draws only when process.stdout is a terminal; devbox draws on stderr (stdout stays for
  // results), so the renderer says it may run without one.
  class StreamRenderer extends DefaultRenderer {
    static override nonTTY = true;
    constructor(...args: ConstructorParameters<typeof DefaultRenderer>) {
      super(...args);
      renderers.add(this);
    }
  }
  // The spinner drives the redraws: stopping it (and our own updates) leaves the terminal to a prompt.
  class PausableSpinner extends Spinner {
    private redraw: (() => void) | undefined;
    override start(cb?: () => void, interval?: number): void {
      this.redraw = cb;
      super.start(cb, interval);
    }
    resume(): void {
      if (this.redraw && !this.isRunning()) super.start(this.redraw);
    }
  }
  const spinner = new PausableSpinner();
  const states = new Map<string, StepState>();
  const steps = listed(options.steps);
  for (const step of steps) states.set(step.id, { ended: deferred(), lastDrawn: 0, details: [] });
  const failed: StepReport[] = [];

  const list = new Listr(
    steps.map((step) => ({
      title: step.id,
      rendererOptions: { persistentOutput: true },
      task: async (_ctx: unknown, task: TaskHandle) => {
        const state = states.get(step.id)!;
        state.task = task;
        if (state.started !== undefined) task.title = runningTitle(step.id, now() - state.started, p);
        const clock = setInterval(() => {
          if (state.started !== undefined && !paused) task.title = runningTitle(step.id, now() - state.started, p);
        }, 1000);
        try {
          const report = await state.ended.promise;
          if (!report) return task.skip(step.id);
          // Progress goes; what the step said stays under it (e.g. "WSL keeps its old settings until …").
          task.output = state.details.join('\n');
          if (report.outcome === 'failed') {
            task.title = resultTitle(report, options.dryRun, p);
            throw new Error(report.error ?? report.outcome);
          }
          if (report.outcome === 'blocked' || report.outcome === 'interrupted' || report.outcome === 'skipped')
            return task.skip(resultTitle(report, options.dryRun, p));
          task.title = resultTitle(report, options.dryRun, p);
        } finally {
          clearInterval(clock);
        }
      },
    })),
    {
      concurrent: false,
      exitOnError: false,
      registerSignalListeners: false,
      renderer: StreamRenderer,
      rendererOptions: {
        logger: new ListrLogger({ useIcons: true, processOutput: new ProcessOutput(options.stream, options.stream) }),
        // Wrapped, not cut: a step's notes must stay readable on a narrow terminal.
        formatOutput: 'wrap',
        spinner,
        showErrorMessage: false,
        collapseSkips: true,
        icon: {
          COMPLETED: '✓',
          FAILED: '✗',
          SKIPPED_WITH_COLLAPSE: '↓',
          WAITING: '·',
          OUTPUT: '›',
        },
        color: {
          COMPLETED: (s?: string) => p.good(s ?? ''),
          FAILED: (s?: string) => p.bad(s ?? ''),
          SKIPPED_WITH_COLLAPSE: (s?: string) => p.warn(s ?? ''),
          PENDING: (s?: string) => p.info(s ?? ''),
          WAITING: (s?: string) => p.dim(s ?? ''),
          OUTPUT: (s?: string) => p.dim(s ?? ''),
        },
      },
    },
  );
  const running = list.run().catch(() => undefined);
  let closed: Promise<void> | undefined;

  return {
    event(event) {
      if (event.type === 'step-start') {
        const state = states.get(event.step.id);
        if (!state) return;
        state.started = now();
        if (state.task) state.task.title = runningTitle(event.step.id, 0, p);
      } else if (event.type === 'detail' && !options.dryRun) {
        const state = states.get(event.id);
        state?.details.push(event.message);
        if (state?.task && !paused) state.task.output = event.message;
      } else if (event.type === 'progress') {
        const state = states.get(event.id);
        if (!state?.task || paused) return;
        const done = event.progress.kind === 'transfer' && event.progress.done;
        if (!done && now() - state.lastDrawn < progressEveryMs) return;
        state.lastDrawn = now();
        state.task.output = progressText(event.progress, p);
      } else if (event.type === 'step-end') {
        if (event.report.outcome === 'failed') failed.push(event.report);
        states.get(event.report.id)?.ended.resolve(event.report);
      }
    },
    pause() {
      paused = true;
      spinner.stop();
    },
    resume() {
      // What was drawn stays above the prompt; drawing starts afresh below it.
      for (const r of renderers) (r as unknown as { updater?: { done(): void } }).updater?.done();
      paused = false;
      spinner.resume();
    },
    async close() {
      if (closed) return closed;
      closed = (async () => {
        for (const state of states.values()) state.ended.resolve(undefined);
        await running;
        for (const report of failed) {
          if (!report.outputTail) continue;
          for (const line of renderTail(report.id, report.outputTail, p)) options.stream.write(`${line}\n`);
        }
      })();
      return closed;
    },
  };
}
