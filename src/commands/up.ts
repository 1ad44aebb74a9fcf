import { Flags } from '@oclif/core';
import { DevboxCommand, machineFlags, sessionRequestFrom } from '../cli/base.js';
import { up, type UpResult } from '../app/up.js';
import { createStatePorts } from '../platform/runtime.js';
import { renderPlan, renderRecorded, renderReport } from '../ui/render.js';
import { askYesNo, isInteractive } from '../ui/prompt.js';
import { plainSteps, type StepView, type StepViewOptions } from '../ui/task-list.js';
import type { PlanStep } from '../engine/plan.js';
import { t } from '../i18n/catalogue.js';

export default class UpCommand extends DevboxCommand {
  static override summary = 'Converge the machine to the manifest.';
  static override description =
    'Shows the plan, asks for confirmation (--yes applies without asking; not at a terminal, or with --json, --yes is required: exit 2 without it), applies each step in dependency order, ' +
    'checks each step converged, and records every change in the journal. Ctrl-C stops after the current step; `devbox up --resume` continues. ' +
    'On Windows, administrator steps share one UAC prompt, and when Windows must restart devbox registers `devbox up --resume` to run at the next logon (exit code 6).';
  static override examples = [
    '<%= config.bin %> up',
    '<%= config.bin %> up --plane guest --yes',
    '<%= config.bin %> up --dry-run',
    '<%= config.bin %> up --resume',
    '<%= config.bin %> up --reboot',
  ];
  static override flags = {
    ...machineFlags,
    yes: Flags.boolean({
      char: 'y',
      summary: 'Apply without asking (required when not at a terminal, and with --json).',
      default: false,
    }),
    'dry-run': Flags.boolean({
      summary: 'Run every step against recording ports and print what would change; changes nothing.',
      default: false,
    }),
    resume: Flags.boolean({
      summary: 'Continue the last interrupted or failed run with its manifest and options.',
      default: false,
    }),
    reboot: Flags.boolean({
      summary:
        'When Windows must restart (e.g. after enabling WSL), restart it after a 60-second countdown; devbox continues after the next logon.',
      default: false,
    }),
  };

  /**
   * How the steps are shown: a task list on a terminal (stderr, so stdout keeps the results), plain
   * lines elsewhere; under --json only a terminal gets them, so stdout is nothing but the JSON.
   */
  private async stepView(dryRun: boolean): Promise<((steps: readonly PlanStep[]) => StepView) | undefined> {
    const stream = process.stderr;
    const terminal = stream.isTTY === true && process.env.TERM !== 'dumb';
    if (this.jsonEnabled() && !terminal) return undefined;
    const options = (steps: readonly PlanStep[]): StepViewOptions => ({
      steps,
      dryRun,
      stream,
      palette: this.paletteFor(stream),
    });
    if (!terminal) return (steps) => plainSteps(options(steps));
    const { loadTaskList } = await import('../ui/task-list.js');
    const taskList = await loadTaskList();
    return (steps) => taskList(options(steps));
  }

  async run(): Promise<UpResult> {
    const { flags } = await this.parse(UpCommand);
    const log = this.startRunLog('up', { dryRun: flags['dry-run'] });
    const makeView = await this.stepView(flags['dry-run']);
    let steps: readonly PlanStep[] = [];
    let view: StepView | undefined;
    const controller = new AbortController();
    let signals = 0;
    const onSignal = () => {
      if (++signals > 1) process.exit(130);
      this.progress(t('up.stopping'));
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const result = await up(
        {
          ...sessionRequestFrom(flags),
          dryRun: flags['dry-run'],
          resume: flags.resume,
          ...(flags.reboot ? { reboot: true } : {}),
        },
        {
          signal: controller.signal,
          onPlan: (plan) => {
            const title = t(flags['dry-run'] ? 'render.dryRunTitle' : 'render.planTitle');
            this.say(renderPlan(plan, { title, palette: this.colors }));
            log?.plan(renderPlan(plan, { title }));
            steps = plan.steps;
          },
          consent: {
            yes: flags.yes,
            ...(isInteractive() && !this.jsonEnabled()
              ? {
                  // A question mid-run (e.g. `wsl --shutdown`) gets the terminal to itself.
                  ask: async (question: string) => {
                    view?.pause?.();
                    try {
                      return await askYesNo(question);
                    } finally {
                      view?.resume?.();
                    }
                  },
                }
              : {}),
          },
          onEvent: (event) => {
            log?.event(event);
            // The view starts with the first step, after the plan was shown and confirmed.
            view ??= makeView?.(steps);
            view?.event(event);
          },
        },
        { state: createStatePorts() },
      );
      await view?.close();
      if (result.report)
        this.say(
          renderReport(result.report, { dryRun: result.dryRun, palette: this.colors, listed: view !== undefined }),
        );
      else this.say(t('up.nothingToDo'));
      if (result.wouldChange) this.say(renderRecorded(result.wouldChange));
      return result;
    } finally {
      await view?.close();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}
