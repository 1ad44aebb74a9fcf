/**
 * kube-ovn's kernel precheck on this machine's real kernel, through the real guest agent. The CI
 * kernel is read first from /proc/config.gz so the test knows what the answer must be, whatever the
 * machine: a module built in (=y) must be found present, one not set must be found missing with the
 * fix named. vxlan stands in for a module every kernel here has.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { missingPrerequisites } from '../rig/privileges.js';
import { GuestRunner } from '../../src/platform/guest/runner.js';
import { localTransport } from '../../src/platform/guest/transports.js';
import { NodeProcessRunner } from '../../src/platform/process.js';
import { precheckKernel } from '../../src/resources/cluster/cni/prechecks.js';

const unavailable = missingPrerequisites('CNI kernel precheck', ['ip', 'unshare', 'zcat']);

function configValue(symbol: string): string {
  if (!existsSync('/proc/config.gz')) return 'unknown';
  const text = execFileSync('zcat', ['/proc/config.gz'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return new RegExp(`^${symbol}=(\\w+)$`, 'm').exec(text)?.[1] ?? 'unset';
}

describe.runIf(!unavailable)('CNI kernel precheck on the running kernel', () => {
  const guest = new GuestRunner(localTransport(), new NodeProcessRunner(), { currentUid: 0 });

  it('agrees with the kernel config about openvswitch and geneve', async () => {
    const r = await precheckKernel(guest, 'kube-ovn');
    for (const m of r.modules) {
      const config = configValue(m.module === 'geneve' ? 'CONFIG_GENEVE' : 'CONFIG_OPENVSWITCH');
      if (config === 'y') expect(m.verdict).toBe('present');
      if (config === 'unset') expect(m.verdict, m.evidence.join('; ')).toBe('missing');
    }
    if (!r.ok) {
      expect(r.fix).toContain('wsl --update');
      expect(r.fix).toContain(r.kernel);
    }
    expect(r.kernel).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
  });

  it('finds a built-in module present (vxlan)', async () => {
    const vxlan = configValue('CONFIG_VXLAN');
    const r = await precheckKernel(guest, 'kube-ovn', [{ module: 'vxlan', config: 'CONFIG_VXLAN' }]);
    if (vxlan === 'y') expect(r.modules[0]!.verdict).toBe('present');
    expect(r.modules[0]!.verdict).not.toBe('missing');
  });
});
