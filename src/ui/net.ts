/** Text for `devbox net resolve` and `devbox net rank`. Pure: returns strings. */
import type { VerifiedAddresses, CheckedAddress } from '../net/verified-addresses.js';
import type { Ranking } from '../net/rank.js';
import { formatBytes, formatRate } from './progress.js';

function addressLine(a: CheckedAddress): string {
  const via = `via ${a.resolvers.length} resolver${a.resolvers.length === 1 ? '' : 's'}`;
  if (a.tls.ok)
    return `  ✓ ${a.address.padEnd(39)} TLS ok in ${a.tls.handshakeMs} ms (connect ${a.tls.connectMs} ms)  ${via}`;
  const cert = a.tls.certificate?.altNames ? ` [certificate: ${a.tls.certificate.altNames}]` : '';
  return `  ✗ ${a.address.padEnd(39)} ${a.tls.error}${cert}  ${via}`;
}

/** The addresses for a name, accepted first, then rejected with reasons, then resolvers that failed. */
export function renderVerifiedAddresses(result: VerifiedAddresses): string {
  const lines = [`${result.name}:`];
  if (result.accepted.length + result.rejected.length === 0) lines.push('  no addresses');
  for (const a of result.accepted) lines.push(addressLine(a));
  for (const a of result.rejected) lines.push(addressLine(a));
  const answered = result.answers.filter((a) => a.ok).length;
  lines.push('', `Resolvers: ${answered} of ${result.answers.length} answered.`);
  for (const a of result.answers.filter((x) => !x.ok)) lines.push(`  ${a.resolver}: ${a.error}`);
  lines.push(`${result.accepted.length} address(es) passed the TLS check, ${result.rejected.length} rejected.`);
  return lines.join('\n');
}

/** The ranked mirrors with their figures, then those that failed. */
export function renderRanking(ranking: Ranking): string {
  const lines = ranking.ranked.map(
    (m, i) =>
      `  ${String(i + 1).padStart(2)}. ${m.url}\n      first byte ${Math.round(m.ttfbMs!)} ms, ${formatRate(m.throughput!)} over ${formatBytes(m.bytes)}, est. ${Math.round(m.scoreMs!)} ms per MiB`,
  );
  if (lines.length === 0) lines.push('  no mirror answered with valid content');
  for (const m of ranking.failed) lines.push(`   ✗ ${m.url}: ${m.error}`);
  lines.push('', `Measured in ${Math.round(ranking.elapsedMs)} ms.`);
  return lines.join('\n');
}
