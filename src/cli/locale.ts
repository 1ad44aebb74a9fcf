/**
 * The language of this run: --lang, else the language setting, else LC_ALL/LC_MESSAGES/LANG, else
 * (on Windows) the display language, else English. Cheap unless only Windows can tell: then one
 * host probe, cached for a day (platform/windows/ui-culture.ts), loaded only in that case. Used by
 * bin/run.js and the standalone entry (for help answered without oclif) and by every command.
 */
import { environmentDecides, langFromArgv, resolveLocale, type Locale } from '../i18n/locale.js';
import { configDirectory, readSettingsText } from '../platform/settings-file.js';

/**
 * The `language` setting (devbox config), read cheaply: JSON.parse, no zod. A file that cannot be read
 * or parsed counts as no setting here; the commands that validate the settings name it (exit 2).
 */
export function languageSetting(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    const file = readSettingsText(configDirectory(env));
    if (file.kind === 'missing') return undefined;
    const language = (JSON.parse(file.text) as { language?: unknown } | null)?.language;
    return typeof language === 'string' ? language : undefined;
  } catch {
    return undefined;
  }
}

/** `setting`: the settings store's `language` (devbox config); read from the settings file when not given. */
export async function chooseLocale(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  setting: string | undefined = langFromArgv(argv) === undefined ? languageSetting(env) : undefined,
): Promise<Locale> {
  const sources = { flag: langFromArgv(argv), setting, env };
  // Off Windows nothing else can tell (the test seam DEVBOX_TEST_AS_WINDOWS, see platform/runtime.ts,
  // makes Linux Windows): answer without loading the platform layer.
  if (environmentDecides(sources) || (process.platform !== 'win32' && env.DEVBOX_TEST_AS_WINDOWS !== '1'))
    return resolveLocale(sources);
  const { windowsUiCulture } = await import('../platform/runtime.js');
  return resolveLocale({ ...sources, windowsUiCulture: await windowsUiCulture(env) });
}
