import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UserError, UsageError } from '../errors.js';
import { loadManifest } from '../manifest/load.js';
import { areaChecks } from '../resources/index.js';
import { manifestSources } from '../platform/runtime.js';
import {
  defaultAnswers,
  manifestFromAnswers,
  parseApps,
  parseFixedIp,
  parseMirror,
  parseWindowsFolder,
  type InitAnswers,
} from './init-manifest.js';

async function load(text: string) {
  const sources = { ...manifestSources(), readFile: async () => text };
  return (await loadManifest('/written.yaml', { sources, env: {}, checks: areaChecks })).manifest;
}

const ethernet = {
  name: 'Ethernet',
  ifIndex: 6,
  status: 'Up',
  hidden: false,
  ipv4: [{ address: '10.0.2.15', prefixLength: 24 }],
};

describe('answers → manifest', () => {
  it('writes every answer, with a comment before each section, and the loader accepts it', async () => {
    const answers: InitAnswers = {
      distro: 'Ubuntu-24.04',
      mirror: 'http://127.0.0.1:8080/ubuntu/',
      resolvers: ['https://127.0.0.2/dns-query'],
      scoop: {
        root: 'E:\\Tools\\Scoop',
        globalRoot: 'E:\\Tools\\Global',
        apps: ['git', 'vscode', 'java/temurin21-jdk'],
      },
      fixedIp: { address: '172.30.5.2/24', hostAddress: '172.30.5.1' },
      cluster: { name: 'dev', cni: 'none' },
      measured: { mirror: 'first byte 3 ms, 40.0 MiB/s', resolver: 'answered in 7 ms' },
    };
    const text = await manifestFromAnswers(answers);
    const m = await load(text);
    expect(m.distro!.apt!.mirror).toBe('http://127.0.0.1:8080/ubuntu/');
    expect(m.distro!.network.fixedIp).toMatchObject({ address: '172.30.5.2/24', hostAddress: '172.30.5.1' });
    expect(m.distro!.wslConf).toEqual({ boot: { systemd: true } });
    expect(m.hosts!.resolvers).toEqual(['https://127.0.0.2/dns-query']);
    expect(m.scoop).toMatchObject({ root: 'E:\\Tools\\Scoop', globalRoot: 'E:\\Tools\\Global' });
    expect(m.scoop!.apps.map((a) => [a.name, a.bucket])).toEqual([
      ['git', undefined],
      ['vscode', 'extras'],
      ['temurin21-jdk', 'java'],
    ]);
    expect(m.scoop!.buckets.map((b) => b.name)).toEqual(['extras', 'java']);
    expect(m.cluster).toMatchObject({ enabled: true, name: 'dev', cni: 'none' });
    expect(m.wsl!.config.wsl2.vmIdleTimeout).toBe(-1);
    // The comments are in the text, before the sections they explain, and the figures beside the choices.
    for (const section of ['wsl', 'distro', 'scoop', 'hosts', 'cluster']) {
      const at = text.indexOf(`\n${section}:`);
      expect(at, section).toBeGreaterThan(0);
      expect(text.slice(0, at).trimEnd().split('\n').at(-1), section).toMatch(/^# \S/);
    }
    expect(text).toMatch(/^# Written by `devbox init`/);
    expect(text).toContain(
      'mirror: http://127.0.0.1:8080/ubuntu/ # measured by devbox init: first byte 3 ms, 40.0 MiB/s',
    );
    expect(text).toContain('# measured by devbox init: answered in 7 ms\n  resolvers:');
    // Comments are YAML comments: the data round-trips without them.
    expect(parse(text).scoop.root).toBe('E:\\Tools\\Scoop');
  });

  it('leaves out what was declined: no fixed IP, no cluster, default resolvers', async () => {
    const answers = { ...defaultAnswers(), resolvers: [] };
    delete answers.fixedIp;
    delete answers.cluster;
    const m = await load(await manifestFromAnswers(answers));
    expect(m.distro!.network.fixedIp).toBeUndefined();
    expect(m.cluster!.enabled).toBe(false);
    expect(m.hosts!.resolvers).toBeUndefined();
    expect(m.distro!.wslConf).toEqual({});
  });

  it('refuses the same folder for user and global apps', async () => {
    const answers = defaultAnswers();
    answers.scoop.globalRoot = answers.scoop.root.toLowerCase();
    await expect(manifestFromAnswers(answers)).rejects.toBeInstanceOf(UsageError);
  });
});

describe('answer parsing', () => {
  it('checks a fixed IP and refuses a subnet an adapter uses, naming it', () => {
    expect(parseFixedIp('192.168.50.2/24', undefined, [ethernet])).toEqual({
      address: '192.168.50.2/24',
      hostAddress: '192.168.50.1',
    });
    expect(parseFixedIp('192.168.50.9/24', '192.168.50.1', [])!.hostAddress).toBe('192.168.50.1');
    expect(() => parseFixedIp('10.0.2.20/24', undefined, [ethernet])).toThrow(
      /10\.0\.2\.0\/24 overlaps the adapter "Ethernet" \(10\.0\.2\.15\/24\)/,
    );
    // A wider fixed subnet that contains the adapter's also overlaps.
    expect(() => parseFixedIp('10.0.9.2/16', undefined, [ethernet])).toThrow(/overlaps the adapter "Ethernet"/);
    // WSL's own adapter is what the fixed IP replaces: no clash with it.
    const wsl = {
      ...ethernet,
      name: 'vEthernet (WSL (Hyper-V firewall))',
      ipv4: [{ address: '172.30.5.1', prefixLength: 20 }],
    };
    expect(parseFixedIp('172.30.5.2/24', undefined, [wsl])).toBeDefined();
    for (const bad of ['192.168.50.2', '192.168.50.0/24', '300.1.1.1/24', 'x/24', '10.0.0.2/31'])
      expect(() => parseFixedIp(bad, undefined, []), bad).toThrow(UserError);
  });

  it('reads apps, mirrors and folders, naming what is wrong', () => {
    expect(parseApps('git, extras/vscode  idea')).toEqual(['git', 'extras/vscode', 'idea']);
    expect(() => parseApps('git;rm')).toThrow(/"git;rm" is not a Scoop app name/);
    expect(() => parseApps('nowhere/app')).toThrow(/"nowhere" is not a bucket devbox knows/);
    expect(parseMirror('tuna')).toBe('tuna');
    expect(parseMirror('https://mirror.example/ubuntu')).toBe('https://mirror.example/ubuntu');
    expect(() => parseMirror('ftp://x')).toThrow(/--mirror ftp:\/\/x/);
    expect(parseWindowsFolder('e:/Tools/Scoop/')).toBe('e:\\Tools\\Scoop');
    expect(() => parseWindowsFolder('Tools\\Scoop')).toThrow(/not an absolute Windows folder/);
  });
});
