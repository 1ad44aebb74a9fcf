/**
 * Whether WSL's DNS tunneling answers in the distro, read in the guest: the addresses on `lo` and
 * the resolv.conf files WSL generates. Shared by distro.dns (which refuses while tunneling is on)
 * and distro.wslconf (which then holds back the `generateResolvConf` key distro.dns asked for).
 */
import { fileText, stdoutText, type GuestReadOp, type OpResult } from '../../../engine/ports/guest.js';
import { dnsTunnelingAddress } from './resolv.js';

export const resolvConfPath = '/etc/resolv.conf';
/** Where current WSL generates its resolv.conf (research/wsl.md §5). */
export const wslResolvConfPath = '/mnt/wsl/resolv.conf';

/** The read-only operations the answer needs, in the order `tunnelingFrom` expects their results. */
export const tunnelingProbeOps: readonly GuestReadOp[] = [
  { op: 'read', path: resolvConfPath },
  { op: 'read', path: wslResolvConfPath },
  { op: 'run', argv: ['ip', '-j', '-4', 'addr', 'show', 'dev', 'lo'], readOnly: true },
];

/** The tunneling address from the probe's results, or undefined when tunneling is not in use. */
export function tunnelingFrom([resolv, wsl, lo]: readonly OpResult[]): string | undefined {
  let loAddresses: { local: string; prefixlen: number }[] = [];
  try {
    const parsed = JSON.parse(stdoutText(lo!) || '[]') as { addr_info?: { local: string; prefixlen: number }[] }[];
    loAddresses = parsed.flatMap((i) => i.addr_info ?? []);
  } catch {
    // No iproute2 JSON: no tunneling address can be seen, which is also what a non-WSL system shows.
  }
  return dnsTunnelingAddress(loAddresses, [fileText(wsl!), fileText(resolv!)]);
}
