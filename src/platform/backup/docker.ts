/**
 * Docker's client where the engine runs, for backups: through wsl.exe into the distro on Windows
 * (`--exec`: argv passed as is, no shell), the local `docker` elsewhere (DOCKER_HOST inherited); and
 * any other program the same way (`exec`).
 */
import type { Readable } from 'node:stream';
import type { BackupMachinePort, GuestDockerPort } from '../../engine/ports/backup.js';

export type DockerTarget = { kind: 'wsl'; distro: string } | { kind: 'local' };

export function createGuestDocker(machine: BackupMachinePort, target: DockerTarget): GuestDockerPort {
  if (target.kind === 'wsl' && !/^[a-zA-Z0-9._-]{1,256}$/.test(target.distro))
    throw new Error(`invalid distribution name ${JSON.stringify(target.distro)}`);
  const exec = (argv: readonly string[], options: { stdin?: Readable } = {}) => {
    const io = options.stdin ? { stdin: options.stdin } : {};
    return target.kind === 'wsl'
      ? machine.spawn('wsl.exe', ['-d', target.distro, '-u', 'root', '--cd', '/', '--exec', ...argv], io)
      : machine.spawn(argv[0]!, argv.slice(1), io);
  };
  return { run: (args, options) => exec(['docker', ...args], options), exec };
}
