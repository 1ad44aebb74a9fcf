/**
 * What devbox reads about WSL on Windows, and how it interprets it: registry keys and paths, the
 * state of optional features, registered distributions, the WSL adapter, mirrored-networking support.
 * Everything here is parsed from structure (registry values, numbers), never from localized text.
 */
import type { ApplyContext, ReadContext } from '../../engine/resource.js';
import type { AdapterFacts, HostPort, HostReadPort, OsFacts, RegistryFacts } from '../../engine/ports/host.js';
import { t } from '../../i18n/catalogue.js';

/** Per-user WSL registry: distributions (one subkey each), DefaultDistribution, DefaultVersion, NatIpAddress. */
export const lxssUserKey = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss';
/** Machine-wide WSL registry: NatNetwork, NatGatewayIpAddress. */
export const lxssMachineKey = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Lxss';
/** Exists while Windows servicing waits for a restart; readable without elevation. */
export const rebootPendingKey =
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending';
/** The WSL package's own wsl.exe (the inbox one is in System32); its product version is the package version. */
export const wslPackageExe = '%ProgramFiles%\\WSL\\wsl.exe';
/** .wslconfig of the current user. */
export const wslConfigPath = '%USERPROFILE%\\.wslconfig';

/** WSL 2 needs Windows 10 version 2004 (build 19041) or later. */
export const minimumWindowsBuild = 19041;
/** Windows 11 starts at build 22000; below it, WSL needs the Microsoft-Windows-Subsystem-Linux component too. */
export const windows11Build = 22000;

/** The host read port, or a clear error when a host resource is probed off Windows. */
export function readHost(ctx: ReadContext): HostReadPort {
  if (!ctx.host) throw new Error(t('guard.windowsOnly'));
  return ctx.host;
}

/** The host port for apply. */
export function applyHost(ctx: ApplyContext): HostPort {
  if (!ctx.host) throw new Error('Windows resources can only be applied on Windows');
  return ctx.host;
}

/** Refuses Windows versions WSL 2 does not run on. */
export function checkWindowsBuild(os: OsFacts): void {
  if (os.build < minimumWindowsBuild) {
    throw new Error(t('wsl.oldWindows', { minimum: minimumWindowsBuild, build: `${os.build}.${os.ubr}` }));
  }
}

/** Services that exist once a feature is really enabled (after the restart), as WSL itself checks. */
export const featureServices: Record<string, readonly string[]> = {
  VirtualMachinePlatform: ['vmcompute', 'HNS'],
  'Microsoft-Windows-Subsystem-Linux': ['LxssManager'],
};

export type FeatureState = 'enabled' | 'enable-pending' | 'disabled' | 'absent' | 'unknown';

/**
 * Win32_OptionalFeature.InstallState (1 enabled, 2 disabled, 3 absent, 4 unknown) says what was
 * asked; the feature's services say whether it took effect. Enabled without its services means
 * the enable waits for a restart.
 */
export function featureState(installState: number | null, servicesPresent: boolean): FeatureState {
  switch (installState) {
    case 1:
      return servicesPresent ? 'enabled' : 'enable-pending';
    case 2:
      return 'disabled';
    case 3:
    case null:
      return 'absent';
    default:
      return 'unknown';
  }
}

/** One registered distribution, from HKCU\…\Lxss\{GUID}. */
export interface RegisteredDistro {
  guid: string;
  name: string;
  /** 1 or 2. */
  version: number;
  /** 1 = installed; other values while installing, converting, uninstalling. */
  state: number;
  defaultUid: number;
  basePath: string;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** The distributions registered for this user. */
export function registeredDistros(lxss: RegistryFacts): RegisteredDistro[] {
  return Object.entries(lxss.subkeys ?? {})
    .filter(
      ([guid, key]) => /^\{[0-9a-fA-F-]{36}\}$/.test(guid) && typeof key.values.DistributionName?.data === 'string',
    )
    .map(([guid, key]) => ({
      guid,
      name: key.values.DistributionName!.data as string,
      version: num(key.values.Version?.data, 1),
      state: num(key.values.State?.data, 1),
      defaultUid: num(key.values.DefaultUid?.data, 0),
      basePath: typeof key.values.BasePath?.data === 'string' ? key.values.BasePath.data : '',
    }));
}

/** A distribution by name; WSL compares names case-insensitively. */
export function findDistro(lxss: RegistryFacts, name: string): RegisteredDistro | undefined {
  return registeredDistros(lxss).find((d) => d.name.toLowerCase() === name.toLowerCase());
}

/** A REG_SZ value of a key, or undefined. */
export function stringValue(key: RegistryFacts, name: string): string | undefined {
  const value = key.values[name];
  return typeof value?.data === 'string' ? value.data : undefined;
}

/** A REG_DWORD value of a key, or undefined. */
export function dwordValue(key: RegistryFacts, name: string): number | undefined {
  const value = key.values[name];
  return typeof value?.data === 'number' ? value.data : undefined;
}

/**
 * WSL's NAT adapter: `vEthernet (WSL)`, or `vEthernet (WSL (Hyper-V firewall))` when the Hyper-V
 * firewall is on (hidden on Windows 11 22H2+). It exists only while the WSL 2 VM has run since boot.
 */
export function wslAdapter(adapters: readonly AdapterFacts[]): AdapterFacts | undefined {
  return adapters.find((a) => /^vEthernet \(WSL/.test(a.name));
}

/**
 * Mirrored networking needs Windows 11 22H2 with the October 2023 update (build 22621.2428, and the
 * same revision of 23H2's 22631) or a later build.
 */
export function mirroredSupport(os: OsFacts): { supported: boolean; reason: string } {
  const version = `${os.build}.${os.ubr}`;
  if (os.build > 22631 || ((os.build === 22621 || os.build === 22631) && os.ubr >= 2428))
    return { supported: true, reason: t('note.mirroredSupported', { build: version }) };
  return {
    supported: false,
    reason: t('note.mirroredUnsupported', { build: version }),
  };
}

/** The package's wsl.exe version as x.y.z (product versions carry a fourth part). */
export function packageVersion(version: string | null): string | null {
  return version && /^\d+\.\d+/.test(version) ? version : null;
}
