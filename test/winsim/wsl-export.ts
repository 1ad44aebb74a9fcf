/**
 * wsl.exe --export / --import / --manage as research/backup.md describes them, on the distro's real
 * Linux root: export writes a real tar (bsdtar -c --one-file-system --xattrs --numeric-owner, here
 * GNU tar) to a file or to stdout (`-`), compressed with `--format tar.gz|tar.xz` on builds that know
 * `--format`; a RUNNING distro is exported live (not stopped: the caller terminates it first);
 * `--format vhd` needs it stopped (sharing violation otherwise). Import reads a file or stdin (`-`),
 * refuses an archive with neither /etc nor /bin/sh, registers the distro only once unpacked, and
 * sets its default user to root (DefaultUid 0, microsoft/WSL#7884). Failures delete the output.
 * Streams run outside the state lock (a lock held longer than 30 s counts as stale).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { minusOne, type ToolContext } from './context.js';
import { hostPath, toolPath } from './drive.js';
import { lxssUserKey, setValue } from './registry.js';
import { withState, type SimState } from './state.js';
import { strings } from './strings.js';
import { findDistro, passwd } from './vm.js';
import { byName, fail, formatSupported, register, style } from './wsl.js';

/** The simulator's stand-in for a VHDX: a signature, then the root's tar. */
const vhdMagic = Buffer.from('vhdxfile\0\0\0\0\0\0\0\0');

function optionValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function exportDistro(ctx: ToolContext, args: string[]): number {
  const format = optionValue(args, '--format') ?? (args.includes('--vhd') ? 'vhd' : undefined);
  const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--format');
  const prepared = withState(ctx.dir, (state) => {
    style(ctx, state);
    const s = strings(state.windows.locale);
    if (format !== undefined && !formatSupported(state)) return { code: fail(ctx, s.invalidArgument('--format')) };
    if (format !== undefined && !['tar', 'tar.gz', 'tar.xz', 'vhd'].includes(format))
      return { code: fail(ctx, `Invalid format: ${format}`, 'Wsl/E_INVALIDARG') };
    const d = byName(ctx, state, positional[0]);
    if (!d) return { code: minusOne };
    const distro = state.distros[d.guid]!;
    if (format === 'vhd' && distro.running) {
      return {
        code: fail(
          ctx,
          'The process cannot access the file because it is being used by another process.',
          'Wsl/Service/ERROR_SHARING_VIOLATION',
        ),
      };
    }
    if (format === 'vhd' && d.version !== 2)
      return { code: fail(ctx, 'This operation is only supported by WSL2.', 'Wsl/Service/WSL_E_WSL2_NEEDED') };
    const target = positional[1] === '-' ? '-' : positional[1] ? hostPath(ctx.dir, positional[1]) : undefined;
    if (!target) return { code: fail(ctx, s.fileNotFound, 'Wsl/ERROR_FILE_NOT_FOUND') };
    return { code: undefined, rootfs: distro.rootfs, target };
  });
  if (prepared.code !== undefined) return prepared.code;
  const { rootfs, target } = prepared as { rootfs: string; target: string };
  const compress = format === 'tar.gz' ? ['-z'] : format === 'tar.xz' ? ['-J'] : [];
  const tarArgs = [
    '-c',
    ...compress,
    '--one-file-system',
    '--xattrs',
    '--numeric-owner',
    '-f',
    '-',
    '-C',
    rootfs,
    '--exclude=./proc/*',
    '.',
  ];
  let out: number;
  if (target === '-') out = 1;
  else out = openSync(target, 'w');
  try {
    if (format === 'vhd') writeSync(out, vhdMagic);
    const result = spawnSync('tar', tarArgs, { stdio: ['ignore', out, 'pipe'] });
    if (result.status !== 0) {
      if (target !== '-') rmSync(target, { force: true });
      return fail(ctx, `Export failed. ${result.stderr?.toString().trim() ?? ''}`, 'Wsl/Service/E_FAIL');
    }
  } finally {
    if (out !== 1) closeSync(out);
  }
  // With `-` stdout carries the tar: no message may follow it.
  if (target !== '-') ctx.out.line(withState(ctx.dir, (state) => strings(state.windows.locale).success));
  return 0;
}

export function importDistro(ctx: ToolContext, args: string[]): number {
  const vhd = args.includes('--vhd');
  const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--version');
  const version = optionValue(args, '--version');
  const [name, location, file] = positional;
  const prepared = withState(ctx.dir, (state) => {
    style(ctx, state);
    const s = strings(state.windows.locale);
    if (!name || !location || !file) return { code: fail(ctx, 'Argument --import is missing a required parameter.') };
    if (file !== '-' && /\.vhdx?$/i.test(file) && !vhd)
      return { code: fail(ctx, 'This looks like a VHD file. Use --vhd to import a VHD instead of a tar.') };
    if (findDistro(state, name))
      return { code: fail(ctx, s.alreadyExists, 'Wsl/Service/RegisterDistro/ERROR_ALREADY_EXISTS') };
    const source = file === '-' ? '-' : toolPath(ctx.dir, file);
    if (!source || (source !== '-' && !existsSync(source)))
      return { code: fail(ctx, s.fileNotFound, 'Wsl/ERROR_FILE_NOT_FOUND') };
    if ((version ?? '2') === '2' && state.features.VirtualMachinePlatform?.state !== 'enabled')
      return {
        code: fail(ctx, s.enableVirtualization, 'Wsl/Service/RegisterDistro/CreateVm/HCS/HCS_E_HYPERV_NOT_INSTALLED'),
      };
    return { code: undefined, source };
  });
  if (prepared.code !== undefined) return prepared.code;
  const source = (prepared as { source: string }).source;
  const staging = join(ctx.dir, 'distros', `importing-${process.pid}`, 'rootfs');
  rmSync(join(staging, '..'), { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let input: number = source === '-' ? 0 : openSync(source, 'r');
  try {
    if (vhd) {
      const head = Buffer.alloc(vhdMagic.length);
      const got = readSync(input, head, 0, head.length, null);
      if (got !== head.length || !head.equals(vhdMagic)) {
        rmSync(join(staging, '..'), { recursive: true, force: true });
        return withState(ctx.dir, () =>
          fail(ctx, 'The virtual disk is not valid.', 'Wsl/Service/RegisterDistro/ERROR_INVALID_DATA'),
        );
      }
    }
    // bsdtar auto-detects compression; GNU tar does for files, and devbox sends plain tar on stdin.
    const result = spawnSync('tar', ['-x', '-p', '--numeric-owner', '-f', '-', '-C', staging], {
      stdio: [input, 'ignore', 'pipe'],
    });
    const valid = result.status === 0 && (existsSync(join(staging, 'etc')) || existsSync(join(staging, 'bin', 'sh')));
    if (!valid) {
      rmSync(join(staging, '..'), { recursive: true, force: true });
      const why =
        result.status !== 0
          ? `The archive could not be read. ${result.stderr?.toString().trim() ?? ''}`
          : 'The imported file is not a valid Linux distribution.';
      return withState(ctx.dir, () => fail(ctx, why, 'Wsl/Service/RegisterDistro/E_INVALIDARG'));
    }
  } finally {
    if (input !== 0) closeSync(input);
    input = -1;
  }
  return withState(ctx.dir, (state) => {
    style(ctx, state);
    if (findDistro(state, name!)) {
      rmSync(join(staging, '..'), { recursive: true, force: true });
      return fail(ctx, strings(state.windows.locale).alreadyExists, 'Wsl/Service/RegisterDistro/ERROR_ALREADY_EXISTS');
    }
    const base = hostPath(ctx.dir, location!);
    if (base) mkdirSync(base, { recursive: true });
    register(ctx, state, name!, staging, {
      basePath: location!,
      ...(version ? { version: Number(version) } : {}),
      oobe: false,
      move: true,
    });
    ctx.out.line(strings(state.windows.locale).success);
    return 0;
  });
}

/** `wsl --manage <d> --set-default-user <name>`: DefaultUid from the distro's /etc/passwd. */
export function manage(ctx: ToolContext, state: SimState, args: string[]): number {
  const d = byName(ctx, state, args[0]);
  if (!d) return minusOne;
  const user = optionValue(args, '--set-default-user');
  if (!user) return fail(ctx, strings(state.windows.locale).invalidArgument(args[1] ?? '--manage'));
  const entry = passwd(state.distros[d.guid]!.rootfs).find((u) => u.name === user);
  if (!entry) return fail(ctx, strings(state.windows.locale).userNotFound, 'Wsl/Service/WSL_E_USER_NOT_FOUND');
  setValue(state, `${lxssUserKey}\\${d.guid}`, 'DefaultUid', { type: 'REG_DWORD', data: entry.uid });
  ctx.out.line(strings(state.windows.locale).success);
  return 0;
}
