import { DevboxCommand, machineFlags, sessionRequestFrom } from '../cli/base.js';
import { openSession, planSession } from '../app/session.js';
import type { Plan } from '../engine/plan.js';
import { renderPlan } from '../ui/render.js';
import { formatIssue } from '../manifest/issues.js';

export default class PlanCommand extends DevboxCommand {
  static override summary = 'Show what `devbox up` would change, without changing anything.';
  static override description =
    'Reads the machine (every guest probe in one batch), compares it with the manifest and prints one step per resource: ' +
    '+ create, ~ update, - remove, = in desired state, ? checked after its dependencies, ' +
    '! could not be checked or cannot be applied from this state (with the reason and the fix). ' +
    'Off Windows, host resources show as skipped.';
  static override examples = [
    '<%= config.bin %> plan',
    '<%= config.bin %> plan --plane guest --root /srv/rootfs',
    '<%= config.bin %> plan -m team.yaml --json',
  ];
  static override flags = machineFlags;

  async run(): Promise<Plan> {
    const { flags } = await this.parse(PlanCommand);
    const session = await openSession(sessionRequestFrom(flags));
    for (const warning of session.loaded.warnings) this.progress(formatIssue(warning));
    const { plan } = await planSession(session);
    this.say(renderPlan(plan, { palette: this.colors }));
    return plan;
  }
}
