/**
 * schtasks.exe for devbox's logon task (re-applying the WSL adapter address after Windows recreates
 * the adapter). The task command is a fixed script path, never manifest data.
 */
import { t } from '../../i18n/catalogue.js';
import { ExternalCommandError } from '../../errors.js';
import { decodeWindowsText } from './text.js';
import type { HostPort } from '../../engine/ports/host.js';

/** schtasks refuses /TR values longer than this. */
export const maxTaskCommandLength = 261;

function checkTaskName(name: string): void {
  if (!/^[A-Za-z0-9 _.-]+(\\[A-Za-z0-9 _.-]+)*$/.test(name))
    throw new Error(`invalid task name ${JSON.stringify(name)}`);
}

/** `schtasks /Create` of a task that runs `command` with highest privileges at each logon, replacing an older one. */
export function createLogonTaskArgs(name: string, command: string): string[] {
  checkTaskName(name);
  if (/[\u0000-\u001f]/.test(command)) throw new Error('a task command cannot contain control characters');
  if (command.length > maxTaskCommandLength)
    throw new Error(`the task command is ${command.length} characters; schtasks allows ${maxTaskCommandLength}`);
  return ['/Create', '/TN', name, '/TR', command, '/SC', 'ONLOGON', '/RL', 'HIGHEST', '/F'];
}

/** Creates (or replaces) the logon task; needs administrator rights because of /RL HIGHEST. */
export async function createLogonTask(host: HostPort, name: string, command: string): Promise<void> {
  const args = createLogonTaskArgs(name, command);
  const result = await host.exec({ tool: 'schtasks.exe', args, elevated: true });
  if (result.exitCode !== 0)
    throw new ExternalCommandError(
      ['schtasks.exe', ...args],
      result.exitCode,
      decodeWindowsText(result.stdout) + decodeWindowsText(result.stderr),
      t('tool.schtasksCreate', { name }),
    );
}
