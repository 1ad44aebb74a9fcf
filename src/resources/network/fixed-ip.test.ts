import { describe, expect, it } from 'vitest';
import {
  aliasBootCommand,
  effectiveStrategy,
  fixedIpConflicts,
  fixedIpModel,
  isAliasBootCommand,
  staleAliases,
  subnetsOverlap,
} from './fixed-ip.js';

const spec = { strategy: 'auto' as const, address: '192.168.50.2/24', hostAddress: '192.168.50.1', interface: 'eth0' };

describe('the fixed IP model', () => {
  it('resolves addresses, subnet and label', () => {
    expect(fixedIpModel(spec)).toEqual({
      strategy: 'nat-registry',
      guestAddress: '192.168.50.2',
      hostAddress: '192.168.50.1',
      prefix: 24,
      cidr: '192.168.50.2/24',
      subnet: '192.168.50.0/24',
      interface: 'eth0',
      label: 'eth0:1',
    });
    expect(fixedIpModel({ ...spec, interface: 'enp0s31f6abcde' }).label).toBeUndefined();
  });

  it('reads auto as mirrored under mirrored networking, nat-registry otherwise', () => {
    expect(effectiveStrategy('auto', 'mirrored')).toBe('mirrored');
    expect(effectiveStrategy('auto', 'nat')).toBe('nat-registry');
    expect(effectiveStrategy('auto')).toBe('nat-registry');
    expect(effectiveStrategy('alias')).toBe('alias');
    expect(effectiveStrategy('nat-registry', 'nat')).toBe('nat-registry');
  });

  it('writes a boot command it recognises again, and nothing else', () => {
    const command = aliasBootCommand(fixedIpModel({ ...spec, strategy: 'alias' }));
    expect(command).toBe('/sbin/ip addr replace 192.168.50.2/24 broadcast + dev eth0 label eth0:1');
    expect(isAliasBootCommand(command)).toBe(true);
    expect(isAliasBootCommand(' /sbin/ip addr replace 10.0.0.2/8 broadcast + dev eth1 ')).toBe(true);
    expect(isAliasBootCommand('/sbin/ip addr replace 10.0.0.2/8 dev eth1; rm -rf /')).toBe(false);
    expect(isAliasBootCommand('service docker start')).toBe(false);
  });
});

describe('fixedIpConflicts', () => {
  const model = fixedIpModel({ ...spec, strategy: 'alias' });
  const eth0 = { dev: 'eth0', local: '172.28.150.7', prefixlen: 20, label: 'eth0' };

  it("accepts a free subnet beside WSL's NAT network, and the alias's own route", () => {
    const routes = [
      { dst: 'default', dev: 'eth0' },
      { dst: '172.28.144.0/20', dev: 'eth0', prefsrc: '172.28.150.7' },
      { dst: '192.168.50.0/24', dev: 'eth0', prefsrc: '192.168.50.2' },
    ];
    expect(
      fixedIpConflicts(model, [eth0, { dev: 'eth0', local: '192.168.50.2', prefixlen: 24, label: 'eth0:1' }], routes),
    ).toEqual([]);
  });

  it('names each collision', () => {
    const addresses = [
      eth0,
      { dev: 'docker0', local: '192.168.50.2', prefixlen: 16, label: 'docker0' },
      { dev: 'eth0', local: '192.168.50.1', prefixlen: 32, label: 'eth0' },
    ];
    const routes = [
      { dst: '192.168.0.0/16', dev: 'docker0', prefsrc: '192.168.50.2' },
      { dst: '192.168.50.128/25', dev: 'tun0' },
      { dst: '192.168.50.9' },
    ];
    expect(fixedIpConflicts(model, addresses, routes)).toEqual([
      '192.168.50.2 is already an address of docker0 in the distro',
      'the host address 192.168.50.1 is an address of the distro itself (eth0); it must belong to the Windows side',
      "192.168.50.0/24 overlaps the distro's route to 192.168.50.128/25 on tun0",
      "192.168.50.0/24 overlaps the distro's route to 192.168.50.9",
    ]);
  });

  it('treats the routes of an alias it replaces as its own', () => {
    const moved = fixedIpModel({ ...spec, address: '192.168.50.3/25' });
    const old = { dev: 'eth0', local: '192.168.50.2', prefixlen: 24, label: 'eth0:1' };
    expect(staleAliases(moved, [eth0, old])).toEqual([old]);
    expect(
      fixedIpConflicts(moved, [eth0, old], [{ dst: '192.168.50.0/24', dev: 'eth0', prefsrc: '192.168.50.2' }]),
    ).toEqual([]);
  });

  it('compares subnets by their common prefix', () => {
    expect(subnetsOverlap('10.0.0.0/8', '10.20.30.0/24')).toBe(true);
    expect(subnetsOverlap('10.20.31.0/24', '10.20.30.0/24')).toBe(false);
    expect(subnetsOverlap('fe80::/64', '10.0.0.0/8')).toBe(false);
  });
});
