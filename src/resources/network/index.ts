/**
 * The network area: the manifest's `distro.network.fixedIp`, one model (fixed-ip.ts) for both
 * sides — `network.fixedIp[host]` on Windows (the registry, a logon task, or mirrored networking)
 * and, for the alias strategy, `network.alias[<interface>]` in the distro.
 */
import { resourceId, type Resource } from '../../engine/resource.js';
import type { Manifest } from '../../manifest/schema/index.js';
import type { Area } from '../area.js';
import type { DistroHandles } from '../distro/index.js';
import type { WslHandles } from '../wsl/index.js';
import { aliasResource } from './alias.js';
import { fixedIpHostResource } from './fixed-ip-host.js';
import { fixedIpModel } from './fixed-ip.js';

export interface NetworkInput {
  fixedIp: NonNullable<NonNullable<Manifest['distro']>['network']['fixedIp']>;
  distroName: string;
  networkingMode?: string;
}

export interface NetworkHandles {
  host: Resource;
}

export const networkArea: Area<NetworkInput, NetworkHandles, { wsl: WslHandles; distro: DistroHandles }> = {
  name: 'network',
  check(manifest, report) {
    const fixedIp = manifest.distro?.network.fixedIp;
    const networkingMode = manifest.wsl?.config.wsl2.networkingMode;
    if (!fixedIp || !networkingMode) return;
    if (fixedIp.strategy === 'mirrored' && networkingMode !== 'mirrored') {
      const message = `is "${networkingMode}" but distro.network.fixedIp.strategy is "mirrored": set it to mirrored or remove it`;
      report.error(['wsl', 'config', 'wsl2', 'networkingMode'], message);
    }
    if ((fixedIp.strategy === 'alias' || fixedIp.strategy === 'nat-registry') && networkingMode !== 'nat') {
      const message = `"${fixedIp.strategy}" needs NAT networking, but wsl.config.wsl2.networkingMode is "${networkingMode}"`;
      report.error(['distro', 'network', 'fixedIp', 'strategy'], message);
    }
  },
  select(manifest) {
    const fixedIp = manifest.distro?.network.fixedIp;
    if (!manifest.distro || !fixedIp) return undefined;
    const networkingMode = manifest.wsl?.config.wsl2.networkingMode;
    return { fixedIp, distroName: manifest.distro.name, ...(networkingMode ? { networkingMode } : {}) };
  },
  compile(input, refs) {
    const { fixedIp, networkingMode } = input;
    const model = fixedIpModel(fixedIp, networkingMode);
    const resources: Resource[] = [];
    // nat-registry and mirrored give the distro its address from the Windows side: nothing to add in the distro.
    if (model.strategy === 'alias') {
      const probeAfter = (refs.distro?.onDistro ?? []).map(resourceId);
      const dependsOn = refs.distro?.wslConf ? [resourceId(refs.distro.wslConf)] : [];
      resources.push(aliasResource(model, { probeAfter, dependsOn }));
    }
    const config = refs.wsl?.config ? [refs.wsl.config] : [];
    const distro = refs.wsl?.distro ? [refs.wsl.distro] : [];
    const host = fixedIpHostResource(
      {
        strategy: fixedIp.strategy,
        address: fixedIp.address,
        hostAddress: fixedIp.hostAddress,
        distro: input.distroName,
        ...(networkingMode ? { networkingMode } : {}),
      },
      // The alias goes on WSL's adapter, which exists once the distro runs; the registry and
      // mirrored strategies only need .wslconfig in place (and so can go before a restart).
      { dependsOn: (model.strategy === 'alias' ? [...config, ...distro] : config).map(resourceId) },
    );
    resources.push(host);
    return { resources, handles: { host } };
  },
};
