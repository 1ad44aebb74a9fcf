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

function wslResources(manifest: Manifest): Resource[] {
  const wsl = manifest.wsl;
  if (!wsl) return [];
  const resources: Resource[] = [];
  if (wsl.features.virtualMachinePlatform) {
    resources.push(declared('wsl.features', 'VirtualMachinePlatform', 'host', 'optional feature VirtualMachinePlatform enabled', { needsElevation: true }));
  }
  if (wsl.features.subsystemLinux !== false) {
    resources.push(declared('wsl.features', 'Microsoft-Windows-Subsystem-Linux', 'host', `optional feature Microsoft-Windows-Subsystem-Linux ${wsl.features.subsystemLinux === 'auto' ? 'enabled where needed' : 'enabled'}`, { needsElevation: true }));
  }
  const featureIds = resources.map(resourceId);
  resources.push(declared('wsl.core', 'wsl', 'host', `WSL package ${wsl.update.enabled ? 'installed and up to date' : 'installed'}, default version ${wsl.defaultVersion}`, { dependsOn: featureIds }));
  resources.push(declared('wsl.config', '.wslconfig', 'host', '%UserProfile%\\.wslconfig keys', { dependsOn: ['wsl.core[wsl]'] }));
  return resources;
}

function distroResources(manifest: Manifest): Resource[] {
  const distro = manifest.distro;
  if (!distro) return [];
  const hostDeps = manifest.wsl ? ['wsl.core[wsl]'] : [];
  const distroId = `wsl.distro[${distro.name}]`;
  const resources: Resource[] = [declared('wsl.distro', distro.name, 'host', `distribution ${distro.name} registered (${distro.source.from})`, { dependsOn: hostDeps })];
  const onDistro = { probeAfter: [distroId] };

  const settings: WslConfSetting[] = [];
  for (const [section, keys] of Object.entries(distro.wslConf)) {
    for (const [key, value] of Object.entries(keys)) settings.push({ section, key, value });
  }
  const setting = (section: string, key: string) => settings.find((s) => s.section.toLowerCase() === section && s.key.toLowerCase() === key);
  const fixedIp = distro.network.fixedIp;
  const model = fixedIp ? fixedIpModel(fixedIp, manifest.wsl?.config.wsl2.networkingMode) : undefined;
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
    // nat-registry and mirrored give the distro its address from the Windows side: nothing to add here.
    if (model.strategy === 'alias') resources.push(aliasResource(model, { ...onDistro, dependsOn: [wslConfId] }));
    resources.push(declared('network.fixedIp', 'host', 'host', `${fixedIp.hostAddress} on the WSL adapter (${model.strategy})`, { needsElevation: true, dependsOn: [distroId] }));
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
  return [...wslResources(manifest), ...distroResources(manifest), ...scoopResources(manifest), ...hostsResources(manifest), ...clusterResources(manifest)];
}
