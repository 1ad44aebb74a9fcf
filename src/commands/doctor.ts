import { Flags } from '@oclif/core';
import { DevboxCommand, machineFlags, sessionRequestFrom } from '../cli/base.js';
import { doctor, type DoctorResult } from '../app/doctor.js';
import { renderFindings } from '../ui/render.js';
import { askYesNo, isInteractive } from '../ui/prompt.js';
import { renderClusterEvidence, renderEnded } from '../resources/cluster/diagnose/render.js';
import { ExitCode } from '../errors.js';

export default class DoctorCommand extends DevboxCommand {
  static override summary = 'Explain what is broken and how to fix it; exit 5 when something is.';
  static override description =
    'Reads the machine like `status` (changes nothing) and explains each problem with the command that fixes it. ' +
    "Hosts entries are checked again over TLS, in devbox's block and outside it: stale addresses are named with the command that refreshes them. " +
    'Steps that could not be checked and steps that differ from the manifest are listed too. ' +
    'With a cluster in the manifest it also looks for the runc init pipe hang (runc inits stuck writing a pipe, the pipe canary, ' +
    'fs.pipe-user-pages-soft/-hard, nodes NotReady with "PLEG is not healthy", each node\'s runc build against the hang and the CVE floor): ' +
    'one guest-agent call plus one docker exec per node; exit 7 when Docker Engine does not answer (the cluster cannot be checked). `--fix runc-hang` ends the stuck runc inits (after confirmation, or --yes) and changes nothing else.';
  static override examples = [
    '<%= config.bin %> doctor',
    "<%= config.bin %> doctor --only 'hosts.*'",
    '<%= config.bin %> doctor --json',
    '<%= config.bin %> doctor --fix runc-hang --yes',
  ];
  static override flags = {
    ...machineFlags,
    fix: Flags.option({
      options: ['runc-hang'] as const,
      summary: 'Repair a known problem: runc-hang ends the stuck runc inits (SIGKILL), nothing else.',
    })(),
    yes: Flags.boolean({ char: 'y', summary: 'Confirm --fix without asking.', default: false }),
    'stuck-after': Flags.integer({
      summary: 'Seconds a runc init may sleep before it counts as stuck.',
      default: 60,
      min: 1,
    }),
    cluster: Flags.string({
      summary: "The kind cluster to check (default: the manifest's cluster.name).",
      helpValue: 'NAME',
    }),
  };

  async run(): Promise<DoctorResult> {
    const { flags } = await this.parse(DoctorCommand);
    const confirm = async (question: string) => {
      if (flags.yes) return true;
      if (!isInteractive() || this.jsonEnabled()) return false;
      return askYesNo(question);
    };
    const result = await doctor(
      sessionRequestFrom(flags),
      {},
      {
        stuckAfterSec: flags['stuck-after'],
        ...(flags.cluster ? { cluster: flags.cluster } : {}),
        ...(flags.fix ? { fix: flags.fix, confirm } : {}),
      },
    );
    if (result.fixed) this.say(`${renderEnded(result.fixed.ended)}\n`);
    this.say(renderFindings(result.findings, result.plan, this.colors));
    if (result.cluster) {
      const c = result.cluster;
      this.say(
        `\n${renderClusterEvidence(c.report, { cost: c.cost, ...(c.cluster ? { cluster: c.cluster } : {}), ...(c.dockerError ? { dockerError: c.dockerError } : {}), ...(c.canaryError ? { canaryError: c.canaryError } : {}) })}`,
      );
    }
    if (result.dockerUnreachable) process.exitCode = ExitCode.prerequisiteMissing;
    else if (!result.healthy) process.exitCode = ExitCode.driftFound;
    return result;
  }
}
