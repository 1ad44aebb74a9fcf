/**
 * oclif help in devbox's language, with devbox's fixed exit codes appended to every command's help.
 * Texts are translated by their English source (src/i18n/help.ts); the locale is the one bin/run.js
 * or the standalone entry chose (--lang, LC_ALL/LC_MESSAGES/LANG, Windows' display language).
 */
import { CommandHelp, Help, type Command, type Config, type Interfaces } from '@oclif/core';
import { exitCodeDescriptions } from '../errors.js';
import { currentLocale, t } from '../i18n/catalogue.js';
import { helpText, localizeHeaders } from '../i18n/help.js';
import { hasWide, wrapCells } from '../ui/wrap.js';
import { cells } from '../ui/width.js';

/**
 * oclif's wrap (wrap-ansi) breaks only at spaces and cuts a longer run at the column: a Chinese line
 * has no spaces, so it was cut inside an ASCII token. Text with wide characters is wrapped at display
 * width between characters instead (src/ui/wrap.ts); English keeps oclif's wrapping.
 */
function wrapped(render: (s: string) => string, body: string, columns: number, english: () => string): string {
  const text = render(body);
  return hasWide(text) ? wrapCells(text, columns) : english();
}

/**
 * The FLAGS section with oclif's labels (`[default: …]`, `[env: …]`, `(required)`, `<options: …>`) in the current
 * language. oclif writes those words itself (lib/help/command.js, `flags`), so each flag reaches it
 * without them and with the translated labels in front of its text; the usage line, built from the
 * command's own flags, is unchanged.
 */
export class LocalizedCommandHelp extends CommandHelp {
  override wrap(body: string, spacing = this.indentSpacing): string {
    return wrapped(this.render, body, this.opts.maxWidth - spacing, () => super.wrap(body, spacing));
  }

  /**
   * FLAG DESCRIPTIONS: oclif puts a flag's summary beside its label when `label.length + summary.length`
   * fits, counting UTF-16 units, so a Chinese summary (two columns a character) ran past the edge.
   * Same layout, measured in columns.
   */
  protected override flagsDescriptions(flags: Array<Command.Flag.Any>): string | undefined {
    if (currentLocale() === 'en') return super.flagsDescriptions(flags);
    const described = flags.filter((flag) => flag.summary && flag.description);
    if (described.length === 0) return undefined;
    const indent = (text: string) => text.replace(/^(?=.)/gm, ' '.repeat(this.indentSpacing * 2));
    return described
      .map((flag) => {
        const summary = flag.summary ?? '';
        let label = this.flagHelpLabel(flag, true);
        if (!flag.char) label = label.replace('    ', '');
        const beside = cells(label) + cells(summary) + 2 < this.opts.maxWidth;
        // The section indents its body too: wrap for both indents (oclif counts only the inner one).
        const spacing = this.indentSpacing * 3;
        const head = beside ? `${label}  ${summary}` : `${label}\n\n${indent(this.wrap(summary, spacing))}`;
        return `${head}\n\n${indent(this.wrap(flag.description ?? '', spacing))}`;
      })
      .join('\n\n');
  }

  protected override flags(flags: Array<Command.Flag.Any>): [string, string | undefined][] | undefined {
    return super.flags(flags.map((flag) => this.labelled(flag)));
  }

  private labelled(flag: Command.Flag.Any): Command.Flag.Any {
    if (currentLocale() === 'en') return flag;
    const option = flag.type === 'option' ? flag : undefined;
    // The same rules oclif uses to show a default and an environment variable (both in one bracket).
    const cached = !(this.opts.respectNoCacheDefault === true && flag.noCacheDefault === true);
    const showDefault = option !== undefined && Boolean(option.default) && cached;
    const env = flag.type === 'option' || flag.type === 'boolean' ? flag.env : undefined;
    const listOptions = option?.options !== undefined && !option.helpValue && !this.opts.showFlagOptionsInTitle;
    const labels = [
      ...(flag.required ? [t('help.required')] : []),
      ...(showDefault && env ? [t('help.defaultAndEnv', { value: String(option!.default), name: env })] : []),
      ...(showDefault && !env ? [t('help.default', { value: String(option!.default) })] : []),
      ...(!showDefault && env ? [t('help.env', { name: env })] : []),
    ];
    const text = [...labels, flag.summary ?? flag.description ?? ''].join(' ');
    const withOptions = listOptions ? `${text}\n${t('help.options', { options: option!.options!.join('|') })}` : text;
    return {
      ...flag,
      required: false,
      ...(flag.summary !== undefined || flag.description === undefined
        ? { summary: withOptions }
        : { description: withOptions }),
      ...(showDefault ? { default: undefined } : {}),
      ...(env ? { env: undefined } : {}),
      // oclif labels an option flag `<option>` and lists its options below: both kept, in words of ours.
      ...(listOptions ? { options: undefined, helpValue: '<option>' } : {}),
    } as Command.Flag.Any;
  }
}

/**
 * The help's width from COLUMNS, the variable shells and users set for it; oclif reads only its own
 * OCLIF_COLUMNS (which still wins) and otherwise a terminal's width, or 80 when piped.
 */
export function helpColumns(env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (env.OCLIF_COLUMNS) return undefined;
  const columns = Number.parseInt(env.COLUMNS ?? '', 10);
  return Number.isInteger(columns) && columns >= 20 ? columns : undefined;
}

export default class DevboxHelp extends Help {
  private readonly locale = currentLocale();

  constructor(config: Config, opts: Partial<Interfaces.HelpOptions> = {}) {
    const columns = helpColumns();
    super(config, columns === undefined || opts.maxWidth !== undefined ? opts : { ...opts, maxWidth: columns });
  }
  protected override CommandHelpClass = LocalizedCommandHelp;

  override wrap(body: string, spacing = this.indentSpacing): string {
    return wrapped(this.render, body, this.opts.maxWidth - spacing, () => super.wrap(body, spacing));
  }

  /** The line above USAGE: oclif prints it unwrapped; a Chinese one is wrapped like the rest. */
  protected override summary(command: Command.Loadable): string | undefined {
    const line = super.summary(command);
    return line !== undefined && hasWide(line) ? wrapCells(line, this.opts.maxWidth) : line;
  }

  private translated<T extends { summary?: string | undefined; description?: string | undefined }>(item: T): T {
    return {
      ...item,
      ...(item.summary !== undefined ? { summary: helpText(this.locale, item.summary) } : {}),
      ...(item.description !== undefined ? { description: helpText(this.locale, item.description) } : {}),
    };
  }

  private translatedCommand(command: Command.Loadable): Command.Loadable {
    if (this.locale === 'en') return command;
    const flags = Object.fromEntries(
      Object.entries(command.flags ?? {}).map(([name, flag]) => [name, this.translated(flag)]),
    ) as Command.Loadable['flags'];
    const args = Object.fromEntries(
      Object.entries(command.args ?? {}).map(([name, arg]) => [name, this.translated(arg)]),
    ) as Command.Loadable['args'];
    return { ...this.translated(command), flags, args };
  }

  override async showCommandHelp(command: Command.Loadable): Promise<void> {
    return super.showCommandHelp(this.translatedCommand(command));
  }

  protected override formatCommand(command: Command.Loadable): string {
    // Wrapped under its text (section indent 2, code column 4), at display width in every language.
    const hanging = ' '.repeat(4);
    const table = exitCodeDescriptions()
      .map(([code, text]) => {
        const [first, ...rest] = wrapCells(text, Math.max(10, this.opts.maxWidth - 2 - hanging.length)).split('\n');
        return [`${String(code).padEnd(3)} ${first}`, ...rest.map((line) => hanging + line)].join('\n');
      })
      .join('\n');
    return `${super.formatCommand(command)}\n\n${this.section(t('help.EXIT CODES'), table)}`;
  }

  protected override formatCommands(commands: Array<Command.Loadable>): string {
    return super.formatCommands(commands.map((c) => this.translatedCommand(c)));
  }

  protected override formatTopics(topics: Interfaces.Topic[]): string {
    return super.formatTopics(topics.map((topic) => this.translated(topic)));
  }

  protected override formatTopic(topic: Interfaces.Topic): string {
    return super.formatTopic(this.translated(topic));
  }

  override formatRoot(): string {
    // oclif's root help reads the package description from the config: lend it the translation.
    const pjson = this.config.pjson as { description?: string };
    const english = pjson.description;
    pjson.description = helpText(this.locale, english);
    try {
      // Its first line, like a command's summary, is printed unwrapped by oclif: a Chinese one is wrapped.
      const [first = '', ...rest] = super.formatRoot().split('\n');
      return [hasWide(first) ? wrapCells(first, this.opts.maxWidth) : first, ...rest].join('\n');
    } finally {
      pjson.description = english;
    }
  }

  protected override log(...args: string[]): void {
    super.log(...args.map((text) => localizeHeaders(this.locale, text)));
  }
}
