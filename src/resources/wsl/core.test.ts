import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { FakeHost } from '../../../test/fakes/fake-host.js';
import { FakeNet } from '../../../test/fakes/fake-net.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import type { ApplyContext, ReadContext } from '../../engine/resource.js';
import { lxssUserKey, wslPackageExe } from './facts.js';
import { wslCoreResource } from './core.js';

const platform = { os: 'windows' as const, guestDescription: 'test' };
const ctx = (host: FakeHost) => ({
  read: { platform, guest: new MemoryGuest(), host } as ReadContext,
  apply: { platform, guest: new MemoryGuest(), host, report: () => undefined } as ApplyContext,
});
const packageExe = wslPackageExe.replace('%ProgramFiles%', 'C:\\Program Files');
const version = Buffer.from('WSL version: 2.6.3.0\r\nKernel version: 6.6.87.2-1\r\n', 'utf16le');

describe('wsl.core', () => {
  it('wants the WSL package (not just the inbox wsl.exe) and WSL 2 as the default', async () => {
    const resource = wslCoreResource({ update: true, preRelease: false, defaultVersion: 2 }, []);
    const host = new FakeHost();
    expect(resource.test(await resource.get(ctx(host).read)).changes).toEqual([
      { property: 'package', before: 'not installed (inbox wsl.exe only)', after: '2.0.0 or newer' },
      { property: 'defaultVersion', before: 1, after: 2 },
    ]);
    host.fileVersions.set(packageExe, '2.6.3.0');
    host.registry[lxssUserKey] = { exists: true, values: { DefaultVersion: { type: 'REG_DWORD', data: 2 } } };
    expect(resource.test(await resource.get(ctx(host).read)).inDesiredState).toBe(true);
  });

  it('installs with `wsl --update` in the elevated context, then sets the default version', async () => {
    const resource = wslCoreResource({ update: true, preRelease: true, defaultVersion: 2 }, []);
    const host = new FakeHost().on((c) =>
      c.tool === 'wsl.exe' ? (c.args[0] === '--version' ? { stdout: version } : {}) : undefined,
    );
    await resource.apply(await resource.get(ctx(host).read), ctx(host).apply);
    expect(host.commandLines).toEqual([
      'wsl.exe --update --pre-release (elevated)',
      'wsl.exe --version',
      'wsl.exe --set-default-version 2',
    ]);
  });

  it('says what to do when GitHub is unreachable', async () => {
    const resource = wslCoreResource({ update: true, preRelease: false, defaultVersion: 2 }, []);
    const host = new FakeHost().on((c) =>
      c.args[0] === '--update'
        ? {
            exitCode: 4294967295,
            stdout: Buffer.from(
              'Checking for updates.\r\nError code: Wsl/UpdatePackage/WININET_E_NAME_NOT_RESOLVED\r\n',
              'utf16le',
            ),
          }
        : undefined,
    );
    await expect(resource.apply(await resource.get(ctx(host).read), ctx(host).apply)).rejects.toThrow(
      /WININET_E_NAME_NOT_RESOLVED[\s\S]*set wsl\.update\.offlineInstaller/,
    );
  });

  it('installs an offline .msi only when its sha256 matches', async () => {
    const msi = Buffer.from('msi bytes');
    const sha = createHash('sha256').update(msi).digest('hex');
    const host = new FakeHost().on((c) =>
      c.tool === 'msiexec.exe'
        ? { exitCode: 3010 }
        : c.args[0] === '--version'
          ? { stdout: version }
          : c.tool === 'wsl.exe'
            ? {}
            : undefined,
    );
    host.files.set('D:\\wsl.msi', msi);
    const good = wslCoreResource(
      { update: true, preRelease: false, defaultVersion: 2, offlineInstaller: { path: 'D:\\wsl.msi', sha256: sha } },
      [],
    );
    await good.apply(await good.get(ctx(host).read), ctx(host).apply);
    expect(host.commandLines[0]).toBe('msiexec.exe /i D:\\wsl.msi /quiet /norestart (elevated)');
    const bad = wslCoreResource(
      {
        update: true,
        preRelease: false,
        defaultVersion: 2,
        offlineInstaller: { path: 'D:\\wsl.msi', sha256: '0'.repeat(64) },
      },
      [],
    );
    const host2 = new FakeHost();
    host2.files.set('D:\\wsl.msi', msi);
    await expect(bad.apply(await bad.get(ctx(host2).read), ctx(host2).apply)).rejects.toThrow(/devbox does not run it/);
    expect(host2.commands).toEqual([]);
  });

  it('fetches an offline .msi from a URL through the network layer (sha256-pinned, cached), then runs the verified file', async () => {
    const sha = 'd'.repeat(64);
    const net = new FakeNet();
    const host = new FakeHost().on((c) =>
      c.tool === 'msiexec.exe'
        ? { exitCode: 0 }
        : c.args[0] === '--version'
          ? { stdout: version }
          : c.tool === 'wsl.exe'
            ? {}
            : undefined,
    );
    const resource = wslCoreResource(
      {
        update: true,
        preRelease: false,
        defaultVersion: 2,
        offlineInstaller: { url: 'https://mirror.example/wsl.msi', sha256: sha },
      },
      [],
    );
    await resource.apply(await resource.get(ctx(host).read), { ...ctx(host).apply, net });
    expect(net.fetched).toEqual([
      { urls: ['https://mirror.example/wsl.msi'], sha256: sha, name: 'wsl-dddddddddddddddd.msi' },
    ]);
    expect(host.commandLines[0]).toBe(
      `msiexec.exe /i C:\\Users\\dev\\AppData\\Local\\devbox\\cache\\files\\${'d'.repeat(32)}\\wsl-dddddddddddddddd.msi /quiet /norestart (elevated)`,
    );
  });
});
