/**
 * Addresses for a host name that can be trusted: DoH answers from several resolvers, each checked
 * by the TLS probe. This is what the hosts resource offers for `address: auto`; only `accepted`
 * addresses may ever be written, the `rejected` ones are reported with the reason.
 */
import { resolveDoh, type DohOptions, type ResolvedAddress, type ResolverAnswer } from './doh.js';
import { probeTls, type TlsProbeOptions, type TlsVerdict } from './tls-probe.js';

/** A DoH address with its TLS verdict. */
export interface CheckedAddress extends ResolvedAddress {
  tls: TlsVerdict;
}

export interface VerifiedAddresses {
  name: string;
  /** Addresses whose server proved to be `name`, fastest handshake first. */
  accepted: CheckedAddress[];
  /** Addresses that failed the probe, with why. */
  rejected: CheckedAddress[];
  /** What each resolver said. */
  answers: ResolverAnswer[];
}

/** Time to a verified connection: TCP connect plus TLS handshake. */
function setupMs(v: TlsVerdict): number {
  return (v.connectMs ?? 0) + (v.handshakeMs ?? Infinity);
}

/** Resolves `name` over DoH and probes every address in parallel. */
export async function verifiedAddresses(
  name: string,
  options: { doh: DohOptions; probe?: TlsProbeOptions },
): Promise<VerifiedAddresses> {
  const resolved = await resolveDoh(name, options.doh);
  const checked = await Promise.all(
    resolved.addresses.map(async (a) => ({ ...a, tls: await probeTls(a.address, resolved.name, options.probe) })),
  );
  return {
    name: resolved.name,
    accepted: checked.filter((c) => c.tls.ok).sort((a, b) => setupMs(a.tls) - setupMs(b.tls)),
    rejected: checked.filter((c) => !c.tls.ok),
    answers: resolved.answers,
  };
}
