import { describe, expect, it } from 'vitest';
import { FakeHost } from '../../../test/fakes/fake-host.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import type { ApplyContext, ReadContext } from '../../engine/resource.js';
import { PrerequisiteError } from '../../errors.js';
import { wslFeatureResource } from './features.js';

const platform = { os: 'windows' as const, guestDescription: 'test' };
const read = (host: FakeHost): ReadContext => ({ platform, guest: new MemoryGuest(), host });
const apply = (host: FakeHost, reports: string[] = []): ApplyContext => ({
  platform,
  guest: new MemoryGuest(),
  host,
  report: (m) => reports.push(m),
});

function machine(build: number, vmp: number | null, services: string[] = []): FakeHost {
  const host = new FakeHost();
  host.os = { ...host.os, build };
  host.features = { VirtualMachinePlatform: vmp, 'Microsoft-Windows-Subsystem-Linux': 2 };
  for (const s of services) host.services.add(s);
  return host;
}

describe('wsl.features', () => {
  const vmp = wslFeatureResource('VirtualMachinePlatform', { want: true, defaultVersion: 2 });
  const wsl1 = wslFeatureResource('Microsoft-Windows-Subsystem-Linux', { want: 'auto', defaultVersion: 2 });

  it('is in the desired state when enabled and its services exist', async () => {
    const host = machine(26100, 1, ['vmcompute', 'HNS']);
    expect(vmp.test(await vmp.get(read(host)))).toEqual({ inDesiredState: true, changes: [] });
    expect(host.probes).toHaveLength(1);
  });

  it('enabled without its services is a pending restart: not converged, but a reboot (not another enable) finishes it', async () => {
    const result = vmp.test(await vmp.get(read(machine(26100, 1))));
    expect(result).toMatchObject({
      inDesiredState: false,
      rebootRequired: true,
      changes: [{ property: 'state', before: 'enabled, waiting for a restart', after: 'enabled' }],
    });
  });

  it('disabled while Windows waits for a restart also ends as reboot-required after enabling (however Windows reports a pending enable)', async () => {
    const host = machine(26100, 2);
    host.registry['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending'] = {
      exists: true,
      values: {},
    };
    expect(vmp.test(await vmp.get(read(host)))).toMatchObject({ inDesiredState: false, rebootRequired: true });
  });

  it('auto: Microsoft-Windows-Subsystem-Linux is needed on Windows 10 only', async () => {
    expect(wsl1.test(await wsl1.get(read(machine(26100, 1)))).inDesiredState).toBe(true);
    expect(wsl1.test(await wsl1.get(read(machine(19045, 1)))).changes).toEqual([
      { property: 'state', before: 'disabled', after: 'enabled' },
    ]);
  });

  it('refuses Windows builds WSL 2 does not run on', async () => {
    await expect(vmp.get(read(machine(18363, 2)))).rejects.toThrow(/needs Windows 10 version 2004 \(build 19041\)/);
  });

  it('enables through dism in the elevated context, in English, without restarting', async () => {
    const host = machine(26100, 2).on((c) =>
      c.tool === 'dism.exe'
        ? c.args.includes('/Enable-Feature')
          ? { exitCode: 3010 }
          : { stdout: '\r\nFeature Name : VirtualMachinePlatform\r\nState : Enable Pending\r\n' }
        : undefined,
    );
    const reports: string[] = [];
    await vmp.apply(await vmp.get(read(host)), apply(host, reports));
    expect(host.commandLines).toEqual([
      'dism.exe /Online /NoRestart /English /Enable-Feature /FeatureName:VirtualMachinePlatform /All (elevated)',
      'dism.exe /Online /English /Get-FeatureInfo /FeatureName:VirtualMachinePlatform (elevated)',
    ]);
    expect(reports).toEqual(['enabled VirtualMachinePlatform; Windows must restart to finish (DISM: Enable Pending)']);
  });

  it('reports dism 740 as a missing prerequisite', async () => {
    const host = machine(26100, 2).on(() => ({ exitCode: 740 }));
    await expect(vmp.apply(await vmp.get(read(host)), apply(host))).rejects.toBeInstanceOf(PrerequisiteError);
  });
});
