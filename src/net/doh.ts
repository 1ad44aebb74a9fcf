/**
 * DNS over HTTPS: asks several resolvers at once (RFC 8484 wire format, or the JSON form some
 * resolvers also offer) and merges their A/AAAA answers. The answers are candidates only: a
 * poisoned or geo-steered address is weeded out afterwards by the TLS probe (tls-probe.ts).
 */
import { isIP } from 'node:net';
import dnsPacket from 'dns-packet';
import type { Dispatcher } from 'undici';
import { UsageError } from '../errors.js';
import { NetError } from './errors.js';
import { get, header } from './http.js';
import { t } from '../i18n/catalogue.js';

/** One DoH resolver. */
export interface DohResolver {
  url: string;
  /** wire: RFC 8484 application/dns-message; json: application/dns-json (Google-style `/resolve`). */
  format: 'wire' | 'json';
}

/**
 * Resolvers reachable from mainland China (AliDNS, DNSPod, 360), with AliDNS's JSON endpoint as
 * a second format, so one blocked protocol or provider does not leave the user without answers.
 */
export const defaultResolvers: readonly DohResolver[] = [
  { url: 'https://dns.alidns.com/dns-query', format: 'wire' },
  { url: 'https://doh.pub/dns-query', format: 'wire' },
  { url: 'https://doh.360.cn/dns-query', format: 'wire' },
  { url: 'https://dns.alidns.com/resolve', format: 'json' },
];

/**
 * Reads a resolver as the user writes it: an https URL; `#json` or `#wire` at the end picks the
 * format, otherwise a path ending in `/resolve` means JSON and anything else wire format.
 */
export function parseResolver(spec: string): DohResolver {
  let url: URL;
  try {
    url = new URL(spec.trim());
  } catch {
    throw new UsageError(t('net.notResolver', { spec }));
  }
  if (url.protocol !== 'https:') throw new UsageError(t('net.resolverNotHttps', { spec }));
  const fragment = url.hash.replace(/^#/, '').toLowerCase();
  if (fragment && fragment !== 'json' && fragment !== 'wire') throw new UsageError(t('net.resolverFormat', { spec }));
  url.hash = '';
  const format = fragment === 'json' || (!fragment && /\/resolve\/?$/.test(url.pathname)) ? 'json' : 'wire';
  return { url: url.toString(), format };
}

/** One address in the merged answer. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
  /** Resolvers that returned it. */
  resolvers: string[];
  /** Smallest TTL any resolver gave, in seconds. */
  ttl: number | undefined;
}

/** What one resolver said. */
export interface ResolverAnswer {
  resolver: string;
  format: DohResolver['format'];
  ok: boolean;
  error?: string;
  /** DNS response code, e.g. NOERROR, NXDOMAIN. */
  rcode?: string;
  addresses: string[];
  ms: number;
}

/** The merged answer of every resolver. */
export interface DohResult {
  name: string;
  addresses: ResolvedAddress[];
  answers: ResolverAnswer[];
}

export interface DohOptions {
  resolvers?: readonly DohResolver[];
  dispatcher: Dispatcher;
  /** Give up on a resolver after this long. */
  timeoutMs?: number;
  /** Once one resolver answered, wait at most this much longer for the others (a blocked one must not stall everything). */
  graceMs?: number;
  /** Record types to ask for. */
  types?: ReadonlyArray<'A' | 'AAAA'>;
}

type RecordType = 'A' | 'AAAA';
interface Rr {
  name: string;
  type: string;
  ttl: number | undefined;
  data: string;
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Validates a host name for a query. */
export function checkHostName(name: string): string {
  const n = normalizeName(name);
  if (!/^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$/.test(n)) {
    throw new UsageError(t('net.notHostName', { name }));
  }
  return n;
}

/** The A/AAAA records that belong to `name`, following its CNAME chain within the answer. */
export function addressesFor(
  name: string,
  records: readonly Rr[],
  type: RecordType,
): Array<{ address: string; ttl: number | undefined }> {
  const names = new Set([normalizeName(name)]);
  for (let hops = 0; hops < 16; hops++) {
    const before = names.size;
    for (const r of records)
      if (r.type === 'CNAME' && names.has(normalizeName(r.name))) names.add(normalizeName(r.data));
    if (names.size === before) break;
  }
  const family = type === 'A' ? 4 : 6;
  return records
    .filter((r) => r.type === type && names.has(normalizeName(r.name)) && isIP(r.data) === family)
    .map((r) => ({ address: r.data, ttl: r.ttl }));
}

async function queryWire(
  resolver: DohResolver,
  name: string,
  type: RecordType,
  options: DohOptions,
  signal: AbortSignal,
): Promise<{ rcode: string; records: Rr[] }> {
  // id 0 as RFC 8484 asks, so identical queries are cacheable.
  const query = dnsPacket.encode({
    type: 'query',
    id: 0,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name, class: 'IN' }],
  });
  const url = new URL(resolver.url);
  url.searchParams.set('dns', query.toString('base64url'));
  const response = await get(url.toString(), {
    dispatcher: options.dispatcher,
    headers: { accept: 'application/dns-message' },
    signal,
    maxRedirects: 3,
  });
  const body = Buffer.from(await response.body.arrayBuffer());
  if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
  const contentType = header(response.headers, 'content-type') ?? '';
  if (!contentType.startsWith('application/dns-message'))
    throw new Error(t('doh.contentType', { type: contentType || t('doh.noContentType') }));
  const packet = dnsPacket.decode(body) as dnsPacket.DecodedPacket & { rcode?: string };
  if (packet.type !== 'response') throw new Error(t('doh.query'));
  const question = packet.questions?.[0];
  if (!question || normalizeName(question.name) !== name || question.type !== type)
    throw new Error(t('doh.otherQuestion'));
  const records = (packet.answers ?? [])
    .filter((a): a is dnsPacket.StringAnswer => typeof (a as { data?: unknown }).data === 'string')
    .map((a) => ({ name: a.name, type: a.type, ttl: a.ttl, data: a.data }));
  return { rcode: packet.rcode ?? 'NOERROR', records };
}

const jsonTypes: Record<number, string> = { 1: 'A', 5: 'CNAME', 28: 'AAAA' };
const rcodes: Record<number, string> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
};

async function queryJson(
  resolver: DohResolver,
  name: string,
  type: RecordType,
  options: DohOptions,
  signal: AbortSignal,
): Promise<{ rcode: string; records: Rr[] }> {
  const url = new URL(resolver.url);
  url.searchParams.set('name', name);
  url.searchParams.set('type', type);
  const response = await get(url.toString(), {
    dispatcher: options.dispatcher,
    headers: { accept: 'application/dns-json' },
    signal,
    maxRedirects: 3,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
  let json: { Status?: unknown; Answer?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new Error(t('doh.notJson'));
  }
  if (typeof json.Status !== 'number') throw new Error(t('doh.noStatus'));
  const answers = Array.isArray(json.Answer) ? (json.Answer as Array<Record<string, unknown>>) : [];
  const records = answers
    .filter(
      (a) =>
        typeof a.name === 'string' &&
        typeof a.type === 'number' &&
        typeof a.data === 'string' &&
        jsonTypes[a.type as number],
    )
    .map((a) => ({
      name: a.name as string,
      type: jsonTypes[a.type as number]!,
      ttl: typeof a.TTL === 'number' ? a.TTL : undefined,
      data: (a.data as string).replace(/\.$/, ''),
    }));
  return { rcode: rcodes[json.Status] ?? `RCODE${json.Status}`, records };
}

async function ask(
  resolver: DohResolver,
  name: string,
  options: DohOptions,
  signal: AbortSignal,
): Promise<{ answer: ResolverAnswer; found: Array<{ address: string; ttl: number | undefined; family: 4 | 6 }> }> {
  const started = performance.now();
  const types = options.types ?? ['A', 'AAAA'];
  const found: Array<{ address: string; ttl: number | undefined; family: 4 | 6 }> = [];
  try {
    const results = await Promise.all(
      types.map((type) =>
        (resolver.format === 'json' ? queryJson : queryWire)(resolver, name, type, options, signal).then((r) => ({
          ...r,
          type,
        })),
      ),
    );
    const failed = results.find((r) => r.rcode !== 'NOERROR' && r.rcode !== 'NXDOMAIN');
    if (failed) throw new Error(t('doh.dnsError', { rcode: String(failed.rcode) }));
    for (const r of results)
      for (const a of addressesFor(name, r.records, r.type)) found.push({ ...a, family: r.type === 'A' ? 4 : 6 });
    const rcode = results.some((r) => r.rcode === 'NOERROR') ? 'NOERROR' : 'NXDOMAIN';
    return {
      answer: {
        resolver: resolver.url,
        format: resolver.format,
        ok: true,
        rcode,
        addresses: found.map((f) => f.address),
        ms: Math.round(performance.now() - started),
      },
      found,
    };
  } catch (error) {
    // NetErrors start with the query URL, which says nothing the resolver's name does not.
    const message =
      error instanceof NetError && error.message.startsWith(`${error.url}: `)
        ? error.message.slice(error.url.length + 2)
        : ((error as Error).message ?? String(error));
    const why = signal.aborted ? 'no answer in time' : message;
    return {
      answer: {
        resolver: resolver.url,
        format: resolver.format,
        ok: false,
        error: why,
        addresses: [],
        ms: Math.round(performance.now() - started),
      },
      found: [],
    };
  }
}

/** Asks every resolver in parallel and merges the A/AAAA answers (addresses in first-seen order, IPv4 first). */
export async function resolveDoh(name: string, options: DohOptions): Promise<DohResult> {
  const query = checkHostName(name);
  const resolvers = options.resolvers?.length ? options.resolvers : defaultResolvers;
  const overall = AbortSignal.timeout(options.timeoutMs ?? 5000);
  const grace = new AbortController();
  const signal = AbortSignal.any([overall, grace.signal]);
  let graceTimer: NodeJS.Timeout | undefined;
  const results = await Promise.all(
    resolvers.map(async (resolver) => {
      const result = await ask(resolver, query, options, signal);
      if (result.answer.ok && !graceTimer) graceTimer = setTimeout(() => grace.abort(), options.graceMs ?? 1500);
      return result;
    }),
  );
  clearTimeout(graceTimer);
  const merged = new Map<string, ResolvedAddress>();
  for (const { answer, found } of results) {
    for (const f of found) {
      const entry = merged.get(f.address) ?? { address: f.address, family: f.family, resolvers: [], ttl: f.ttl };
      if (!entry.resolvers.includes(answer.resolver)) entry.resolvers.push(answer.resolver);
      if (f.ttl !== undefined) entry.ttl = entry.ttl === undefined ? f.ttl : Math.min(entry.ttl, f.ttl);
      merged.set(f.address, entry);
    }
  }
  const addresses = [...merged.values()].sort((a, b) => a.family - b.family);
  return { name: query, addresses, answers: results.map((r) => r.answer) };
}
