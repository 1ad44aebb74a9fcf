/**
 * The fixed-IP model shared by the guest side (an alias on the distro's interface, here) and the
 * Windows side (an address on the WSL adapter, or WSL's NAT subnet pinned in the registry; the host
 * plane). Pure: addresses, the subnet they share, which strategy applies, and what in the distro's
 * routing table they would collide with.
 *
 * Strategies (research/wsl.md §4.2, §4.3):
 * - alias: an extra address on each side (`ip addr add … label eth0:1` in the distro, `netsh … add
 *   address` on the adapter). Works on every NAT setup without a restart; neither side persists by
 *   itself, so the distro side is re-added by wsl.conf `[boot] command`.
 * - nat-registry: pin WSL's NAT subnet and the VM's address in the registry; eth0 itself gets the
 *   address after WSL's network is recreated (reboot). Nothing to add in the distro.
 * - mirrored: `networkingMode=mirrored`; the distro shares the host's addresses, no subnet of its own.
 * - auto: mirrored when the manifest already chose mirrored networking, nat-registry otherwise:
 *   WSL itself then gives eth0 the address at every start, with no task or boot command to keep
 *   alive. It takes effect after a restart (a fresh machine restarts for the WSL features anyway);
 *   choose alias for an address right away. One rule for both planes: the Windows side
 *   (fixed-ip-host.ts) resolves auto with this function too.
 */
import { ipv4ToInt, prefixMask } from '../../util/ipv4.js';

export type FixedIpStrategy = 'auto' | 'alias' | 'nat-registry' | 'mirrored';
export type EffectiveStrategy = Exclude<FixedIpStrategy, 'auto'>;

/** The manifest's distro.network.fixedIp. */
export interface FixedIpSpec {
  strategy: FixedIpStrategy;
  /** The distro's address with prefix, e.g. 192.168.50.2/24. */
  address: string;
  /** The Windows side's address in the same subnet. */
  hostAddress: string;
  interface: string;
}

/** Both sides of a fixed IP, resolved. */
export interface FixedIpModel {
  strategy: EffectiveStrategy;
  guestAddress: string;
  hostAddress: string;
  prefix: number;
  /** The distro side as `address/prefix`. */
  cidr: string;
  /** The shared subnet, e.g. 192.168.50.0/24. */
  subnet: string;
  interface: string;
  /** The alias label (`eth0:1`), when it fits Linux's 15-character limit. */
  label?: string;
}

/** Which strategy `auto` means for a networking mode. */
export function effectiveStrategy(strategy: FixedIpStrategy, networkingMode?: string): EffectiveStrategy {
  if (strategy !== 'auto') return strategy;
  return networkingMode === 'mirrored' ? 'mirrored' : 'nat-registry';
}

function intToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/** Resolves the manifest's fixed IP (already validated: one subnet, host addresses). */
export function fixedIpModel(spec: FixedIpSpec, networkingMode?: string): FixedIpModel {
  const [guestAddress, prefixText] = spec.address.split('/') as [string, string];
  const prefix = Number(prefixText);
  const network = (ipv4ToInt(guestAddress) & prefixMask(prefix)) >>> 0;
  const label = `${spec.interface}:1`;
  return {
    strategy: effectiveStrategy(spec.strategy, networkingMode),
    guestAddress,
    hostAddress: spec.hostAddress,
    prefix,
    cidr: `${guestAddress}/${prefix}`,
    subnet: `${intToIpv4(network)}/${prefix}`,
    interface: spec.interface,
    ...(label.length <= 15 ? { label } : {}),
  };
}

/** The arguments of `ip` that put the alias in place; `replace` makes it idempotent. */
export function aliasIpArgs(model: FixedIpModel): string[] {
  return [
    'addr',
    'replace',
    model.cidr,
    'broadcast',
    '+',
    'dev',
    model.interface,
    ...(model.label ? ['label', model.label] : []),
  ];
}

/**
 * The wsl.conf `[boot] command` part that restores the alias at every distro start. Values are
 * validated addresses and an interface name of [A-Za-z0-9_.-], so the text holds no shell syntax.
 */
export function aliasBootCommand(model: FixedIpModel): string {
  return ['/sbin/ip', ...aliasIpArgs(model)].join(' ');
}

/** Recognises a boot command part devbox wrote for an earlier fixed IP (to replace it, not pile up). */
export function isAliasBootCommand(part: string): boolean {
  return /^\/sbin\/ip addr replace [0-9./]+ broadcast \+ dev [A-Za-z0-9_.-]+( label [A-Za-z0-9_.:-]+)?$/.test(
    part.trim(),
  );
}

/** An IPv4 address of the distro, as `ip -j addr` reports it. */
export interface GuestAddress {
  dev: string;
  local: string;
  prefixlen: number;
  label?: string;
}

/** An IPv4 route of the distro, as `ip -j route` reports it. */
export interface GuestRoute {
  dst: string;
  dev?: string;
  prefsrc?: string;
}

function parseCidr(text: string): { network: number; prefix: number } | undefined {
  const [address, prefixText] = text.split('/');
  if (!address || !/^\d+\.\d+\.\d+\.\d+$/.test(address)) return undefined;
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  return { network: (ipv4ToInt(address) & prefixMask(prefix)) >>> 0, prefix };
}

/** True when two subnets share any address. */
export function subnetsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  const mask = prefixMask(Math.min(x.prefix, y.prefix));
  return (x.network & mask) >>> 0 === (y.network & mask) >>> 0;
}

/**
 * What the fixed IP would collide with in the distro: its address on another interface, the host
 * address used by the distro itself, or a route (WSL's NAT subnet, a Docker bridge, a VPN) covering
 * part of the subnet. The alias's own route (source = the fixed address) is not a collision.
 */
export function fixedIpConflicts(
  model: FixedIpModel,
  addresses: readonly GuestAddress[],
  routes: readonly GuestRoute[],
): string[] {
  const problems: string[] = [];
  // Routes of the alias, and of an earlier alias it replaces, are devbox's own.
  const own = new Set([model.guestAddress, ...staleAliases(model, addresses).map((a) => a.local)]);
  for (const a of addresses) {
    if (a.local === model.guestAddress && a.dev !== model.interface)
      problems.push(`${model.guestAddress} is already an address of ${a.dev} in the distro`);
    if (a.local === model.hostAddress)
      problems.push(
        `the host address ${model.hostAddress} is an address of the distro itself (${a.dev}); it must belong to the Windows side`,
      );
  }
  for (const r of routes) {
    if (r.dst === 'default' || (r.prefsrc && own.has(r.prefsrc))) continue;
    if (parseCidr(r.dst)?.prefix === 0) continue;
    if (subnetsOverlap(r.dst, model.subnet))
      problems.push(`${model.subnet} overlaps the distro's route to ${r.dst}${r.dev ? ` on ${r.dev}` : ''}`);
  }
  return [...new Set(problems)];
}

/** True when this address is exactly the alias the model wants. */
export function isWantedAlias(model: FixedIpModel, a: GuestAddress): boolean {
  return (
    a.dev === model.interface &&
    a.local === model.guestAddress &&
    a.prefixlen === model.prefix &&
    (!model.label || a.label === model.label)
  );
}

/**
 * Addresses the alias replaces: its own address with another prefix or label, and any other address
 * under devbox's alias label (`eth0:1`), which an earlier manifest put there.
 */
export function staleAliases(model: FixedIpModel, addresses: readonly GuestAddress[]): GuestAddress[] {
  return addresses.filter(
    (a) =>
      a.dev === model.interface &&
      !isWantedAlias(model, a) &&
      (a.local === model.guestAddress || (model.label !== undefined && a.label === model.label)),
  );
}
