/**
 * The wsl area: Windows' optional features, the WSL package, %UserProfile%\.wslconfig and the
 * distribution itself (wsl.distro, registered from the manifest's `distro` section).
 */
import { resourceId, type Resource } from '../../engine/resource.js';
import type { Manifest } from '../../manifest/schema/index.js';
import { wslSection } from '../../manifest/schema/wsl.js';
import type { Area, Handle } from '../area.js';
import { wslConfigResource, type WslConfigSetting } from './config.js';
import { wslCoreResource } from './core.js';
import { wslDistroResource } from './distro.js';
import { wslFeatureResource } from './features.js';

export {
  applyHost,
  lxssMachineKey,
  lxssUserKey,
  mirroredSupport,
  readHost,
  stringValue,
  wslAdapter,
  wslConfigPath,
} from './facts.js';
export { decodeWslConfig } from './config.js';

/** What the wsl area reads: its section, the distro to register, and the fixed-IP strategy (mirrored needs .wslconfig). */
export interface WslInput {
  wsl?: NonNullable<Manifest['wsl']>;
  distro?: Pick<NonNullable<Manifest['distro']>, 'name' | 'source' | 'defaultUser'>;
  fixedIpStrategy?: string;
  /** The manifest has an enabled cluster: kind needs pure cgroup v2 and a VM that stays up. */
  cluster?: boolean;
}

/** What later areas may depend on. */
export interface WslHandles {
  /** The optional features WSL needs: nothing in the distro can start before them. */
  features: Handle[];
  core?: Handle;
  /** .wslconfig, when the manifest sets any key in it. */
  config?: Handle;
  /** The distribution, when the manifest has a `distro` section. */
  distro?: Handle;
}

/** The .wslconfig keys of the manifest, plus networkingMode=mirrored when the fixed-IP strategy needs it. */
export function wslConfigSettings(
  wsl: NonNullable<Manifest['wsl']>,
  fixedIpStrategy: string | undefined,
  cluster = false,
): WslConfigSetting[] {
  const settings: WslConfigSetting[] = [];
  const config = wsl.config;
  for (const section of ['wsl2', 'general', 'experimental'] as const) {
    for (const [key, value] of Object.entries(config[section] ?? {})) {
      if (value !== undefined) settings.push({ section, key, value });
    }
  }
  if (fixedIpStrategy === 'mirrored' && config.wsl2.networkingMode === undefined)
    settings.push({ section: 'wsl2', key: 'networkingMode', value: 'mirrored' });
  if (cluster) {
    // kind needs pure cgroup v2 (kind-runc.md §4): the parameter joins whatever the manifest sets.
    const index = settings.findIndex((s) => s.section === 'wsl2' && s.key === 'kernelCommandLine');
    const current = index < 0 ? '' : String(settings[index]!.value);
    if (!current.split(/\s+/).includes('cgroup_no_v1=all')) {
      const value = `${current} cgroup_no_v1=all`.trim();
      if (index < 0) settings.push({ section: 'wsl2', key: 'kernelCommandLine', value });
      else settings[index] = { ...settings[index]!, value };
    }
    // The cluster dies with the VM, which WSL stops 15-60 s after the last window (microsoft/WSL#13416).
    if (!settings.some((s) => s.section === 'wsl2' && s.key === 'vmIdleTimeout'))
      settings.push({ section: 'wsl2', key: 'vmIdleTimeout', value: -1 });
  }
  return settings;
}

function hostResources(
  wsl: NonNullable<Manifest['wsl']>,
  fixedIpStrategy: string | undefined,
  cluster: boolean,
): { resources: Resource[]; features: Handle[]; core: Handle; config?: Handle } {
  const features: Resource[] = [];
  if (wsl.features.virtualMachinePlatform) {
    features.push(wslFeatureResource('VirtualMachinePlatform', { want: true, defaultVersion: wsl.defaultVersion }));
  }
  if (wsl.features.subsystemLinux !== false) {
    const want = wsl.features.subsystemLinux === 'auto' ? 'auto' : true;
    features.push(
      wslFeatureResource('Microsoft-Windows-Subsystem-Linux', { want, defaultVersion: wsl.defaultVersion }),
    );
  }
  const offline = wsl.update.offlineInstaller;
  const core = wslCoreResource(
    {
      update: wsl.update.enabled,
      preRelease: wsl.update.preRelease,
      defaultVersion: wsl.defaultVersion,
      ...(offline
        ? {
            offlineInstaller: {
              sha256: offline.sha256,
              ...(offline.path ? { path: offline.path } : {}),
              ...(offline.url ? { url: offline.url } : {}),
            },
          }
        : {}),
    },
    features.map(resourceId),
  );
  const settings = wslConfigSettings(wsl, fixedIpStrategy, cluster);
  // A plain file WSL reads when it starts: it can be written before WSL is even installed.
  const config = settings.length > 0 ? wslConfigResource(settings, wsl.shutdown) : undefined;
  return { resources: [...features, core, ...(config ? [config] : [])], features, core, ...(config ? { config } : {}) };
}

export const wslArea: Area<WslInput, WslHandles> = {
  name: 'wsl',
  schema: { key: 'wsl', section: wslSection },
  select(manifest) {
    if (!manifest.wsl && !manifest.distro) return undefined;
    const fixedIpStrategy = manifest.distro?.network.fixedIp?.strategy;
    return {
      ...(manifest.wsl ? { wsl: manifest.wsl } : {}),
      ...(manifest.distro ? { distro: manifest.distro } : {}),
      ...(fixedIpStrategy ? { fixedIpStrategy } : {}),
      ...(manifest.cluster?.enabled ? { cluster: true } : {}),
    };
  },
  compile(input) {
    const host = input.wsl ? hostResources(input.wsl, input.fixedIpStrategy, input.cluster ?? false) : undefined;
    const distro = input.distro
      ? wslDistroResource(
          {
            name: input.distro.name,
            source: input.distro.source,
            version: input.wsl?.defaultVersion ?? 2,
            ...(input.distro.defaultUser ? { defaultUser: input.distro.defaultUser } : {}),
          },
          { dependsOn: host ? [resourceId(host.core)] : [] },
        )
      : undefined;
    return {
      resources: [...(host?.resources ?? []), ...(distro ? [distro] : [])],
      handles: {
        features: host?.features ?? [],
        ...(host ? { core: host.core } : {}),
        ...(host?.config ? { config: host.config } : {}),
        ...(distro ? { distro } : {}),
      },
    };
  },
};
