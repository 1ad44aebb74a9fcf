/**
 * oclif's `command_not_found` hook: an unknown command is a usage error (exit 2) that names the
 * closest command, instead of oclif's bare "command not found".
 */
import type { Hook } from '@oclif/core';
import { ExitCode } from '../errors.js';
import { closest } from './closest.js';
import { t } from '../i18n/catalogue.js';

/**
 * Reports an unknown command as a usage error (exit 2) naming the closest of `commands` (ids with
 * spaces); `typedId` is what was typed, arguments included. Shared by oclif's hook and the executables.
 */
export function reportUnknownCommand(typedId: string, commands: readonly string[], json: boolean): void {
  // oclif folds the arguments after an unknown command into its id: try the longest run of words
  // that is close to a command ("net fetc URL" → "net fetch").
  const words = typedId.split(' ');
  // A flag where the command belongs (`devbox --lang zh-CN`, `devbox --json`): no command was given.
  if (words[0]?.startsWith('-')) {
    const flag = words[0].split('=')[0]!;
    report(t('cli.flagBeforeCommand', { flag }), undefined, json || words.includes('--json'));
    return;
  }
  // A command without arguments followed by words ("status extra"): oclif folds the words into the
  // id; they are arguments the command does not take, not a misspelt command.
  const exact = [2, 1].find((n) => n < words.length && commands.includes(words.slice(0, n).join(' ')));
  if (exact !== undefined) {
    const extra = words.slice(exact);
    const command = words.slice(0, exact).join(' ');
    report(t('cli.unexpectedArgs', { count: extra.length, args: extra.join(', ') }), command, json);
    return;
  }
  let typed = words.join(' ');
  let guess: string | undefined;
  for (let n = Math.min(words.length, 2); n >= 1 && !guess; n--) {
    guess = closest(words.slice(0, n).join(' '), commands);
    if (guess) typed = words.slice(0, n).join(' ');
  }
  // A topic followed by a word that is none of its commands ("net bogus"): the word is what is unknown.
  if (words.length > 1 && commands.some((c) => c.startsWith(`${typed} `))) typed = words.slice(0, 2).join(' ');
  const message = `${t('cli.unknownCommand', { typed })}${guess ? t('cli.didYouMeanCommand', { guess }) : ''}`;
  report(message, guess, json);
}

function report(message: string, guess: string | undefined, json: boolean): void {
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ error: { code: 'usage', exitCode: ExitCode.usage, message, suggestions: guess ? [`devbox ${guess}`] : [] } }, null, 2)}\n`,
    );
  } else {
    process.stderr.write(
      `${t('error.line', { message })}\n  → ${guess ? `devbox ${guess} --help` : t('cli.listCommands')}\n`,
    );
  }
  process.exitCode = ExitCode.usage;
}

const hook: Hook<'command_not_found'> = async function (options) {
  const spaced = (id: string) => id.split(':').join(' ');
  const commands = options.config.commands.filter((c) => !c.hidden).map((c) => spaced(c.id));
  reportUnknownCommand(spaced(options.id), commands, options.argv?.includes('--json') ?? false);
  return undefined;
};

export default hook;
