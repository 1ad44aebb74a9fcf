/**
 * How the guest agent is reached: the local system (inside WSL, or any Debian/Ubuntu), another root
 * filesystem through chroot, or a WSL distro through wsl.exe. Each starts `bash -s` as root.
 */
import { t } from '../../i18n/catalogue.js';

/** A way to start the agent's shell. */
export interface GuestTransport {
  /** Program and arguments that start `bash -s` in the guest; never contains manifest values in shell text. */
  command(): { file: string; args: string[]; env?: Record<string, string> };
  /** For messages: where the guest is. */
  readonly description: string;
  /** True when the transport itself makes commands run as root (wsl.exe -u root, chroot). */
  readonly runsAsRoot: boolean;
  /**
   * True when the guest is the system whose kernel runs: its /proc/sys is its own. False for another
   * root filesystem, whose /proc (when mounted) is the host's kernel: writing there would change the host.
   */
  readonly runningKernel: boolean;
}

/** The system devbox runs on. */
export function localTransport(): GuestTransport {
  return {
    command: () => ({ file: '/bin/bash', args: ['-s'] }),
    description: t('guest.local'),
    runsAsRoot: false,
    runningKernel: true,
  };
}

/**
 * Another root filesystem, entered with chroot (needs root). `live` says the directory is the running
 * system's own root (`--root /`), whose kernel is the guest's.
 */
export function chrootTransport(root: string, live = false): GuestTransport {
  return {
    command: () => ({ file: 'chroot', args: [root, '/bin/bash', '-s'] }),
    description: t('guest.chroot', { root }),
    runsAsRoot: true,
    runningKernel: live,
  };
}

/**
 * A WSL distribution. `--exec bash -s` makes wsl.exe pass argv as is (no shell parses it), and the
 * script comes on stdin; `--cd /` avoids a translated Windows working directory.
 */
export function wslTransport(distro: string, wslExe = 'wsl.exe'): GuestTransport {
  if (!/^[a-zA-Z0-9._-]{1,256}$/.test(distro)) throw new Error(`invalid distribution name ${JSON.stringify(distro)}`);
  return {
    command: () => ({
      file: wslExe,
      args: ['-d', distro, '-u', 'root', '--cd', '/', '--exec', 'bash', '-s'],
      env: { WSL_UTF8: '1' },
    }),
    description: t('guest.wsl', { distro }),
    runsAsRoot: true,
    runningKernel: true,
  };
}
