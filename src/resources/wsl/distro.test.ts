import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { FakeHost } from '../../../test/fakes/fake-host.js';
import { FakeNet } from '../../../test/fakes/fake-net.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import type { ApplyContext, ReadContext } from '../../engine/resource.js';
import { lxssUserKey, rebootPendingKey } from './facts.js';
import { passwdUids, wslDistroResource, type DistroOptions } from './distro.js';

const platform = { os: 'windows' as const, guestDescription: 'test' };
const guid = '{12345678-1234-4234-8234-123456789abc}';

function windows(options: { registered?: boolean; uid?: number; vmp?: boolean; pending?: boolean } = {}): FakeHost {
  const host = new FakeHost();
  host.features.VirtualMachinePlatform = options.vmp === false ? 2 : 1;
  if (options.vmp !== false) ['vmcompute', 'HNS'].forEach((s) => host.services.add(s));
  host.registry[lxssUserKey] = {
    exists: true,
    values: {},
    subkeys: options.registered
      ? {
          [guid]: {
            values: {
              DistributionName: { type: 'REG_SZ', data: 'Ubuntu-24.04' },
              Version: { type: 'REG_DWORD', data: 2 },
              State: { type: 'REG_DWORD', data: 1 },
              DefaultUid: { type: 'REG_DWORD', data: options.uid ?? 0 },
            },
          },
        }
      : {},
  };
  if (options.pending) host.registry[rebootPendingKey] = { exists: true, values: {} };
  return host;
}

function contexts(host: FakeHost, guest = new MemoryGuest({ '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n' })) {
  const net = new FakeNet();
  const read: ReadContext = { platform, guest, host, net };
  const reports: string[] = [];
  const apply: ApplyContext = { platform, guest, host, net, report: (m) => reports.push(m) };
  return { read, apply, reports, guest, net };
}

const web: DistroOptions = { name: 'Ubuntu-24.04', source: { from: 'web' }, version: 2 };

describe('wsl.distro', () => {
  it('reads registration from the registry, not from wsl.exe', async () => {
    const resource = wslDistroResource(web, { dependsOn: [] });
    const host = windows({ registered: true });
    expect(resource.test(await resource.get(contexts(host).read)).inDesiredState).toBe(true);
    expect(host.commands).toEqual([]);
  });

  it('installs with --no-launch (never the first-run prompt) and --web-download', async () => {
    const resource = wslDistroResource(web, { dependsOn: [] });
    const host = windows().on((c, h) => {
      if (c.args[0] !== '--install') return undefined;
      h.registry[lxssUserKey] = windows({ registered: true }).registry[lxssUserKey]!;
      return {};
    });
    const { read, apply } = contexts(host);
    await resource.apply(await resource.get(read), apply);
    expect(host.commandLines).toEqual(['wsl.exe --install Ubuntu-24.04 --no-launch --web-download']);
  });

  it('while Windows waits for a restart, a missing distribution is a restart away (wsl --install would exit 0 and install nothing)', async () => {
    const resource = wslDistroResource(web, { dependsOn: [] });
    expect(resource.test(await resource.get(contexts(windows({ pending: true })).read))).toMatchObject({
      inDesiredState: false,
      rebootRequired: true,
    });
  });

  it('imports a local image only when its sha256 matches', async () => {
    const image = Buffer.from('not really a tar');
    const sha = createHash('sha256').update(image).digest('hex');
    const file = 'D:\\images\\ubuntu.wsl';
    const good = wslDistroResource(
      { name: 'Ubuntu-24.04', source: { from: 'file', path: file, sha256: sha }, version: 2 },
      { dependsOn: [] },
    );
    const host = windows().on((c) => (c.args[0] === '--import' ? {} : undefined));
    host.files.set(file, image);
    const { read, apply } = contexts(host);
    await good.apply(await good.get(read), apply);
    expect(host.commandLines).toEqual([
      'wsl.exe --import Ubuntu-24.04 C:\\Users\\dev\\AppData\\Local\\devbox\\distros\\Ubuntu-24.04 D:\\images\\ubuntu.wsl --version 2',
    ]);
    const bad = wslDistroResource(
      { name: 'Ubuntu-24.04', source: { from: 'file', path: file, sha256: 'f'.repeat(64) }, version: 2 },
      { dependsOn: [] },
    );
    const host2 = windows();
    host2.files.set(file, image);
    await expect(bad.apply(await bad.get(contexts(host2).read), contexts(host2).apply)).rejects.toThrow(
      /has sha256 .*, not the f{64} the manifest pins; devbox does not import it/,
    );
    expect(host2.commands).toEqual([]);
  });

  it('creates the default user in the distro and makes it the default (no first-run prompt afterwards)', async () => {
    const resource = wslDistroResource({ ...web, defaultUser: 'dev' }, { dependsOn: [] });
    const host = windows({ registered: true }).on((c) => (c.tool === 'reg.exe' ? {} : undefined));
    const { read, apply, guest } = contexts(host);
    guest.on((argv, _stdin, g) => {
      if (argv[0] === 'useradd') {
        g.setFile('/etc/passwd', `${g.text('/etc/passwd')}dev:x:1000:1000::/home/dev:/bin/bash\n`);
        return {};
      }
      return argv[0] === 'sh' ? {} : undefined;
    });
    const before = resource.test(await resource.get(read));
    expect(before.changes).toEqual([{ property: 'defaultUser', before: 'dev does not exist', after: 'dev' }]);
    await resource.apply(await resource.get(read), apply);
    expect(host.commandLines).toEqual([
      `reg.exe add ${lxssUserKey}\\${guid} /v DefaultUid /t REG_DWORD /d 1000 /f`,
      `reg.exe add ${lxssUserKey}\\${guid} /v RunOOBE /t REG_DWORD /d 0 /f`,
    ]);
  });

  it('does not ask the distro about users while WSL 2 cannot start', async () => {
    const resource = wslDistroResource({ ...web, defaultUser: 'dev' }, { dependsOn: [] });
    const guest = new MemoryGuest();
    const result = resource.test(await resource.get(contexts(windows({ registered: true, vmp: false }), guest).read));
    expect(result.inDesiredState).toBe(true);
    expect(result.notes).toEqual([
      'default user not checked: WSL 2 cannot start Ubuntu-24.04 until VirtualMachinePlatform is enabled',
    ]);
    expect(guest.calls).toEqual([]);
  });

  it('parses /etc/passwd', () => {
    expect(passwdUids('root:x:0:0:root:/root:/bin/bash\ndev:x:1000:1000::/home/dev:/bin/bash\nbroken\n')).toEqual(
      new Map([
        ['root', 0],
        ['dev', 1000],
      ]),
    );
  });

  it('fetches a URL image through the network layer (sha256-pinned, cached), then imports the verified file', async () => {
    const sha = 'a'.repeat(64);
    const resource = wslDistroResource(
      {
        name: 'Ubuntu-24.04',
        source: { from: 'url', url: 'https://mirror.example/ubuntu.wsl', sha256: sha },
        version: 2,
      },
      { dependsOn: [] },
    );
    const host = windows().on((c) => (c.args[0] === '--import' ? {} : undefined));
    const { read, apply, net } = contexts(host);
    await resource.apply(await resource.get(read), apply);
    const file = `C:\\Users\\dev\\AppData\\Local\\devbox\\cache\\files\\${'a'.repeat(32)}\\Ubuntu-24.04-aaaaaaaaaaaaaaaa.tar`;
    expect(net.fetched).toEqual([
      { urls: ['https://mirror.example/ubuntu.wsl'], sha256: sha, name: 'Ubuntu-24.04-aaaaaaaaaaaaaaaa.tar' },
    ]);
    expect(host.commands[0]!.args).toEqual([
      '--import',
      'Ubuntu-24.04',
      'C:\\Users\\dev\\AppData\\Local\\devbox\\distros\\Ubuntu-24.04',
      file,
      '--version',
      '2',
    ]);
  });
});
