import { Args } from '@oclif/core';
import { DevboxCommand } from '../../cli/base.js';
import { unsetSetting } from '../../app/settings.js';
import { t } from '../../i18n/catalogue.js';

export default class ConfigUnset extends DevboxCommand {
  static override summary = "Remove one of devbox's settings (its default applies again).";
  static override examples = ['<%= config.bin %> config unset manifest'];
  // The way to repair a damaged settings file, so it must run on one.
  static override checksSettings = false;
  static override args = {
    key: Args.string({
      description: 'The setting (also a key devbox does not know, to repair the file).',
      required: true,
    }),
  };

  async run(): Promise<{ key: string; file: string }> {
    const { args } = await this.parse(ConfigUnset);
    const result = await unsetSetting(args.key);
    this.say(t('config.unset', { key: result.key }));
    return result;
  }
}
