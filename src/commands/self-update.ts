import { Flags } from '@oclif/core';
import { DevboxCommand } from '../cli/base.js';
import { trustFlags } from '../cli/net-flags.js';
import { selfUpdate, type SelfUpdateResult } from '../app/self-update.js';
import { t } from '../i18n/catalogue.js';

export default class SelfUpdate extends DevboxCommand {
  static override summary = 'Replace this devbox executable with the newest release, verified by sha256.';
  static override description = [
    'Reads latest.json (version and sha256 of each executable) from the release URL, over verified TLS; downloads the executable',
    'from the release URL or its mirror, refuses it unless its sha256 matches, checks that it runs, then moves the running file',
    'aside (deleted on the next start) and puts the new one in its place. Only for the standalone executables; npm installs update with npm.',
  ].join(' ');
  static override examples = [
    '<%= config.bin %> self-update',
    '<%= config.bin %> self-update --check',
    '<%= config.bin %> self-update --sha256 0123...cdef',
  ];
  static override flags = {
    ...trustFlags,
    check: Flags.boolean({ summary: 'Only report whether a newer release exists.', default: false }),
    force: Flags.boolean({
      summary: 'Reinstall even when the newest release is the running version, or older than it.',
      default: false,
    }),
    sha256: Flags.string({
      summary: 'Expected sha256 of the new executable (from the release page); anything else is refused.',
      helpValue: 'HEX',
    }),
    'base-url': Flags.string({
      summary:
        'Release location to use instead of the defaults (repeatable, tried in order); also DEVBOX_RELEASE_URLS.',
      multiple: true,
      helpValue: 'URL',
    }),
  };

  async run(): Promise<SelfUpdateResult> {
    const { flags } = await this.parse(SelfUpdate);
    const result = await selfUpdate(
      {
        currentVersion: this.config.version,
        check: flags.check,
        force: flags.force,
        onProgress: (text) => this.progress(text),
        ...(flags.sha256 ? { sha256: flags.sha256 } : {}),
        ...(flags['base-url'] ? { bases: flags['base-url'] } : {}),
      },
      {
        ...(flags['ca-bundle'] ? { caBundle: flags['ca-bundle'] } : {}),
        ...(flags.proxy ? { proxy: flags.proxy } : {}),
      },
    );
    if (result.status === 'up-to-date') this.say(t('selfUpdate.newest', { version: result.from }));
    else if (result.status === 'available') this.say(t('selfUpdate.available', { to: result.to, from: result.from }));
    else this.say(t('selfUpdate.updated', { ...result, sha256: String(result.sha256) }));
    return result;
  }
}
