/**
 * The simulator's Scoop and its network against research/scoop-peers.md (A1-A4), without devbox:
 * the installer's checks, parameters, layout and ASCII config writer; `scoop install`'s self-update,
 * failed installs and exit codes; `bucket add`'s checks; `scoop export` in Windows PowerShell 5.1's
 * date form; `scoop config`; and the emulation of devbox's replace-file.ps1 and the `scoop` probe.
 * Downloads are real HTTPS to the test world's servers (port 443: root).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { useScoopWorld, type WorldMachineOptions } from '../e2e/scoop-world.js';
import type { WindowsMachine } from './machine.js';
import { hostsFile } from './net.js';
import { scoopInstallerScript } from './scoop.js';

const skip = missingPrerequisites('winsim Scoop', ['openssl']);
const scripts = fileURLToPath(new URL('../../src/platform/windows/scripts/', import.meta.url));
const ps = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File'];

const sim = useScoopWorld(skip);

function machine(options: WorldMachineOptions = {}): WindowsMachine {
  const m = sim.machine(options);
  m.writeFile('C:\\installers\\install.ps1', scoopInstallerScript);
  return m;
}

const root = 'D:\\Scoop 工具';
const install = (m: WindowsMachine, params: string[]) =>
  m.runAsync('powershell.exe', [...ps, 'C:\\installers\\install.ps1', ...params]);
// SCOOP pins the root as devbox does: the installer's ASCII config.json names "D:\Scoop ??" instead.
const scoop = (m: WindowsMachine, args: string[]) =>
  m.runAsync('powershell.exe', [...ps, `${root}\\shims\\scoop.ps1`, ...args], { env: { SCOOP: root } });
const text = (b: Buffer) => b.toString('utf8');

describe.skipIf(Boolean(skip))('winsim Scoop installer (Install:install.ps1)', () => {
  it('installs into the given folders, puts the shims on the user PATH, writes config.json in ASCII', async () => {
    const m = machine();
    const r = await install(m, ['-ScoopDir', root, '-ScoopGlobalDir', 'D:\\Global']);
    expect([r.windowsExitCode, text(r.stdout)]).toEqual([
      0,
      expect.stringContaining('Scoop was installed successfully!'),
    ]);
    expect(m.readFile(`${root}\\apps\\scoop\\current\\bin\\scoop.ps1`)).toBeDefined();
    expect(text(m.readFile(`${root}\\shims\\scoop.ps1`)!).split('\r\n')[0]).toBe(
      `# ${root}\\apps\\scoop\\current\\bin\\scoop.ps1`,
    );
    // The main bucket comes from its zip: manifests, but no .git.
    expect(m.readFile(`${root}\\buckets\\main\\bucket\\dark.json`)).toBeDefined();
    expect(m.readFile(`${root}\\buckets\\main\\.git\\config`)).toBeUndefined();
    expect(m.state().registry['hkey_current_user\\environment']!.values.Path).toEqual({
      type: 'REG_EXPAND_SZ',
      data: `${root}\\shims`,
    });
    const config = m.readFile('C:\\Users\\dev\\.config\\scoop\\config.json')!;
    expect(config.every((b) => b < 0x80)).toBe(true);
    expect(JSON.parse(text(config))).toMatchObject({ root_path: 'D:\\Scoop ??', global_path: 'D:\\Global' });
    expect(sim.world.requests).toContain('https://github.com/ScoopInstaller/Main/archive/master.zip');
  });

  it('refuses to run elevated without -RunAsAdmin, and says "already installed" when scoop is on PATH (exit 0, or 1 before Install#124)', async () => {
    const admin = machine({ elevated: true });
    const refused = await install(admin, ['-ScoopDir', root]);
    expect([refused.windowsExitCode, text(refused.stdout)]).toEqual([
      1,
      expect.stringContaining('Running the installer as administrator is disabled by default'),
    ]);
    const m = machine();
    await install(m, ['-ScoopDir', root]);
    expect((await install(m, ['-ScoopDir', 'D:\\Other'])).windowsExitCode).toBe(0);
    m.update((s) => (s.scoop.alreadyInstalledExitCode = 1));
    const again = await install(m, ['-ScoopDir', 'D:\\Other']);
    expect([again.windowsExitCode, text(again.stdout)]).toEqual([
      1,
      expect.stringContaining('Scoop is already installed'),
    ]);
    expect((await install(m, ['-Bogus'])).stderr.toString()).toContain(
      "A parameter cannot be found that matches parameter name 'Bogus'.",
    );
  });

  it('fails like WebClient when GitHub does not resolve', async () => {
    const m = machine();
    m.update((s) => delete s.network.dns['github.com']);
    const r = await install(m, ['-ScoopDir', root]);
    expect(r.windowsExitCode).toBe(1);
    expect(r.stderr.toString()).toContain(
      'Exception calling "DownloadFile" with "2" argument(s): "The remote name could not be resolved: \'github.com\'"',
    );
  });
});

describe.skipIf(Boolean(skip))('winsim scoop commands', () => {
  it('install: updates Scoop first unless -u; a failed download leaves a failed install and exit code 0; the next install purges it', async () => {
    const m = machine({ poisoned: ['raw.githubusercontent.com'] });
    await install(m, ['-ScoopDir', root]);
    // No last_update: `scoop install` without -u updates over git first.
    m.writeFile('C:\\Users\\dev\\.config\\scoop\\config.json', '{}');
    const updating = await scoop(m, ['install', '7zip']);
    expect(text(updating.stdout)).toContain('Updating Scoop...');
    expect(m.state().scoop.autoUpdates).toBe(1);
    const failed = await scoop(m, ['install', '-u', 'dark']);
    expect(failed.windowsExitCode).toBe(0);
    expect(text(failed.stdout)).toContain(
      'Could not establish trust relationship for the SSL/TLS secure channel (raw.githubusercontent.com',
    );
    expect(m.readFile(`${root}\\apps\\dark\\current\\manifest.json`)).toBeUndefined();
    expect(m.state().scoop.autoUpdates).toBe(1);
    // DNS answers are cached: fixing the hosts file alone is not enough until the cache is flushed.
    m.writeFile(hostsFile, `${sim.world.good} raw.githubusercontent.com\r\n`);
    expect(text((await scoop(m, ['install', '-u', 'dark'])).stdout)).toContain(
      'Could not establish trust relationship',
    );
    m.update((s) => (s.network.dnsCache = {}));
    const fixed = await scoop(m, ['install', '-u', 'dark']);
    expect(text(fixed.stdout)).toContain('WARN  Purging previous failed installation of dark.');
    expect(text(fixed.stdout)).toContain("'dark' (3.14.1) was installed successfully!");
    expect(JSON.parse(text(m.readFile(`${root}\\apps\\dark\\current\\install.json`)!))).toEqual({
      bucket: 'main',
      architecture: '64bit',
    });
    expect(text((await scoop(m, ['install', '-u', 'dark'])).stdout)).toContain(
      "WARN  'dark' (3.14.1) is already installed.",
    );
    expect(text((await scoop(m, ['install', '-u', '--global', 'aria2'])).stdout)).toContain(
      'ERROR: you need admin rights to install global apps',
    );
  });

  it('bucket add: needs git, resolves known names, refuses an existing one, checks the remote', async () => {
    const m = machine({ unanswered: [] });
    await install(m, ['-ScoopDir', root]);
    expect(text((await scoop(m, ['bucket', 'add', 'extras'])).stdout)).toContain(
      "ERROR Git is required for buckets. Run 'scoop install git' and try again.",
    );
    await scoop(m, ['install', '-u', 'git']);
    const added = await scoop(m, ['bucket', 'add', 'extras']);
    expect([added.windowsExitCode, text(added.stdout)]).toEqual([
      0,
      expect.stringContaining('The extras bucket was added successfully.'),
    ]);
    expect(text(m.readFile(`${root}\\buckets\\extras\\.git\\config`)!)).toContain(
      '[remote "origin"]\n\turl = https://github.com/ScoopInstaller/Extras\n',
    );
    expect((await scoop(m, ['bucket', 'add', 'extras'])).windowsExitCode).toBe(2);
    expect((await scoop(m, ['bucket', 'add', 'nope'])).windowsExitCode).toBe(1);
    const missing = await scoop(m, ['bucket', 'add', 'x', 'https://github.com/nobody/nothing']);
    expect([missing.windowsExitCode, text(missing.stdout)]).toEqual([
      1,
      expect.stringContaining("doesn't look like a valid git repository"),
    ]);
  });

  it('config: lower-cased names, booleans from "true"/"false", UTF-8; export in Windows PowerShell 5.1\'s date form', async () => {
    const m = machine();
    await install(m, ['-ScoopDir', root]);
    await scoop(m, ['config', 'ARIA2-Enabled', 'false']);
    expect(JSON.parse(text(m.readFile('C:\\Users\\dev\\.config\\scoop\\config.json')!))).toMatchObject({
      'aria2-enabled': false,
    });
    await scoop(m, ['install', '-u', '7zip']);
    const out = text((await scoop(m, ['export', '-c'])).stdout);
    expect(out).toMatch(/^\{\r\n {4}"buckets": \[/);
    expect(out).toMatch(/"Updated": \{\r\n {16}"value": "\\\/Date\(\d+\)\\\/",\r\n {16}"DisplayHint": 2,/);
    const parsed = JSON.parse(out) as {
      apps: { Name: string; Version: string; Source: string; Updated: string; Info: string }[];
      config: Record<string, unknown>;
    };
    expect(parsed.apps).toEqual([
      { Name: '7zip', Version: '26.00', Source: 'main', Updated: expect.stringMatching(/^\/Date\(\d+\)\/$/), Info: '' },
    ]);
    expect(Object.keys(parsed.config)).not.toContain('root_path');
  });
});

describe.skipIf(Boolean(skip))(
  "devbox's replace-file.ps1 and the scoop probe, run by real pwsh on the simulator",
  () => {
    const replace = (m: WindowsMachine, request: Record<string, unknown>, elevated = true) =>
      m.run('powershell.exe', [...ps, join(scripts, 'replace-file.ps1')], {
        input: JSON.stringify(request),
        env: elevated ? { WINSIM_ELEVATED: '1' } : {},
      });
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');

    it('writes only over the expected bytes, keeps read-only, refuses without elevation under C:\\Windows, gives up on a held file', async () => {
      const m = machine();
      m.writeFile(hostsFile, 'a\r\n');
      m.setReadOnly(hostsFile, true);
      const content = Buffer.from('b\r\n').toString('base64');
      expect(
        JSON.parse(text(replace(m, { path: hostsFile, content, expectedSha256: sha('x'), retryMs: 0 }).stdout)),
      ).toEqual({ ok: false, reason: 'changed', actualSha256: sha('a\r\n') });
      expect(replace(m, { path: hostsFile, content, expectedSha256: sha('a\r\n') }, false).stderr.toString()).toContain(
        'is denied',
      );
      expect(
        JSON.parse(text(replace(m, { path: hostsFile, content, expectedSha256: sha('a\r\n'), flushDns: true }).stdout)),
      ).toEqual({ ok: true, backup: null, dnsFlushed: true });
      expect([text(m.readFile(hostsFile)!), m.isReadOnly(hostsFile), m.state().network.dnsCacheFlushes]).toEqual([
        'b\r\n',
        true,
        1,
      ]);
      m.holdFile(hostsFile, 60_000);
      expect(
        JSON.parse(text(replace(m, { path: hostsFile, content, expectedSha256: sha('b\r\n'), retryMs: 300 }).stdout)),
      ).toMatchObject({ ok: false, reason: 'busy' });
    });

    it('the scoop probe reads folders, config.json, apps and buckets from disk', async () => {
      const m = machine();
      await install(m, ['-ScoopDir', root]);
      await scoop(m, ['install', '-u', '7zip']);
      const r = await m.runAsync('powershell.exe', [...ps, join(scripts, 'probe.ps1')], {
        input: JSON.stringify({ ops: [{ op: 'scoop', roots: [root, 'D:\\Global'] }] }),
      });
      const result = (
        JSON.parse(text(r.stdout)) as {
          results: {
            scoop: {
              roots: { path: string; core: boolean; apps: { name: string; current?: { target?: string } }[] }[];
              configs: { path: string }[];
              path: { user?: string };
            };
          }[];
        }
      ).results[0]!.scoop;
      expect(result.roots.map((x) => [x.path, x.core])).toEqual([
        [root, true],
        ['D:\\Global', false],
        // root_path as the installer's ASCII writer left it: a folder Scoop would look in.
        ['D:\\Scoop ??', false],
        ['C:\\Users\\dev\\scoop', false],
        ['C:\\ProgramData\\scoop', false],
      ]);
      expect(result.roots[0]!.apps).toEqual([
        expect.objectContaining({ name: '7zip', current: expect.objectContaining({ target: '26.00' }) }),
      ]);
      expect(result.configs.map((c) => c.path)).toEqual(['C:\\Users\\dev\\.config\\scoop\\config.json']);
      expect(result.path.user).toBe(`${root}\\shims`);
    });
  },
);
