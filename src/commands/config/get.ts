import { Args } from '@oclif/core';
import { DevboxCommand } from '../../cli/base.js';
import { getSetting, settingKeys, type SettingView } from '../../app/settings.js';
import { t } from '../../i18n/catalogue.js';

export default class ConfigGet extends DevboxCommand {
  static override summary = "Print one of devbox's settings.";
  static override description =
    'Prints the stored value alone (for scripts); when the setting is not set, prints nothing and says on stderr what applies instead.';
  static override examples = ['<%= config.bin %> config get manifest', '<%= config.bin %> config get language --json'];
  static override args = {
    key: Args.string({ description: 'The setting.', required: true, options: settingKeys }),
  };

  async run(): Promise<SettingView> {
    const { args } = await this.parse(ConfigGet);
    const setting = getSetting(args.key);
    if (setting.value !== null) this.say(setting.value);
    else this.progress(t('config.notSet', { key: setting.key, whenUnset: setting.whenUnset }));
    return setting;
  }
}
