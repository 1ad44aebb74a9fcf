import { DevboxCommand, machineFlags, sessionRequestFrom } from '../cli/base.js';
import { doctor, type DoctorResult } from '../app/doctor.js';
import { renderFindings } from '../ui/render.js';
import { ExitCode } from '../errors.js';

export default class DoctorCommand extends DevboxCommand {
  static override summary = 'Explain what is broken and how to fix it; exit 5 when something is.';
  static override description =
    'Reads the machine like `status` (changes nothing) and explains each problem with the command that fixes it. ' +
    'Hosts entries are checked again over TLS, in devbox\'s block and outside it: stale addresses are named with the command that refreshes them. ' +
    'Steps that could not be checked and steps that differ from the manifest are listed too.';
  static override examples = ['<%= config.bin %> doctor', "<%= config.bin %> doctor --only 'hosts.*'", '<%= config.bin %> doctor --json'];
  static override flags = machineFlags;

  async run(): Promise<DoctorResult> {
    const { flags } = await this.parse(DoctorCommand);
    const result = await doctor(sessionRequestFrom(flags));
    this.say(renderFindings(result.findings, result.plan));
    if (!result.healthy) process.exitCode = ExitCode.driftFound;
    return result;
  }
}
