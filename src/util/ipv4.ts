/** Small IPv4 arithmetic shared by the manifest checks and the fixed-IP resources. */

/** The address as an unsigned 32-bit integer. The caller must pass a valid dotted quad. */
export function ipv4ToInt(address: string): number {
  return address.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

/** The unsigned netmask of a prefix length 0-32. */
export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The dotted netmask of a prefix length, e.g. 24 → 255.255.255.0 (netsh wants this form). */
export function prefixToNetmask(prefix: number): string {
  const mask = prefixMask(prefix);
  return [24, 16, 8, 0].map((shift) => (mask >>> shift) & 0xff).join('.');
}

/** True when both addresses lie in the same subnet of the given prefix. */
export function sameSubnet(a: string, b: string, prefix: number): boolean {
  const mask = prefixMask(prefix);
  return (ipv4ToInt(a) & mask) >>> 0 === (ipv4ToInt(b) & mask) >>> 0;
}

/** What is special about an address within its subnet, if anything: its network or broadcast address. */
export function specialAddressKind(address: string, prefix: number): 'network' | 'broadcast' | undefined {
  if (prefix > 30) return undefined;
  const value = ipv4ToInt(address);
  const mask = prefixMask(prefix);
  const hostBits = ~mask >>> 0;
  if ((value & hostBits) >>> 0 === 0) return 'network';
  if ((value & hostBits) >>> 0 === hostBits) return 'broadcast';
  return undefined;
}

/**
 * The first host address of the subnet `address` lies in, other than `except`: (192.168.50.2, 24) →
 * 192.168.50.1. Used to suggest a fix in messages.
 */
export function firstHost(address: string, prefix: number, except?: string): string {
  const network = (ipv4ToInt(address) & prefixMask(prefix)) >>> 0;
  let candidate = prefix >= 31 ? network : network + 1;
  const text = (value: number) => [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
  if (text(candidate) === except && prefix < 32) candidate += 1;
  return text(candidate);
}
