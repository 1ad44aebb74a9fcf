/**
 * `devbox init` as a user meets it: the wizard under a real pseudo-terminal (tmux), answered by
 * typing, on the simulated Windows machine (its drives and adapters come from the host probe, as on
 * Windows), measuring apt mirrors and DoH resolvers that are real local servers of different speed
 * (HTTP with throttling and latency, DoH per RFC 8484 over TLS with a test CA). The manifest it
 * writes must load with devbox's own loader and hold every answer. Without a terminal, no flags is a
 * usage error naming them, and flags answer instead.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../net/http-server.mjs';
import { makeTestCa, type TestCa } from '../net/ca.js';
import { startDohServer, type DohServer } from '../net/doh-server.js';
import { loopbackAddresses } from '../net/loopback.js';
import { PtySession, ptyUnavailable } from '../rig/pty.js';
import { runDevbox } from '../rig/cli.js';
import { WindowsMachine } from '../winsim/machine.js';
import { loadManifest } from '../../src/manifest/load.js';
import { manifestSources } from '../../src/platform/runtime.js';
import { areaChecks } from '../../src/resources/index.js';

const noPty = ptyUnavailable();
if (noPty && process.env.DEVBOX_REQUIRE_SYSTEM_TESTS === '1') throw new Error(noPty);

const KiB = 1024;
const inRelease = Buffer.concat([
  Buffer.from('-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nOrigin: Ubuntu\nSuite: noble\n'),
  Buffer.from(randomBytes(192 * KiB).toString('base64')),
]);
const work = mkdtempSync(join(tmpdir(), 'devbox-init-wizard-'));
let fast: TestServer;
let slow: TestServer;
let empty: TestServer;
let ca: TestCa;
let quickDoh: DohServer;
let lateDoh: DohServer;
let machine: WindowsMachine;

beforeAll(async () => {
  fast = await startTestServer({ throttle: 64 * 1024 * KiB });
  slow = await startTestServer({ throttle: 128 * KiB });
  empty = await startTestServer();
  fast.file('/ubuntu/dists/noble/InRelease', inRelease);
  slow.file('/ubuntu/dists/noble/InRelease', inRelease, { latencyMs: 300 });
  ca = makeTestCa('devbox-init-wizard');
  const [quick, late] = loopbackAddresses(2) as [string, string];
  const zone = { 'raw.githubusercontent.com': { A: ['185.199.108.133'] } };
  quickDoh = await startDohServer({ host: quick, tls: ca.issue([quick]), zone });
  lateDoh = await startDohServer({ host: late, tls: ca.issue([late]), zone, latencyMs: 400 });
  machine = WindowsMachine.create({ preset: 'win11' });
  // A second fixed drive beside C: (the simulator's drives are the one-letter folders).
  mkdirSync(join(machine.dir, 'drive', 'e'), { recursive: true });
}, 120_000);

afterAll(async () => {
  await Promise.all([fast?.close(), slow?.close(), empty?.close(), quickDoh?.close(), lateDoh?.close()]);
  machine?.dispose();
  ca?.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function load(file: string) {
  return (await loadManifest(file, { sources: manifestSources(work), env: {}, checks: areaChecks })).manifest;
}

describe.skipIf(Boolean(noPty))('devbox init wizard at a terminal', () => {
  it('measures mirrors and resolvers, offers drives, checks the subnet, and writes a manifest that validates', async () => {
    const file = join(work, 'devbox.yaml');
    writeFileSync(file, 'keep me\n');
    const session = new PtySession(
      [
        'init',
        '--mirror-candidates',
        slow.url('/ubuntu/'),
        '--mirror-candidates',
        fast.url('/ubuntu/'),
        '--mirror-candidates',
        empty.url('/ubuntu/'),
        '--resolver',
        lateDoh.wireUrl,
        '--resolver',
        quickDoh.wireUrl,
        '-o',
        file,
      ],
      { ...machine.env, DEVBOX_CA_BUNDLE: ca.caFile },
    );
    try {
      const mirrors = await session.waitFor(/apt mirror for the distro[\s\S]*navigate/);
      // Fastest first, with its figures; the one without the file is listed as failed and cannot be picked.
      const fastAt = mirrors.indexOf(`❯ ${fast.url('/ubuntu/')}  (first byte`);
      expect(fastAt, mirrors).toBeGreaterThan(0);
      expect(mirrors.indexOf(`${slow.url('/ubuntu/')}  (first byte`)).toBeGreaterThan(fastAt);
      expect(mirrors).toMatch(new RegExp(`${empty.url('/ubuntu/').replace(/[.]/g, '\\.')}  \\(failed: HTTP 404`));
      const transcript = process.env.DEVBOX_PRINT_TRANSCRIPT === '1';
      if (transcript) console.log(mirrors.trimEnd());
      session.type('Enter');

      const resolvers = await session.waitFor(/DoH resolver for the hosts entries[\s\S]*navigate/);
      const quickAt = resolvers.indexOf(`❯ ${quickDoh.wireUrl}  (answered in`);
      expect(quickAt, resolvers).toBeGreaterThan(0);
      expect(resolvers.indexOf(`${lateDoh.wireUrl}  (answered in`)).toBeGreaterThan(quickAt);
      session.type('Enter');

      // The drives the host probe found, the non-system one first.
      const drives = await session.waitFor(/Drive for Scoop[\s\S]*navigate/);
      expect(drives).toMatch(/❯ E: +[\d.]+ GiB free\n {2}C: +[\d.]+ GiB free +system drive/);
      session.type('Enter');
      await session.waitFor(/Folder for Scoop and your apps/);
      session.type('Enter');
      await session.waitFor(/\(SCOOP\) E:\\Scoop\\Apps\n[\s\S]*Folder for global apps/);
      session.type('Enter');
      await session.waitFor(/Apps to install with Scoop[\s\S]*navigate/);
      for (let i = 0; i < 8; i++) session.type('Down');
      session.type('Space', 'Enter');
      await session.waitFor(/More apps/);
      session.type('-l', 'versions/python27');
      session.type('Enter');

      // A subnet the Ethernet adapter uses is refused with the reason, then a free one is accepted.
      await session.waitFor(/A fixed IP for the distro/);
      session.type('-l', '10.0.2.50/24');
      session.type('Enter');
      const clash = await session.waitFor(/10\.0\.2\.0\/24 overlaps the adapter "Ethernet" \(10\.0\.2\.15\/24\)/);
      if (transcript) console.log(clash.trimEnd().split('\n').slice(-2).join('\n'));
      for (let i = 0; i < 12; i++) session.type('BSpace');
      session.type('-l', '172.30.9.2/24');
      session.type('Enter');

      await session.waitFor(/A local Kubernetes cluster/);
      session.type('Enter');
      await session.waitFor(/Cluster name/);
      session.type('-l', 'lab');
      session.type('Enter');
      await session.waitFor(/Network plugin \(CNI\)[\s\S]*navigate/);
      session.type('Down', 'Down', 'Down', 'Enter');

      // The file exists: declining keeps it and asks again; agreeing replaces it.
      await session.waitFor(/Write the manifest to/);
      session.type('Enter');
      await session.waitFor(/exists\. Replace it\?/);
      session.type('n', 'Enter');
      await session.waitFor(/Replace it\? No\n\? Write the manifest to/);
      expect(readFileSync(file, 'utf8')).toBe('keep me\n');
      session.type('Enter');
      await session.waitFor(/Replace it\? No\n[\s\S]*\? \S+ exists\. Replace it\?/);
      session.type('y', 'Enter');

      const { code, screen } = await session.exit(60_000);
      expect(code, screen).toBe(0);
      expect(screen).toContain(`Wrote ${file}.`);
      if (transcript) console.log(screen.trimEnd());

      const text = readFileSync(file, 'utf8');
      const m = await load(file);
      expect(m.distro!.apt!.mirror).toBe(fast.url('/ubuntu/'));
      expect(text).toMatch(/mirror: \S+ # measured by devbox init: first byte \d+ ms, [\d.]+ MiB\/s/);
      expect(m.hosts!.resolvers).toEqual([quickDoh.wireUrl]);
      expect(text).toMatch(/# measured by devbox init: answered in \d+ ms\n {2}resolvers:/);
      expect(m.scoop).toMatchObject({ root: 'E:\\Scoop\\Apps', globalRoot: 'E:\\Scoop\\GlobalApps' });
      expect(m.scoop!.apps.map((a) => `${a.bucket ?? 'main'}/${a.name}`)).toEqual([
        'main/7zip',
        'main/git',
        'main/aria2',
        'extras/vscode',
        'versions/python27',
      ]);
      expect(m.scoop!.buckets.map((b) => b.name)).toEqual(['extras', 'versions']);
      expect(m.distro!.network.fixedIp).toMatchObject({ address: '172.30.9.2/24', hostAddress: '172.30.9.1' });
      expect(m.cluster).toMatchObject({ enabled: true, name: 'lab', cni: 'none' });
      expect(text).toMatch(/^# Written by `devbox init`/);
    } finally {
      session.close();
    }
  });
});

describe.skipIf(Boolean(noPty))('devbox init wizard in Simplified Chinese', () => {
  it('asks in Chinese with the figures beside each choice; Ctrl-C writes nothing', async () => {
    const file = join(work, 'zh.yaml');
    const args = ['init', '--lang', 'zh-CN', '--mirror-candidates', fast.url('/ubuntu/')];
    const session = new PtySession([...args, '--resolver', quickDoh.wireUrl, '-o', file], {
      ...machine.env,
      DEVBOX_CA_BUNDLE: ca.caFile,
    });
    try {
      const mirrors = await session.waitFor(/发行版使用的 apt 镜像源[\s\S]*navigate/);
      expect(mirrors).toContain('回答几个问题，然后生成一份带注释的清单');
      expect(mirrors).toContain(`❯ ${fast.url('/ubuntu/')}  （首字节 `);
      expect(mirrors).toContain('auto：每次 `devbox up` 时重新实测');
      session.type('C-c');
      const { code, screen } = await session.exit(60_000);
      expect(code, screen).toBe(6);
      expect(existsSync(file)).toBe(false);
    } finally {
      session.close();
    }
  });
});

describe('devbox init without a terminal', () => {
  it('exits 2 naming the flags, and --help lists them', () => {
    const none = runDevbox(['init']);
    expect(none.code).toBe(2);
    for (const flag of ['--mirror', '--resolver', '--scoop-root', '--scoop-global', '--apps', '--fixed-ip', '--yes'])
      expect(none.stderr).toContain(flag);
    expect(none.stdout).toBe('');
    // The suggested command works when pasted into sh: the backslashes of D:\Scoop are quoted.
    expect(none.stderr).toContain(
      "devbox init --yes --scoop-root 'D:\\Scoop\\Apps' --scoop-global 'D:\\Scoop\\GlobalApps'",
    );
    const help = runDevbox(['init', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--mirror', '--mirror-candidates', '--resolver', '--scoop-root', '--scoop-global', '--apps'])
      expect(help.stdout).toContain(flag);
    for (const flag of [
      '--fixed-ip',
      '--host-ip',
      '--[no-]cluster',
      '--cluster-name',
      '--cni',
      '--yes',
      '--from-machine',
    ])
      expect(help.stdout).toContain(flag);
  });

  it('takes the answers as flags, checks the subnet against the adapters, and refuses to replace a file', async () => {
    const file = join(work, 'flags.yaml');
    const env = machine.env;
    const clash = runDevbox(['init', '--yes', '--fixed-ip', '10.0.2.7/24', '-o', file], { env });
    expect(clash.code, clash.stderr).toBe(2);
    expect(clash.stderr).toContain('10.0.2.0/24 overlaps the adapter "Ethernet" (10.0.2.15/24)');
    const args = [
      'init',
      '--mirror',
      'ustc',
      '--apps',
      'git,extras/vscode',
      '--scoop-root',
      'E:\\S',
      '--scoop-global',
      'E:\\G',
    ];
    const ok = runDevbox([...args, '--no-cluster', '--fixed-ip', 'none', '-o', file], { env });
    expect(ok.code, ok.stderr).toBe(0);
    const m = await load(file);
    expect(m.distro!.apt!.mirror).toBe('ustc');
    expect(m.distro!.network.fixedIp).toBeUndefined();
    expect(m.cluster!.enabled).toBe(false);
    expect(m.scoop!.apps.map((a) => a.name)).toEqual(['git', 'vscode']);
    const again = runDevbox([...args, '-o', file], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists; devbox does not replace it');
    expect(runDevbox([...args, '-o', file, '--force'], { env }).code).toBe(0);
    const bad = runDevbox(['init', '--apps', 'git;rm -rf'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"git;rm" is not a Scoop app name');
  });
});
