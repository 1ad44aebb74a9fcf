/**
 * The distro area: what devbox keeps inside the distribution — /etc/wsl.conf, sysctls, apt's
 * sources (distro/apt) and resolv.conf (distro/dns). Everything here is probed once the
 * distribution and WSL's features are in place (wsl area handles).
 */
import { resourceId, type Resource } from '../../engine/resource.js';
import type { Manifest } from '../../manifest/schema/index.js';
import { distroSection, dnsSettings } from '../../manifest/schema/distro.js';
import type { Area, Handle } from '../area.js';
import type { WslHandles } from '../wsl/index.js';
import { aliasBootCommand, fixedIpModel, isAliasBootCommand } from '../network/fixed-ip.js';
import { wslConfPath, wslConfResource, type WslConfSetting } from './wslconf.js';
import { sysctlResource } from './sysctl.js';
import { aptResource } from './apt/resource.js';
import { dnsResource } from './dns/resource.js';

/** What the distro area reads: its section and the WSL settings that change its meaning. */
export interface DistroInput {
  distro: NonNullable<Manifest['distro']>;
  networkingMode?: string;
  /** wsl.config.wsl2.dnsTunneling is false in the manifest. */
  tunnelingOffInManifest: boolean;
}

export interface DistroHandles {
  /** /etc/wsl.conf with the manifest's keys (and the fixed IP's boot command), when there are any. */
  wslConf?: Handle;
  /** The probeAfter of everything living in the distro: the distro and WSL's features. */
  onDistro: Handle[];
  /** apt's sources, when the manifest manages them (Docker's repository is added after them). */
  apt?: Handle;
  /** The manifest's sysctls, when it has any (kind's inotify limits). */
  sysctl?: Handle;
}

const lower = (s: string) => s.toLowerCase();

/** The manifest's wsl.conf keys, with devbox's fixed-IP boot command joined into `[boot] command`. */
export function wslConfSettings(input: DistroInput): WslConfSetting[] {
  const { distro } = input;
  const settings: WslConfSetting[] = Object.entries(distro.wslConf).flatMap(([section, keys]) =>
    Object.entries(keys).map(([key, value]) => ({ section, key, value })),
  );
  const fixedIp = distro.network.fixedIp;
  const model = fixedIp ? fixedIpModel(fixedIp, input.networkingMode) : undefined;
  if (model?.strategy !== 'alias') return settings;
  const part = aliasBootCommand(model);
  const own = settings.findIndex((s) => lower(s.section) === 'boot' && lower(s.key) === 'command');
  // The manifest's own boot command runs after the alias, in the same `[boot] command`; without
  // one, whatever the distro's wsl.conf already has there is kept beside devbox's part.
  if (own < 0)
    return [
      ...settings,
      { section: 'boot', key: 'command', value: part, commandPart: { replaces: isAliasBootCommand } },
    ];
  return settings.map((s, i) => (i === own ? { ...s, value: `${part}; ${String(s.value)}` } : s));
}

export const distroArea: Area<DistroInput, DistroHandles, { wsl: WslHandles }> = {
  name: 'distro',
  schema: { key: 'distro', section: distroSection },
  check(manifest, report) {
    const wslConf = manifest.distro?.wslConf ?? {};
    const section = Object.keys(wslConf).find((k) => lower(k) === 'network');
    const key = section ? Object.keys(wslConf[section]!).find((k) => lower(k) === 'generateresolvconf') : undefined;
    if (manifest.distro?.dns && section && key && lower(String(wslConf[section]![key])) !== 'false') {
      const why = 'WSL would otherwise replace the resolv.conf devbox writes at every start';
      report.error(['distro', 'wslConf', section, key], `must be false (or left out) with distro.dns: ${why}`);
    }
    if (manifest.distro?.dns && manifest.wsl?.config.wsl2.dnsTunneling === true) {
      // Reported at dnsTunneling: that is the value to change, and often the one a user's own file sets.
      const message =
        'is true while distro.dns sets fixed nameservers: WSL then answers DNS itself and a fixed resolv.conf bypasses it; ' +
        'set dnsTunneling: false to use distro.dns, or remove distro.dns';
      report.warn(['wsl', 'config', 'wsl2', 'dnsTunneling'], message);
    }
  },
  select(manifest) {
    if (!manifest.distro) return undefined;
    const networkingMode = manifest.wsl?.config.wsl2.networkingMode;
    return {
      distro: manifest.distro,
      ...(networkingMode ? { networkingMode } : {}),
      tunnelingOffInManifest: manifest.wsl?.config.wsl2.dnsTunneling === false,
    };
  },
  compile(input, refs) {
    const { distro } = input;
    // Without its features WSL cannot start the distro: what lives in it is checked once they are in
    // place (in the same probe wave as the distro, so a converged plan costs one guest process).
    const onDistroHandles = [...(refs.wsl?.distro ? [refs.wsl.distro] : []), ...(refs.wsl?.features ?? [])];
    const onDistro = { probeAfter: onDistroHandles.map(resourceId) };
    const settings = wslConfSettings(input);
    const resources: Resource[] = [];
    const wslConf = settings.length > 0 ? wslConfResource(settings, onDistro) : undefined;
    if (wslConf) resources.push(wslConf);
    const sysctl = Object.keys(distro.sysctl).length > 0 ? sysctlResource(distro.sysctl, onDistro) : undefined;
    if (sysctl) resources.push(sysctl);
    const apt = distro.apt ? aptResource(distro.apt, onDistro) : undefined;
    if (apt) resources.push(apt);
    if (distro.dns) {
      const dns = dnsResource(
        { ...dnsSettings(distro.dns), tunnelingOffInManifest: input.tunnelingOffInManifest },
        onDistro,
      );
      resources.push(dns);
      const manifestSetsIt = settings.some(
        (s) => lower(s.section) === 'network' && lower(s.key) === 'generateresolvconf',
      );
      if (!manifestSetsIt) {
        // WSL must stop regenerating resolv.conf only once the file devbox wrote has proved to work:
        // this key is written after distro.dns succeeded (and after the manifest's keys), and is held
        // back while DNS tunneling is on and the manifest keeps it, when distro.dns refuses.
        const key = {
          section: 'network',
          key: 'generateResolvConf',
          value: false,
          ...(input.tunnelingOffInManifest ? {} : { heldWhileDnsTunneling: true }),
        };
        resources.push(
          wslConfResource([key], {
            ...onDistro,
            key: `${wslConfPath}:network.generateResolvConf`,
            dependsOn: [dns, ...(wslConf ? [wslConf] : [])].map(resourceId),
          }),
        );
      }
    }
    const handles = {
      onDistro: onDistroHandles,
      ...(wslConf ? { wslConf } : {}),
      ...(apt ? { apt } : {}),
      ...(sysctl ? { sysctl } : {}),
    };
    return { resources, handles };
  },
};
