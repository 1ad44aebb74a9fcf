import { DevboxCommand } from '../../cli/base.js';
import { listSettings, type SettingView } from '../../app/settings.js';
import { t } from '../../i18n/catalogue.js';

export default class ConfigList extends DevboxCommand {
  static override summary = "List devbox's settings, their values and where they are stored.";
  static override examples = ['<%= config.bin %> config list', '<%= config.bin %> config list --json'];

  async run(): Promise<{ file: string; settings: SettingView[] }> {
    await this.parse(ConfigList);
    const result = listSettings();
    const width = Math.max(...result.settings.map((s) => s.key.length));
    this.say(
      [
        ...result.settings.map(
          (s) =>
            `${s.key.padEnd(width)}  ${s.value ?? t('config.listNotSet', { whenUnset: s.whenUnset })}` +
            `${s.values ? `   [${s.values.join(' | ')}]` : ''}`,
        ),
        '',
        t('config.storedIn', { file: result.file }),
      ].join('\n'),
    );
    return result;
  }
}
