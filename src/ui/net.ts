/** Text for `devbox net resolve` and `devbox net rank`. Pure: returns strings. */
import type { VerifiedAddresses, CheckedAddress } from '../net/verified-addresses.js';
import type { Ranking } from '../net/rank.js';
import { t } from '../i18n/catalogue.js';
import { formatBytes, formatRate } from './progress.js';

function addressLine(a: CheckedAddress): string {
  const via = t('resolveView.via', { count: a.resolvers.length });
  if (a.tls.ok)
    return `  ✓ ${a.address.padEnd(39)} ${t('resolveView.tlsOk', { handshake: a.tls.handshakeMs ?? 0, connect: a.tls.connectMs ?? 0 })}  ${via}`;
  const cert = a.tls.certificate?.altNames ? t('resolveView.certificate', { names: a.tls.certificate.altNames }) : '';
  return `  ✗ ${a.address.padEnd(39)} ${a.tls.error}${cert}  ${via}`;
}

/** The addresses for a name, accepted first, then rejected with reasons, then resolvers that failed. */
export function renderVerifiedAddresses(result: VerifiedAddresses): string {
  const lines = [`${result.name}:`];
  if (result.accepted.length + result.rejected.length === 0) lines.push(t('resolveView.noAddresses'));
  for (const a of result.accepted) lines.push(addressLine(a));
  for (const a of result.rejected) lines.push(addressLine(a));
  const answered = result.answers.filter((a) => a.ok).length;
  lines.push('', t('resolveView.resolvers', { answered, total: result.answers.length }));
  for (const a of result.answers.filter((x) => !x.ok)) lines.push(`  ${a.resolver}: ${a.error}`);
  lines.push(t('resolveView.summary', { passed: result.accepted.length, rejected: result.rejected.length }));
  return lines.join('\n');
}

/** The ranked mirrors with their figures, then those that failed. */
export function renderRanking(ranking: Ranking): string {
  const lines = ranking.ranked.map(
    (m, i) =>
      `  ${String(i + 1).padStart(2)}. ${m.url}\n      ` +
      t('rankView.figures', {
        ttfb: Math.round(m.ttfbMs!),
        rate: formatRate(m.throughput!),
        size: formatBytes(m.bytes),
        score: Math.round(m.scoreMs!),
      }),
  );
  if (lines.length === 0) lines.push(t('rankView.none'));
  // A download error names its URL first: shown once when that is the mirror's own.
  for (const m of ranking.failed)
    lines.push(`   ✗ ${m.url}: ${m.error?.startsWith(`${m.url}: `) ? m.error.slice(m.url.length + 2) : m.error}`);
  lines.push('', t('rankView.measured', { ms: Math.round(ranking.elapsedMs) }));
  return lines.join('\n');
}
