/**
 * Restarts: a RunOnce entry that resumes `devbox up` at the user's next logon, and (with --reboot)
 * a restart after a countdown the user can cancel with `shutdown /a`.
 */
import { ExitCode, UserError } from '../../errors.js';
import { decodeWindowsText } from './text.js';
import { windowsCommandLine } from './text.js';
import type { HostPort, RebootPort } from '../../engine/ports/index.js';
import { regAdd } from './reg.js';
import { t } from '../../i18n/catalogue.js';

export const runOnceKey = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce';
export const runOnceValue = 'devbox-resume';
/** Windows runs RunOnce commands of at most this many characters. */
export const maxRunOnceLength = 260;

/** RunOnce + shutdown.exe through the host port. */
export class WindowsReboot implements RebootPort {
  constructor(
    private readonly host: HostPort,
    /** How devbox itself is started: the standalone executable, or node and bin/run.js (runtime.ts selfCommand). */
    private readonly self: { file: string; args: readonly string[] },
  ) {}

  async scheduleResume(args: readonly string[]): Promise<string> {
    const commandLine = windowsCommandLine([this.self.file, ...this.self.args, ...args]);
    if (commandLine.length > maxRunOnceLength) {
      throw new UserError(
        t('windows.resumeTooLong', { length: commandLine.length, max: maxRunOnceLength }),
        ExitCode.interrupted,
        {
          code: 'reboot.resume-too-long',
          suggestions: [t('windows.resumeByHand')],
        },
      );
    }
    await regAdd(this.host, runOnceKey, runOnceValue, 'REG_SZ', commandLine);
    return commandLine;
  }

  async restart(delaySeconds: number): Promise<void> {
    const args = [
      '/r',
      '/t',
      String(delaySeconds),
      '/c',
      'devbox is restarting Windows to finish enabling WSL. It continues by itself after you log in.',
    ];
    const result = await this.host.exec({ tool: 'shutdown.exe', args });
    if (result.exitCode !== 0) {
      throw new UserError(
        t('windows.restartRefused', {
          exit: String(result.exitCode),
          output: decodeWindowsText(result.stdout) + decodeWindowsText(result.stderr),
        }).trim(),
        ExitCode.interrupted,
        {
          code: 'reboot.failed',
          suggestions: [t('windows.restartByHand')],
        },
      );
    }
  }
}
