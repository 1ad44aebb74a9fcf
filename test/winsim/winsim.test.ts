/**
 * The simulator against research/wsl.md (Appendix A and §1-4), byte for byte, so it cannot drift
 * into agreeing with devbox's bugs. Nothing here uses devbox's code.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { cachedRootfsTarball } from '../rig/rootfs.js';
import { parseCommandLine } from './cmdline.js';
import { WindowsMachine, type MachineOptions } from './machine.js';
import { lxssMachineKey, lxssUserKey, runOnceKey, setValue } from './registry.js';
import { pinnedParts, pinnedScripts } from './scripts.js';

const MINUS_ONE = 4294967295;
const u16 = (text: string) => Buffer.from(text, 'utf16le');
const u8 = (text: string) => Buffer.from(text, 'utf8');

const machines: WindowsMachine[] = [];
function machine(options: MachineOptions): WindowsMachine {
  const m = WindowsMachine.create(options);
  machines.push(m);
  return m;
}
afterEach(() => {
  for (const m of machines.splice(0)) m.dispose();
});

/** A Windows 11 machine with the WSL package and VirtualMachinePlatform already enabled. */
function ready(options: Partial<MachineOptions> = {}): WindowsMachine {
  const m = machine({ preset: 'win11', ...options });
  m.update((s) => {
    s.features.VirtualMachinePlatform = { state: 'enabled' };
    s.wsl.package = { version: '2.6.3.0' };
  });
  return m;
}

/** Registers distributions in the registry only (no root filesystem), as WSL lists them. */
function fakeDistros(m: WindowsMachine, names: string[], running: string[] = []): void {
  m.update((s) => {
    names.forEach((name, i) => {
      const guid = `{00000000-0000-4000-8000-00000000000${i}}`;
      const key = `${lxssUserKey}\\${guid}`;
      setValue(s, key, 'DistributionName', { type: 'REG_SZ', data: name });
      setValue(s, key, 'Version', { type: 'REG_DWORD', data: 2 });
      setValue(s, key, 'State', { type: 'REG_DWORD', data: 1 });
      if (i === 0) setValue(s, lxssUserKey, 'DefaultDistribution', { type: 'REG_SZ', data: guid });
      s.distros[guid] = { name, rootfs: '/nonexistent', running: running.includes(name), clients: [] };
    });
  });
}

describe('winsim wsl.exe output (research/wsl.md Appendix A)', () => {
  it('wsl -l -q with no distribution: no output, exit 0', () => {
    const r = ready().run('wsl.exe', ['-l', '-q']);
    expect(r.stdout.length).toBe(0);
    expect(r.windowsExitCode).toBe(0);
  });

  it('speaks UTF-16LE with CRLF unless WSL_UTF8=1, and exactly "1"', () => {
    const m = ready();
    fakeDistros(m, ['Ubuntu-24.04', 'docker-desktop']);
    expect(m.run('wsl.exe', ['-l', '-q']).stdout).toEqual(u16('Ubuntu-24.04\r\ndocker-desktop\r\n'));
    expect(m.run('wsl.exe', ['-l', '-q'], { env: { WSL_UTF8: '1' } }).stdout).toEqual(
      u8('Ubuntu-24.04\r\ndocker-desktop\r\n'),
    );
    expect(m.run('wsl.exe', ['-l', '-q'], { env: { WSL_UTF8: 'true' } }).stdout).toEqual(
      u16('Ubuntu-24.04\r\ndocker-desktop\r\n'),
    );
  });

  it('lays out -l -v as §1.2: NAME padded to max(4,longest)+4, STATE to 16, default first with *', () => {
    const m = ready();
    fakeDistros(m, ['Ubuntu-24.04', 'docker-desktop'], ['Ubuntu-24.04']);
    const r = m.run('wsl.exe', ['-l', '-v'], { env: { WSL_UTF8: '1' } });
    expect(r.stdout.toString('utf8')).toBe(
      '  NAME              STATE           VERSION\r\n* Ubuntu-24.04      Running         2\r\n  docker-desktop    Stopped         2\r\n',
    );
    expect(r.windowsExitCode).toBe(0);
  });

  it('-l -v with no distribution: the no-distribution message without an Error code line, exit -1 (4294967295)', () => {
    const r = ready().run('wsl.exe', ['-l', '-v']);
    expect(r.stdout).toEqual(
      u16(
        "Windows Subsystem for Linux has no installed distributions.\r\nYou can resolve this by installing a distribution with the instructions below:\r\n\r\nUse 'wsl.exe --list --online' to list available distributions\r\nand 'wsl.exe --install <Distro>' to install.\r\n",
      ),
    );
    expect(r.windowsExitCode).toBe(MINUS_ONE);
    expect(r.status).toBe(255); // what a Linux process can exit with; the exit file carries the real code
  });

  it('-l --running with nothing running: message and -1; with -q: nothing and 0', () => {
    const m = ready();
    fakeDistros(m, ['Ubuntu-24.04']);
    const r = m.run('wsl.exe', ['-l', '--running'], { env: { WSL_UTF8: '1' } });
    expect(r.stdout.toString()).toBe('There are no running distributions.\r\n');
    expect(r.windowsExitCode).toBe(MINUS_ONE);
    const q = m.run('wsl.exe', ['--list', '--running', '--quiet']);
    expect([q.stdout.length, q.windowsExitCode]).toEqual([0, 0]);
  });

  it('puts errors on stdout with an Error code line; bad options print the usage error', () => {
    const m = ready();
    const nope = m.run('wsl.exe', ['-d', 'Nope', '--', 'x'], { env: { WSL_UTF8: '1' } });
    expect(nope.stdout.toString()).toBe(
      'There is no distribution with the supplied name.\r\nError code: Wsl/Service/WSL_E_DISTRO_NOT_FOUND\r\n',
    );
    expect(nope.stderr.length).toBe(0);
    expect(nope.windowsExitCode).toBe(MINUS_ONE);
    const bogus = m.run('wsl.exe', ['--bogus'], { env: { WSL_UTF8: '1' } });
    expect(bogus.stdout.toString()).toBe(
      "Invalid command line argument: --bogus\r\nPlease use 'wsl.exe --help' to get a list of supported arguments.\r\n",
    );
    expect(bogus.windowsExitCode).toBe(MINUS_ONE);
    expect(m.run('wsl.exe', ['--help']).windowsExitCode).toBe(MINUS_ONE);
  });

  it('--version: seven lines, labels localized; inbox wsl.exe does not know it', () => {
    const m = ready({ locale: 'zh-CN' });
    const lines = m
      .run('wsl.exe', ['--version'], { env: { WSL_UTF8: '1' } })
      .stdout.toString()
      .split('\r\n');
    expect(lines.slice(0, 7)).toHaveLength(7);
    expect(lines[0]).toBe('WSL 版本： 2.6.3.0');
    expect(lines[6]).toBe('Windows 版本： 10.0.26100.4349');
    const inbox = machine({ preset: 'win11' }).run('wsl.exe', ['--version'], { env: { WSL_UTF8: '1' } });
    expect(inbox.stdout.toString()).toMatch(/^Invalid command line option: --version\r\n/);
    expect(inbox.windowsExitCode).toBe(MINUS_ONE);
  });

  it('old inbox wsl.exe (Windows 10) ignores WSL_UTF8 and ends lines \\r\\r\\n', () => {
    const m = machine({ preset: 'win10' });
    m.update((s) => {
      s.features['Microsoft-Windows-Subsystem-Linux'] = { state: 'enabled' };
      s.wsl.inbox = true;
    });
    const r = m.run('wsl.exe', ['--bogus'], { env: { WSL_UTF8: '1' } });
    expect(r.stdout.subarray(0, 6)).toEqual(Buffer.from([0x49, 0x00, 0x6e, 0x00, 0x76, 0x00])); // "Inv" in UTF-16LE
    expect(r.stdout.toString('utf16le')).toContain('--bogus\r\r\nPlease');
  });

  it('Windows 10 without the WSL component has no wsl.exe at all', () => {
    const m = machine({ preset: 'win10' });
    expect(readdirSync(m.bin)).not.toContain('wsl.exe');
  });

  it('--set-default-version 2, --install --no-distribution, --shutdown print what Appendix A says', () => {
    const m = ready();
    const v = m.run('wsl.exe', ['--set-default-version', '2'], { env: { WSL_UTF8: '1' } });
    expect(v.stdout.toString()).toBe(
      'For information on key differences with WSL 2 please visit https://aka.ms/wsl2\r\nThe operation completed successfully. \r\n',
    );
    expect(m.state().registry[`${lxssUserKey}`.toLowerCase()]?.values.DefaultVersion).toEqual({
      type: 'REG_DWORD',
      data: 2,
    });
    const nd = m.run('wsl.exe', ['--install', '--no-distribution'], { env: { WSL_UTF8: '1' } });
    expect([nd.stdout.toString(), nd.windowsExitCode]).toEqual(['The operation completed successfully. \r\n', 0]);
    const sd = m.run('wsl.exe', ['--shutdown']);
    expect([sd.stdout.length, sd.windowsExitCode]).toEqual([0, 0]);
  });

  it('--install while VirtualMachinePlatform is missing: elevates, enables it, says a restart is needed, exits 0 and installs nothing', () => {
    const m = machine({
      preset: 'win11',
      catalogue: { 'Ubuntu-24.04': { friendlyName: 'Ubuntu 24.04 LTS', tarball: '/nonexistent.tar' } },
    });
    const r = m.run('wsl.exe', ['--install', 'Ubuntu-24.04', '--no-launch'], { env: { WSL_UTF8: '1' } });
    expect(r.stdout.toString()).toBe(
      'The requested operation requires elevation.\r\nInstalling Windows optional component: VirtualMachinePlatform\r\nThe requested operation is successful. Changes will not be effective until the system is rebooted.\r\n',
    );
    expect(r.windowsExitCode).toBe(0);
    const state = m.state();
    expect(state.uac.prompts).toBe(1);
    expect(state.features.VirtualMachinePlatform!.state).toBe('enable-pending');
    expect(Object.keys(state.distros)).toEqual([]);
    // Again before the restart: same answer, no new prompt (WSL remembers in a volatile key).
    const again = m.run('wsl.exe', ['--install', 'Ubuntu-24.04', '--no-launch'], { env: { WSL_UTF8: '1' } });
    expect(again.stdout.toString()).toBe(
      'The requested operation is successful. Changes will not be effective until the system is rebooted.\r\n',
    );
    expect(m.state().uac.prompts).toBe(1);
  });

  it('an unknown distribution name is WSL_E_DISTRO_NOT_FOUND under Wsl/InstallDistro', () => {
    const r = ready().run('wsl.exe', ['--install', 'DoesNotExist', '--no-launch'], { env: { WSL_UTF8: '1' } });
    expect(r.stdout.toString()).toBe(
      "Invalid distribution name: 'DoesNotExist'.\r\nTo get a list of valid distributions, use 'wsl.exe --list --online'.\r\nError code: Wsl/InstallDistro/WSL_E_DISTRO_NOT_FOUND\r\n",
    );
  });

  it('localizes messages but not the -l -v header or the error code', () => {
    const m = ready({ locale: 'zh-CN' });
    fakeDistros(m, ['Ubuntu-24.04']);
    expect(m.run('wsl.exe', ['-l', '-v'], { env: { WSL_UTF8: '1' } }).stdout.toString()).toMatch(
      /^ {2}NAME {12}STATE {11}VERSION\r\n\* Ubuntu-24.04/,
    );
    expect(m.run('wsl.exe', ['-d', 'Nope', '--exec', 'x'], { env: { WSL_UTF8: '1' } }).stdout.toString()).toBe(
      '不存在具有所提供名称的分发。\r\nError code: Wsl/Service/WSL_E_DISTRO_NOT_FOUND\r\n',
    );
  });
});

describe('winsim dism.exe (research/wsl.md §2.2, Appendix B)', () => {
  it('refuses without elevation (740), enables with 3010 until the restart, then reports Enabled', () => {
    const m = machine({ preset: 'win11' });
    const args = [
      '/Online',
      '/NoRestart',
      '/English',
      '/Enable-Feature',
      '/FeatureName:VirtualMachinePlatform',
      '/All',
    ];
    const denied = m.run('dism.exe', args);
    expect(denied.windowsExitCode).toBe(740);
    expect(denied.stdout.toString()).toContain('Elevated permissions are required to run DISM.');
    const admin = { WINSIM_ELEVATED: '1' };
    expect(m.run('dism.exe', args, { env: admin }).windowsExitCode).toBe(3010);
    expect(m.run('dism.exe', args, { env: admin }).windowsExitCode).toBe(3010);
    const info = ['/Online', '/English', '/Get-FeatureInfo', '/FeatureName:VirtualMachinePlatform'];
    expect(m.run('dism.exe', info, { env: admin }).stdout.toString()).toMatch(/\r\nState : Enable Pending\r\n/);
    m.reboot();
    expect(m.run('dism.exe', args, { env: admin }).windowsExitCode).toBe(0);
    expect(m.run('dism.exe', info, { env: admin }).stdout.toString()).toMatch(/\r\nState : Enabled\r\n/);
  });

  it('is localized without /English', () => {
    const m = machine({ preset: 'win11', locale: 'zh-CN', elevated: true });
    const out = m
      .run('dism.exe', ['/Online', '/Get-FeatureInfo', '/FeatureName:VirtualMachinePlatform'])
      .stdout.toString();
    expect(out).toContain('状态 : 已禁用');
    expect(out).not.toContain('State :');
  });

  it('reports an unknown feature with 0x800f080c', () => {
    const r = machine({ preset: 'win11', elevated: true }).run('dism.exe', [
      '/Online',
      '/English',
      '/Enable-Feature',
      '/FeatureName:Nope',
    ]);
    expect(r.windowsExitCode).toBe(0x800f080c);
  });
});

describe('winsim reg.exe, netsh.exe, schtasks.exe, shutdown.exe', () => {
  it('reg: HKLM needs elevation; query prints the key and aligned values', () => {
    const m = machine({ preset: 'win11' });
    const add = [
      'add',
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Lxss',
      '/v',
      'NatNetwork',
      '/t',
      'REG_SZ',
      '/d',
      '192.168.50.0/24',
      '/f',
    ];
    const denied = m.run('reg.exe', add);
    expect([denied.windowsExitCode, denied.stderr.toString()]).toEqual([1, 'ERROR: Access is denied.\r\n']);
    expect(m.run('reg.exe', add, { env: { WINSIM_ELEVATED: '1' } }).windowsExitCode).toBe(0);
    const q = m.run('reg.exe', [
      'query',
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Lxss',
      '/v',
      'NatNetwork',
    ]);
    expect(q.stdout.toString()).toBe(
      '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Lxss\r\n    NatNetwork    REG_SZ    192.168.50.0/24\r\n\r\n',
    );
    const missing = m.run('reg.exe', ['query', 'HKCU\\Software\\Nope']);
    expect([missing.windowsExitCode, missing.stderr.toString()]).toEqual([
      1,
      'ERROR: The system was unable to find the specified registry key or value.\r\n',
    ]);
  });

  it('netsh: adds an address to an adapter by its name, needs elevation, refuses duplicates', () => {
    const m = machine({ preset: 'win11' });
    const add = ['interface', 'ipv4', 'add', 'address', 'Ethernet', '192.168.77.1', '255.255.255.0'];
    expect(m.run('netsh.exe', add).windowsExitCode).toBe(1);
    expect(m.run('netsh.exe', add, { env: { WINSIM_ELEVATED: '1' } }).windowsExitCode).toBe(0);
    expect(m.run('netsh.exe', add, { env: { WINSIM_ELEVATED: '1' } }).stdout.toString()).toBe(
      'The object already exists.\r\n\r\n',
    );
    expect(m.state().adapters[0]!.ipv4).toContainEqual({ address: '192.168.77.1', prefixLength: 24 });
    expect(
      m.run('netsh.exe', ['interface', 'ipv4', 'add', 'address', 'vEthernet (WSL)', '192.168.50.1', '255.255.255.0'], {
        env: { WINSIM_ELEVATED: '1' },
      }).windowsExitCode,
    ).toBe(1);
  });

  it('schtasks: a highest-privilege task needs elevation; /TR is limited to 261 characters', () => {
    const m = machine({ preset: 'win11' });
    const create = [
      '/Create',
      '/TN',
      'devbox\\t',
      '/TR',
      'powershell.exe -File "C:\\x y\\t.ps1"',
      '/SC',
      'ONLOGON',
      '/RL',
      'HIGHEST',
      '/F',
    ];
    expect(m.run('schtasks.exe', create).windowsExitCode).toBe(1);
    expect(m.run('schtasks.exe', create, { env: { WINSIM_ELEVATED: '1' } }).windowsExitCode).toBe(0);
    expect(m.state().tasks['\\devbox\\t']).toEqual({
      name: '\\devbox\\t',
      command: 'powershell.exe -File "C:\\x y\\t.ps1"',
      trigger: 'logon',
      runLevel: 'highest',
    });
    const long = [...create.slice(0, 4), 'x'.repeat(262), ...create.slice(5)];
    expect(m.run('schtasks.exe', long, { env: { WINSIM_ELEVATED: '1' } }).windowsExitCode).toBe(1);
  });

  it('shutdown /r schedules a restart, /a cancels it', () => {
    const m = machine({ preset: 'win11' });
    expect(m.run('shutdown.exe', ['/r', '/t', '60', '/c', 'bye']).windowsExitCode).toBe(0);
    expect(m.state().scheduledRestart).toEqual({ seconds: 60, comment: 'bye' });
    expect(m.run('shutdown.exe', ['/a']).windowsExitCode).toBe(0);
    expect(m.run('shutdown.exe', ['/a']).windowsExitCode).toBe(1116);
  });
});

describe('winsim powershell.exe', () => {
  const scripts = new URL('../../src/platform/windows/scripts/', import.meta.url).pathname;

  it('pins the exact bytes of every devbox script it runs, and of the parts they dot-source', () => {
    const pins: Record<string, string> = { ...pinnedScripts, ...pinnedParts };
    const files = [
      ...readdirSync(scripts).filter((f) => f.endsWith('.ps1')),
      '../../../resources/scoop/scoop-probe.ps1',
    ].sort();
    expect(files).toEqual(Object.keys(pins).sort());
    for (const f of files)
      expect([
        f,
        createHash('sha256')
          .update(readFileSync(join(scripts, f)))
          .digest('hex'),
      ]).toEqual([f, pins[f]]);
  });

  it('refuses other scripts and other ways of starting PowerShell', () => {
    const m = machine({ preset: 'win11' });
    m.writeFile('C:\\evil.ps1', 'Remove-Item C:\\ -Recurse');
    const other = m.run('powershell.exe', [
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-File',
      'C:\\evil.ps1',
    ]);
    expect(other.windowsExitCode).toBe(1);
    expect(other.stderr.toString()).toContain('is not one of devbox');
    const command = m.run('powershell.exe', ['-NoProfile', '-Command', 'Get-Date']);
    expect(command.windowsExitCode).toBe(1);
    const profile = m.run('powershell.exe', ['-NonInteractive', '-File', join(scripts, 'probe.ps1')], {
      input: '{"ops":[]}',
    });
    expect(profile.windowsExitCode).toBe(1);
  });

  it('answers the probe from the machine state', () => {
    const m = machine({ preset: 'win11' });
    m.writeFile('C:\\Users\\dev\\.wslconfig', '[wsl2]\r\nmemory=4GB\r\n');
    const r = m.run(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', join(scripts, 'probe.ps1')],
      {
        input: JSON.stringify({
          ops: [
            { op: 'os' },
            { op: 'feature', name: 'VirtualMachinePlatform' },
            { op: 'file', path: '%USERPROFILE%\\.wslconfig' },
            { op: 'registry', key: 'HKLM\\SOFTWARE\\Nope' },
            { op: 'nope' },
          ],
        }),
      },
    );
    expect(r.windowsExitCode).toBe(0);
    const { results } = JSON.parse(r.stdout.toString()) as { results: Record<string, unknown>[] };
    expect(results[0]).toMatchObject({
      os: { build: 26100, ubr: 4349, elevated: false, env: { USERPROFILE: 'C:\\Users\\dev' } },
    });
    expect(results[1]).toEqual({ installState: 2 });
    expect(Buffer.from((results[2] as { file: { content: string } }).file.content, 'base64').toString()).toBe(
      '[wsl2]\r\nmemory=4GB\r\n',
    );
    expect(results[3]).toEqual({ registry: { exists: false, values: {} } });
    expect(results[4]).toEqual({ error: 'unknown operation nope' });
  });

  it('elevate.ps1 is the UAC prompt: declined answers "cancelled" (ERROR_CANCELLED)', () => {
    const m = machine({ preset: 'win11', uac: 'decline' });
    const r = m.run(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', join(scripts, 'elevate.ps1')],
      { input: JSON.stringify({ file: '/bin/true', arguments: [] }) },
    );
    expect(JSON.parse(r.stdout.toString())).toEqual({ started: false, reason: 'cancelled' });
    expect(m.state().uac.prompts).toBe(1);
  });
});

describe('winsim restarts and logon', () => {
  it("drops WSL's network at restart, runs logon tasks elevated and RunOnce commands once", async () => {
    const m = ready();
    m.update((s) => {
      s.adapters.push({
        name: 'vEthernet (WSL)',
        ifIndex: 50,
        status: 'Up',
        hidden: false,
        wsl: true,
        ipv4: [{ address: '172.20.0.1', prefixLength: 20 }],
      });
      s.hns = { subnet: '172.20.0.0/20', gateway: '172.20.0.1', vmAddress: '172.20.0.2' };
      setValue(s, runOnceKey, 'devbox-resume', { type: 'REG_SZ', data: '/bin/sh -c "echo resumed; exit 3"' });
    });
    m.reboot();
    expect(m.state().adapters.map((a) => a.name)).toEqual(['Ethernet']);
    expect(m.state().hns).toBeNull();
    const runs = await m.logon();
    expect(runs).toEqual([
      { source: 'runonce', command: '/bin/sh -c "echo resumed; exit 3"', status: 3, stdout: 'resumed\n', stderr: '' },
    ]);
    expect(await m.logon()).toEqual([]);
  });

  it('parses command lines like CommandLineToArgvW', () => {
    expect(parseCommandLine('"C:\\Program Files\\node.exe" "C:\\a b\\run.js" up --resume')).toEqual([
      'C:\\Program Files\\node.exe',
      'C:\\a b\\run.js',
      'up',
      '--resume',
    ]);
    expect(parseCommandLine('a\\\\"b c" d\\e "f\\"g"')).toEqual(['a\\b c', 'd\\e', 'f"g']);
  });
});

describe('winsim Linux guest and WSL networking (real root filesystem, as root)', () => {
  let tarball = '';
  const skip = missingPrerequisites('winsim guest', ['chroot', 'tar', 'mount']);
  beforeAll(() => {
    if (!skip) tarball = cachedRootfsTarball();
  }, 1_800_000);

  function withDistro(options: Partial<MachineOptions> = {}): WindowsMachine {
    const m = ready({ catalogue: { 'Ubuntu-24.04': { friendlyName: 'Ubuntu 24.04 LTS', tarball } }, ...options });
    const r = m.run('wsl.exe', ['--install', 'Ubuntu-24.04', '--web-download', '--no-launch'], {
      env: { WSL_UTF8: '1' },
    });
    expect(r.stdout.toString()).toBe(
      "Downloading: Ubuntu 24.04 LTS\r\nInstalling: Ubuntu 24.04 LTS\r\nDistribution successfully installed. It can be launched via 'wsl.exe -d Ubuntu-24.04'\r\n",
    );
    return m;
  }

  it.skipIf(Boolean(skip))('runs --exec argv exactly as root, relays raw bytes and the Linux exit code', () => {
    const m = withDistro();
    const r = m.run('wsl.exe', ['-d', 'Ubuntu-24.04', '-u', 'root', '--cd', '/', '--exec', 'bash', '-s'], {
      input: 'printf "%s|%s\\n" "$(id -u)" "$PWD"; printf "é\\n"; echo \'$HOME;\' ; exit 7\n',
    });
    expect(r.stdout.toString('utf8')).toBe('0|/\né\n$HOME;\n');
    expect(r.windowsExitCode).toBe(7);
    const argv = m.run('wsl.exe', ['-d', 'Ubuntu-24.04', '-u', 'root', '--exec', 'printf', '%s\\n', 'a b', '$USER;x']);
    expect(argv.stdout.toString()).toBe('a b\n$USER;x\n');
    expect(m.state().oobeStarted).toEqual([]);
  });

  it.skipIf(Boolean(skip))(
    'the default shell form re-parses the command line with bash (the injection devbox must avoid)',
    () => {
      const m = withDistro();
      const r = m.run('wsl.exe', ['-d', 'Ubuntu-24.04', '-u', 'root', '--', 'echo', '$HOME;', 'echo', 'x']);
      expect(r.stdout.toString()).toBe('/root\nx\n');
    },
  );

  it.skipIf(Boolean(skip))(
    'creates WSL\'s NAT adapter at the first start: pinned by the registry when it fits, written back, hidden "Hyper-V firewall" name on Windows 11',
    () => {
      const m = withDistro();
      m.update((s) => {
        setValue(s, lxssMachineKey, 'NatNetwork', { type: 'REG_SZ', data: '192.168.50.0/24' });
        setValue(s, lxssMachineKey, 'NatGatewayIpAddress', { type: 'REG_SZ', data: '192.168.50.1' });
        setValue(s, lxssUserKey, 'NatIpAddress', { type: 'REG_SZ', data: '192.168.50.2' });
      });
      expect(m.run('wsl.exe', ['-d', 'Ubuntu-24.04', '-u', 'root', '--exec', 'true']).windowsExitCode).toBe(0);
      expect(m.state().adapters.find((a) => a.wsl)).toMatchObject({
        name: 'vEthernet (WSL (Hyper-V firewall))',
        hidden: true,
        ipv4: [{ address: '192.168.50.1', prefixLength: 24 }],
      });
      // A range that clashes with another adapter: WSL picks its own and warns on stderr.
      m.reboot();
      m.update((s) => setValue(s, lxssMachineKey, 'NatNetwork', { type: 'REG_SZ', data: '10.0.2.0/24' }));
      const r = m.run('wsl.exe', ['-d', 'Ubuntu-24.04', '-u', 'root', '--exec', 'true'], { env: { WSL_UTF8: '1' } });
      expect(r.stderr.toString()).toMatch(
        /^wsl: Failed to create virtual network with address range: '10\.0\.2\.0\/24', created new network with range: '172\./,
      );
      expect(m.state().registry[lxssMachineKey.toLowerCase()]!.values.NatNetwork!.data).toMatch(/^172\./);
    },
  );

  it.skipIf(Boolean(skip))(
    'mirrored networking works from Windows 11 22H2 build 22621.2428 on, and falls back to NAT with a warning before',
    () => {
      const early = withDistro({ preset: 'win11-22h2-early' });
      early.writeFile('C:\\Users\\dev\\.wslconfig', '[wsl2]\nnetworkingMode=mirrored\n');
      const r = early.run('wsl.exe', ['-d', 'Ubuntu-24.04', '-u', 'root', '--exec', 'true'], {
        env: { WSL_UTF8: '1' },
      });
      expect(r.stderr.toString()).toBe(
        'wsl: Mirrored networking mode is not supported: Windows version 22621.1702 does not have the required features.\r\nFalling back to NAT networking.\r\n',
      );
      expect(early.state().vm.networkingMode).toBe('nat');
      const current = withDistro();
      current.writeFile('C:\\Users\\dev\\.wslconfig', '[wsl2]\nnetworkingMode=mirrored\n');
      current.run('wsl.exe', ['-d', 'Ubuntu-24.04', '-u', 'root', '--exec', 'true']);
      expect(current.state().vm.networkingMode).toBe('mirrored');
      expect(current.state().adapters.some((a) => a.wsl)).toBe(false);
    },
  );

  it.skipIf(Boolean(skip))(
    '--export of a running distribution is live (research/backup.md), vhd needs it stopped; the VM needs VirtualMachinePlatform',
    () => {
      const m = withDistro();
      m.run('wsl.exe', ['-d', 'Ubuntu-24.04', '-u', 'root', '--exec', 'true']);
      m.update((s) => {
        for (const d of Object.values(s.distros)) d.running = true;
      });
      expect(m.run('wsl.exe', ['--export', 'Ubuntu-24.04', 'C:\\Users\\dev\\u.tar']).windowsExitCode).toBe(0);
      expect(Object.values(m.state().distros)[0]!.running).toBe(true);
      expect(m.readFile('C:\\Users\\dev\\u.tar')!.length).toBeGreaterThan(1_000_000);
      const vhd = m.run('wsl.exe', ['--export', 'Ubuntu-24.04', 'C:\\Users\\dev\\u.vhdx', '--format', 'vhd'], {
        env: { WSL_UTF8: '1' },
      });
      expect(vhd.stdout.toString()).toContain('Wsl/Service/ERROR_SHARING_VIOLATION');
      expect(m.readFile('C:\\Users\\dev\\u.vhdx')).toBeUndefined();
      m.update((s) => (s.features.VirtualMachinePlatform = { state: 'disabled' }));
      const r = m.run('wsl.exe', ['-d', 'Ubuntu-24.04', '-u', 'root', '--exec', 'true'], { env: { WSL_UTF8: '1' } });
      expect(r.stdout.toString()).toContain(
        'Error code: Wsl/Service/CreateInstance/CreateVm/HCS/HCS_E_HYPERV_NOT_INSTALLED',
      );
      expect(r.windowsExitCode).toBe(MINUS_ONE);
    },
  );
});
