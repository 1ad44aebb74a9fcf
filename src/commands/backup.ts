import { Flags } from '@oclif/core';
import { DevboxCommand, manifestFlags } from '../cli/base.js';
import { backup } from '../app/backup.js';
import { renderBackup } from '../ui/backup.js';

export default class BackupCommand extends DevboxCommand {
  static override summary =
    "Back up this machine's environment: the distro, Scoop, devbox's config, the cluster's config.";
  static override description =
    'Writes a folder of parts with manifest.json (written last), or one .devbox-backup file (a plain tar of the same files). ' +
    'The distro is stopped first (asking; --yes answers) and exported through zstd; Scoop keeps exact versions, buckets as git bundles, persist/, and ' +
    "config.json's secrets encrypted with a passphrase (DEVBOX_BACKUP_PASSPHRASE or --passphrase-file) or left out. Check it with devbox backup verify.";
  static override examples = [
    '<%= config.bin %> backup -o D:\\backups\\laptop.devbox-backup',
    '<%= config.bin %> backup -o D:\\backups\\today --only distro,config --yes',
  ];
  static override flags = {
    ...manifestFlags,
    output: Flags.string({
      char: 'o',
      summary: 'Folder, or a file ending in .devbox-backup.',
      required: true,
      helpValue: 'PATH',
    }),
    only: Flags.string({
      summary: 'Parts to back up: distro, scoop, config, cluster (comma-separated).',
      multiple: true,
      delimiter: ',',
    }),
    distro: Flags.string({ summary: "The distro to export (default: the manifest's distro.name).", helpValue: 'NAME' }),
    format: Flags.option({
      options: ['tar', 'vhd'] as const,
      default: 'tar',
      summary: 'Distro export format: tar (portable) or vhd (fast, same machine class; needs a WSL with --format).',
    })(),
    level: Flags.integer({ default: 3, summary: 'zstd level (1-19).' }),
    'with-cache': Flags.boolean({
      default: false,
      summary: "Include Scoop's download cache, so a restore downloads nothing.",
    }),
    'with-images': Flags.boolean({
      default: false,
      summary: "Include the cluster's node image (docker save in the distro), so a restore pulls nothing.",
    }),
    'passphrase-file': Flags.string({
      summary: "File holding the passphrase that encrypts Scoop's secrets.",
      helpValue: 'FILE',
    }),
    yes: Flags.boolean({ char: 'y', default: false, summary: 'Stop a running distro without asking.' }),
    'dry-run': Flags.boolean({ default: false, summary: 'Say what would be backed up; write nothing.' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(BackupCommand);
    const result = await backup({
      output: flags.output,
      ...(flags.only ? { only: flags.only } : {}),
      manifestRef: flags.manifest,
      ...(flags.distro ? { distro: flags.distro } : {}),
      format: flags.format,
      level: flags.level,
      withCache: flags['with-cache'],
      withImages: flags['with-images'],
      yes: flags.yes,
      dryRun: flags['dry-run'],
      devboxVersion: this.config.version,
      ...(flags['passphrase-file'] ? { passphraseFile: flags['passphrase-file'] } : {}),
      progress: (t) => this.progress(t),
    });
    this.say(renderBackup(result));
    return result;
  }
}
