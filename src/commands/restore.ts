import { Args, Flags } from '@oclif/core';
import { DevboxCommand } from '../cli/base.js';
import { conflictExit, restore } from '../app/backup.js';
import { ExitCode } from '../errors.js';
import { renderRestore } from '../ui/backup.js';

export default class RestoreCommand extends DevboxCommand {
  static override summary = 'Restore a backup onto this machine: plan first, then restore, then check with status.';
  static override description =
    'The plan lists what will be created, conflicts (an existing distro of that name needs --as NEW or --replace), free space needed (checked before ' +
    'anything is written), what comes from the backup and what would be downloaded. --map moves a root: --map SCOOP=E:\\Apps --map USERPROFILE=C:\\Users\\me.';
  static override examples = [
    '<%= config.bin %> restore D:\\backups\\laptop.devbox-backup --dry-run',
    '<%= config.bin %> restore D:\\backups\\today --map SCOOP=E:\\Scoop --as Ubuntu-restored',
  ];
  static override args = {
    path: Args.string({ required: true, description: 'Backup folder or .devbox-backup file.' }),
  };
  static override flags = {
    only: Flags.string({
      summary: 'Parts to restore: distro, scoop, config, cluster (comma-separated).',
      multiple: true,
      delimiter: ',',
    }),
    map: Flags.string({
      summary: 'TOKEN=PATH: restore a root elsewhere (SCOOP, SCOOP_GLOBAL, SCOOP_CACHE, USERPROFILE). Repeatable.',
      multiple: true,
      helpValue: 'TOKEN=PATH',
    }),
    as: Flags.string({ summary: 'Import the distro under this name.', helpValue: 'NAME' }),
    replace: Flags.boolean({
      default: false,
      summary: 'Replace a registered distro of the same name (everything in it is lost).',
    }),
    'passphrase-file': Flags.string({ summary: "File holding the passphrase of Scoop's secrets.", helpValue: 'FILE' }),
    yes: Flags.boolean({ char: 'y', default: false, summary: 'Do not ask.' }),
    'dry-run': Flags.boolean({ default: false, summary: 'Show the plan only; write nothing.' }),
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(RestoreCommand);
    const result = await restore({
      path: args.path,
      ...(flags.only ? { only: flags.only } : {}),
      ...(flags.map ? { map: flags.map } : {}),
      ...(flags.as !== undefined ? { as: flags.as } : {}),
      replace: flags.replace,
      yes: flags.yes,
      dryRun: flags['dry-run'],
      devboxVersion: this.config.version,
      ...(flags['passphrase-file'] ? { passphraseFile: flags['passphrase-file'] } : {}),
      progress: (t) => this.progress(t),
    });
    this.say(renderRestore(result, this.colors));
    // A dry run exits as the restore would: a plan it cannot start is not a success.
    const stopped = result.dryRun ? conflictExit(result.plan) : undefined;
    if (stopped !== undefined) process.exitCode = stopped;
    else if (result.status && !result.status.inDesiredState) process.exitCode = ExitCode.driftFound;
    return result;
  }
}
