/**
 * What shell completion knows about devbox, read from the command classes themselves (their oclif
 * flags and args), so a new flag or choice is completed without touching the completion scripts.
 */
import type { Command } from '@oclif/core';
import type { Loader } from '../command-table.js';

/** One flag: its names, whether it takes a value, and which values. */
export interface CompletionFlag {
  name: string;
  char?: string;
  takesValue: boolean;
  /** A fixed set of values (an oclif `options` flag such as --plane). */
  options?: readonly string[];
  /** What a free value is, for the shell's own completion: file or directory names, or nothing. */
  valueKind?: 'file' | 'dir';
  summary?: string;
}

export interface CompletionArg {
  name: string;
  options?: readonly string[];
}

export interface CompletionCommand {
  /** Words separated by spaces, e.g. `manifest validate`. */
  id: string;
  summary: string;
  flags: CompletionFlag[];
  args: CompletionArg[];
  /** The second argument's values by the first one's (`config set language <en|zh-CN>`). */
  valuesByKey?: Record<string, readonly string[]>;
}

interface FlagDef {
  type: 'boolean' | 'option';
  char?: string;
  options?: readonly string[];
  helpValue?: string | string[];
  summary?: string;
  description?: string;
  hidden?: boolean;
  allowNo?: boolean;
}

function valueKind(helpValue: string | string[] | undefined): CompletionFlag['valueKind'] {
  const word = Array.isArray(helpValue) ? helpValue[0] : helpValue;
  if (word === 'DIR' || word === 'SRC') return 'dir';
  if (word === 'FILE' || word === 'PATH' || word === 'FILE|URL') return 'file';
  return undefined;
}

/** The completion view of one command class. */
export function describeCommand(id: string, command: Command.Class): CompletionCommand {
  const flags: CompletionFlag[] = [];
  for (const [name, raw] of Object.entries((command.flags ?? {}) as Record<string, FlagDef>)) {
    if (raw.hidden) continue;
    const kind = raw.type === 'option' ? valueKind(raw.helpValue) : undefined;
    const summary = raw.summary ?? raw.description;
    flags.push({
      name,
      ...(raw.char ? { char: raw.char } : {}),
      takesValue: raw.type === 'option',
      ...(raw.options ? { options: raw.options } : {}),
      ...(kind ? { valueKind: kind } : {}),
      ...(summary ? { summary: summary.split('\n')[0]! } : {}),
    });
    if (raw.type === 'boolean' && raw.allowNo) flags.push({ name: `no-${name}`, takesValue: false });
  }
  if ((command as { enableJsonFlag?: boolean }).enableJsonFlag)
    flags.push({ name: 'json', takesValue: false, summary: 'Output as JSON.' });
  flags.push({ name: 'help', char: 'h', takesValue: false, summary: 'Show help.' });
  const args = Object.entries((command.args ?? {}) as Record<string, { options?: readonly string[] }>).map(
    ([name, arg]) => ({ name, ...(arg.options ? { options: arg.options } : {}) }),
  );
  const valuesByKey = (command as { valuesByKey?: Record<string, readonly string[]> }).valuesByKey;
  return {
    id,
    summary: command.summary ?? '',
    flags,
    args,
    ...(valuesByKey ? { valuesByKey } : {}),
  };
}

/** Every visible command, loaded from the table (a few hundred milliseconds: done once per script). */
export async function describeCommands(loaders: Record<string, Loader>): Promise<CompletionCommand[]> {
  const loaded = await Promise.all(
    Object.entries(loaders).map(async ([id, load]) => ({ id, command: (await load()).default })),
  );
  return loaded
    .filter(({ command }) => !command.hidden)
    .map(({ id, command }) => describeCommand(id, command))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The words that may follow a command prefix ('' is the top level): subcommands and topics. */
export function childWords(commands: readonly CompletionCommand[], prefix: string): string[] {
  const depth = prefix === '' ? 0 : prefix.split(' ').length;
  const words = new Set<string>();
  for (const { id } of commands) {
    const parts = id.split(' ');
    if (parts.length > depth && parts.slice(0, depth).join(' ') === prefix) words.add(parts[depth]!);
  }
  return [...words].sort();
}

/** Every prefix of every command id, the top level ('') first. */
export function prefixes(commands: readonly CompletionCommand[]): string[] {
  const all = new Set<string>(['']);
  for (const { id } of commands) {
    const parts = id.split(' ');
    for (let n = 1; n <= parts.length; n++) all.add(parts.slice(0, n).join(' '));
  }
  return [...all];
}
