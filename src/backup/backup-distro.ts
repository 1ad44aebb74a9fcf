/**
 * The distro part: `wsl --terminate` first (asking: it stops the user's work), then `wsl --export
 * <d> -` streamed through zstd with sha256 on the way (research/backup.md: a running distro is
 * exported live, not crash-consistent). The export is never killed by devbox mid-way (WSL can stay
 * "Exporting"). The default user is recorded: every import resets it to root (microsoft/WSL#7884).
 */
import { join } from 'node:path';
import { ExitCode, InterruptedError, UsageError, UserError } from '../errors.js';
import { interpretWsl } from '../platform/windows/wsl.js';
import type { BackupDeps } from './deps.js';
import { distroState, userName, wslAbilities, type MachineFacts } from './facts.js';
import type { BackupPart } from './format.js';
import { t } from '../i18n/catalogue.js';

export interface DistroBackupOptions {
  name: string;
  format: 'tar' | 'vhd';
  yes: boolean;
  level: number;
}

export class PartFailedError extends UserError {
  constructor(part: string, message: string, suggestions: string[] = []) {
    super(`${part}: ${message}`, ExitCode.applyFailed, { code: 'backup.part', suggestions });
  }
}

export async function backupDistro(
  deps: BackupDeps,
  facts: MachineFacts,
  dir: string,
  options: DistroBackupOptions,
): Promise<BackupPart> {
  const distro = facts.distros.find((d) => d.name.toLowerCase() === options.name.toLowerCase());
  if (!distro)
    throw new UsageError(t('backup.noDistro', { name: options.name }), {
      suggestions: [t('backup.noDistroHint')],
    });
  const abilities = await wslAbilities(deps.host);
  if (options.format === 'vhd' && !abilities.format) {
    throw new UsageError(t('backup.noVhd'), {
      suggestions: [t('backup.noVhdHint')],
    });
  }
  const defaultUser = await userName(deps.host, distro.name, distro.defaultUid);
  const state = await distroState(deps.host, distro.name);
  if (state === 'Running') {
    const ok = options.yes || (await deps.confirm(t('backup.askTerminate', { name: distro.name })));
    if (!ok)
      throw new InterruptedError(t('backup.notStopped', { name: distro.name }), {
        suggestions: [t('backup.notStoppedHint')],
      });
    const stopped = interpretWsl(await deps.host.exec({ tool: 'wsl.exe', args: ['--terminate', distro.name] }));
    if (stopped.exitCode !== 0)
      throw new PartFailedError(
        'distro',
        t('restore.wslFailed', { command: `wsl --terminate ${distro.name}`, output: stopped.lines.join(' ') }),
      );
  } else if (state === 'Exporting' || state === 'Installing' || state === 'Converting') {
    throw new PartFailedError('distro', t('backup.distroBusy', { name: distro.name, state }), [
      t('backup.distroBusyHint'),
    ]);
  }
  const file = options.format === 'vhd' ? 'distro.vhdx.zst' : 'distro.tar.zst';
  const args = ['--export', distro.name, '-', ...(abilities.format ? ['--format', options.format] : [])];
  deps.progress(t('backup.exporting', { name: distro.name, command: `wsl ${args.join(' ')}`, level: options.level }));
  const run = deps.machine.spawn('wsl.exe', args);
  let facts2;
  try {
    facts2 = await deps.archive.compressTarStream(run.stdout, join(dir, file), options.level, options.format === 'tar');
  } catch (error) {
    const ended = await run.done;
    throw new PartFailedError(
      'distro',
      `the export stream broke (wsl.exe exit ${ended.exitCode}): ${(error as Error).message}. ${ended.stderr.toString('utf8').trim()}`,
    );
  }
  const ended = await run.done;
  if (ended.exitCode !== 0) {
    await deps.machine.remove(join(dir, file));
    throw new PartFailedError(
      'distro',
      `wsl --export failed (exit ${ended.exitCode}). ${ended.stderr.toString('utf8').trim()}`,
    );
  }
  return {
    kind: 'distro',
    role: options.format === 'vhd' ? 'vhd' : 'rootfs',
    file,
    bytes: facts2.bytes,
    rawBytes: facts2.rawBytes,
    sha256: facts2.sha256,
    entries: facts2.entries,
    zstdLevel: options.level,
    encoding: 'tar+zstd',
    meta: {
      name: distro.name,
      version: distro.version,
      defaultUid: distro.defaultUid,
      defaultUser: defaultUser ?? null,
      format: options.format,
      stopped: state === 'Running',
    },
  };
}
