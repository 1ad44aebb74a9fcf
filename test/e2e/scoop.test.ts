/**
 * Scoop and the hosts file on simulated Windows, end to end: the built CLI as a real process, the
 * Windows simulator with Scoop (test/winsim/scoop.ts) on its PATH, and real servers for everything
 * on the network (scoop-sim.world.ts): HTTPS with a test CA on port 443, DNS-over-HTTPS, a poisoned
 * answer's server, a host that never answers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { runDevboxAsync, type CliResult } from '../rig/cli.js';
import { type WindowsMachine } from '../winsim/machine.js';
import { hostsFile } from '../winsim/net.js';
import { useScoopWorld } from './scoop-world.js';
import { quoteArg } from '../../src/app/hint.js';

const skip = missingPrerequisites('Scoop and hosts on simulated Windows', ['openssl']);

const sim = useScoopWorld(skip);

function windows(
  options: { poisoned?: string[]; unanswered?: string[]; hosts?: string | Buffer } = {},
): WindowsMachine {
  const m = sim.machine(options);
  m.writeFile(hostsFile, options.hosts ?? windowsHosts);
  return m;
}

/** Windows' own hosts file, as shipped (CRLF, comments). */
const windowsHosts =
  '# Copyright (c) 1993-2009 Microsoft Corp.\r\n#\r\n# This is a sample HOSTS file used by Microsoft TCP/IP for Windows.\r\n#\r\n# For example:\r\n#\r\n#      102.54.94.97     rhino.acme.com          # source server\r\n#       38.25.63.10     x.acme.com              # x client host\r\n\r\n# localhost name resolution is handled within DNS itself.\r\n#\t127.0.0.1       localhost\r\n#\t::1             localhost\r\n';

const root = 'D:\\Soft Ware\\开发工具\\Scoop';
const globalRoot = 'D:\\Soft Ware\\开发工具\\ScoopGlobal';

function manifest(m: WindowsMachine, name: string, body: string): string {
  const file = join(m.dir, name);
  writeFileSync(file, `version: 1\n${body}`);
  return file;
}

function scoopSection(apps: string, extra = ''): string {
  return `scoop:\n  root: '${root}'\n  globalRoot: '${globalRoot}'\n  installer:\n    url: ${sim.world.installer.url}\n    sha256: ${sim.world.installer.sha256}\n  aria2:\n    enabled: false\n${extra}  apps:\n${apps}`;
}

function devbox(m: WindowsMachine, args: string[]): Promise<CliResult> {
  return runDevboxAsync(args, { env: { ...m.env, ...sim.world.env } });
}

interface Step {
  id: string;
  action: string;
  changes: { property: string; before: unknown; after: unknown }[];
  notes: string[];
}
const json = <T>(r: CliResult) => JSON.parse(r.stdout) as T;

function configJson(m: WindowsMachine): Record<string, unknown> {
  return JSON.parse(m.readFile('C:\\Users\\dev\\.config\\scoop\\config.json')!.toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe.skipIf(Boolean(skip))('the seed: `scoop install dark` where raw.githubusercontent.com is poisoned', () => {
  it('fails as in the article, then works once devbox writes a verified hosts entry; a second up changes nothing; status finds what was changed by hand', async () => {
    const m = windows({ poisoned: ['raw.githubusercontent.com'] });
    const apps = '    - name: 7zip\n    - name: dark\n';
    const plain = manifest(m, 'plain.yaml', scoopSection(apps));

    // Without a hosts fix: Scoop installs (its installer fetched by devbox and verified), 7zip
    // installs, dark's download fails and leaves a failed install.
    const first = await devbox(m, ['up', '--yes', '-m', plain]);
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stderr).toContain(
      'scoop.app[dark]: Installing dark did not work (left a failed install: apps\\dark has no "current")',
    );
    expect(first.stderr).toContain(
      'Could not establish trust relationship for the SSL/TLS secure channel (raw.githubusercontent.com',
    );
    expect(first.stderr).toContain(
      'URL https://raw.githubusercontent.com/ScoopInstaller/Binary/master/dark/dark-3.14.1.zip is not valid',
    );
    expect(sim.world.requests.filter((u) => u.endsWith('/install.ps1'))).toHaveLength(1);
    const state = m.state();
    expect(state.scoop.installerRuns.map((r) => [r.args, r.elevated])).toEqual([
      [['-ScoopDir', root, '-ScoopGlobalDir', globalRoot], false],
    ]);
    expect(state.scoop.commands.every((c) => !c.elevated && c.args[0] === 'install' && c.args[1] === '-u')).toBe(true);
    expect(state.scoop.autoUpdates).toBe(0);
    expect(m.readFile(`${root}\\apps\\7zip\\current\\install.json`)).toBeDefined();
    expect(m.readFile(`${root}\\apps\\dark\\current\\manifest.json`)).toBeUndefined();
    // The installer wrote the non-ASCII folders as "?" (its ASCII writer); devbox put them right.
    expect(configJson(m)).toMatchObject({ root_path: root, global_path: globalRoot, 'aria2-enabled': false });

    const status = await devbox(m, ['status', '--json', '-m', plain]);
    expect(status.code).toBe(5);
    expect(json<{ drifted: Step[] }>(status).drifted.map((s) => [s.id, s.changes])).toEqual([
      [
        'scoop.app[dark]',
        [{ property: 'installed', before: 'failed install (apps\\dark has no "current")', after: true }],
      ],
    ]);

    // The hosts entry: resolved over DoH, verified over TLS, written by the elevated helper.
    const hostsManifest = `${scoopSection(apps)}hosts:\n  resolvers: ['${sim.world.honestDoh.wireUrl}']\n  entries:\n    - name: raw.githubusercontent.com\n`;
    const fixed = manifest(m, 'fixed.yaml', hostsManifest);
    const second = await devbox(m, ['up', '--yes', '-m', fixed]);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(m.readFile(hostsFile)!.toString('latin1')).toBe(
      `${windowsHosts}# devbox:begin - entries devbox verified; edit the devbox manifest, not these lines\r\n${sim.world.good} raw.githubusercontent.com\r\n# devbox:end\r\n`,
    );
    expect(m.state().network.dnsCacheFlushes).toBe(1);
    expect(m.state().uac.prompts).toBe(1);
    expect(m.readFile(`${root}\\apps\\dark\\current\\manifest.json`)!.toString()).toContain('"version": "3.14.1"');
    expect(second.stderr).toContain('repaired the failed install: installed dark 3.14.1 from main');

    // Converged: a second up changes nothing and starts one Windows process (the probe).
    m.clearProcessLog();
    const again = await devbox(m, ['up', '--yes', '--json', '-m', fixed]);
    expect(again.code, again.stdout).toBe(0);
    expect(json<{ report?: unknown; processStarts: Record<string, number> }>(again).report).toBeUndefined();
    expect(json<{ processStarts: Record<string, number> }>(again).processStarts).toEqual({ 'powershell.exe': 1 });
    expect(m.processLog().map((e) => e.tool)).toEqual(['powershell.exe']);
    const doctor = await devbox(m, ['doctor', '-m', fixed]);
    expect(doctor.code, doctor.stdout).toBe(0);
    expect(doctor.stdout).toContain(
      `✓ hosts.entry[raw.githubusercontent.com]: raw.githubusercontent.com → ${sim.world.good} (devbox's block, line 14): certificate valid`,
    );

    // By hand: the entry pointed at a stale address, an aria2 setting changed with scoop config.
    m.writeFile(
      hostsFile,
      m.readFile(hostsFile)!.toString('latin1').replace(`${sim.world.good} raw`, `${sim.world.liar} raw`),
    );
    const scoop = m.run('powershell.exe', [
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-File',
      `${root}\\shims\\scoop.ps1`,
      'config',
      'aria2-enabled',
      'true',
    ]);
    expect(scoop.stdout.toString()).toContain("'aria2-enabled' has been set to 'true'");
    const drift = await devbox(m, ['status', '--json', '-m', fixed]);
    expect(drift.code).toBe(5);
    expect(json<{ drifted: Step[] }>(drift).drifted.map((s) => [s.id, s.changes])).toEqual([
      [
        'hosts.entry[raw.githubusercontent.com]',
        [
          {
            property: 'address',
            before: `${sim.world.liar} (the certificate is not valid for raw.githubusercontent.com)`,
            after: sim.world.good,
          },
        ],
      ],
      ['scoop.config[config.json]', [{ property: 'aria2-enabled', before: true, after: false }]],
    ]);
    const stale = await devbox(m, ['doctor', '-m', fixed]);
    expect(stale.code).toBe(5);
    expect(stale.stdout).toContain(
      `✗ hosts.entry[raw.githubusercontent.com]: raw.githubusercontent.com → ${sim.world.liar} (devbox's block, line 14) is stale: the certificate is not valid for raw.githubusercontent.com\n    fix: refresh it: devbox up --only 'hosts.entry[raw.githubusercontent.com]' -m ${quoteArg(fixed, 'powershell')}`,
    );
    const repair = await devbox(m, ['up', '--yes', '-m', fixed]);
    expect(repair.code, repair.stderr).toBe(0);
    expect((await devbox(m, ['status', '-m', fixed])).code).toBe(0);
    expect(m.readFile(hostsFile)!.toString('latin1')).toContain(`${sim.world.good} raw.githubusercontent.com\r\n`);
  });

  it("refuses a lying resolver's address and leaves the hosts file byte for byte as it was", async () => {
    const original = Buffer.from(`\uFEFF${windowsHosts}127.0.0.1\tlocalhost\r\n::1 localhost # IPv6\r\n`, 'utf8');
    const m = windows({ poisoned: ['raw.githubusercontent.com'], hosts: original });
    const file = manifest(
      m,
      'liar.yaml',
      `hosts:\n  resolvers: ['${sim.world.lyingDoh.wireUrl}']\n  entries:\n    - name: raw.githubusercontent.com\n`,
    );
    const plan = await devbox(m, ['plan', '--json', '-m', file]);
    const step = json<{ steps: Step[] }>(plan).steps[0]!;
    expect(step.notes).toContain(
      `${sim.world.liar} refused: the certificate is not valid for raw.githubusercontent.com`,
    );
    const r = await devbox(m, ['up', '--yes', '-m', file]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      'No address for raw.githubusercontent.com proved to be raw.githubusercontent.com (a certificate valid for the name), so the hosts file was left exactly as it was.',
    );
    expect(r.stderr).toContain(
      `${sim.world.liar}: the certificate is not valid for raw.githubusercontent.com (from ${sim.world.lyingDoh.wireUrl})`,
    );
    expect(m.readFile(hostsFile)!.equals(original)).toBe(true);
    expect(m.state().network.dnsCacheFlushes).toBe(0);
  });
});

describe.skipIf(Boolean(skip))('a dry run', () => {
  it('says what it would download, run and write, and changes nothing: no prompt, no download, no hosts write', async () => {
    const m = windows();
    const file = manifest(
      m,
      'dry.yaml',
      `${scoopSection('    - name: 7zip\n    - name: aria2\n      global: true\n')}hosts:\n  resolvers: ['${sim.world.honestDoh.wireUrl}']\n  entries:\n    - name: raw.githubusercontent.com\n`,
    );
    const before = m.state();
    const hostsBefore = m.readFile(hostsFile)!;
    const requests = sim.world.requests.length;
    const r = await devbox(m, ['up', '--dry-run', '--json', '-m', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const would = (JSON.parse(r.stdout) as { wouldChange: { what: string }[] }).wouldChange.map((c) => c.what);
    expect(would[0]).toMatch(
      /^write %SystemRoot%\\System32\\drivers\\etc\\hosts \(\d+ bytes, sha256 [0-9a-f]{16}\) \(as administrator\), then flush the DNS cache$/,
    );
    expect(would[1]).toBe(`download ${sim.world.installer.url} (sha256 ${sim.world.installer.sha256})`);
    // Arguments with spaces or other characters are shown as JSON strings.
    expect(would[2]).toMatch(
      /^run powershell\.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File \S+\/install\.ps1 /,
    );
    expect(
      would[2].endsWith(`install.ps1 -ScoopDir ${JSON.stringify(root)} -ScoopGlobalDir ${JSON.stringify(globalRoot)}`),
    ).toBe(true);
    expect(would).toContain(
      `run SCOOP=${JSON.stringify(root)} SCOOP_GLOBAL=${JSON.stringify(globalRoot)} powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File ${JSON.stringify(`${root}\\shims\\scoop.ps1`)} install -u --global aria2 (as administrator)`,
    );
    expect(m.state()).toEqual(before);
    expect(m.readFile(hostsFile)!.equals(hostsBefore)).toBe(true);
    expect(sim.world.requests.length).toBe(requests);
    expect(
      m.processLog().every((e) => e.tool === 'powershell.exe' && e.args.some((a) => a.endsWith('probe.ps1'))),
    ).toBe(true);
  });
});

describe.skipIf(Boolean(skip))('buckets, global apps and exporting', () => {
  it('clones a bucket from its mirror when its URL does not answer, and says why when there is no mirror', async () => {
    const m = windows({ unanswered: ['git.blocked.example'] });
    const bucket = '  buckets:\n    - name: team\n      url: https://git.blocked.example/team/bucket\n';
    const noMirror = manifest(
      m,
      'no-mirror.yaml',
      scoopSection('    - name: git\n    - name: teamtool\n      bucket: team\n', bucket),
    );
    const failed = await devbox(m, ['up', '--yes', '-m', noMirror]);
    expect(failed.code).toBe(4);
    expect(failed.stderr).toContain(
      'scoop.bucket[team]: Adding bucket team from https://git.blocked.example/team/bucket did not work: `scoop bucket add team https://git.blocked.example/team/bucket`',
    );
    expect(failed.stderr).toContain(
      "ERROR 'https://git.blocked.example/team/bucket' doesn't look like a valid git repository",
    );
    expect(failed.stderr).toContain('The operation has timed out (git.blocked.example');
    expect(failed.stderr).toContain('give the bucket a mirror (scoop.buckets[].mirror');
    expect(failed.stderr).toContain('scoop.app[teamtool]: not applied: scoop.bucket[team] did not converge');

    const withMirror = manifest(
      m,
      'mirror.yaml',
      scoopSection(
        '    - name: git\n    - name: teamtool\n      bucket: team\n',
        `${bucket}      mirror: https://gitee.com/team/bucket\n`,
      ),
    );
    const up = await devbox(m, ['up', '--yes', '-m', withMirror]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain('added bucket team from the mirror https://gitee.com/team/bucket');
    expect(m.readFile(`${root}\\buckets\\team\\.git\\config`)!.toString()).toContain(
      'url = https://gitee.com/team/bucket',
    );
    expect(m.readFile(`${root}\\apps\\teamtool\\current\\install.json`)!.toString()).toContain('"bucket": "team"');
    const plan = await devbox(m, ['plan', '--json', '-m', withMirror]);
    const steps = json<{ steps: Step[] }>(plan).steps;
    expect(steps.every((s) => s.action === 'noop')).toBe(true);
    expect(steps.find((s) => s.id === 'scoop.bucket[team]')!.notes).toEqual([
      'cloned from the mirror https://gitee.com/team/bucket',
    ]);
  });

  it("installs a global app through the elevated helper and nothing else elevated; exports the machine and reads Scoop's own export back", async () => {
    const m = windows();
    const apps =
      '    - name: 7zip\n    - name: git\n    - name: aria2\n      global: true\n    - name: idea\n      bucket: extras\n';
    const file = manifest(
      m,
      'team.yaml',
      scoopSection(
        apps,
        '  buckets:\n    - name: extras\n    - name: pleiades\n      url: https://github.com/jfut/scoop-pleiades.git\n  config:\n    use_lessmsi: true\n',
      ),
    );
    const up = await devbox(m, ['up', '--yes', '-m', file]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const state = m.state();
    expect(state.uac.prompts).toBe(1);
    expect(state.scoop.commands.map((c) => [c.args.join(' '), c.elevated])).toEqual([
      ['install -u 7zip', false],
      ['install -u git', false],
      // Buckets need git only; every helper app comes before the other apps.
      ['bucket add extras https://github.com/ScoopInstaller/Extras', false],
      ['bucket add pleiades https://github.com/jfut/scoop-pleiades.git', false],
      ['install -u --global aria2', true],
      ['install -u extras/idea', false],
    ]);
    // Every Scoop command had the manifest's folders, the elevated one too.
    expect(state.scoop.commands.every((c) => c.env.SCOOP === root && c.env.SCOOP_GLOBAL === globalRoot)).toBe(true);
    expect(m.readFile(`${globalRoot}\\apps\\aria2\\current\\install.json`)).toBeDefined();

    // The machine as a manifest: planning it against the same machine changes nothing.
    const init = await devbox(m, ['init', '--from-machine']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain(`root: ${root}`);
    expect(init.stdout).toContain('- name: aria2\n      global: true');
    expect(init.stdout).toContain('- name: pleiades\n      url: https://github.com/jfut/scoop-pleiades.git');
    const generated = join(m.dir, 'generated.yaml');
    writeFileSync(generated, init.stdout);
    const plan = await devbox(m, ['plan', '--json', '-m', generated]);
    expect(plan.code, plan.stderr).toBe(0);
    const steps = json<{ steps: Step[] }>(plan).steps;
    expect(steps.map((s) => s.id).sort()).toEqual([
      'scoop.app[7zip]',
      'scoop.app[aria2]',
      'scoop.app[git]',
      'scoop.app[idea]',
      'scoop.bucket[extras]',
      'scoop.bucket[pleiades]',
      'scoop.config[config.json]',
      'scoop.core[scoop]',
    ]);
    expect(steps.filter((s) => s.action !== 'noop')).toEqual([]);

    // devbox's export and Scoop's own (Windows PowerShell 5.1 form, saved by `>` as UTF-16LE) agree.
    const exported = await devbox(m, ['init', '--from-machine', '--format', 'scoop-export']);
    const ours = JSON.parse(exported.stdout) as {
      apps: { Name: string; Source: string; Info: string }[];
      buckets: { Name: string; Source: string }[];
      config: Record<string, unknown>;
    };
    expect(ours.apps.map((a) => [a.Name, a.Source, a.Info])).toEqual([
      ['7zip', 'main', ''],
      ['git', 'main', ''],
      ['idea', 'extras', ''],
      ['aria2', 'main', 'Global install'],
    ]);
    expect(ours.config).toMatchObject({ use_lessmsi: true, 'aria2-enabled': false });
    const scoopExport = m.run('powershell.exe', [
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-File',
      `${root}\\shims\\scoop.ps1`,
      'export',
      '-c',
    ]);
    expect(scoopExport.stdout.toString()).toMatch(/"Updated": "\\\/Date\(\d+\)\\\/"/);
    const scoopfile = join(m.dir, 'scoopfile.json');
    writeFileSync(
      scoopfile,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(scoopExport.stdout.toString(), 'utf16le')]),
    );
    const fromExport = await devbox(m, ['init', '--from-scoop-export', scoopfile]);
    expect(fromExport.code, fromExport.stderr).toBe(0);
    // The machine's export ends with what a manifest cannot say (here: no WSL distribution), as comments.
    expect(init.stdout).toMatch(/\n# Not expressible in a manifest[^\n]*\n# - no WSL distribution is registered/);
    const fromMachineApps = init.stdout
      .slice(init.stdout.indexOf('  apps:'))
      .replace(/\n+# Not expressible[\s\S]*$/, '\n');
    expect(fromExport.stdout.slice(fromExport.stdout.indexOf('  apps:'))).toBe(fromMachineApps);
  });
});
