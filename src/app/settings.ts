/**
 * devbox's own settings (`devbox config get|set|unset|list`): the language of its messages, the
 * manifest used when `-m` is not given, and colour. Stored as JSON in the user's config folder
 * (platform/settings-file.ts). `readSettings()` is the one read API other code uses.
 */
import { z } from 'zod';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError, UserError, ExitCode } from '../errors.js';
import { builtinDefaultRef } from '../manifest/refs.js';
import { didYouMean } from '../manifest/schema-walk.js';
import { t } from '../i18n/catalogue.js';
import {
  colorSettings,
  languageSettings,
  configDirectory,
  pathKind,
  readSettingsText,
  settingsFileName,
  writeSettings,
} from '../platform/settings-file.js';

export const languages = languageSettings;
export const colorModes = colorSettings;

const manifestRef = z
  .string()
  // Messages as functions: the schema is built at load, before the locale is known.
  .min(1, { error: () => t('settings.manifestEmpty') })
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: () => t('settings.manifestControl') })
  .refine((s) => !/^http:\/\//i.test(s), { error: () => t('settings.manifestHttp') });

/** Every setting: its schema, what it does and what applies when it is not set. */
export const settingDefinitions = {
  language: {
    schema: z.enum(languages, { error: () => t('config.mustBeOneOf', { values: languages.join(', ') }) }),
    summary: 'config.languageSummary',
    unset: () => t('config.languageUnset'),
    values: languages as readonly string[],
  },
  manifest: {
    schema: manifestRef,
    summary: 'config.manifestSummary',
    unset: () => builtinDefaultRef,
    values: undefined,
  },
  color: {
    schema: z.enum(colorModes, { error: () => t('config.mustBeOneOf', { values: colorModes.join(', ') }) }),
    summary: 'config.colorSummary',
    unset: () => 'auto',
    values: colorModes as readonly string[],
  },
} as const;

export type SettingKey = keyof typeof settingDefinitions;
export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

const settingsSchema = z.strictObject({
  language: settingDefinitions.language.schema.optional(),
  manifest: settingDefinitions.manifest.schema.optional(),
  color: settingDefinitions.color.schema.optional(),
});

/** The validated settings; a key that is not set is absent. */
export type Settings = z.output<typeof settingsSchema>;

/** Where the settings live and what other code needs of the environment. */
export interface SettingsDeps {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  cwd?: string;
}

/** The settings file is not JSON, or holds a value devbox does not accept: exit 2, never overwritten. */
export class SettingsFileError extends UserError {
  constructor(
    readonly path: string,
    problem: string,
    repairable: boolean,
  ) {
    super(t('config.fileError', { path, problem }), ExitCode.usage, {
      code: 'settings.invalid',
      suggestions: [
        repairable ? t('config.fixByUnset') : t('config.fixByHand'),
        t('config.validKeys', { keys: settingKeys.join(', ') }),
      ],
    });
  }
}

function settingsPath(deps: SettingsDeps): { dir: string; path: string } {
  const dir = configDirectory(deps.env ?? process.env, deps.platform ?? process.platform);
  return { dir, path: join(dir, settingsFileName) };
}

/** The file's JSON object as written (not yet validated). */
function readRaw(deps: SettingsDeps): { dir: string; path: string; raw: Record<string, unknown> } {
  const { dir, path } = settingsPath(deps);
  let file;
  try {
    file = readSettingsText(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SettingsFileError(path, t('config.cannotRead', { code }), false);
  }
  if (file.kind === 'missing') return { dir, path, raw: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(file.text);
  } catch (error) {
    throw new SettingsFileError(path, t('config.notJson', { error: (error as Error).message }), false);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new SettingsFileError(path, t('config.notObject'), false);
  return { dir, path, raw: parsed as Record<string, unknown> };
}

function validate(path: string, raw: Record<string, unknown>): Settings {
  const result = settingsSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys
        .map((key) => {
          const meant = didYouMean(key, settingKeys);
          return t('config.unknownKey', { key, meant: meant ?? '' });
        })
        .join(t('list.separator'));
    }
    const key = String(issue.path[0]);
    return t('config.badValue', { key, value: JSON.stringify(raw[key]), problem: issue.message });
  });
  throw new SettingsFileError(path, problems.join(t('list.separator')), true);
}

/**
 * The user's settings, validated. A missing file is no settings; a file devbox cannot read, that is
 * not JSON or that holds an invalid value throws SettingsFileError (exit 2), naming the file.
 */
export function readSettings(deps: SettingsDeps = {}): Settings {
  const { path, raw } = readRaw(deps);
  return validate(path, raw);
}

/**
 * Stops a command on a damaged settings file: every command reads the settings (language, colour,
 * the default manifest), so every one exits 2 on the same SettingsFileError (README, `devbox config`).
 */
export function checkSettingsFile(deps: SettingsDeps = {}): void {
  readSettings(deps);
}

/** The manifest reference a command uses when `-m` is not given. */
export function defaultManifestRef(deps: SettingsDeps = {}): string {
  return readSettings(deps).manifest ?? builtinDefaultRef;
}

function knownKey(key: string): SettingKey {
  if ((settingKeys as string[]).includes(key)) return key as SettingKey;
  const meant = didYouMean(key, settingKeys);
  throw new UsageError(t('config.notASetting', { key, meant: meant ?? '' }), {
    code: 'usage.setting',
    suggestions: [t('config.settings', { keys: settingKeys.join(', ') })],
  });
}

/** A setting's value as given on the command line, checked; a manifest file becomes an absolute path. */
function checkedValue(key: SettingKey, value: string, deps: SettingsDeps): string {
  const definition = settingDefinitions[key];
  const result = definition.schema.safeParse(value);
  if (!result.success) {
    const meant = definition.values ? didYouMean(value, definition.values) : undefined;
    throw new UsageError(
      t('config.badSettingValue', {
        key,
        value,
        problem: result.error.issues[0]?.message ?? t('config.notValid'),
        meant: meant ?? '',
      }),
      { code: 'usage.setting-value' },
    );
  }
  if (key !== 'manifest' || /^(https:\/\/|builtin:)/i.test(value)) return value;
  const absolute = isAbsolute(value) ? value : resolve(deps.cwd ?? process.cwd(), value);
  const kind = pathKind(absolute);
  if (kind !== 'file')
    throw new UsageError(
      kind === 'missing'
        ? t('config.manifestMissing', { path: absolute })
        : t('config.manifestNotFile', { path: absolute, kind }),
      {
        code: 'usage.setting-value',
        suggestions: [t('config.manifestFix')],
      },
    );
  return absolute;
}

/** One setting for `config get` / `config list`. */
export interface SettingView {
  key: SettingKey;
  /** The stored value; null when it is not set. */
  value: string | null;
  /** What applies when it is not set. */
  whenUnset: string;
  summary: string;
  /** The values it takes, when it is a choice. */
  values?: readonly string[];
}

function view(key: SettingKey, settings: Settings): SettingView {
  const definition = settingDefinitions[key];
  return {
    key,
    value: settings[key] ?? null,
    whenUnset: definition.unset(),
    summary: t(definition.summary),
    ...(definition.values ? { values: definition.values } : {}),
  };
}

export function getSetting(key: string, deps: SettingsDeps = {}): SettingView {
  const known = knownKey(key);
  return view(known, readSettings(deps));
}

export function listSettings(deps: SettingsDeps = {}): { file: string; settings: SettingView[] } {
  const settings = readSettings(deps);
  return { file: settingsPath(deps).path, settings: settingKeys.map((key) => view(key, settings)) };
}

/** A write the filesystem refused, as a user error naming the file (never a stack trace). */
async function written(path: string, write: Promise<void>): Promise<void> {
  try {
    await write;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new UserError(t('config.cannotWrite', { path, code }), ExitCode.prerequisiteMissing, {
      code: 'settings.unwritable',
      cause: error,
      suggestions: [t('config.cannotWriteFix')],
    });
  }
}

/** Sets a setting; the whole file must be valid afterwards, or nothing is written. */
export async function setSetting(key: string, value: string, deps: SettingsDeps = {}): Promise<SettingView> {
  const known = knownKey(key);
  const checked = checkedValue(known, value, deps);
  const { dir, path, raw } = readRaw(deps);
  const settings = validate(path, { ...raw, [known]: checked });
  await written(path, writeSettings(dir, { set: { [known]: checked } }));
  return view(known, settings);
}

/**
 * Removes a setting, also one the file holds that devbox does not know or an invalid one: this is
 * how a damaged file is repaired key by key, so the rest of the file is not validated here.
 */
export async function unsetSetting(key: string, deps: SettingsDeps = {}): Promise<{ key: string; file: string }> {
  const { dir, path, raw } = readRaw(deps);
  if (!(key in raw)) knownKey(key);
  if (key in raw) await written(path, writeSettings(dir, { unset: [key] }));
  return { key, file: path };
}
