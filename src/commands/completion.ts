import { Args } from '@oclif/core';
import { DevboxCommand } from '../cli/base.js';
import { commandLoaders } from '../cli/command-table.js';
import { describeCommands } from '../cli/completion/metadata.js';
import { bashCompletion } from '../cli/completion/bash.js';
import { powershellCompletion } from '../cli/completion/powershell.js';

export default class Completion extends DevboxCommand {
  static override summary =
    'Print a shell completion script for bash or PowerShell (commands, flags and their values).';
  static override description =
    'bash: `devbox completion bash > ~/.local/share/bash-completion/completions/devbox` (or add ' +
    '`source <(devbox completion bash)` to ~/.bashrc). PowerShell: add `devbox completion powershell | Out-String | Invoke-Expression` ' +
    'to $PROFILE. Open a new terminal afterwards. The script is generated from the commands themselves: run it again after updating devbox.';
  static override examples = [
    '<%= config.bin %> completion bash > ~/.local/share/bash-completion/completions/devbox',
    '<%= config.bin %> completion powershell | Out-String | Invoke-Expression',
  ];
  static override enableJsonFlag = false;
  static override args = {
    shell: Args.string({ description: 'The shell.', required: true, options: ['bash', 'powershell'] }),
  };

  async run(): Promise<void> {
    const { args } = await this.parse(Completion);
    const commands = await describeCommands(commandLoaders);
    process.stdout.write(args.shell === 'bash' ? bashCompletion(commands) : powershellCompletion(commands));
  }
}
