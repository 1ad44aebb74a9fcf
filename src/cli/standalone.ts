/**
 * The entry point of the standalone executables (scripts/dist.mjs bundles it into one CommonJS file
 * that becomes a Node single-executable application). oclif normally finds commands by reading
 * files beside the package; an executable has none, so the commands are bound here, statically, and
 * oclif gets its package.json as data. `--version` and `--help` answer from the help text rendered at
 * build time (SEA assets `help/<command>.txt`, `help/zh-CN/<command>.txt`), as bin/run.js does from dist/help/.
 */
import { getAsset } from 'node:sea';
import { dirname } from 'node:path';
import type { Command } from '@oclif/core';
import { ExitCode } from '../errors.js';
import { setLocale, t } from '../i18n/catalogue.js';
import type { Locale } from '../i18n/locale.js';
import { chooseLocale } from './locale.js';
import { reportUnknownCommand } from './not-found.js';
import { versionOutput, versionRequest } from './version.js';
import { removeReplacedExecutable } from '../platform/self-replace.js';
import { commandLoaders } from './command-table.js';

/** Set by the bundler (scripts/dist.mjs) from package.json. */
declare const DEVBOX_VERSION: string;

/** Every command, by id (command-table.ts); test/dist checks it against oclif.manifest.json. */
export const standaloneCommands = commandLoaders;

function helpText(id: string | undefined, locale: Locale): string {
  const key = `help/${locale === 'en' ? '' : `${locale}/`}${id ? id.replace(/ /g, '_') : '_root'}.txt`;
  return Buffer.from(getAsset(key)).toString('utf8');
}

/** The longest run of leading words that names a command. */
function findCommand(args: readonly string[]): { id: string; rest: string[] } | undefined {
  const words: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-')) break;
    words.push(arg);
  }
  for (let n = words.length; n > 0; n--) {
    const id = words.slice(0, n).join(' ');
    if (standaloneCommands[id]) return { id, rest: args.slice(n) };
  }
  return undefined;
}

async function main(args: string[]): Promise<void> {
  removeReplacedExecutable();
  const asked = versionRequest(args);
  if (asked) {
    process.stdout.write(versionOutput(DEVBOX_VERSION, asked.json));
    return;
  }
  // The language of messages and help, where every bundled copy of src/i18n finds it.
  const locale = await chooseLocale(args);
  setLocale(locale);
  const wantsHelp = args.length === 0 || args[0] === 'help' || args.includes('--help') || args.includes('-h');
  const found = findCommand(args[0] === 'help' ? args.slice(1) : args);
  if (wantsHelp) {
    process.stdout.write(helpText(found?.id, locale));
    return;
  }
  if (!found) {
    const visible = Object.keys(standaloneCommands).filter((id) => !id.startsWith('internal '));
    reportUnknownCommand(args.filter((a) => !a.startsWith('-')).join(' '), visible, args.includes('--json'));
    return;
  }
  const [{ default: command }, { flush, Plugin }] = await Promise.all([
    standaloneCommands[found.id]!(),
    import('@oclif/core'),
  ]);
  command.id = found.id;
  // oclif's root plug-in, made here with its package.json as data and told not to look for a
  // manifest on disk: an executable reads nothing from its folder.
  const pjson = {
    name: 'devbox',
    version: DEVBOX_VERSION,
    oclif: { bin: 'devbox', dirname: 'devbox', topicSeparator: ' ' as const },
  };
  const root = dirname(process.execPath);
  const plugin = new Plugin({ root, pjson, isRoot: true, ignoreManifest: true } as ConstructorParameters<
    typeof Plugin
  >[0]);
  await plugin.load();
  try {
    await command.run(found.rest, { root, pjson, plugins: new Map([['devbox', plugin]]) } as Parameters<
      Command.Class['run']
    >[1]);
    await flush();
  } catch (error) {
    // What a command did not handle itself (DevboxCommand handles everything; the internal helper
    // does not): oclif's own errors carry their exit code (2 for a parse error).
    const e = error as { message?: string; code?: string; oclif?: { exit?: number } };
    if (e.code !== 'EEXIT')
      process.stderr.write(
        `${t('error.line', { message: e.message ?? String(error) })}\n  → ${t('error.seeCommandHelp', { command: found.id })}\n`,
      );
    process.exitCode = e.oclif?.exit ?? ExitCode.internal;
  }
}

void main(process.argv.slice(2));
