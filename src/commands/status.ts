import { DevboxCommand, machineFlags, sessionRequestFrom } from '../cli/base.js';
import { status, type StatusResult } from '../app/status.js';
import { renderInDesiredState, renderStep } from '../ui/render.js';
import { ExitCode } from '../errors.js';
import { t } from '../i18n/catalogue.js';

export default class StatusCommand extends DevboxCommand {
  static override summary = 'Check the machine against the manifest; exit 5 when it drifted.';
  static override description =
    'Lists every resource that is not in its desired state, with the properties that differ. Changes nothing.';
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status --plane guest --json'];
  static override flags = machineFlags;

  async run(): Promise<StatusResult> {
    const { flags } = await this.parse(StatusCommand);
    const result = await status(sessionRequestFrom(flags));
    if (result.inDesiredState) {
      this.say(renderInDesiredState(result.plan, this.colors));
    } else {
      this.say(
        [
          t('render.driftFound', { guest: result.plan.guest }),
          '',
          ...result.drifted.flatMap((s) => renderStep(s, this.colors)),
        ].join('\n'),
      );
      process.exitCode = ExitCode.driftFound;
    }
    return result;
  }
}
