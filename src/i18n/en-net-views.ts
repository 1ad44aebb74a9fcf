/**
 * The English of `net resolve` and `net rank`'s result lists (src/ui/net.ts) and of the TLS probe's
 * reasons for rejecting an address (src/net/tls-probe.ts). Part of the English catalogue (en.ts).
 */
export const enNetViews = {
  'resolveView.via': (p: { count: number }) => `via ${p.count} resolver${p.count === 1 ? '' : 's'}`,
  'resolveView.tlsOk': (p: { handshake: number; connect: number }) =>
    `TLS ok in ${p.handshake} ms (connect ${p.connect} ms)`,
  'resolveView.certificate': (p: { names: string }) => ` [certificate: ${p.names}]`,
  'resolveView.noAddresses': '  no addresses',
  'resolveView.resolvers': (p: { answered: number; total: number }) =>
    `Resolvers: ${p.answered} of ${p.total} answered.`,
  'resolveView.summary': (p: { passed: number; rejected: number }) =>
    `${p.passed} address(es) passed the TLS check, ${p.rejected} rejected.`,
  'rankView.figures': (p: { ttfb: number; rate: string; size: string; score: number }) =>
    `first byte ${p.ttfb} ms, ${p.rate} over ${p.size}, est. ${p.score} ms per MiB`,
  'rankView.none': '  no mirror answered with valid content',
  'rankView.measured': (p: { ms: number }) => `Measured in ${p.ms} ms.`,
  'tlsProbe.altName': (p: { name: string }) => `the certificate is not valid for ${p.name}`,
  'tlsProbe.refused': 'connection refused',
  'tlsProbe.reset': 'connection reset during the TLS handshake (typical of SNI-based blocking)',
  'tlsProbe.timeout': (p: { ms: number }) => `no TLS answer within ${p.ms} ms`,
  'tlsProbe.unreachable': 'address unreachable',
} satisfies Record<string, string | ((params: never) => string)>;
