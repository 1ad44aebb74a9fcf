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

  // A DoH resolver's wrong answers (src/net/doh.ts), a small https fetch's refusals (src/net/fetch-small.ts).
  'doh.contentType': (p: { type: string }) => `answered ${p.type}, not application/dns-message`,
  'doh.noContentType': 'no content type',
  'doh.query': 'answered with a query, not a response',
  'doh.otherQuestion': 'answered a different question',
  'doh.notJson': 'answered something that is not JSON',
  'doh.noStatus': 'answered JSON without a Status',
  'doh.dnsError': (p: { rcode: string }) => `DNS error ${p.rcode}`,
  'small.notHttps': (p: { url: string }) => `${p.url} is not https://; only https is allowed`,
  'small.tooManyRedirects': (p: { max: number }) => `more than ${p.max} redirects`,
  'small.redirectNotHttps': (p: { url: string }) =>
    `redirected to ${p.url}, which is not https://; only https is allowed`,
  'small.status': (p: { url: string; status: number }) => `${p.url} answered HTTP ${p.status}`,
  'small.tooLarge': (p: { url: string; max: number }) => `${p.url} is larger than ${p.max} bytes`,
  'small.noneAnswered': (p: { urls: string; failures: string }) => `none of ${p.urls} answered: ${p.failures}`,
} satisfies Record<string, string | ((params: never) => string)>;
