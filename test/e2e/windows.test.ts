/**
 * devbox on simulated Windows, end to end: the built CLI as a real process, the Windows simulator
 * (test/winsim) on its PATH, distributions that are real Debian root filesystems entered through
 * chroot. Restarts and logons are the simulator's; everything devbox does goes through the same
 * tools and scripts it uses on a real machine.
 *
 * The runs cover the default manifest's WSL parts (wsl.*, network.fixedIp and distro.wslconf):
 * distro.sysctl would write the test machine's own kernel parameters through /proc, and the other
 * guest sections belong to other issues' rigs.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { cachedRootfsTarball } from '../rig/rootfs.js';
import { repoRoot, runDevbox, type CliResult } from '../rig/cli.js';
import { PtySession } from '../rig/pty.js';
import { WindowsMachine, type MachineOptions } from '../winsim/machine.js';
import { lxssMachineKey, lxssUserKey, runOnceKey } from '../winsim/registry.js';

const wslParts = ['--only', 'wsl.*,network.fixedIp,distro.wslconf'];
const wslconfig = 'C:\\Users\\dev\\.wslconfig';
// New lines are written as WSL's own writer does (WslCoreConfig.cpp: `key=value`); the comment records the
// kernel parameter as devbox's (kernel-params.ts).
const expectedWslconfig =
  '[wsl2]\r\n# devbox: kernelCommandLine parameters it added (from your manifest): cgroup_no_v1=all\r\n' +
  'kernelCommandLine=cgroup_no_v1=all\r\nvmIdleTimeout=-1\r\ndnsTunneling=false\r\n\r\n[general]\r\ninstanceIdleTimeout=-1\r\n';

const skip = missingPrerequisites('devbox on simulated Windows', ['chroot', 'tar', 'mount']);
let tarball = '';
beforeAll(() => {
  if (!skip) tarball = cachedRootfsTarball();
}, 1_800_000);

const machines: WindowsMachine[] = [];
function windows(options: MachineOptions): WindowsMachine {
  const m = WindowsMachine.create({
    catalogue: { 'Ubuntu-24.04': { friendlyName: 'Ubuntu 24.04 LTS', tarball } },
    ...options,
  });
  machines.push(m);
  return m;
}
afterEach(() => {
  for (const m of machines.splice(0)) m.dispose();
});

function devbox(m: WindowsMachine, args: string[]): CliResult {
  return runDevbox(args, { env: m.env });
}

interface JsonOut {
  error?: { code: string; exitCode: number; message: string };
  result?: { report?: { steps: { id: string; outcome: string; error?: string }[] }; resumeCommand?: string };
  report?: { steps: { id: string; outcome: string }[] };
  processStarts?: Record<string, number>;
  drifted?: {
    id: string;
    action: string;
    changes: { property: string; before: unknown; after: unknown }[];
    reason?: string;
  }[];
  inDesiredState?: boolean;
}
const json = (r: CliResult) => JSON.parse(r.stdout) as JsonOut;
const outcomes = (out: JsonOut) =>
  Object.fromEntries((out.result?.report ?? out.report)!.steps.map((s) => [s.id, s.outcome]));

function journal(m: WindowsMachine): { type: string; status?: string; attempt?: number }[] {
  return readFileSync(join(m.dir, 'devbox-state', 'journal.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { type: string });
}

function resumeCommand(): string {
  const run = join(repoRoot, 'bin', 'run.js');
  const quote = (s: string) => (/[ \t"]/.test(s) ? `"${s}"` : s);
  return `${quote(process.execPath)} ${quote(run)} up --resume --yes`;
}

/** The first run on a fresh machine: features enabled, a restart needed, the resume registered. */
function firstRun(m: WindowsMachine, features: string[]): JsonOut {
  const r = devbox(m, ['up', '--yes', '--json', ...wslParts]);
  expect(r.code, r.stdout + r.stderr).toBe(6);
  const out = json(r);
  expect(out.error!.code).toBe('reboot.required');
  expect(out.error!.message).toMatch(
    /^Windows must restart to finish: .*Restart Windows now\. After you log in again, devbox continues by itself/,
  );
  for (const f of features) expect(outcomes(out)[`wsl.features[${f}]`]).toBe('reboot-required');
  expect(outcomes(out)).toMatchObject({
    'wsl.core[wsl]': 'blocked',
    'wsl.distro[Ubuntu-24.04]': 'blocked',
    'distro.wslconf[/etc/wsl.conf]': 'blocked',
    'wsl.config[.wslconfig]': 'applied',
    'network.fixedIp[host]': 'applied',
  });
  const state = m.state();
  for (const f of features) expect(state.features[f]!.state).toBe('enable-pending');
  expect(state.uac.prompts).toBe(1);
  expect(state.registry[runOnceKey.toLowerCase()]!.values['devbox-resume']).toEqual({
    type: 'REG_SZ',
    data: resumeCommand(),
  });
  expect(out.result!.resumeCommand).toBe(resumeCommand());
  // Written before the restart: plain files and registry values need no running WSL.
  expect(m.readFile(wslconfig)!.toString('utf8')).toBe(expectedWslconfig);
  expect(state.registry[lxssMachineKey.toLowerCase()]!.values).toMatchObject({
    NatNetwork: { data: '192.168.50.0/24' },
    NatGatewayIpAddress: { data: '192.168.50.1' },
  });
  expect(
    journal(m)
      .filter((e) => e.type === 'run-end')
      .map((e) => e.status),
  ).toEqual(['reboot-required']);
  return out;
}

/** The restart, and the logon that runs `devbox up --resume` from RunOnce to the end. */
async function restartAndResume(m: WindowsMachine): Promise<string> {
  m.reboot();
  const runs = await m.logon();
  const resume = runs.find((r) => r.source === 'runonce');
  expect(resume, JSON.stringify(runs)).toBeDefined();
  expect(resume!.status, resume!.stdout + resume!.stderr).toBe(0);
  expect(resume!.stdout).toMatch(/Done: \d+ changed\./);
  expect(m.state().registry[runOnceKey.toLowerCase()]!.values).toEqual({});
  return resume!.stdout;
}

/** A converged machine: no drift, and a second `up` that changes nothing with at most 4 Windows processes. */
function expectConverged(m: WindowsMachine): void {
  const status = devbox(m, ['status', '--json', ...wslParts]);
  expect(status.code, status.stdout).toBe(0);
  expect(json(status).inDesiredState).toBe(true);
  m.clearProcessLog();
  const again = devbox(m, ['up', '--yes', '--json', ...wslParts]);
  expect(again.code, again.stdout + again.stderr).toBe(0);
  const out = json(again);
  expect(out.report).toBeUndefined(); // nothing was applied
  const log = m.processLog();
  expect(log.length).toBeLessThanOrEqual(4);
  expect(log.map((e) => e.tool).sort()).toEqual(['powershell.exe', 'wsl.exe']);
  expect(log.every((e) => !e.elevated)).toBe(true);
  // devbox's own count agrees with what Windows saw.
  expect(out.processStarts).toEqual({ 'powershell.exe': 1, 'wsl.exe': 1 });
  expect(m.state().oobeStarted).toEqual([]);
}

describe.skipIf(Boolean(skip))('devbox up on a fresh simulated Windows 11', () => {
  it('enables WSL, restarts, resumes from RunOnce, converges; then status shows exactly what was changed by hand', async () => {
    const m = windows({ preset: 'win11' });
    firstRun(m, ['VirtualMachinePlatform']);
    expect(m.state().features['Microsoft-Windows-Subsystem-Linux']!.state).toBe('disabled'); // not needed on Windows 11
    await restartAndResume(m);

    const state = m.state();
    expect(state.wsl.package).toEqual({ version: '2.6.3.0' });
    expect(state.uac.prompts).toBe(2); // one per run: the resumed run installed the WSL package
    const distro = Object.values(state.distros);
    expect(distro.map((d) => d.name)).toEqual(['Ubuntu-24.04']);
    // distro.dns's key goes through the one wsl.conf resource too.
    expect(readFileSync(join(distro[0]!.rootfs, 'etc', 'wsl.conf'), 'utf8')).toBe(
      '[boot]\nsystemd=true\n\n[network]\ngenerateResolvConf=false\n',
    );
    expect(state.registry[lxssUserKey.toLowerCase()]!.values.DefaultVersion).toEqual({ type: 'REG_DWORD', data: 2 });
    // WSL built its network from the pinned registry values, on its hidden Windows 11 adapter.
    expect(state.adapters.find((a) => a.wsl)).toMatchObject({
      name: 'vEthernet (WSL (Hyper-V firewall))',
      hidden: true,
      ipv4: [{ address: '192.168.50.1', prefixLength: 24 }],
    });
    expect(state.hns).toEqual({ subnet: '192.168.50.0/24', gateway: '192.168.50.1', vmAddress: '192.168.50.2' });

    expectConverged(m);

    // .wslconfig edited by hand (a comment added, one managed key changed): exactly that drift.
    const edited = `# mine\r\n${expectedWslconfig.replace('vmIdleTimeout=-1', 'vmIdleTimeout=60000')}`;
    m.writeFile(wslconfig, edited);
    let status = devbox(m, ['status', '--json', ...wslParts]);
    expect(status.code).toBe(5);
    expect(json(status).drifted!.map((s) => [s.id, s.changes])).toEqual([
      ['wsl.config[.wslconfig]', [{ property: 'wsl2.vmIdleTimeout', before: '60000', after: '-1' }]],
    ]);
    // Not from a terminal (or --json) and without --yes: nobody can say yes, so nothing changes.
    for (const extra of [[], ['--json']]) {
      const refused = devbox(m, ['up', ...extra, ...wslParts]);
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stdout + refused.stderr).toContain('pass --yes to apply without asking');
      expect(m.readFile(wslconfig)!.toString('utf8')).toBe(edited);
    }
    // At a terminal: yes to the plan, no to `wsl --shutdown` (the manifest's `shutdown: ask`): the
    // file is fixed but the running VM is left alone, and the user is told.
    const pty = new PtySession(['up', ...wslParts], m.env);
    try {
      await pty.waitFor(/Apply 1 change\(s\)\?/);
      pty.type('y', 'Enter');
      await pty.waitFor(/Run it now\?/);
      pty.type('n', 'Enter');
      const fix = await pty.exit();
      expect(fix.code, fix.screen).toBe(0);
      expect(fix.screen.replace(/\s+/g, ' ')).toContain(
        'WSL keeps its old settings until you run `wsl --shutdown` (it stops the running distribution(s) Ubuntu-24.04) or restart Windows',
      );
    } finally {
      pty.close();
    }
    expect(m.readFile(wslconfig)!.toString('utf8')).toBe(`# mine\r\n${expectedWslconfig}`);
    expect(m.state().vm.running).toBe(true);
    // With --yes the question is answered yes: WSL restarts with the settings.
    m.writeFile(wslconfig, edited);
    m.clearProcessLog();
    expect(devbox(m, ['up', '--yes', ...wslParts]).code).toBe(0);
    expect(m.processLog().map((e) => `${e.tool} ${e.args.join(' ')}`)).toContain('wsl.exe --shutdown');
    expect(m.state().vm.running).toBe(false);
    expect(m.readFile(wslconfig)!.toString('utf8')).toBe(`# mine\r\n${expectedWslconfig}`);

    // VirtualMachinePlatform disabled by hand (dism, then a restart): exactly that drift; what lives
    // in the distro waits for it instead of failing to start WSL.
    expect(
      m.run('dism.exe', ['/Online', '/NoRestart', '/Disable-Feature', '/FeatureName:VirtualMachinePlatform'], {
        env: { WINSIM_ELEVATED: '1' },
      }).windowsExitCode,
    ).toBe(3010);
    m.reboot();
    status = devbox(m, ['status', '--json', ...wslParts]);
    expect(status.code, status.stdout).toBe(5);
    const drifted = json(status).drifted!;
    expect(drifted.filter((s) => s.action !== 'pending').map((s) => [s.id, s.changes])).toEqual([
      ['wsl.features[VirtualMachinePlatform]', [{ property: 'state', before: 'disabled', after: 'enabled' }]],
    ]);
    expect(drifted.filter((s) => s.action === 'pending').map((s) => [s.id, s.reason])).toEqual([
      ['distro.wslconf[/etc/wsl.conf]', 'checked after wsl.features[VirtualMachinePlatform] is applied'],
      [
        'distro.wslconf[/etc/wsl.conf:network.generateResolvConf]',
        'checked after wsl.features[VirtualMachinePlatform] is applied',
      ],
    ]);
  });
});

describe.skipIf(Boolean(skip))('devbox up on a fresh simulated Windows 10 (Chinese)', () => {
  it('enables both features, restarts, resumes through an inbox wsl.exe that only speaks UTF-16, converges', async () => {
    const m = windows({ preset: 'win10', locale: 'zh-CN' });
    expect(m.state().wsl.inbox).toBe(false); // no wsl.exe until the WSL component is enabled
    firstRun(m, ['VirtualMachinePlatform', 'Microsoft-Windows-Subsystem-Linux']);
    await restartAndResume(m);
    const state = m.state();
    expect(state.wsl.package).toEqual({ version: '2.6.3.0' });
    expect(state.adapters.find((a) => a.wsl)).toMatchObject({
      name: 'vEthernet (WSL)',
      hidden: false,
      ipv4: [{ address: '192.168.50.1', prefixLength: 24 }],
    });
    expectConverged(m);
  });
});

describe.skipIf(Boolean(skip))('elevation and restarts', () => {
  it('declined UAC prompt: exit 7, a clear message, and nothing changed at all', () => {
    const m = windows({ preset: 'win11', uac: 'decline' });
    const before = m.state();
    const r = devbox(m, ['up', '--yes', ...wslParts]);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain(
      'Error: devbox needs administrator rights for: wsl.features[VirtualMachinePlatform], wsl.core[wsl], network.fixedIp[host]; the Windows UAC prompt was declined, so nothing was changed.',
    );
    const after = m.state();
    expect(after.uac.prompts).toBe(1);
    expect({ ...after, uac: before.uac }).toEqual(before);
    expect(m.readFile(wslconfig)).toBeUndefined();
    expect(m.processLog().map((e) => e.tool)).toEqual(['powershell.exe', 'powershell.exe']); // the probe, the prompt
    const resume = devbox(m, ['up', '--resume']);
    expect([resume.code, resume.stderr]).toEqual([2, expect.stringContaining('There is no interrupted run to resume')]);
  });

  it('from an elevated terminal: no prompt and no helper, the tools run directly', () => {
    const m = windows({ preset: 'win11', elevated: true });
    expect(devbox(m, ['up', '--yes', ...wslParts]).code).toBe(6);
    expect(m.state().uac.prompts).toBe(0);
    const log = m.processLog();
    expect(log.filter((e) => e.tool === 'dism.exe').every((e) => e.elevated)).toBe(true);
    expect(log.some((e) => e.args.some((a) => a.endsWith('elevate.ps1')))).toBe(false);
  });

  it('a restart is the next step whichever InstallState Windows reports for a pending enable', () => {
    const m = windows({ preset: 'win11' });
    m.update((s) => (s.windows.pendingInstallState = 2));
    const r = devbox(m, ['up', '--yes', '--json', ...wslParts]);
    expect(r.code).toBe(6);
    expect(outcomes(json(r))['wsl.features[VirtualMachinePlatform]']).toBe('reboot-required');
  });

  it('a dry run changes nothing and needs no prompt', () => {
    const m = windows({ preset: 'win11' });
    const before = m.state();
    const r = devbox(m, ['up', '--dry-run', '--json', ...wslParts]);
    expect(r.code, r.stdout).toBe(0);
    const would = (JSON.parse(r.stdout) as { wouldChange: { what: string }[] }).wouldChange.map((c) => c.what);
    expect(would).toContain(
      'run dism.exe /Online /NoRestart /English /Enable-Feature /FeatureName:VirtualMachinePlatform /All (as administrator)',
    );
    expect(would).toContain('write %USERPROFILE%\\.wslconfig (207 bytes)');
    expect(would).toContain(
      'run reg.exe add HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Lxss /v NatNetwork /t REG_SZ /d 192.168.50.0/24 /f (as administrator)',
    );
    expect(m.state()).toEqual(before);
  });

  it('stops resuming after 3 attempts when a restart never completes the step, with --reboot restarting by itself', async () => {
    const m = windows({ preset: 'win11' });
    m.update((s) => (s.features.VirtualMachinePlatform!.failOnReboot = true));
    const first = devbox(m, ['up', '--yes', '--reboot', ...wslParts]);
    expect(first.code).toBe(6);
    expect(first.stderr).toContain('Windows restarts in 60 seconds (`shutdown /a` cancels that).');
    expect(m.state().scheduledRestart).toEqual({ seconds: 60, comment: expect.stringContaining('devbox') });
    for (const attempt of [2, 3]) {
      m.reboot();
      const [resume] = (await m.logon()).filter((r) => r.source === 'runonce');
      expect(resume!.command).toBe(resumeCommand());
      if (attempt === 2) {
        expect(resume!.status).toBe(6);
        expect(resume!.stderr).toContain('attempt 3 of at most 3');
        expect(m.state().scheduledRestart).not.toBeNull(); // --reboot was kept for the resumed run
      } else {
        expect(resume!.status).toBe(4);
        expect(resume!.stderr).toContain(
          'wsl.features[VirtualMachinePlatform] still waits for Windows to restart, and this run was already started 3 times (the limit is 3). devbox does not schedule another resume',
        );
      }
    }
    expect(m.state().registry[runOnceKey.toLowerCase()]!.values).toEqual({});
    const manual = devbox(m, ['up', '--resume']);
    expect(manual.code).toBe(4);
    expect(manual.stderr).toMatch(/already started 3 times and did not finish; devbox stops resuming it/);
  });
});

describe.skipIf(Boolean(skip))('fixed IP strategies', () => {
  function manifest(m: WindowsMachine, body: string): string {
    const file = join(m.dir, 'team.yaml');
    writeFileSync(file, `extends: builtin:default\n${body}`);
    return file;
  }

  it('alias: netsh on the hidden Hyper-V firewall adapter, re-added by the logon task after a restart', async () => {
    const m = windows({ preset: 'win11' });
    const file = manifest(
      m,
      'distro:\n  network:\n    fixedIp:\n      strategy: alias\n      address: 192.168.50.2/24\n      hostAddress: 192.168.50.1\n',
    );
    const args = ['-m', file, ...wslParts];
    expect(devbox(m, ['up', '--yes', ...args]).code).toBe(6);
    m.reboot();
    const [resume] = (await m.logon()).filter((r) => r.source === 'runonce');
    expect(resume!.status, resume!.stdout + resume!.stderr).toBe(0);
    const adapter = () => m.state().adapters.find((a) => a.wsl)!;
    expect(adapter().name).toBe('vEthernet (WSL (Hyper-V firewall))');
    expect(adapter().ipv4).toContainEqual({ address: '192.168.50.1', prefixLength: 24 });
    expect(Object.keys(m.state().tasks)).toEqual(['\\devbox\\fixed-ip']);
    expect(devbox(m, ['status', ...args]).code).toBe(0);
    // A restart drops the address with the adapter; the logon task brings both back.
    m.reboot();
    expect(m.state().adapters.some((a) => a.wsl)).toBe(false);
    const [task] = await m.logon();
    expect([task!.source, task!.status, task!.stderr]).toEqual(['task', 0, '']);
    expect(adapter().ipv4).toContainEqual({ address: '192.168.50.1', prefixLength: 24 });
    expect(devbox(m, ['status', ...args]).code).toBe(0);
  });

  it('mirrored: written to .wslconfig and used on Windows 11 24H2; refused with the reason on 22H2 before 22621.2428', async () => {
    const body = 'wsl:\n  config:\n    wsl2:\n      networkingMode: mirrored\n';
    const m = windows({ preset: 'win11' });
    const args = ['-m', manifest(m, body), ...wslParts];
    expect(devbox(m, ['up', '--yes', ...args]).code).toBe(6);
    m.reboot();
    const [resume] = (await m.logon()).filter((r) => r.source === 'runonce');
    expect(resume!.status, resume!.stdout + resume!.stderr).toBe(0);
    expect(m.readFile(wslconfig)!.toString()).toContain('networkingMode=mirrored');
    expect(m.state().vm.networkingMode).toBe('mirrored');
    expect(devbox(m, ['status', ...args]).code).toBe(0);

    const early = windows({ preset: 'win11-22h2-early' });
    const plan = devbox(early, ['plan', '--json', '-m', manifest(early, body), ...wslParts]);
    const step = (JSON.parse(plan.stdout) as { steps: { id: string; action: string; notes: string[] }[] }).steps.find(
      (s) => s.id === 'network.fixedIp[host]',
    )!;
    expect(step.action).toBe('update');
    expect(step.notes[0]).toBe(
      'mirrored networking needs Windows 11 22H2 build 22621.2428 or later; this Windows is build 22621.1702: use strategy nat-registry or alias on this machine',
    );
  });
});

describe.skipIf(Boolean(skip))('where GitHub is blocked', () => {
  it('installs WSL from a pinned offline .msi and the distro from a pinned local image, with its default user and no first-run prompt', () => {
    const m = windows({ preset: 'win11' });
    m.update((s) => {
      s.features.VirtualMachinePlatform = { state: 'enabled' };
      s.wsl.githubReachable = false;
    });
    const msi = JSON.stringify({ product: 'Microsoft.WSL', version: '2.5.10.0' });
    m.writeFile('C:\\installers\\wsl.msi', msi);
    mkdirSync(join(m.dir, 'drive', 'c', 'images'));
    symlinkSync(tarball, join(m.dir, 'drive', 'c', 'images', 'ubuntu.tar'));
    const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
    const image = `distro:\n  source:\n    from: file\n    path: 'C:\\images\\ubuntu.tar'\n    sha256: ${sha(readFileSync(tarball))}\n  defaultUser: dev\n`;
    const file = join(m.dir, 'offline.yaml');

    writeFileSync(file, `extends: builtin:default\n${image}`);
    const blocked = devbox(m, ['up', '--yes', '-m', file, ...wslParts]);
    expect(blocked.code).toBe(4);
    expect(blocked.stderr).toContain(
      'wsl.core[wsl]: cannot install or update the WSL package: wsl.exe --update (wsl.exe failed, Wsl/UpdatePackage/WININET_E_NAME_NOT_RESOLVED)',
    );
    expect(blocked.stderr).toContain('set wsl.update.offlineInstaller');

    writeFileSync(
      file,
      `extends: builtin:default\nwsl:\n  update:\n    offlineInstaller:\n      path: 'C:\\installers\\wsl.msi'\n      sha256: ${sha(msi)}\n${image}`,
    );
    const offline = devbox(m, ['up', '--yes', '-m', file, ...wslParts]);
    expect(offline.code, offline.stdout + offline.stderr).toBe(0);
    const state = m.state();
    expect(state.wsl.package).toEqual({ version: '2.5.10.0' });
    const [guid] = Object.keys(state.distros);
    expect(state.registry[`${lxssUserKey}\\${guid}`.toLowerCase()]!.values).toMatchObject({
      DistributionName: { data: 'Ubuntu-24.04' },
      BasePath: { data: 'C:\\Users\\dev\\AppData\\Local\\devbox\\distros\\Ubuntu-24.04' },
      DefaultUid: { data: 1000 },
      RunOOBE: { data: 0 },
    });
    expect(m.run('wsl.exe', ['-d', 'Ubuntu-24.04', '--exec', 'id', '-un']).stdout.toString()).toBe('dev\n');
    expect(state.oobeStarted).toEqual([]);

    m.clearProcessLog();
    const again = devbox(m, ['up', '--yes', '--json', '-m', file, ...wslParts]);
    expect(again.code).toBe(0);
    // The default user is read from the distro with the first probes: still within budget.
    expect(
      m
        .processLog()
        .map((e) => e.tool)
        .sort(),
    ).toEqual(['powershell.exe', 'wsl.exe', 'wsl.exe']);
  });
});
