import { describe, expect, it } from 'vitest';
import { loadManifest } from '../manifest/load.js';
import { areaChecks, compileResources } from './index.js';
import { resourceId, type ManagedResource, type Resource } from '../engine/resource.js';

async function load(yaml: string) {
  return loadManifest('/m.yaml', {
    sources: {
      readFile: async (path) => {
        if (path !== '/m.yaml') throw new Error(`unexpected read ${path}`);
        return yaml;
      },
      fetch: async (url) => {
        throw new Error(`unexpected fetch ${url}`);
      },
      builtinDefaultPath: '/nonexistent/default.yaml',
      cwd: '/',
    },
    env: {},
    checks: areaChecks,
  });
}

const base = `version: 1
distro:
  name: Ubuntu-24.04
`;

function byId(resources: Resource[]): Map<string, Resource> {
  return new Map(resources.map((r) => [resourceId(r), r]));
}

describe('compiling the guest network sections', () => {
  it('adds the fixed IP boot command to the wsl.conf resource, and writes generateResolvConf only after dns succeeded', async () => {
    const { manifest } = await load(`${base}  wslConf:
    boot:
      systemd: true
  network:
    fixedIp:
      strategy: alias
      address: 192.168.50.2/24
      hostAddress: 192.168.50.1
  dns:
    nameservers: [223.5.5.5]
  apt:
    mirror: tuna
`);
    const resources = byId(compileResources(manifest));
    const wslconf = resources.get('distro.wslconf[/etc/wsl.conf]') as ManagedResource;
    expect(wslconf.summary).toBe(
      '/etc/wsl.conf: boot.systemd=true, boot.command=/sbin/ip addr replace 192.168.50.2/24 broadcast + dev eth0 label eth0:1',
    );
    const resolvKey = resources.get('distro.wslconf[/etc/wsl.conf:network.generateResolvConf]') as ManagedResource;
    expect(resolvKey.summary).toBe('/etc/wsl.conf: network.generateResolvConf=false');
    expect(resolvKey.dependsOn).toEqual(['distro.dns[/etc/resolv.conf]', 'distro.wslconf[/etc/wsl.conf]']);
    expect(resources.get('distro.dns[/etc/resolv.conf]')!.dependsOn).toEqual([]);
    expect(resources.get('network.alias[eth0]')!.dependsOn).toEqual(['distro.wslconf[/etc/wsl.conf]']);
    expect(resources.get('distro.apt[sources]')!.kind).toBe('managed');
    expect(resources.get('network.fixedIp[host]')!.kind).toBe('managed');
  });

  it("runs the manifest's own boot command after the alias", async () => {
    const { manifest } = await load(`${base}  wslConf:
    boot:
      command: service docker start
  network:
    fixedIp:
      strategy: alias
      address: 192.168.50.2/24
      hostAddress: 192.168.50.1
`);
    const wslconf = byId(compileResources(manifest)).get('distro.wslconf[/etc/wsl.conf]')!;
    expect(wslconf.summary).toBe(
      '/etc/wsl.conf: boot.command=/sbin/ip addr replace 192.168.50.2/24 broadcast + dev eth0 label eth0:1; service docker start',
    );
  });

  it('adds no guest alias for nat-registry or mirrored networking', async () => {
    for (const [strategy, extra] of [
      ['nat-registry', ''],
      ['auto', ''],
      ['auto', 'wsl:\n  config:\n    wsl2:\n      networkingMode: mirrored\n'],
    ]) {
      const { manifest } = await load(`${extra}${base}  network:
    fixedIp:
      strategy: ${strategy}
      address: 192.168.50.2/24
      hostAddress: 192.168.50.1
`);
      const ids = compileResources(manifest).map(resourceId);
      expect(ids).not.toContain('network.alias[eth0]');
      expect(ids).not.toContain('distro.wslconf[/etc/wsl.conf]');
      expect(ids).toContain('network.fixedIp[host]');
    }
  });

  it('refuses generateResolvConf = true beside distro.dns', async () => {
    await expect(
      load(`${base}  wslConf:
    network:
      generateResolvConf: true
  dns:
    nameservers: [223.5.5.5]
`),
    ).rejects.toThrow(/distro\.wslConf\.network\.generateResolvConf.*must be false \(or left out\) with distro\.dns/s);
  });
});

describe('compiling scoop and hosts', () => {
  it('orders hosts fixes, Scoop, its config, git, buckets, helper apps, then the other apps', async () => {
    const { manifest } = await load(`version: 1
scoop:
  root: 'D:\\S'
  globalRoot: 'D:\\G'
  proxy: 127.0.0.1:7890
  installer:
    url: https://example.com/install.ps1
    sha256: ${'a'.repeat(64)}
  config:
    ARIA2-SPLIT: 4
  buckets:
    - name: extras
  apps:
    - name: idea
      bucket: extras
    - name: git
    - name: 7zip
    - name: aria2
      global: true
hosts:
  entries:
    - name: raw.githubusercontent.com
`);
    const resources = compileResources(manifest);
    const ids = byId(resources);
    expect(ids.get('scoop.core[scoop]')!.dependsOn).toEqual(['hosts.entry[raw.githubusercontent.com]']);
    expect(ids.get('scoop.bucket[extras]')!.dependsOn).toEqual(['scoop.config[config.json]', 'scoop.app[git]']);
    expect(ids.get('scoop.app[7zip]')!.dependsOn).toEqual(['scoop.config[config.json]']);
    expect(ids.get('scoop.app[git]')!.dependsOn).toEqual(['scoop.config[config.json]', 'scoop.app[7zip]']);
    expect(ids.get('scoop.app[aria2]')!.dependsOn).toEqual([
      'scoop.config[config.json]',
      'scoop.app[7zip]',
      'scoop.app[git]',
    ]);
    expect(ids.get('scoop.app[idea]')!.dependsOn).toEqual([
      'scoop.config[config.json]',
      'scoop.app[7zip]',
      'scoop.app[git]',
      'scoop.app[aria2]',
      'scoop.bucket[extras]',
    ]);
    expect(ids.get('scoop.app[aria2]')!.needsElevation).toBe(true);
    expect(ids.get('hosts.entry[raw.githubusercontent.com]')!.needsElevation).toBe(true);
    expect(ids.get('scoop.config[config.json]')!.summary).toBe(
      "Scoop's config.json: aria2-enabled=true, aria2-max-connection-per-server=16, aria2-min-split-size=1M, aria2-warning-enabled=false, proxy=127.0.0.1:7890, aria2-split=4",
    );
    expect(resources.every((r) => r.kind === 'managed')).toBe(true);
  });
});

describe('compiling the cluster section', () => {
  it('makes managed guest resources that build on the distro, and joins cgroup_no_v1=all into kernelCommandLine', async () => {
    const { manifest } = await load(`${base}  wslConf:
    boot:
      systemd: true
  sysctl:
    fs.inotify.max_user_watches: 524288
wsl:
  config:
    wsl2:
      kernelCommandLine: quiet
cluster:
  runc:
    version: v1.4.3
`);
    const resources = compileResources(manifest);
    const cluster = resources.filter((r) => r.type.startsWith('cluster.'));
    expect(cluster.map(resourceId)).toEqual([
      'cluster.docker[docker-ce]',
      'cluster.kind-binary[v0.32.0]',
      'cluster.image[kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5]',
      'cluster.kind[devbox]',
      'cluster.runc[devbox]',
    ]);
    expect(
      cluster.every(
        (r) => r.kind === 'managed' && r.plane === 'guest' && r.probeAfter?.includes('wsl.distro[Ubuntu-24.04]'),
      ),
    ).toBe(true);
    const ids = byId(resources);
    expect(ids.get('cluster.docker[docker-ce]')!.dependsOn).toEqual(['distro.wslconf[/etc/wsl.conf]']);
    expect(ids.get('cluster.kind[devbox]')!.dependsOn).toEqual([
      'cluster.docker[docker-ce]',
      'cluster.kind-binary[v0.32.0]',
      'cluster.image[kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5]',
      'distro.sysctl[/etc/sysctl.d/99-devbox.conf]',
    ]);
    expect(ids.get('cluster.runc[devbox]')!.summary).toMatch(/^runc v1.4.3 pinned/);
    const config = ids.get('wsl.config[.wslconfig]') as ManagedResource & { summary: string };
    expect(config.summary).toMatch(/kernelCommandLine=quiet cgroup_no_v1=all/);
    expect(config.summary).toMatch(/vmIdleTimeout=-1/);
  });
});
