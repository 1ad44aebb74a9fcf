/**
 * The base of every devbox command: shared flags, `--json`, and the one place errors become output
 * and exit codes. Commands stay thin: parse flags, call src/app, render.
 */
import { Command, Flags, type Interfaces } from '@oclif/core';
import { ExitCode } from '../errors.js';
import { trustFlags } from './net-flags.js';
import { closest } from './closest.js';
import { localizedParseError } from './parse-errors.js';
import { checkListFlags } from './list-flags.js';
import { errorJson, errorText, exitCodeOf } from '../ui/handle-error.js';
import { builtinDefaultRef } from '../manifest/refs.js';
import type { Plane } from '../engine/resource.js';
import { colorFor, palette, type Palette } from '../ui/color.js';
import { openRunLog, type RunLogFile } from '../platform/run-log.js';
import { RunLogText } from '../ui/run-log.js';
import { setLocale, t } from '../i18n/catalogue.js';
import { locales } from '../i18n/locale.js';
import { chooseLocale } from './locale.js';
import { readOutputSettings, settingsFilePresent } from '../platform/settings-file.js';

/** oclif's parsed flag and argument values (its FlagOutput / ArgOutput, which it does not export). */
type FlagValues = { [name: string]: unknown };

/** Flags every manifest-reading command takes. */
export const manifestFlags = {
  manifest: Flags.string({
    char: 'm',
    summary: 'Manifest file or https URL (pinned with #sha256=...).',
    description:
      'Defaults to the `manifest` setting (devbox config set manifest FILE), else the manifest built into devbox ' +
      '(manifests/default.yaml), also reachable as builtin:default.',
    // Read when the command runs, never cached into the help or oclif.manifest.json at build time.
    // Imported on demand: every command imports this file, and the settings bring zod, which the net
    // commands do not otherwise load (scripts/build.mjs bundles this import lazily instead of as a file).
    default: async () => (await import('../app/settings.js')).defaultManifestRef(),
    noCacheDefault: true,
    defaultHelp: async () => builtinDefaultRef,
    helpValue: 'FILE',
  }),
  'trust-remote': Flags.boolean({
    summary: 'Accept https manifests (and extends) that are not pinned with #sha256=.',
    default: false,
  }),
  // The manifest may come from a URL, and steps download: the same proxy and trust store for both.
  ...trustFlags,
};

/** Flags of commands that look at the machine. */
export const machineFlags = {
  ...manifestFlags,
  plane: Flags.option({
    options: ['host', 'guest'] as const,
    summary: 'Only resources of this plane: host (Windows) or guest (Linux in the distro).',
  })(),
  root: Flags.string({
    summary: 'Guest plane only: target the root filesystem at DIR (via chroot) instead of the running system.',
    helpValue: 'DIR',
  }),
  only: Flags.string({
    summary: 'Only resources whose id or type matches (glob, repeatable or comma-separated), e.g. distro.*',
    multiple: true,
    delimiter: ',',
  }),
  skip: Flags.string({
    summary: 'Leave out resources whose id or type matches (glob, repeatable or comma-separated).',
    multiple: true,
    delimiter: ',',
  }),
};

export type MachineFlagValues = {
  manifest: string;
  'trust-remote': boolean;
  'ca-bundle'?: string;
  proxy?: string;
  plane?: Plane;
  root?: string;
  only?: string[];
  skip?: string[];
};

/** Maps machine flags to a session request. */
export function sessionRequestFrom(flags: MachineFlagValues) {
  return {
    manifestRef: flags.manifest,
    trustRemote: flags['trust-remote'],
    ...(flags.plane ? { plane: flags.plane } : {}),
    // An empty --root ("$ROOT" unset) must not fall back to the running system: the session refuses it.
    ...(flags.root !== undefined ? { root: flags.root } : {}),
    ...(flags.only ? { only: flags.only } : {}),
    ...(flags.skip ? { skip: flags.skip } : {}),
    ...netFrom(flags),
  };
}

/** `--ca-bundle` and `--proxy` as a request's network settings. */
export function netFrom(flags: { 'ca-bundle'?: string; proxy?: string }) {
  const net = {
    ...(flags['ca-bundle'] ? { caBundle: flags['ca-bundle'] } : {}),
    ...(flags.proxy ? { proxy: flags.proxy } : {}),
  };
  return Object.keys(net).length ? { net } : {};
}

/** An oclif parse error's text without its closing "See more help with --help" line. */
export function withoutHelpPointer(message: string): string {
  return message.replace(/\n+See more help with --help\s*$/, '');
}

/** `--no-color` was given (before any `--`); read from argv so even a parse error's text obeys it. */
export function noColorRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--no-color');
}

export abstract class DevboxCommand extends Command {
  static override enableJsonFlag = true;
  /** Flags every command takes. */
  static override baseFlags = {
    'no-color': Flags.boolean({
      summary: 'Plain text: no colours (also NO_COLOR=1; FORCE_COLOR=1 forces colour).',
      default: false,
    }),
    lang: Flags.option({
      options: locales,
      summary: 'Language of messages and help: en or zh-CN.',
      description:
        "Default: the language setting, else LC_ALL, LC_MESSAGES or LANG (zh_CN.UTF-8 → zh-CN), else Windows' display language, else en.",
      helpGroup: 'GLOBAL',
    })(),
  };

  /**
   * Whether the command stops on a damaged settings file (exit 2). Only the commands that repair the
   * file, or run for another devbox process that already checked it, set this false.
   */
  static checksSettings = true;

  /** oclif's parse, then the checks every command's flags share (an empty item of a list flag: exit 2). */
  protected override async parse<F extends FlagValues, B extends FlagValues, A extends FlagValues>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    const parsed = await super.parse(options, argv);
    checkListFlags({ ...this.ctor.baseFlags, ...(options?.flags ?? this.ctor.flags) }, parsed.flags);
    return parsed;
  }

  /** Chooses the language before anything is parsed, so even a flag error speaks it. */
  protected override async init(): Promise<void> {
    setLocale(await chooseLocale(this.argv));
    await super.init();
    // Every command reads the settings (language, colour, -m's default): all of them refuse a damaged
    // file the same way, through the one validator, before they do anything.
    if ((this.ctor as unknown as typeof DevboxCommand).checksSettings && settingsFilePresent())
      (await import('../app/settings.js')).checkSettingsFile();
  }

  private colorSetting?: 'auto' | 'always' | 'never';

  /** The palette for text written to `stream` (see src/ui/color.ts for the rules). */
  protected paletteFor(stream: { isTTY?: boolean }): Palette {
    // The settings file is read once per run, not once per line printed.
    this.colorSetting ??= readOutputSettings().color ?? 'auto';
    return palette(colorFor(stream, noColorRequested(this.argv), process.env, this.colorSetting));
  }

  /** This run's log, when the command keeps one (see openRunLog). */
  protected runLog?: { file: RunLogFile; text: RunLogText };

  /**
   * Starts this run's log under the state folder. A folder devbox cannot write gets a note on
   * stderr and the run goes on without a log (the commands that need the folder stop on their own).
   */
  protected startRunLog(command: string, options: { dryRun?: boolean } = {}): RunLogText | undefined {
    const opened = openRunLog(command);
    if (!('log' in opened)) {
      process.stderr.write(
        `${this.paletteFor(process.stderr).warn(t('log.unwritable', { folder: opened.folder, why: opened.why }))}\n`,
      );
      return undefined;
    }
    const text = new RunLogText(opened.log, undefined, options.dryRun ?? false);
    text.header(
      [...(this.id ? this.id.split(':') : []), ...this.argv],
      process.cwd(),
      `${this.config.version} (node ${process.version}, ${process.platform})`,
    );
    this.runLog = { file: opened.log, text };
    return text;
  }

  protected override async finally(error: Error | undefined): Promise<unknown> {
    if (this.runLog) {
      // A failure was logged by catch(); a success ends here.
      if (!error && (process.exitCode === undefined || process.exitCode === 0)) this.runLog.text.end(0);
      this.runLog.file.close();
    }
    return super.finally(error);
  }

  /** The palette for what `say` prints (stdout). */
  protected get colors(): Palette {
    return this.paletteFor(process.stdout);
  }

  /** Prints text for humans; nothing in --json mode. */
  protected say(text: string): void {
    if (!this.jsonEnabled()) this.log(text);
  }

  /** Progress for humans goes to stderr so stdout stays clean for pipes. */
  protected progress(text: string): void {
    if (!this.jsonEnabled()) process.stderr.write(`${text}\n`);
  }

  /** " Did you mean --json?" for each unknown flag that is close to a real one. */
  private flagSuggestions(unknown: readonly string[]): string {
    const known = [
      '--json',
      // baseFlags (--lang, --no-color) are parsed with every command's own flags, so they are candidates too.
      ...Object.entries({ ...this.ctor.baseFlags, ...this.ctor.flags }).flatMap(([name, flag]) => [
        `--${name}`,
        ...((flag as { char?: string }).char ? [`-${(flag as { char: string }).char}`] : []),
      ]),
    ];
    const hints = unknown.map((u) => [u, closest(u, known)] as const).filter(([, guess]) => guess);
    return hints
      .map(([u, guess]) =>
        unknown.length === 1
          ? t('cli.didYouMean', { guess: guess! })
          : t('cli.flagDidYouMean', { flag: u, guess: guess! }),
      )
      .join('');
  }

  protected override async catch(error: Interfaces.CommandError): Promise<void> {
    const oclifExit = (error as { oclif?: { exit?: number } }).oclif?.exit;
    const unknownFlags = (error as { flags?: unknown }).flags;
    if (oclifExit !== undefined && Array.isArray(unknownFlags)) {
      const flags = unknownFlags.join(', ');
      error.message = `${unknownFlags.length === 1 ? t('cli.unknownFlag', { flags }) : t('cli.unknownFlags', { flags })}${this.flagSuggestions(unknownFlags as string[])}`;
    }
    if ((error as { code?: string }).code === 'EEXIT') throw error; // this.exit(): already decided.
    if (oclifExit !== undefined && !('exitCode' in error) && !Array.isArray(unknownFlags)) {
      const localized = localizedParseError(error, {
        argv: this.argv,
        flags: { ...this.ctor.baseFlags, ...this.ctor.flags },
        args: this.ctor.args ?? {},
      });
      if (localized !== undefined) error.message = localized;
    }
    // oclif ends its parse errors with its own pointer to --help; ours follows as the suggestion.
    if (oclifExit !== undefined && !('exitCode' in error)) error.message = withoutHelpPointer(error.message);
    // oclif's own parse errors (unknown flag, bad option value) are usage errors.
    const exitCode =
      oclifExit !== undefined && !('exitCode' in error) ? (oclifExit === 0 ? 0 : ExitCode.usage) : exitCodeOf(error);
    if (this.jsonEnabled()) {
      const json =
        oclifExit !== undefined && !('exitCode' in error)
          ? { error: { code: 'usage', exitCode, message: error.message } }
          : errorJson(error);
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      process.stderr.write(
        `${oclifExit !== undefined && !('exitCode' in error) ? `${this.paletteFor(process.stderr).bad(t('error.line', { message: error.message }))}\n  → ${t('error.seeHelp')}` : errorText(error, this.paletteFor(process.stderr))}\n`,
      );
    }
    process.exitCode = exitCode;
    if (this.runLog) {
      this.runLog.text.end(exitCode, errorText(error));
      process.stderr.write(
        `${this.paletteFor(process.stderr).dim(t('log.written', { path: this.runLog.file.path }))}\n`,
      );
    }
  }
}
