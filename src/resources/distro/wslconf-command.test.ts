import { describe, expect, it } from 'vitest';
import { commandParts, withCommandPart } from './wslconf.js';

const isOld = (part: string) => part.startsWith('/sbin/ip addr replace ');
const mine = '/sbin/ip addr replace 192.168.50.2/24 broadcast + dev eth0 label eth0:1';

describe('boot command parts', () => {
  it("puts devbox's part first and keeps the user's command as written", () => {
    expect(withCommandPart(undefined, mine, isOld)).toBe(mine);
    expect(withCommandPart('service docker start', mine, isOld)).toBe(`${mine}; service docker start`);
    // Values are compared as WSL reads them (quotes removed): the quotes were never part of the command.
    expect(withCommandPart('service docker start # x', mine, isOld)).toBe(`${mine}; service docker start # x`);
  });

  it('replaces an earlier devbox part instead of piling up', () => {
    expect(
      withCommandPart(
        '/sbin/ip addr replace 10.1.1.2/24 broadcast + dev eth0 label eth0:1; mount -a;touch /x',
        mine,
        isOld,
      ),
    ).toBe(`${mine}; mount -a;touch /x`);
    expect(commandParts(`${mine}; mount -a`)).toEqual([mine, 'mount -a']);
  });
});
