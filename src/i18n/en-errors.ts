/**
 * The English errors raised inside resources (src/resources/<area>/) and the values they put in a
 * plan's changes. Part of the English catalogue (en.ts). What other programs and servers said is
 * passed in as it is.
 */
export const enErrors = {
  // The hosts file (src/resources/hosts/entry.ts).
  'hosts.noVerifiedAddress': (p: { name: string; details: string }) =>
    `No address for ${p.name} proved to be ${p.name} (a certificate valid for the name), so the hosts file was ` +
    `left exactly as it was.${p.details ? `\n${p.details}` : ''}`,
  'hosts.rejected': (p: { address: string; why: string; resolvers: string }) =>
    `  ${p.address}: ${p.why} (from ${p.resolvers})`,
  'hosts.resolverFailed': (p: { resolver: string; error: string }) => `  resolver ${p.resolver}: ${p.error}`,
  'hosts.noAddresses': '  the resolvers returned no address',
  'hosts.useProxyFix':
    'Addresses that fail the TLS check are poisoned answers or blocked servers; a hosts entry cannot fix SNI ' +
    'filtering: use a proxy (scoop.proxy, HTTPS_PROXY) for such names.',
  'hosts.resolversFix': 'Other DoH resolvers can be set with hosts.resolvers (or DEVBOX_DOH_RESOLVERS).',
  'hosts.noVerifiedValue': (p: { error: string }) => `(no verified address: ${p.error})`,
} satisfies Record<string, string | ((params: never) => string)>;
