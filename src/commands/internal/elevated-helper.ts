import { Command, Flags } from '@oclif/core';
import { runElevatedHelper } from '../../platform/windows/helper.js';
import { createProcessRunner } from '../../platform/runtime.js';

/** Started by `devbox up` through the UAC prompt; not for people. See src/platform/windows/elevation.ts. */
export default class ElevatedHelperCommand extends Command {
  static override hidden = true;
  static override summary =
    'Internal: runs the administrator steps of one `devbox up` (started through the UAC prompt).';
  static override flags = {
    pipe: Flags.string({ required: true, summary: 'The pipe of the devbox run to serve.' }),
    token: Flags.string({ required: true, summary: 'The token that proves this helper to that run.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ElevatedHelperCommand);
    await runElevatedHelper({ pipe: flags.pipe, token: flags.token, processes: createProcessRunner() });
  }
}
