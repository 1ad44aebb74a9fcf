import { Args, Flags } from '@oclif/core';
import { DevboxCommand } from '../../cli/base.js';
import { verify } from '../../app/backup.js';
import { ExitCode } from '../../errors.js';
import { renderVerify } from '../../ui/backup.js';

export default class BackupVerify extends DevboxCommand {
  static override summary =
    'Check a backup: every part against its recorded sha256; --deep also unpacks every archive.';
  static override description = 'Damaged, truncated or missing parts are named one by one; exit code 4 when any is.';
  static override examples = ['<%= config.bin %> backup verify D:\\backups\\laptop.devbox-backup --deep'];
  static override args = {
    path: Args.string({ required: true, description: 'Backup folder or .devbox-backup file.' }),
  };
  static override flags = {
    deep: Flags.boolean({ default: false, summary: 'Decompress and walk every archive, checking each file.' }),
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(BackupVerify);
    const result = await verify(args.path, flags.deep, {
      devboxVersion: this.config.version,
      progress: (t) => this.progress(t),
    });
    this.say(renderVerify(result, this.colors));
    if (!result.ok) process.exitCode = ExitCode.applyFailed;
    return { ...result, manifest: undefined };
  }
}
