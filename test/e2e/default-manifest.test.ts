/**
 * The default manifest on a fresh simulated Windows 11, with everything on the Windows side devbox
 * manages today — WSL, the distro's registration and wsl.conf, the fixed IP, Scoop with its nine
 * buckets and eight apps (aria2 global), and the hosts entry for raw.githubusercontent.com (poisoned
 * here) — then the budget of a converged run: at most 4 Windows processes in total (one PowerShell
 * probe for every Windows check, Scoop's and the hosts file's included, one wsl.exe for the distro).
 * Only the installer URL and the DoH resolver point at the test's servers; the guest sections that
 * need other rigs (apt, DNS, sysctl) are left out as in windows.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { hostsFile } from '../winsim/net.js';
import { convergeDefault, defaultMachine, useDefaultWorld } from './default-machine.js';

const skip = missingPrerequisites('the default manifest on simulated Windows', ['chroot', 'tar', 'mount', 'openssl']);

const shared = useDefaultWorld(skip);

describe.skipIf(Boolean(skip))('the default manifest', () => {
  it('converges across the restart, then a second up starts at most 4 Windows processes and changes nothing', async () => {
    const d = defaultMachine(shared.world, shared.tarball);
    const { machine: m, devbox } = d;
    try {
      await convergeDefault(d, (stdout) => {
        const outcomes = Object.fromEntries(
          (JSON.parse(stdout).result.report.steps as { id: string; outcome: string }[]).map((s) => [s.id, s.outcome]),
        );
        // Scoop and the hosts file do not wait for WSL's restart.
        expect(
          Object.entries(outcomes)
            .filter(([id]) => id.startsWith('scoop.') || id.startsWith('hosts.'))
            .every(([, o]) => o === 'applied'),
        ).toBe(true);
        expect(m.state().uac.prompts).toBe(1);
      });
      expect(m.readFile(hostsFile)!.toString()).toContain(`${shared.world.good} raw.githubusercontent.com`);
      expect(m.readFile('D:\\Softwares\\Scoop\\LocalApps\\apps\\dark\\current\\install.json')).toBeDefined();
      expect(m.readFile('D:\\Softwares\\Scoop\\GlobalApps\\apps\\aria2\\current\\install.json')).toBeDefined();

      const status = await devbox(['status', '--json']);
      expect(status.code, status.stdout).toBe(0);
      m.clearProcessLog();
      const again = await devbox(['up', '--yes', '--json']);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      const out = JSON.parse(again.stdout) as { report?: unknown; processStarts: Record<string, number> };
      expect(out.report).toBeUndefined();
      const log = m.processLog();
      expect(log.length).toBeLessThanOrEqual(4);
      expect(out.processStarts).toEqual({ 'powershell.exe': 1, 'wsl.exe': 1 });
      expect(log.map((e) => e.tool).sort()).toEqual(['powershell.exe', 'wsl.exe']);
      expect(log.every((e) => !e.elevated)).toBe(true);
      const scoop = m.state().scoop;
      expect(scoop.autoUpdates).toBe(0);
      expect(scoop.commands.filter((c) => c.elevated).map((c) => c.args.join(' '))).toEqual([
        'install -u --global aria2',
      ]);
    } finally {
      m.dispose();
    }
  });
});
