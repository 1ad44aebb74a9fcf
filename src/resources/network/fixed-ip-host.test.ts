import { describe, expect, it } from 'vitest';
import { FakeHost } from '../../../test/fakes/fake-host.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import type { ApplyContext, ReadContext } from '../../engine/resource.js';
import { scriptContent } from '../../platform/windows/powershell.js';
import { lxssMachineKey, lxssUserKey } from '../wsl/facts.js';
import { fixedIpHostResource, plannedStrategy, taskCommand, type FixedIpOptions } from './fixed-ip-host.js';

const platform = { os: 'windows' as const, guestDescription: 'test' };
const base: FixedIpOptions = {
  strategy: 'nat-registry',
  address: '192.168.50.2/24',
  hostAddress: '192.168.50.1',
  distro: 'Ubuntu-24.04',
};
const ctx = (host: FakeHost) => {
  const reports: string[] = [];
  return {
    read: { platform, guest: new MemoryGuest(), host } as ReadContext,
    apply: { platform, guest: new MemoryGuest(), host, report: (m) => reports.push(m) } as ApplyContext,
    reports,
  };
};
const sz = (data: string) => ({ type: 'REG_SZ', data });
const ethernet = {
  name: 'Ethernet',
  ifIndex: 6,
  status: 'Up',
  hidden: false,
  ipv4: [{ address: '10.0.2.15', prefixLength: 24 }],
};

describe('network.fixedIp (host)', () => {
  it('auto means mirrored when the manifest asks for mirrored networking, otherwise the NAT registry', () => {
    expect(plannedStrategy({ strategy: 'auto' })).toBe('nat-registry');
    expect(plannedStrategy({ strategy: 'auto', networkingMode: 'mirrored' })).toBe('mirrored');
    expect(plannedStrategy({ strategy: 'alias' })).toBe('alias');
  });

  describe('nat-registry', () => {
    it('pins NatNetwork and NatGatewayIpAddress (HKLM, elevated) and NatIpAddress (HKCU)', async () => {
      const resource = fixedIpHostResource(base, { dependsOn: [] });
      const host = new FakeHost().on((c) => (c.tool === 'reg.exe' ? {} : undefined));
      host.adapters = [ethernet];
      const result = resource.test(await resource.get(ctx(host).read));
      expect(result.changes.map((c) => [c.property, c.after])).toEqual([
        ['NatNetwork', '192.168.50.0/24'],
        ['NatGatewayIpAddress', '192.168.50.1'],
        ['NatIpAddress', '192.168.50.2'],
      ]);
      await resource.apply(await resource.get(ctx(host).read), ctx(host).apply);
      expect(host.commandLines).toEqual([
        `reg.exe add ${lxssMachineKey} /v NatNetwork /t REG_SZ /d 192.168.50.0/24 /f (elevated)`,
        `reg.exe add ${lxssMachineKey} /v NatGatewayIpAddress /t REG_SZ /d 192.168.50.1 /f (elevated)`,
        `reg.exe add ${lxssUserKey} /v NatIpAddress /t REG_SZ /d 192.168.50.2 /f`,
      ]);
    });

    it('with the registry right but WSL still on its old network, only a restart helps', async () => {
      const resource = fixedIpHostResource(base, { dependsOn: [] });
      const host = new FakeHost();
      host.registry[lxssMachineKey] = {
        exists: true,
        values: { NatNetwork: sz('192.168.50.0/24'), NatGatewayIpAddress: sz('192.168.50.1') },
      };
      host.registry[lxssUserKey] = { exists: true, values: { NatIpAddress: sz('192.168.50.2') } };
      host.adapters = [
        ethernet,
        {
          name: 'vEthernet (WSL (Hyper-V firewall))',
          ifIndex: 40,
          status: 'Up',
          hidden: true,
          ipv4: [{ address: '172.20.16.1', prefixLength: 20 }],
        },
      ];
      expect(resource.test(await resource.get(ctx(host).read))).toMatchObject({
        inDesiredState: false,
        rebootRequired: true,
        changes: [{ property: 'gateway', before: '172.20.16.1/20', after: '192.168.50.1/24' }],
      });
      host.adapters[1]!.ipv4 = [{ address: '192.168.50.1', prefixLength: 24 }];
      expect(resource.test(await resource.get(ctx(host).read)).inDesiredState).toBe(true);
    });

    it('warns when the subnet overlaps another adapter', async () => {
      const resource = fixedIpHostResource(
        { ...base, address: '10.0.2.200/24', hostAddress: '10.0.2.201' },
        { dependsOn: [] },
      );
      const host = new FakeHost();
      host.adapters = [ethernet];
      expect(resource.test(await resource.get(ctx(host).read)).notes).toContain(
        '10.0.2.0/24 overlaps "Ethernet" (10.0.2.15/24): WSL then silently picks another range; choose a free subnet',
      );
    });
  });

  describe('alias', () => {
    it('starts WSL when its adapter is missing, adds the address with netsh, and registers the logon task that re-adds it', async () => {
      const resource = fixedIpHostResource({ ...base, strategy: 'alias' }, { dependsOn: [] });
      const host = new FakeHost().on((c, h) => {
        if (c.tool === 'wsl.exe') {
          h.adapters = [
            ethernet,
            {
              name: 'vEthernet (WSL (Hyper-V firewall))',
              ifIndex: 40,
              status: 'Up',
              hidden: true,
              ipv4: [{ address: '172.20.16.1', prefixLength: 20 }],
            },
          ];
          return {};
        }
        return c.tool === 'netsh.exe' || c.tool === 'schtasks.exe' ? {} : undefined;
      });
      host.adapters = [ethernet];
      const { read, apply } = ctx(host);
      expect(resource.test(await resource.get(read)).changes.map((c) => c.property)).toEqual([
        'address',
        'logonTask',
        'taskScript',
        'taskSettings',
      ]);
      await resource.apply(await resource.get(read), apply);
      const dir = 'C:\\Users\\dev\\AppData\\Local\\devbox';
      expect(host.commandLines).toEqual([
        'wsl.exe -d Ubuntu-24.04 -u root --cd / --exec /bin/true',
        'netsh.exe interface ipv4 add address vEthernet (WSL (Hyper-V firewall)) 192.168.50.1 255.255.255.0 (elevated)',
        `schtasks.exe /Create /TN devbox\\fixed-ip /TR ${taskCommand(`${dir}\\fixed-ip-task.ps1`)} /SC ONLOGON /RL HIGHEST /F (elevated)`,
      ]);
      expect(host.written.map((w) => w.path)).toEqual([`${dir}\\fixed-ip-task.ps1`, `${dir}\\fixed-ip.json`]);
      expect(host.written[0]!.content.equals(scriptContent('fixed-ip-task'))).toBe(true);
      expect(JSON.parse(host.written[1]!.content.toString())).toEqual({
        distro: 'Ubuntu-24.04',
        hostAddress: '192.168.50.1',
        prefixLength: 24,
      });
    });
  });

  describe('mirrored', () => {
    it('needs Windows 11 22H2 build 22621.2428 or later', async () => {
      const resource = fixedIpHostResource({ ...base, strategy: 'mirrored' }, { dependsOn: [] });
      const host = new FakeHost();
      host.os = { ...host.os, build: 22621, ubr: 1702 };
      const early = resource.test(await resource.get(ctx(host).read));
      expect(early.inDesiredState).toBe(false);
      expect(early.notes![0]).toMatch(
        /needs Windows 11 22H2 build 22621\.2428 or later; this Windows is build 22621\.1702/,
      );
      await expect(resource.apply(await resource.get(ctx(host).read), ctx(host).apply)).rejects.toThrow(
        /choose strategy nat-registry or alias/,
      );
      host.os = { ...host.os, build: 22631, ubr: 2428 };
      host.files.set('C:\\Users\\dev\\.wslconfig', Buffer.from('[wsl2]\nnetworkingMode=mirrored\n'));
      expect(resource.test(await resource.get(ctx(host).read)).inDesiredState).toBe(true);
    });

    it('auto follows a .wslconfig that already selects mirrored networking where the build supports it', async () => {
      const resource = fixedIpHostResource({ ...base, strategy: 'auto' }, { dependsOn: [] });
      const host = new FakeHost();
      host.files.set('C:\\Users\\dev\\.wslconfig', Buffer.from('[wsl2]\nnetworkingMode=mirrored\n'));
      const result = resource.test(await resource.get(ctx(host).read));
      expect(result.inDesiredState).toBe(true);
      expect(result.notes![0]).toBe('auto: .wslconfig already selects mirrored networking');
    });
  });
});
