/**
 * Turns a validated manifest into resources: each section contributes its own, with the implicit
 * dependencies between them (guest resources need the distro; Scoop apps need Scoop and buckets).
 */
import type { Manifest } from '../manifest/schema/index.js';
import { resourceId, type Resource } from '../engine/resource.js';
import { scoopCoreResource } from './scoop/core.js';
import { scoopConfigResource } from './scoop/config.js';
import { scoopBucketResource } from './scoop/bucket.js';
import { helperApps, isHelperApp, scoopAppResource } from './scoop/app.js';
import type { ScoopConfigValue } from './scoop/config-file.js';
import type { ScoopLayout } from './scoop/facts.js';
import { hostsEntryResource } from './hosts/entry.js';
import { wslConfPath, wslConfResource, type WslConfSetting } from './distro/wslconf.js';
import { sysctlResource } from './distro/sysctl.js';
import { aptResource } from './apt/resource.js';
import { dnsResource } from './dns/resource.js';
import { aliasBootCommand, fixedIpModel, isAliasBootCommand } from './network/fixed-ip.js';
import { aliasResource } from './network/alias.js';
import { wslFeatureResource } from './wsl/features.js';
import { wslCoreResource } from './wsl/core.js';
import { wslConfigResource, type WslConfigSetting } from './wsl/config.js';
import { wslDistroResource } from './wsl/distro.js';
import { fixedIpHostResource } from './network/fixed-ip-host.js';
import { clusterResources } from './cluster/index.js';

/** The .wslconfig keys of the manifest, plus networkingMode=mirrored when the fixed-IP strategy needs it. */
function wslConfigSettings(manifest: Manifest): WslConfigSetting[] {
  const settings: WslConfigSetting[] = [];
  const config = manifest.wsl?.config;
  for (const section of ['wsl2', 'general', 'experimental'] as const) {
    for (const [key, value] of Object.entries(config?.[section] ?? {})) {
      if (value !== undefined) settings.push({ section, key, value });
    }
  }
  const fixedIp = manifest.distro?.network.fixedIp;
  if (fixedIp?.strategy === 'mirrored' && config?.wsl2.networkingMode === undefined) settings.push({ section: 'wsl2', key: 'networkingMode', value: 'mirrored' });
  if (manifest.cluster?.enabled) {
    // kind needs pure cgroup v2 (kind-runc.md §4): the parameter joins whatever the manifest sets.
    const cmdline = settings.find((s) => s.section === 'wsl2' && s.key === 'kernelCommandLine');
    if (!cmdline) settings.push({ section: 'wsl2', key: 'kernelCommandLine', value: 'cgroup_no_v1=all' });
    else if (!String(cmdline.value).split(/\s+/).includes('cgroup_no_v1=all')) cmdline.value = `${String(cmdline.value)} cgroup_no_v1=all`.trim();
    // The cluster dies with the VM, which WSL stops 15-60 s after the last window (microsoft/WSL#13416).
    if (!settings.some((s) => s.section === 'wsl2' && s.key === 'vmIdleTimeout')) settings.push({ section: 'wsl2', key: 'vmIdleTimeout', value: -1 });
  }
  return settings;
}

function wslResources(manifest: Manifest): Resource[] {
  const wsl = manifest.wsl;
  if (!wsl) return [];
  const resources: Resource[] = [];
  if (wsl.features.virtualMachinePlatform) {
    resources.push(wslFeatureResource('VirtualMachinePlatform', { want: true, defaultVersion: wsl.defaultVersion }));
  }
  if (wsl.features.subsystemLinux !== false) {
    resources.push(wslFeatureResource('Microsoft-Windows-Subsystem-Linux', { want: wsl.features.subsystemLinux === 'auto' ? 'auto' : true, defaultVersion: wsl.defaultVersion }));
  }
  const featureIds = resources.map(resourceId);
  const offline = wsl.update.offlineInstaller;
  resources.push(
    wslCoreResource(
      {
        update: wsl.update.enabled,
        preRelease: wsl.update.preRelease,
        defaultVersion: wsl.defaultVersion,
        ...(offline ? { offlineInstaller: { sha256: offline.sha256, ...(offline.path ? { path: offline.path } : {}), ...(offline.url ? { url: offline.url } : {}) } } : {}),
      },
      featureIds,
    ),
  );
  const settings = wslConfigSettings(manifest);
  // A plain file WSL reads when it starts: it can be written before WSL is even installed.
  if (settings.length > 0) resources.push(wslConfigResource(settings, wsl.shutdown));
  return resources;
}

function distroResources(manifest: Manifest, wslIds: readonly string[]): Resource[] {
  const distro = manifest.distro;
  if (!distro) return [];
  const hostDeps = wslIds.includes('wsl.core[wsl]') ? ['wsl.core[wsl]'] : [];
  const featureIds = wslIds.filter((id) => id.startsWith('wsl.features['));
  const distroId = `wsl.distro[${distro.name}]`;
  const resources: Resource[] = [
    wslDistroResource(
      { name: distro.name, source: distro.source, version: manifest.wsl?.defaultVersion ?? 2, ...(distro.defaultUser ? { defaultUser: distro.defaultUser } : {}) },
      { dependsOn: hostDeps },
    ),
  ];
  // Without its features WSL cannot start the distro: what lives in it is checked once they are in
  // place (in the same probe wave as the distro, so a converged plan costs one guest process).
  const onDistro = { probeAfter: [distroId, ...featureIds] };

  const settings: WslConfSetting[] = [];
  for (const [section, keys] of Object.entries(distro.wslConf)) {
    for (const [key, value] of Object.entries(keys)) settings.push({ section, key, value });
  }
  const setting = (section: string, key: string) => settings.find((s) => s.section.toLowerCase() === section && s.key.toLowerCase() === key);
  const fixedIp = distro.network.fixedIp;
  const networkingMode = manifest.wsl?.config.wsl2.networkingMode;
  const model = fixedIp ? fixedIpModel(fixedIp, networkingMode) : undefined;
  // dns and the fixed IP need wsl.conf keys; they go through the one wsl.conf resource.
  const tunnelingOffInManifest = manifest.wsl?.config.wsl2.dnsTunneling === false;
  if (model?.strategy === 'alias') {
    const part = aliasBootCommand(model);
    const own = setting('boot', 'command');
    // The manifest's own boot command runs after the alias, in the same `[boot] command`; without
    // one, whatever the distro's wsl.conf already has there is kept beside devbox's part.
    if (own) own.value = `${part}; ${String(own.value)}`;
    else settings.push({ section: 'boot', key: 'command', value: part, commandPart: { replaces: isAliasBootCommand } });
  }
  const wslConfId = `distro.wslconf[${wslConfPath}]`;
  if (settings.length > 0) resources.push(wslConfResource(settings, onDistro));
  if (Object.keys(distro.sysctl).length > 0) resources.push(sysctlResource(distro.sysctl, onDistro));

  if (distro.apt) resources.push(aptResource(distro.apt, onDistro));
  if (distro.dns) {
    const dns = dnsResource({ ...distro.dns, tunnelingOffInManifest }, onDistro);
    resources.push(dns);
    if (!setting('network', 'generateresolvconf')) {
      // WSL must stop regenerating resolv.conf only once the file devbox wrote has proved to work:
      // this key is written after distro.dns succeeded (and after the manifest's keys), and is held
      // back while DNS tunneling is on and the manifest keeps it, when distro.dns refuses.
      const key = { section: 'network', key: 'generateResolvConf', value: false, ...(tunnelingOffInManifest ? {} : { heldWhileDnsTunneling: true }) };
      resources.push(
        wslConfResource([key], {
          ...onDistro,
          key: `${wslConfPath}:network.generateResolvConf`,
          dependsOn: [`${dns.type}[${dns.key}]`, ...(settings.length > 0 ? [wslConfId] : [])],
        }),
      );
    }
  }
  if (fixedIp && model) {
    // nat-registry and mirrored give the distro its address from the Windows side: nothing to add in the distro.
    if (model.strategy === 'alias') resources.push(aliasResource(model, { ...onDistro, dependsOn: [wslConfId] }));
    const configIds = wslIds.filter((id) => id === 'wsl.config[.wslconfig]');
    resources.push(
      fixedIpHostResource(
        { strategy: fixedIp.strategy, address: fixedIp.address, hostAddress: fixedIp.hostAddress, distro: distro.name, ...(networkingMode ? { networkingMode } : {}) },
        // The alias goes on WSL's adapter, which exists once the distro runs; the registry and
        // mirrored strategies only need .wslconfig in place (and so can go before a restart).
        { dependsOn: model.strategy === 'alias' ? [...configIds, distroId] : configIds },
      ),
    );
  }
  return resources;
}

/** The config.json keys the manifest sets, in the order they are written (scoop.config last: it wins). */
export function scoopConfigValues(scoop: NonNullable<Manifest['scoop']>): Record<string, ScoopConfigValue> {
  const values: Record<string, ScoopConfigValue> = {
    'aria2-enabled': scoop.aria2.enabled,
    'aria2-max-connection-per-server': scoop.aria2.maxConnectionPerServer,
    'aria2-split': scoop.aria2.split,
    'aria2-min-split-size': scoop.aria2.minSplitSize,
    'aria2-warning-enabled': scoop.aria2.warning,
  };
  if (scoop.proxy) values.proxy = scoop.proxy;
  if (scoop.repo) {
    values.scoop_repo = scoop.repo.url;
    values.scoop_branch = scoop.repo.branch;
  }
  for (const [key, value] of Object.entries(scoop.config)) {
    const existing = Object.keys(values).find((k) => k === key.toLowerCase());
    if (existing) delete values[existing];
    values[key.toLowerCase()] = value;
  }
  return values;
}

function scoopResources(manifest: Manifest, hostsIds: readonly string[]): Resource[] {
  const scoop = manifest.scoop;
  if (!scoop) return [];
  const layout: ScoopLayout = { root: scoop.root, globalRoot: scoop.globalRoot, ...(scoop.cacheDir ? { cacheDir: scoop.cacheDir } : {}) };
  // Hosts fixes first: the installer and Scoop's downloads need the names they repair.
  const core = scoopCoreResource({ layout, installer: scoop.installer, ...(scoop.proxy ? { proxy: scoop.proxy } : {}) }, { dependsOn: [...hostsIds] });
  const config = scoopConfigResource({ layout, values: scoopConfigValues(scoop) }, { dependsOn: [resourceId(core)] });
  const configId = resourceId(config);
  const present = scoop.apps.filter((a) => a.ensure === 'present');
  // Helpers first (7zip unpacks the others, git clones buckets), in helperApps order.
  const helpers = helperApps.map((h) => present.find((a) => a.name.toLowerCase() === h)).filter((a) => a !== undefined);
  const helperIds = helpers.map((a) => `scoop.app[${a.name}]`);
  const git = helpers.find((a) => a.name.toLowerCase() === 'git' && (!a.bucket || a.bucket.toLowerCase() === 'main'));
  const buckets = scoop.buckets.map((b) =>
    scoopBucketResource(
      { layout, name: b.name, ...(b.url ? { url: b.url } : {}), ...(b.mirror ? { mirror: b.mirror } : {}), ensure: b.ensure },
      { dependsOn: [configId, ...(git ? [`scoop.app[${git.name}]`] : [])] },
    ),
  );
  const bucketId = (name: string) => buckets.map(resourceId).find((id) => id.toLowerCase() === `scoop.bucket[${name.toLowerCase()}]`);
  const apps = scoop.apps.map((a) => {
    const helperIndex = helperIds.indexOf(`scoop.app[${a.name}]`);
    const before = isHelperApp(a.name) && helperIndex >= 0 ? helperIds.slice(0, helperIndex) : a.ensure === 'present' ? helperIds : [];
    const bucket = a.bucket && a.bucket.toLowerCase() !== 'main' ? bucketId(a.bucket) : undefined;
    return scoopAppResource(
      { layout, name: a.name, ...(a.bucket ? { bucket: a.bucket } : {}), global: a.global, ...(a.version ? { version: a.version } : {}), ensure: a.ensure },
      { dependsOn: [configId, ...before.filter((id) => id !== `scoop.app[${a.name}]`), ...(bucket ? [bucket] : [])] },
    );
  });
  return [core, config, ...buckets, ...apps];
}

function hostsResources(manifest: Manifest): Resource[] {
  const hosts = manifest.hosts;
  return (hosts?.entries ?? []).map((e) =>
    hostsEntryResource({ name: e.name, address: e.address, verifyTls: e.verifyTls, ensure: e.ensure, ...(hosts?.resolvers ? { resolvers: hosts.resolvers } : {}) }),
  );
}

/** All resources of a manifest, in manifest order. */
export function compileResources(manifest: Manifest): Resource[] {
  const wsl = wslResources(manifest);
  const hosts = hostsResources(manifest);
  const hostsIds = hosts.filter((r) => r.kind === 'managed').map(resourceId);
  const distro = distroResources(manifest, wsl.map(resourceId));
  const distroIds = distro.map(resourceId);
  const find = (prefix: string) => distroIds.find((id) => id.startsWith(prefix));
  const cluster = clusterResources(manifest, {
    ...(manifest.distro ? { distro: `wsl.distro[${manifest.distro.name}]` } : {}),
    ...(find(`distro.wslconf[${wslConfPath}]`) ? { wslConf: `distro.wslconf[${wslConfPath}]` } : {}),
    ...(find('distro.apt[') ? { apt: find('distro.apt[')! } : {}),
    ...(find('distro.sysctl[') ? { sysctl: find('distro.sysctl[')! } : {}),
  });
  return [...wsl, ...distro, ...hosts, ...scoopResources(manifest, hostsIds), ...cluster];
}
