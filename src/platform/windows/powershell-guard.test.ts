import { describe, expect, it } from 'vitest';
import { ScriptedProcesses } from '../../../test/fakes/scripted-processes.js';
import { refuseCommand, runTool, WindowsHost } from './host.js';
import { refusePowerShellCommand } from './powershell-guard.js';
import { installerCommand, installerProxyParams, scoopCommand } from '../../resources/scoop/commands.js';

const dirs = { root: 'D:\\Soft Ware\\工具', globalRoot: 'D:\\Global' };

describe('running Scoop', () => {
  it("builds the installer and scoop.ps1 runs as script files with argv parameters and Scoop's folders as environment", () => {
    expect(
      installerCommand('C:\\cache\\install.ps1', { ...dirs, cacheDir: 'E:\\c' }, 'user:p@ss@127.0.0.1:7890'),
    ).toEqual({
      tool: 'powershell.exe',
      args: [
        '-NoProfile',
        '-NonInteractive',
        '-ExecutionPolicy',
        'Bypass',
        '-File',
        'C:\\cache\\install.ps1',
        '-ScoopDir',
        dirs.root,
        '-ScoopGlobalDir',
        'D:\\Global',
        '-ScoopCacheDir',
        'E:\\c',
        '-Proxy',
        'http://127.0.0.1:7890',
      ],
      timeoutMs: 1_800_000,
    });
    expect(scoopCommand(dirs, ['install', '-u', '--global', 'aria2'], { global: true })).toMatchObject({
      args: [
        '-NoProfile',
        '-NonInteractive',
        '-ExecutionPolicy',
        'Bypass',
        '-File',
        `${dirs.root}\\shims\\scoop.ps1`,
        'install',
        '-u',
        '--global',
        'aria2',
      ],
      env: { SCOOP: dirs.root, SCOOP_GLOBAL: 'D:\\Global' },
      elevated: true,
    });
    expect(installerProxyParams('none')).toEqual(['-NoProxy']);
    expect(installerProxyParams('default')).toEqual([]);
    expect(installerProxyParams('currentuser@proxy.corp:8080')).toEqual([
      '-Proxy',
      'http://proxy.corp:8080',
      '-ProxyUseDefaultCredentials',
    ]);
  });

  it('runs nothing else through powershell.exe, and only global Scoop commands elevated', () => {
    const ok = scoopCommand(dirs, ['install', '-u', 'git']);
    expect(refusePowerShellCommand(ok)).toBeUndefined();
    expect(refusePowerShellCommand({ args: ['-NoProfile', '-Command', 'iex (irm get.scoop.sh)'] })).toMatch(
      /runs only script files/,
    );
    expect(
      refusePowerShellCommand({
        args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'C:\\evil.ps1'],
      }),
    ).toBe("powershell.exe runs only Scoop's scoop.ps1 and its installer, not evil.ps1");
    expect(
      refusePowerShellCommand({
        args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'relative\\scoop.ps1'],
      }),
    ).toMatch(/absolute path/);
    expect(refusePowerShellCommand({ ...ok, elevated: true })).toBe(
      'as administrator, Scoop only installs or removes global apps (--global)',
    );
    expect(
      refusePowerShellCommand({ ...installerCommand('C:\\c\\install.ps1', dirs, undefined), elevated: true }),
    ).toBe("Scoop's installer never runs as administrator");
    expect(refusePowerShellCommand({ ...ok, env: { PATH: 'x' } })).toBe(
      'environment variable PATH cannot be passed to a Windows command',
    );
    expect(refuseCommand({ tool: 'reg.exe', args: [], env: { SCOOP: 'x' } })).toBe(
      'reg.exe is not given environment variables',
    );
  });

  it('refuses before starting anything, and passes the environment to what it starts', async () => {
    const processes = new ScriptedProcesses(() => ({}));
    await expect(runTool(processes, { tool: 'powershell.exe', args: ['-Command', 'x'] })).rejects.toThrow(
      'runs only script files',
    );
    await runTool(processes, scoopCommand(dirs, ['bucket', 'list']));
    expect(processes.calls.map((c) => [c.file, c.options?.env])).toEqual([
      ['powershell.exe', { SCOOP: dirs.root, SCOOP_GLOBAL: 'D:\\Global' }],
    ]);
  });

  it('sends the hosts file to the elevated helper as a replace-file request and decodes its answers', async () => {
    const requests: unknown[] = [];
    const host = new WindowsHost(new ScriptedProcesses(() => ({})), () => ({
      run: async () => Promise.reject(new Error('unused')),
      runScript: async (name, params) => (
        requests.push([name, params]),
        { ok: false, reason: 'changed', actualSha256: 'f'.repeat(64) }
      ),
    }));
    const result = await host.replaceFile({
      path: '%SystemRoot%\\System32\\drivers\\etc\\hosts',
      content: Buffer.from('x'),
      expectedSha256: null,
      elevated: true,
      flushDns: true,
    });
    expect(result).toEqual({ ok: false, reason: 'changed', actualSha256: 'f'.repeat(64) });
    expect(requests).toEqual([
      [
        'replace-file',
        {
          path: '%SystemRoot%\\System32\\drivers\\etc\\hosts',
          content: 'eA==',
          expectedSha256: null,
          backupRoot: '%LOCALAPPDATA%\\devbox\\backups',
          flushDns: true,
          retryMs: 10000,
        },
      ],
    ]);
  });
});
