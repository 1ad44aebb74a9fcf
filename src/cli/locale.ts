/**
 * The language of this run: --lang, else the language setting, else LC_ALL/LC_MESSAGES/LANG, else
 * (on Windows) the display language, else English. Cheap unless only Windows can tell: then one
 * host probe, cached for a day (platform/windows/ui-culture.ts), loaded only in that case. Used by
 * bin/run.js and the standalone entry (for help answered without oclif) and by every command.
 */
import { environmentDecides, langFromArgv, resolveLocale, type Locale } from '../i18n/locale.js';
import { readOutputSettings } from '../platform/settings-file.js';

/** `setting`: the settings store's `language` (devbox config); read from the settings file when not given. */
export async function chooseLocale(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  setting: string | undefined = readOutputSettings(env).language,
): Promise<Locale> {
  const sources = { flag: langFromArgv(argv), setting, env };
  // Off Windows nothing else can tell (the test seam DEVBOX_TEST_AS_WINDOWS, see platform/runtime.ts,
  // makes Linux Windows): answer without loading the platform layer.
  if (environmentDecides(sources) || (process.platform !== 'win32' && env.DEVBOX_TEST_AS_WINDOWS !== '1'))
    return resolveLocale(sources);
  const { windowsUiCulture } = await import('../platform/runtime.js');
  return resolveLocale({ ...sources, windowsUiCulture: await windowsUiCulture(env) });
}
