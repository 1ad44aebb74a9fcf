/**
 * Distinct loopback addresses for servers that must not all sit on 127.0.0.1 (the TLS probe
 * connects to an address, as it would to a real host). Linux routes all of 127.0.0.0/8 to lo, so
 * no alias needs adding; random ones keep parallel test runs apart.
 */
import { randomInt } from 'node:crypto';

export function loopbackAddresses(count: number): string[] {
  const out = new Set<string>();
  while (out.size < count) out.add(`127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(2, 255)}`);
  return [...out];
}
