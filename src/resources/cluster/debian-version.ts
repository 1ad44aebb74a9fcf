/**
 * Debian package versions, `[epoch:]upstream[-revision]`, compared the way dpkg does
 * (deb-version(7): alternating non-digit and digit runs; `~` sorts before everything, even the end).
 */

export interface DebianVersion {
  epoch: number;
  upstream: string;
  revision?: string;
}

/** Splits a package version; undefined when it is not one. */
export function parseDebianVersion(text: string): DebianVersion | undefined {
  const m = /^(?:(\d+):)?([0-9][A-Za-z0-9.+~-]*?)(?:-([A-Za-z0-9.+~]+))?$/.exec(text.trim());
  if (!m) return undefined;
  return { epoch: Number(m[1] ?? 0), upstream: m[2]!, ...(m[3] !== undefined ? { revision: m[3] } : {}) };
}

function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

/** dpkg's comparison of one upstream or revision part. */
function comparePart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !/\d/.test(a[i]!)) || (j < b.length && !/\d/.test(b[j]!))) {
      const ca = i < a.length && !/\d/.test(a[i]!) ? a[i] : undefined;
      const cb = j < b.length && !/\d/.test(b[j]!) ? b[j] : undefined;
      const d = order(ca) - order(cb);
      if (d !== 0) return Math.sign(d);
      if (ca !== undefined) i++;
      if (cb !== undefined) j++;
    }
    let na = '';
    let nb = '';
    while (i < a.length && /\d/.test(a[i]!)) na += a[i++];
    while (j < b.length && /\d/.test(b[j]!)) nb += b[j++];
    const d = Number(na || 0) - Number(nb || 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Negative, zero or positive as `a` sorts before, with or after `b` (bare parts compare as revisions). */
export function compareDebianVersions(a: string, b: string): number {
  const pa = parseDebianVersion(a);
  const pb = parseDebianVersion(b);
  if (!pa || !pb) return comparePart(a, b);
  if (pa.epoch !== pb.epoch) return Math.sign(pa.epoch - pb.epoch);
  return comparePart(pa.upstream, pb.upstream) || comparePart(pa.revision ?? '0', pb.revision ?? '0');
}
