/** oclif help with devbox's fixed exit codes appended to every command's help. */
import { Help, type Command } from '@oclif/core';
import { exitCodeDescriptions } from '../errors.js';

export default class DevboxHelp extends Help {
  protected override formatCommand(command: Command.Loadable): string {
    const table = exitCodeDescriptions()
      .map(([code, text]) => `${String(code).padEnd(3)} ${text}`)
      .join('\n');
    return `${super.formatCommand(command)}\n\n${this.section('EXIT CODES', table)}`;
  }
}
