import { Args } from '@oclif/core';
import { DevboxCommand } from '../../cli/base.js';
import { setSetting, settingDefinitions, settingKeys, type SettingView } from '../../app/settings.js';

export default class ConfigSet extends DevboxCommand {
  static override summary = "Change one of devbox's settings.";
  static override description =
    'language: ' +
    settingDefinitions.language.values.join(' | ') +
    '. manifest: the manifest used when -m is not given (a file, stored as an absolute path; an https:// URL; builtin:default). ' +
    'color: ' +
    settingDefinitions.color.values.join(' | ') +
    '. A value devbox does not accept exits 2 and changes nothing.';
  static override examples = [
    '<%= config.bin %> config set language zh-CN',
    '<%= config.bin %> config set manifest ./team.yaml',
    '<%= config.bin %> config set color never',
  ];
  static override args = {
    key: Args.string({ description: 'The setting.', required: true, options: settingKeys }),
    value: Args.string({ description: 'Its new value.', required: true }),
  };
  /** For shell completion: the values of `value`, by `key`. */
  static readonly valuesByKey: Record<string, readonly string[]> = {
    language: settingDefinitions.language.values,
    color: settingDefinitions.color.values,
  };

  async run(): Promise<SettingView> {
    const { args } = await this.parse(ConfigSet);
    const setting = await setSetting(args.key, args.value);
    this.say(`${setting.key} = ${setting.value}`);
    return setting;
  }
}
