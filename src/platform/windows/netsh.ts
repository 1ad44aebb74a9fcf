/**
 * netsh.exe for the extra IPv4 address on WSL's virtual adapter (the `alias` fixed-IP strategy).
 * The adapter name is one argv element, so its spaces and parentheses need no shell quoting.
 */
import { t } from '../../i18n/catalogue.js';
import { ExternalCommandError } from '../../errors.js';
import { decodeWindowsText } from './text.js';
import type { HostPort } from '../../engine/ports/host.js';
import { isIPv4 } from 'node:net';

/** `netsh interface ipv4 add address "<adapter>" <address> <mask>` as argv. */
export function addAddressArgs(adapter: string, address: string, mask: string): string[] {
  if (!adapter || /[\u0000-\u001f"]/.test(adapter)) throw new Error(`invalid adapter name ${JSON.stringify(adapter)}`);
  if (!isIPv4(address) || !isIPv4(mask)) throw new Error(`invalid address ${address} / ${mask}`);
  return ['interface', 'ipv4', 'add', 'address', adapter, address, mask];
}

/** Adds an address to an adapter (administrator rights). */
export async function addAddress(host: HostPort, adapter: string, address: string, mask: string): Promise<void> {
  const args = addAddressArgs(adapter, address, mask);
  const result = await host.exec({ tool: 'netsh.exe', args, elevated: true });
  if (result.exitCode !== 0)
    throw new ExternalCommandError(
      ['netsh.exe', ...args],
      result.exitCode,
      decodeWindowsText(result.stdout) + decodeWindowsText(result.stderr),
      t('tool.netshAdd', { address, adapter }),
    );
}
