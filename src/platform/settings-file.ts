/**
 * The file behind `devbox config`: settings.json in the user's config folder (%APPDATA%\devbox on
 * Windows, $XDG_CONFIG_HOME/devbox or ~/.config/devbox elsewhere; DEVBOX_CONFIG_DIR overrides both).
 *
 * Writes go through the `conf` package (atomic write, its JSON format). Reads do not: conf loads
 * ajv when it is imported (measured 190–440 ms here, unbundled), and every command reads the
 * settings (language, colour, default manifest), while only `devbox config set|unset` writes them.
 * The file is plain JSON, so reading it is `JSON.parse`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The settings folder for this user. */
export function configDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.DEVBOX_CONFIG_DIR) return env.DEVBOX_CONFIG_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'devbox');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'devbox');
}

/** The settings file's name in that folder (conf's `configName` + `.json`). */
export const settingsFileName = 'settings.json';

/**
 * Whether anything is at the settings file's path (a file, or a folder that is in the way). Lets a
 * command with no settings file skip loading the validator (src/app/settings.ts brings zod).
 */
export function settingsFilePresent(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(join(configDirectory(env), settingsFileName));
}

/** What is on disk: nothing yet, or the file's text. */
export type SettingsFileText = { kind: 'missing' } | { kind: 'text'; text: string };

/** Reads the settings file; a folder or unreadable file is thrown as the filesystem's error. */
export function readSettingsText(dir: string): SettingsFileText {
  try {
    return { kind: 'text', text: readFileSync(join(dir, settingsFileName), 'utf8') };
  } catch (error) {
    // ENOTDIR: a folder on the way is a file, so there is no settings file either (a write says why).
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    throw error;
  }
}

/**
 * Sets and deletes keys of the settings file through conf (atomic: a temp file renamed into place).
 * The caller has read and validated the file first: conf would treat a file holding JSON that is not
 * an object as an empty store and write over it.
 */
export async function writeSettings(
  dir: string,
  change: { set?: Record<string, string>; unset?: readonly string[] },
): Promise<void> {
  const { default: Conf } = await import('conf');
  const store = new Conf<Record<string, string>>({
    cwd: dir,
    configName: settingsFileName.replace(/\.json$/, ''),
    projectName: 'devbox',
    clearInvalidConfig: false,
    // Keys such as `manifest` are plain names: a dot in a value's key must not become nesting.
    accessPropertiesByDotNotation: false,
  });
  for (const [key, value] of Object.entries(change.set ?? {})) store.set(key, value);
  for (const key of change.unset ?? []) store.delete(key);
}

/** The values of the `language` and `color` settings (src/app/settings.ts validates them on write). */
export const languageSettings = ['en', 'zh-CN'] as const;
export const colorSettings = ['auto', 'always', 'never'] as const;

/** The settings that shape every message: read on each start, before any command code. */
export interface OutputSettings {
  language?: (typeof languageSettings)[number];
  color?: (typeof colorSettings)[number];
}

/**
 * `language` and `color` from the settings file, never failing: a missing, unreadable or damaged file
 * or an unknown value counts as not set. Every command but `devbox config unset` then stops on a damaged
 * file (src/cli/base.ts, checkSettingsFile); messages must not, or that error could not be shown.
 */
export function readOutputSettings(env: NodeJS.ProcessEnv = process.env): OutputSettings {
  try {
    const file = readSettingsText(configDirectory(env));
    if (file.kind === 'missing') return {};
    const raw = JSON.parse(file.text) as Record<string, unknown>;
    const pick = <T extends string>(value: unknown, allowed: readonly T[]) => allowed.find((a) => a === value);
    const language = pick(raw?.language, languageSettings);
    const color = pick(raw?.color, colorSettings);
    return { ...(language ? { language } : {}), ...(color ? { color } : {}) };
  } catch {
    return {};
  }
}

/** What is at a path, for checking a manifest file named in a setting. */
export function pathKind(path: string): 'file' | 'directory' | 'special file' | 'missing' {
  try {
    const stat = statSync(path);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'special file';
  } catch {
    return 'missing';
  }
}
