/**
 * Simulated wsl.exe (research/wsl.md §1-3, §6, Appendix A): UTF-16LE output unless WSL_UTF8=1 on a
 * build that knows it, CRLF, -1 for its own failures, errors on stdout ending in `Error code:`,
 * `wsl: ` warnings on stderr, `--install` that exits 0 and installs nothing when a restart is
 * needed, `--export` / `--import` as real tar streams (wsl-export.ts), `-d X -u root --exec …` run in the distribution's
 * real Linux root filesystem with raw (never re-encoded) output.
 */
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { minusOne, type ToolContext } from './context.js';
import { expandEnv, toolPath } from './drive.js';
import { deleteKey, ensureKey, getValue, lxssUserKey, setValue, stringOf } from './registry.js';
import { withState, type SimState } from './state.js';
import { strings } from './strings.js';
import { exportDistro, importDistro, manage } from './wsl-export.js';
import { applyIdle, ensureProc, findDistro, passwd, registered, runLinux, startVm, WslFailure } from './vm.js';

const usage = `Copyright (c) Microsoft Corporation. All rights reserved.
For privacy information about this product please visit https://aka.ms/privacy.

Usage: wsl.exe [Argument] [Options...] [CommandLine]

Arguments for running Linux binaries:

    If no command line is provided, wsl.exe launches the default shell.

    --exec, -e <CommandLine>
        Execute the specified command without using the default Linux shell.

    --shell-type <standard|login|none>
        Execute the specified command with the provided shell type.

    --
        Pass the remaining command line as-is.
`;

/** Sets the output encoding as this build of wsl.exe does. */
export function style(ctx: ToolContext, state: SimState): void {
  const legacy = state.wsl.package === null && state.wsl.legacyInbox;
  ctx.style = {
    encoding: ctx.env.WSL_UTF8 === '1' && !legacy ? 'utf8' : 'utf16le',
    ...(legacy ? { doubleCr: true } : {}),
  };
}

/**
 * Management options `wsl --help` lists. `--format` (export as tar, tar.gz, tar.xz or vhd) is recent:
 * 2.3.26 refused to compress (research/backup.md); the simulator gives it to WSL 2.4.0 and later.
 */
function managementUsage(state: SimState): string {
  const lines = ['', 'Arguments for managing Windows Subsystem for Linux:', ''];
  lines.push(
    '    --export <Distro> <FileName> [Options]',
    '        Exports the distribution to a tar file.',
    '        The filename can be - for stdout.',
    '',
  );
  if (formatSupported(state))
    lines.push(
      '        Options:',
      '            --format <Format>',
      '                Specifies the export format. Supported values: tar, tar.gz, tar.xz, vhd.',
      '',
    );
  lines.push(
    '    --import <Distro> <InstallLocation> <FileName> [Options]',
    '        Imports the specified tar file as a new distribution.',
    '        The filename can be - for stdin.',
    '',
  );
  lines.push(
    '    --manage <Distro> <Options...>',
    '        Changes distro specific options.',
    '',
    '        Options:',
    '            --set-default-user <Username>',
    '                Set the default user of the distribution.',
    '',
  );
  return lines.join('\n');
}

export function formatSupported(state: SimState): boolean {
  const v = state.wsl.package?.version.split('.').map(Number) ?? [0];
  return (v[0] ?? 0) > 2 || ((v[0] ?? 0) === 2 && (v[1] ?? 0) >= 4);
}

export function fail(ctx: ToolContext, message: string, code?: string): number {
  ctx.out.line(message);
  if (code) ctx.out.line(`Error code: ${code}`);
  return minusOne;
}

function defaultGuid(state: SimState): string | undefined {
  return stringOf(getValue(state, lxssUserKey, 'DefaultDistribution'));
}

/** Registered distributions, the default first. */
function ordered(state: SimState) {
  const def = defaultGuid(state);
  const all = registered(state);
  return [...all.filter((d) => d.guid === def), ...all.filter((d) => d.guid !== def)];
}

function list(ctx: ToolContext, state: SimState, args: string[]): number {
  const s = strings(state.windows.locale);
  const has = (...names: string[]) => args.some((a) => names.includes(a));
  const quiet = has('-q', '--quiet');
  const verbose = has('-v', '--verbose');
  const running = has('--running');
  const all = has('--all');
  const unknown = args.find((a) => !['-q', '--quiet', '-v', '--verbose', '--running', '--all'].includes(a));
  if (unknown || (quiet && verbose) || (all && running)) {
    ctx.out.out(usage);
    return minusOne;
  }
  applyIdle(ctx.dir, state);
  let distros = ordered(state);
  if (running) distros = distros.filter((d) => state.distros[d.guid]?.running);
  if (quiet) {
    for (const d of distros) ctx.out.line(d.name);
    return 0;
  }
  if (distros.length === 0) {
    if (running) return fail(ctx, s.noRunning);
    for (const line of s.noDistros) ctx.out.line(line);
    return minusOne;
  }
  if (verbose) {
    const width = Math.max(4, ...distros.map((d) => d.name.length)) + 4;
    const row = (mark: string, name: string, st: string, version: string) =>
      `${mark} ${name.padEnd(width)}${st.padEnd(16)}${version}`;
    ctx.out.line(row(' ', 'NAME', 'STATE', 'VERSION'));
    const def = defaultGuid(state);
    for (const d of distros)
      ctx.out.line(
        row(
          d.guid === def ? '*' : ' ',
          d.name,
          state.distros[d.guid]?.running ? 'Running' : 'Stopped',
          String(d.version),
        ),
      );
    return 0;
  }
  ctx.out.line(s.distrosHeader);
  const def = defaultGuid(state);
  for (const d of distros) ctx.out.line(d.guid === def ? s.defaultMark(d.name) : d.name);
  return 0;
}

function version(ctx: ToolContext, state: SimState): number {
  const s = strings(state.windows.locale);
  if (!state.wsl.package) {
    ctx.out.line(s.invalidOption('--version'));
    ctx.out.out(usage);
    return minusOne;
  }
  const values = [
    state.wsl.package.version,
    '6.6.87.2-1',
    '1.0.66',
    '1.2.6074',
    '1.611.1-81528511',
    '10.0.26100.1-240331-1435.ge-release',
    `10.0.${state.windows.build}.${state.windows.ubr}`,
  ];
  values.forEach((v, i) => ctx.out.line(`${s.versionLabels[i]}${v}`));
  return 0;
}

function status(ctx: ToolContext, state: SimState): number {
  const s = strings(state.windows.locale);
  const def = ordered(state).find((d) => d.guid === defaultGuid(state));
  if (def) ctx.out.line(`${s.defaultDistribution}${def.name}`);
  ctx.out.line(`${s.defaultVersion}${Number(getValue(state, lxssUserKey, 'DefaultVersion')?.data ?? 2)}`);
  if (state.features['Microsoft-Windows-Subsystem-Linux']?.state !== 'enabled') {
    ctx.out.line();
    ctx.out.line(s.wsl1NotSupported);
  }
  if (state.features.VirtualMachinePlatform?.state !== 'enabled') {
    ctx.out.line();
    ctx.out.line(s.enableVirtualization);
  }
  return 0;
}

/** The UAC prompt wsl.exe raises itself (ShellExecuteEx runas) when it must change Windows. */
function selfElevate(ctx: ToolContext, state: SimState): boolean {
  if (ctx.elevated) return true;
  state.uac.prompts++;
  return state.uac.policy === 'accept';
}

export function unpack(tarball: string, rootfs: string): void {
  mkdirSync(rootfs, { recursive: true });
  const result = spawnSync('tar', ['-xf', tarball, '-C', rootfs], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`winsim: cannot unpack ${tarball}: ${result.stderr?.toString()}`);
}

export function register(
  ctx: ToolContext,
  state: SimState,
  name: string,
  tarball: string,
  options: { basePath?: string; version?: number; oobe: boolean; move?: boolean },
): string {
  const guid = `{${randomUUID()}}`;
  const rootfs = join(ctx.dir, 'distros', guid.slice(1, -1), 'rootfs');
  if (options.move) {
    // An unpacked import: its folder becomes the distro's.
    mkdirSync(join(rootfs, '..', '..'), { recursive: true });
    renameSync(join(tarball, '..'), join(rootfs, '..'));
  } else unpack(tarball, rootfs);
  const key = `${lxssUserKey}\\${guid}`;
  const version = options.version ?? Number(getValue(state, lxssUserKey, 'DefaultVersion')?.data ?? 2);
  setValue(state, key, 'DistributionName', { type: 'REG_SZ', data: name });
  setValue(state, key, 'BasePath', {
    type: 'REG_SZ',
    data: options.basePath ?? `${expandEnv('%LOCALAPPDATA%', state.env)}\\wsl\\${guid}`,
  });
  setValue(state, key, 'Version', { type: 'REG_DWORD', data: version });
  setValue(state, key, 'State', { type: 'REG_DWORD', data: 1 });
  setValue(state, key, 'DefaultUid', { type: 'REG_DWORD', data: 0 });
  setValue(state, key, 'Flags', { type: 'REG_DWORD', data: version === 2 ? 15 : 7 });
  if (options.oobe) setValue(state, key, 'RunOOBE', { type: 'REG_DWORD', data: 1 });
  if (!defaultGuid(state)) setValue(state, lxssUserKey, 'DefaultDistribution', { type: 'REG_SZ', data: guid });
  state.distros[guid] = { name, rootfs, running: false, clients: [] };
  return guid;
}

function requiredComponents(state: SimState, enableWsl1: boolean): string[] {
  const needed = ['VirtualMachinePlatform'];
  if (enableWsl1 || state.windows.build < 22000) needed.push('Microsoft-Windows-Subsystem-Linux');
  return needed;
}

function install(ctx: ToolContext, state: SimState, args: string[]): number {
  const s = strings(state.windows.locale);
  let distro: string | undefined;
  let noLaunch = false;
  let noDistribution = false;
  let enableWsl1 = false;
  let fromFile: string | undefined;
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-d' || a === '--distribution') distro = args[++i];
    else if (a === '--no-launch' || a === '-n') noLaunch = true;
    else if (a === '--web-download' || a === '--inbox' || a === '--legacy') continue;
    else if (a === '--no-distribution') noDistribution = true;
    else if (a === '--enable-wsl1') enableWsl1 = true;
    else if (a === '--from-file') fromFile = args[++i];
    else if (a === '--name') name = args[++i];
    else if (a === '--location' || a === '--version' || a === '--vhd-size') i++;
    else if (a.startsWith('-')) return fail(ctx, s.invalidArgument(a));
    else distro = a;
  }
  if (noDistribution && distro)
    return fail(
      ctx,
      "Arguments --no-distribution and --distribution can't be specified at same time.",
      'Wsl/E_INVALIDARG',
    );

  if (!state.wsl.package) state.wsl.package = { version: state.wsl.latest };
  // Components count as installed once their services exist (after the restart); WSL remembers
  // in a volatile key what it enabled, so a second --install before the restart says so again.
  const missing = requiredComponents(state, enableWsl1).filter((c) => state.features[c]?.state !== 'enabled');
  if (missing.length > 0) {
    const waiting = missing.filter((c) => state.features[c]?.state === 'enable-pending');
    const toEnable = missing.filter((c) => state.features[c]?.state !== 'enable-pending');
    if (toEnable.length > 0) {
      if (!ctx.elevated) ctx.out.line(s.requiresElevation);
      if (!selfElevate(ctx, state))
        return fail(ctx, 'The operation was canceled by the user. ', 'Wsl/InstallDistro/0x800704c7');
      for (const component of toEnable) {
        ctx.out.line(s.installingComponent(component));
        state.features[component] = { ...state.features[component], state: 'enable-pending' };
      }
      state.rebootPending = true;
      ensureKey(state, `${lxssUserKey}\\InstallStatus`, { volatile: true });
      setValue(state, `${lxssUserKey}\\InstallStatus`, '', {
        type: 'REG_SZ',
        data: [...waiting, ...toEnable].join(','),
      });
    }
    // A restart is needed: no distribution is installed, and that is not an error.
    ctx.out.line(s.rebootNeeded);
    return 0;
  }
  if (noDistribution) {
    ctx.out.line(s.success);
    return 0;
  }
  if (fromFile) {
    const file = toolPath(ctx.dir, fromFile);
    if (!file || !existsSync(file)) return fail(ctx, s.fileNotFound, 'Wsl/InstallDistro/ERROR_FILE_NOT_FOUND');
    const target = name ?? 'imported';
    if (findDistro(state, target))
      return fail(ctx, s.alreadyExists, 'Wsl/InstallDistro/Service/RegisterDistro/ERROR_ALREADY_EXISTS');
    register(ctx, state, target, file, { oobe: true });
    ctx.out.line(s.installed(target));
    return 0;
  }
  const wanted = distro ?? 'Ubuntu';
  const entry = Object.entries(state.catalogue).find(([n]) => n.toLowerCase() === wanted.toLowerCase());
  if (!entry) return fail(ctx, s.invalidDistroName(wanted), 'Wsl/InstallDistro/WSL_E_DISTRO_NOT_FOUND');
  const [catalogueName, info] = entry;
  const target = name ?? catalogueName;
  ctx.out.line(s.downloading(info.friendlyName));
  ctx.out.line(s.installing(info.friendlyName));
  if (findDistro(state, target))
    return fail(ctx, s.alreadyExists, 'Wsl/InstallDistro/Service/RegisterDistro/ERROR_ALREADY_EXISTS');
  register(ctx, state, target, info.tarball, { oobe: true });
  ctx.out.line(s.installed(target));
  if (!noLaunch) {
    // The interactive first-run prompt would start here and wait for a user name.
    ctx.out.line(s.launching(target));
    state.oobeStarted.push(target);
  }
  return 0;
}

export function byName(ctx: ToolContext, state: SimState, name: string | undefined) {
  const found = name ? findDistro(state, name) : undefined;
  if (!found) {
    fail(ctx, strings(state.windows.locale).distroNotFound, 'Wsl/Service/WSL_E_DISTRO_NOT_FOUND');
    return undefined;
  }
  return found;
}

function unmountIn(state: SimState, rootfs: string): void {
  for (const mount of state.mounts.filter((m) => m.startsWith(rootfs)))
    spawnSync('umount', ['-l', mount], { stdio: 'ignore' });
  state.mounts = state.mounts.filter((m) => !m.startsWith(rootfs));
}

function management(ctx: ToolContext, state: SimState, command: string, rest: string[]): number {
  const s = strings(state.windows.locale);
  switch (command) {
    case '-l':
    case '--list':
      return list(ctx, state, rest);
    case '--status':
      return status(ctx, state);
    case '-v':
    case '--version':
      return version(ctx, state);
    case '-h':
    case '--help':
      ctx.out.out(usage + managementUsage(state));
      return minusOne;
    case '--manage':
      return manage(ctx, state, rest);
    case '--install':
      return install(ctx, state, rest);
    case '--shutdown':
      for (const d of Object.values(state.distros)) d.running = false;
      state.vm.running = false;
      return 0;
    case '-t':
    case '--terminate': {
      const d = byName(ctx, state, rest[0]);
      if (!d) return minusOne;
      state.distros[d.guid]!.running = false;
      ctx.out.line(s.success);
      return 0;
    }
    case '--unregister': {
      const d = byName(ctx, state, rest[0]);
      if (!d) return minusOne;
      const rootfs = state.distros[d.guid]?.rootfs;
      if (rootfs) {
        unmountIn(state, rootfs);
        rmSync(join(rootfs, '..'), { recursive: true, force: true });
      }
      delete state.distros[d.guid];
      deleteKey(state, `${lxssUserKey}\\${d.guid}`);
      if (defaultGuid(state) === d.guid)
        setValue(state, lxssUserKey, 'DefaultDistribution', { type: 'REG_SZ', data: registered(state)[0]?.guid ?? '' });
      ctx.out.line(s.success);
      return 0;
    }
    case '-s':
    case '--set-default': {
      const d = byName(ctx, state, rest[0]);
      if (!d) return minusOne;
      setValue(state, lxssUserKey, 'DefaultDistribution', { type: 'REG_SZ', data: d.guid });
      ctx.out.line(s.success);
      return 0;
    }
    case '--set-default-version': {
      const v = rest[0];
      if (v !== '1' && v !== '2') return fail(ctx, 'The version is not valid.', 'Wsl/ERROR_VERSION_PARSE_ERROR');
      if (v === '1' && state.features['Microsoft-Windows-Subsystem-Linux']?.state !== 'enabled')
        return fail(ctx, s.wsl1NotSupported, 'Wsl/WSL_E_WSL1_NOT_SUPPORTED');
      setValue(state, lxssUserKey, 'DefaultVersion', { type: 'REG_DWORD', data: Number(v) });
      ctx.out.line(s.keyDifferences);
      ctx.out.line(s.success);
      return 0;
    }
    case '--set-version': {
      const d = byName(ctx, state, rest[0]);
      if (!d) return minusOne;
      if (rest[1] === '2' && state.features.VirtualMachinePlatform?.state !== 'enabled')
        return fail(ctx, s.enableVirtualization, 'Wsl/Service/CreateVm/HCS/HCS_E_HYPERV_NOT_INSTALLED');
      ctx.out.line(s.conversion);
      setValue(state, `${lxssUserKey}\\${d.guid}`, 'Version', { type: 'REG_DWORD', data: Number(rest[1]) });
      ctx.out.line(s.success);
      return 0;
    }
    case '--update': {
      ctx.out.line(s.checkingUpdates);
      if (!state.wsl.githubReachable)
        return fail(ctx, s.cannotConnect, 'Wsl/UpdatePackage/WININET_E_NAME_NOT_RESOLVED');
      if (state.wsl.package && state.wsl.package.version === state.wsl.latest) {
        ctx.out.line(s.upToDate);
        return 0;
      }
      // Installing the MSI raises its own UAC prompt unless already elevated.
      if (!selfElevate(ctx, state))
        return fail(ctx, 'The operation was canceled by the user. ', 'Wsl/UpdatePackage/0x800704c7');
      ctx.out.line(s.updating(state.wsl.latest));
      state.wsl.package = { version: state.wsl.latest };
      return 0;
    }
    default:
      return fail(ctx, s.invalidArgument(command));
  }
}

/** `wsl -d X -u U --cd D --exec cmd…` and the other forms that run a Linux command. */
function runCommand(
  ctx: ToolContext,
  options: { distro?: string; user?: string; cd?: string; exec?: string[]; shell?: string },
): number {
  const prepared = withState(ctx.dir, (state) => {
    style(ctx, state);
    const s = strings(state.windows.locale);
    applyIdle(ctx.dir, state);
    const guid = options.distro ? findDistro(state, options.distro)?.guid : defaultGuid(state) || undefined;
    if (!guid || !state.distros[guid]) {
      if (!options.distro) {
        for (const line of s.noDistros) ctx.out.line(line);
        return { code: minusOne };
      }
      return { code: fail(ctx, s.distroNotFound, 'Wsl/Service/WSL_E_DISTRO_NOT_FOUND') };
    }
    const distro = state.distros[guid]!;
    if (!options.exec && options.shell === undefined) {
      // No command: the default shell, with the first-run prompt if it never ran.
      if (Number(getValue(state, `${lxssUserKey}\\${guid}`, 'RunOOBE')?.data ?? 0) === 1)
        state.oobeStarted.push(distro.name);
      return { code: fail(ctx, 'winsim: an interactive shell would start here', 'winsim/INTERACTIVE') };
    }
    let warnings: string[];
    try {
      warnings = startVm(ctx.dir, state);
    } catch (error) {
      if (error instanceof WslFailure) return { code: fail(ctx, error.message, error.code) };
      throw error;
    }
    for (const w of warnings) ctx.out.err(`${w}\n`);
    const users = passwd(distro.rootfs);
    const uid = Number(getValue(state, `${lxssUserKey}\\${guid}`, 'DefaultUid')?.data ?? 0);
    const user =
      options.user !== undefined
        ? users.find((u) => u.name === options.user)
        : (users.find((u) => u.uid === uid) ?? users.find((u) => u.uid === 0));
    if (!user) return { code: fail(ctx, s.userNotFound, 'Wsl/Service/CreateInstance/WSL_E_USER_NOT_FOUND') };
    ensureProc(distro.rootfs, state);
    distro.running = true;
    distro.clients.push(process.pid);
    return { code: undefined, guid, rootfs: distro.rootfs, user, name: distro.name };
  });
  if (prepared.code !== undefined) return prepared.code;
  ctx.flush();
  const { guid, rootfs, user, name } = prepared as Required<Omit<typeof prepared, 'code'>>;
  // Windows' environment reaches Linux only through WSLENV.
  const forwarded = Object.fromEntries(
    (ctx.env.WSLENV ?? '')
      .split(':')
      .map((n) => n.split('/')[0]!)
      .filter((n) => n && ctx.env[n] !== undefined)
      .map((n) => [n, ctx.env[n]!]),
  );
  const linuxEnv = {
    HOME: user.home,
    USER: user.name,
    LOGNAME: user.name,
    SHELL: user.shell,
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games',
    LANG: 'C.UTF-8',
    WSL_DISTRO_NAME: name,
    WSL_INTEROP: '/run/WSL/1_interop',
    ...forwarded,
  };
  const cwd = options.cd === '~' || options.cd === undefined ? user.home : options.cd;
  const argv = options.exec ?? [user.shell || '/bin/sh', '-c', options.shell ?? ''];
  let code: number;
  try {
    code = runLinux(rootfs, user, existsSync(join(rootfs, cwd)) ? cwd : '/', argv, linuxEnv);
  } finally {
    withState(ctx.dir, (state) => {
      const distro = state.distros[guid];
      if (distro) {
        distro.clients = distro.clients.filter((p) => p !== process.pid);
        distro.lastClientExit = Date.now();
      }
      state.vm.lastActivity = Date.now();
    });
  }
  return code;
}

/** How a Windows command line carries an argument (for the raw tail bash re-parses). */
function windowsQuote(arg: string): string {
  return /[ \t"]/.test(arg) || arg === '' ? `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"` : arg;
}

export function wslExe(ctx: ToolContext): number {
  const args = ctx.args;
  const options: { distro?: string; user?: string; cd?: string; exec?: string[]; shell?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new WslFailure(`Argument ${a} is missing a required parameter.`);
      return v;
    };
    try {
      if (a === '-d' || a === '--distribution') options.distro = value();
      else if (a === '-u' || a === '--user') options.user = value();
      else if (a === '--cd') options.cd = value();
      else if (a === '--shell-type' || a === '--distribution-id') value();
      else if (a === '-e' || a === '--exec') {
        options.exec = args.slice(i + 1);
        break;
      } else if (a === '--') {
        options.shell = args
          .slice(i + 1)
          .map(windowsQuote)
          .join(' ');
        break;
      } else if ((a === '--export' || a === '--import') && options.distro === undefined && options.user === undefined) {
        // Streams of gigabytes: run outside the state lock (see wsl-export.ts).
        return a === '--export' ? exportDistro(ctx, args.slice(i + 1)) : importDistro(ctx, args.slice(i + 1));
      } else if (
        a.startsWith('-') &&
        options.distro === undefined &&
        options.user === undefined &&
        options.cd === undefined
      ) {
        return withState(ctx.dir, (state) => {
          style(ctx, state);
          return management(ctx, state, a, args.slice(i + 1));
        });
      } else if (a.startsWith('-')) {
        return withState(ctx.dir, (state) => {
          style(ctx, state);
          return fail(ctx, strings(state.windows.locale).invalidArgument(a));
        });
      } else {
        options.shell = args.slice(i).map(windowsQuote).join(' ');
        break;
      }
    } catch (error) {
      if (!(error instanceof WslFailure)) throw error;
      return withState(ctx.dir, (state) => {
        style(ctx, state);
        return fail(ctx, error.message, error.code);
      });
    }
  }
  return runCommand(ctx, options);
}
