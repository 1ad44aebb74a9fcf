/**
 * Turns a validated manifest into resources: each section contributes its own, with the implicit
 * dependencies between them (guest resources need the distro; Scoop apps need Scoop and buckets).
 */
import type { Manifest } from '../manifest/schema/index.js';
import { resourceId, type Resource } from '../engine/resource.js';
import { declared } from './declared.js';
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
  if (distro.dns && !setting('network', 'generateresolvconf')) settings.push({ section: 'network', key: 'generateResolvConf', value: false });
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
    resources.push(dnsResource({ ...distro.dns, tunnelingOffInManifest: manifest.wsl?.config.wsl2.dnsTunneling === false }, { ...onDistro, dependsOn: [wslConfId] }));
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

function scoopResources(manifest: Manifest): Resource[] {
  const scoop = manifest.scoop;
  if (!scoop) return [];
  const core = declared('scoop.core', 'scoop', 'host', `Scoop in ${scoop.root} (global ${scoop.globalRoot})`);
  const config = declared('scoop.config', 'config.json', 'host', `aria2 ${scoop.aria2.enabled ? `on, ${scoop.aria2.maxConnectionPerServer} connections` : 'off'}`, { dependsOn: [resourceId(core)] });
  const buckets = scoop.buckets.map((b) => declared('scoop.bucket', b.name, 'host', `${b.ensure === 'absent' ? 'removed' : `bucket ${b.name}${b.url ? ` from ${b.url}` : ''}`}`, { dependsOn: [resourceId(core)] }));
  const apps = scoop.apps.map((a) =>
    declared('scoop.app', a.name, 'host', `${a.ensure === 'absent' ? 'uninstalled' : `${a.name}${a.version ? `@${a.version}` : ''}${a.global ? ' (global)' : ''}`}`, {
      needsElevation: a.global,
      dependsOn: [resourceId(config), ...(a.bucket && a.bucket !== 'main' ? [`scoop.bucket[${a.bucket}]`] : [])],
    }),
  );
  return [core, config, ...buckets, ...apps];
}

function hostsResources(manifest: Manifest): Resource[] {
  return (manifest.hosts?.entries ?? []).map((e) => declared('hosts.entry', e.name, 'host', `${e.name} → ${e.address}${e.ensure === 'absent' ? ' (removed)' : ''}`, { needsElevation: true }));
}

function clusterResources(manifest: Manifest): Resource[] {
  const cluster = manifest.cluster;
  if (!cluster?.enabled) return [];
  const onDistro = manifest.distro ? { probeAfter: [`wsl.distro[${manifest.distro.name}]`] } : {};
  const docker = declared('cluster.docker', cluster.docker.engine, 'guest', `Docker Engine (${cluster.docker.engine})`, onDistro);
  const kind = declared('cluster.kind', cluster.name, 'guest', `kind ${cluster.kind.version} cluster "${cluster.name}" with ${cluster.workers} worker(s)`, { ...onDistro, dependsOn: [resourceId(docker)] });
  const runc = declared('cluster.runc', cluster.name, 'guest', `runc ${cluster.runc.policy === 'pin' ? cluster.runc.version : 'at or above the safety floor'} in every node`, { ...onDistro, dependsOn: [resourceId(kind)] });
  return [docker, kind, runc];
}

/** All resources of a manifest, in manifest order. */
export function compileResources(manifest: Manifest): Resource[] {
  const wsl = wslResources(manifest);
  return [...wsl, ...distroResources(manifest, wsl.map(resourceId)), ...scoopResources(manifest), ...hostsResources(manifest), ...clusterResources(manifest)];
}
