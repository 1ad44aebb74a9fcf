/**
 * The host port's guard on powershell.exe, enforced where commands run (directly and in the elevated
 * helper), whatever a resource asks: it runs only a script file given by absolute path with
 * `-NoProfile -NonInteractive -ExecutionPolicy Bypass -File`, never a command string; the only
 * scripts are Scoop's scoop.ps1 and its installer (what resources/scoop/commands.ts builds), and as
 * administrator only `scoop ... --global`. The Scoop area holds the rule itself (run.ts refuses an
 * elevated devbox); this is defence in depth at the port.
 */
import { commandEnvNames, type HostCommand } from '../../engine/ports/host.js';
import { powershellArgs } from './powershell.js';

const prefix = powershellArgs('');
const fileIndex = prefix.length - 1;

function leaf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Why a powershell.exe command is not one devbox runs (undefined when it is). */
export function refusePowerShellCommand(command: Pick<HostCommand, 'args' | 'elevated' | 'env'>): string | undefined {
  const args = command.args;
  if (args.length <= fileIndex || prefix.slice(0, fileIndex).some((a, i) => args[i] !== a))
    return `powershell.exe runs only script files, as ${prefix.slice(0, fileIndex).join(' ')} -File <script>`;
  const file = args[fileIndex]!;
  const absolute = /^[A-Za-z]:\\/.test(file) || file.startsWith('/');
  if (!absolute) return `the script must be an absolute path: ${file}`;
  const name = leaf(file).toLowerCase();
  if (name !== 'scoop.ps1' && name !== 'install.ps1')
    return `powershell.exe runs only Scoop's scoop.ps1 and its installer, not ${leaf(file)}`;
  if (command.elevated) {
    if (name !== 'scoop.ps1') return "Scoop's installer never runs as administrator";
    const rest = args.slice(fileIndex + 1);
    if (!rest.some((a) => a === '--global' || a === '-g'))
      return 'as administrator, Scoop only installs or removes global apps (--global)';
  }
  for (const name of Object.keys(command.env ?? {})) {
    if (!(commandEnvNames as readonly string[]).includes(name))
      return `environment variable ${name} cannot be passed to a Windows command`;
  }
  return undefined;
}
