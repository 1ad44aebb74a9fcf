/**
 * `hosts.entry`: a name pinned to an address in devbox's block of the Windows hosts file — for names
 * that DNS poisoning breaks (raw.githubusercontent.com, which Scoop needs). Verified, never guessed:
 * `auto` asks several DNS-over-HTTPS resolvers and writes only an address whose server presents a
 * certificate valid for the name; a fixed address is checked the same way unless the manifest opts
 * out (verifyTls: false). An address in the file is checked again on every plan, status and doctor,
 * because these addresses go stale; a stale `auto` entry is replaced by a verified one.
 *
 * The file is edited byte-exactly (hosts/file.ts) and written by the elevated helper with a guarded
 * replace: if another program changed the file since devbox read it, devbox reads it again; while a
 * program holds it open, the write is retried; a read-only attribute stays; the original is backed
 * up once; Windows' DNS cache is flushed after a change. A name that already has an entry outside
 * devbox's block is reported and never doubled (Windows uses the first entry for a name).
 *
 * Note: a hosts entry only defeats DNS poisoning. Where the name is also blocked by SNI filtering,
 * no address passes the TLS check and devbox says so (a proxy is the fix there).
 */
import { isIPv4 } from 'node:net';
import { createHash } from 'node:crypto';
import { ExitCode, UserError } from '../../errors.js';
import { t } from '../../i18n/catalogue.js';
import type { Finding, ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { guardedReplace, type GuardedAttempt } from '../guarded-replace.js';
import type { NetReadPort } from '../../engine/ports/index.js';
import type { VerifiedAddresses } from '../../net/verified-addresses.js';
import type { TlsVerdict } from '../../net/tls-probe.js';
import { expectResult, type HostPort, type HostReadPort } from '../../engine/ports/host.js';
import { entriesFor, hostsPath, parseHosts, setHostsEntry, type HostsLine, type ParsedHosts } from './file.js';

export interface HostsEntryOptions {
  name: string;
  address: 'auto' | string;
  verifyTls: boolean;
  ensure: 'present' | 'absent';
  /** DoH resolvers for `auto` (the manifest's hosts.resolvers). */
  resolvers?: readonly string[];
}

interface Line {
  address: string;
  number: number;
}

interface HostsActual {
  bytes: Buffer;
  exists: boolean;
  parsed: ParsedHosts;
  /** devbox's line for the name. */
  ours?: Line;
  /** Lines for the name outside devbox's block before devbox's line (all of them without one): the first is what Windows uses. */
  outside: Line[];
  /** Lines for the name outside devbox's block after devbox's line: Windows uses the first entry, so these are dead. */
  shadowed: Line[];
  /** TLS verdicts by address, for the addresses that matter. */
  verdicts: Record<string, TlsVerdict>;
  /** DoH + TLS results, when `auto` needs a new address. */
  candidates?: VerifiedAddresses;
}

function toLine(l: HostsLine): Line {
  return { address: l.address!, number: l.number };
}

/** The address `auto` writes: a verified IPv4 address when there is one (IPv6 often does not route), else a verified IPv6 one. */
export function chooseAddress(candidates: VerifiedAddresses | undefined): string | undefined {
  const accepted = candidates?.accepted ?? [];
  return (accepted.find((a) => isIPv4(a.address)) ?? accepted[0])?.address;
}

function why(verdict: TlsVerdict | undefined): string {
  if (!verdict) return t('hosts.tlsNotChecked');
  return verdict.ok ? t('hosts.certificateValid') : (verdict.error ?? verdict.code ?? t('hosts.tlsFailed'));
}

function netOf(ctx: { net?: NetReadPort }): NetReadPort {
  if (!ctx.net) throw new Error('hosts entries need network access to prove addresses');
  return ctx.net;
}

function readHost(ctx: { host?: HostReadPort }): HostReadPort {
  if (!ctx.host) throw new Error(t('guard.hostsWindowsOnly'));
  return ctx.host;
}

/** Why no address can be written, with what each resolver and address said. */
function noVerifiedAddress(name: string, candidates: VerifiedAddresses | undefined): UserError {
  const rejected = (candidates?.rejected ?? []).map((r) =>
    t('hosts.rejected', {
      address: r.address,
      why: String(r.tls.error ?? r.tls.code),
      resolvers: r.resolvers.join(', '),
    }),
  );
  const failed = (candidates?.answers ?? [])
    .filter((a) => !a.ok)
    .map((a) => t('hosts.resolverFailed', { resolver: a.resolver, error: String(a.error) }));
  const found =
    candidates && candidates.rejected.length === 0 && candidates.answers.some((a) => a.ok)
      ? [t('hosts.noAddresses')]
      : [];
  return new UserError(
    t('hosts.noVerifiedAddress', { name, details: [...rejected, ...failed, ...found].join('\n') }),
    ExitCode.applyFailed,
    { code: 'hosts.unverified', suggestions: [t('hosts.useProxyFix'), t('hosts.resolversFix')] },
  );
}

export function hostsEntryResource(
  options: HostsEntryOptions,
  deps: { dependsOn?: string[] } = {},
): ManagedResource<HostsActual> {
  const { name } = options;
  const fixed = options.address === 'auto' ? undefined : options.address;
  const refresh = `devbox up --only 'hosts.entry[${name}]'`;

  /** What devbox's line should say, from the actual state; undefined: no line of ours. */
  function target(actual: HostsActual): { address?: string; error?: UserError } {
    if (options.ensure === 'absent' || actual.outside.length > 0) return {};
    if (fixed) {
      const verdict = actual.verdicts[fixed];
      if (options.verifyTls && !verdict?.ok) {
        return {
          error: new UserError(
            t('hosts.pinnedUnproved', { name, address: fixed, why: why(verdict) }),
            ExitCode.applyFailed,
            { code: 'hosts.unverified', suggestions: [t('hosts.pinnedUnprovedFix', { name })] },
          ),
        };
      }
      return { address: fixed };
    }
    if (actual.ours && actual.verdicts[actual.ours.address]?.ok) return { address: actual.ours.address };
    const chosen = chooseAddress(actual.candidates);
    return chosen ? { address: chosen } : { error: noVerifiedAddress(name, actual.candidates) };
  }

  async function read(host: HostReadPort): Promise<{ bytes: Buffer; exists: boolean }> {
    const [file] = await host.probe([{ op: 'file', path: hostsPath }]);
    const result = expectResult(file, 'file', hostsPath);
    return { bytes: result.content ?? Buffer.alloc(0), exists: result.exists };
  }

  async function write(host: HostPort, address: string | undefined, report: (m: string) => void): Promise<void> {
    const attempt = async (): Promise<GuardedAttempt<void>> => {
      const current = await read(host);
      const content = setHostsEntry(current.bytes, name, address);
      if (content.equals(current.bytes)) return { done: undefined };
      const expectedSha256 = current.exists ? createHash('sha256').update(current.bytes).digest('hex') : null;
      return {
        replace: { path: hostsPath, content, expectedSha256, elevated: true, flushDns: true },
        written: (result) =>
          report(
            t('detail.hostsWritten', {
              name,
              address: address ?? '',
              flushed: Boolean(result.dnsFlushed),
              backup: result.backup ?? '',
            }),
          ),
      };
    };
    await guardedReplace(host, attempt, {
      busy: (message) =>
        new UserError(t('hosts.busy', { error: message }), ExitCode.applyFailed, {
          code: 'hosts.busy',
          suggestions: [t('hosts.busyFix')],
        }),
      race: () => new UserError(t('hosts.race'), ExitCode.applyFailed, { code: 'hosts.race' }),
      changed: () => report(t('detail.hostsChanged')),
    });
  }

  return {
    kind: 'managed',
    type: 'hosts.entry',
    key: name,
    plane: 'host',
    needsElevation: true,
    dependsOn: deps.dependsOn ?? [],
    summary:
      options.ensure === 'absent'
        ? t('summary.hostsRemoved', { name })
        : t('summary.hostsEntry', {
            name,
            address: fixed ?? t('summary.hostsAuto'),
            unverified: Boolean(fixed && !options.verifyTls),
          }),

    async get(ctx) {
      // The hosts file is read first, in the same probe batch as every other host resource.
      const file = await read(readHost(ctx));
      const parsed = parseHosts(file.bytes);
      const { ours, outside } = entriesFor(parsed, name);
      // Windows resolves a name to its FIRST line in the file: reason by position, not by whose block it is in.
      const mine = ours[0];
      const earlier = outside.filter((l) => !mine || l.number < mine.number);
      const later = outside.filter((l) => mine && l.number > mine.number);
      const actual: HostsActual = {
        ...file,
        parsed,
        ...(mine ? { ours: toLine(mine) } : {}),
        outside: earlier.map(toLine),
        shadowed: later.map(toLine),
        verdicts: {},
      };
      if (options.ensure === 'absent' || parsed.blockError) return actual;
      const net = netOf(ctx);
      const check = new Set<string>();
      if (actual.outside[0] && options.verifyTls) check.add(actual.outside[0].address);
      if (actual.ours && options.verifyTls) check.add(actual.ours.address);
      if (fixed && options.verifyTls) check.add(fixed);
      await Promise.all(
        [...check].map(async (address) => (actual.verdicts[address] = await net.probeTls(address, name))),
      );
      const oursValid = actual.ours !== undefined && actual.verdicts[actual.ours.address]?.ok === true;
      if (!fixed && actual.outside.length === 0 && !oursValid)
        actual.candidates = await net.verifiedAddresses(
          name,
          options.resolvers?.length ? { resolvers: options.resolvers } : {},
        );
      return actual;
    },

    test(actual): TestResult {
      if (actual.parsed.blockError) {
        return {
          inDesiredState: false,
          action: 'update',
          changes: [{ property: 'block', before: actual.parsed.blockError, after: 'one devbox block' }],
          notes: [t('note.hostsBlock')],
        };
      }
      const changes: PropertyChange[] = [];
      const notes: string[] = actual.shadowed.map((l) =>
        t('note.hostsShadowed', { line: l.number, address: l.address, name, ours: actual.ours!.number }),
      );
      const first = actual.outside[0];
      if (first) {
        const verdict = actual.verdicts[first.address];
        notes.push(t('note.hostsOutside', { name, line: first.number, address: first.address }));
        if (actual.ours)
          changes.push({
            property: 'devboxLine',
            before: `${actual.ours.address} (line ${actual.ours.number}, unused: the earlier entry wins)`,
            after: null,
          });
        if (options.ensure === 'present' && options.verifyTls && !verdict?.ok) {
          changes.push({
            property: 'address',
            before: `${first.address} (line ${first.number}, outside devbox's block): ${why(verdict)}`,
            after: 'an address with a valid certificate: fix or remove that line',
          });
        }
        return { inDesiredState: changes.length === 0, action: 'update', changes, notes };
      }
      if (options.ensure === 'absent') {
        return actual.ours
          ? {
              inDesiredState: false,
              action: 'delete',
              changes: [{ property: 'address', before: actual.ours.address, after: null }],
            }
          : { inDesiredState: true, changes: [] };
      }
      const { address, error } = target(actual);
      if (actual.ours && address === actual.ours.address) return { inDesiredState: true, changes: [], notes };
      const before = actual.ours
        ? `${actual.ours.address}${options.verifyTls ? ` (${why(actual.verdicts[actual.ours.address])})` : ''}`
        : null;
      const after = address ?? (error ? t('hosts.noVerifiedValue', { error: error.message.split('\n')[0]! }) : null);
      if (actual.ours && fixed && address === undefined)
        notes.push(t('note.hostsPinnedStale', { address: fixed, name }));
      if (!fixed && actual.ours && address) notes.push(t('note.hostsRefreshing', { address: actual.ours.address }));
      if (!fixed && actual.candidates)
        notes.push(
          ...actual.candidates.rejected.map((r) =>
            t('note.hostsRefused', { address: r.address, why: String(r.tls.error ?? r.tls.code) }),
          ),
        );
      changes.push({ property: 'address', before, after });
      return { inDesiredState: false, action: actual.ours ? 'update' : 'create', changes, notes };
    },

    async apply(actual, ctx) {
      if (!ctx.host) throw new Error(t('guard.hostsWindowsOnlyChange'));
      if (actual.parsed.blockError)
        throw new UserError(t('hosts.blockBroken', { error: actual.parsed.blockError }), ExitCode.applyFailed, {
          code: 'hosts.block',
        });
      const first = actual.outside[0];
      if (first && options.ensure === 'present' && options.verifyTls && !actual.verdicts[first.address]?.ok) {
        if (actual.ours) await write(ctx.host, undefined, ctx.report);
        throw new UserError(
          t('hosts.outsideUnproved', {
            name,
            line: first.number,
            address: first.address,
            why: why(actual.verdicts[first.address]),
          }),
          ExitCode.applyFailed,
          { code: 'hosts.outside', suggestions: [t('hosts.outsideUnprovedFix', { line: first.number, refresh })] },
        );
      }
      const { address, error } = target(actual);
      if (error) throw error;
      await write(ctx.host, address, ctx.report);
    },

    diagnose(
      actual,
      hint = (args) => `devbox ${args.map((a) => (/^[\w.-]+$/.test(a) ? a : `'${a}'`)).join(' ')}`,
    ): Finding[] {
      // The fix carries the invocation's -m/--plane/--root when doctor passes its hint builder.
      const refresh = hint(['up', '--only', `hosts.entry[${name}]`]);
      if (actual.parsed.blockError)
        return [
          {
            severity: 'problem',
            message: actual.parsed.blockError,
            fix: t('hosts.blockFix'),
          },
        ];
      const findings: Finding[] = [];
      const describe = (line: Line, inBlock: boolean): Finding => {
        const verdict = actual.verdicts[line.address];
        const at = {
          name,
          address: line.address,
          where: t(inBlock ? 'hosts.inBlock' : 'hosts.outsideBlock'),
          line: line.number,
        };
        if (!options.verifyTls) return { severity: 'ok', message: t('hosts.unverified', at) };
        if (verdict?.ok)
          return {
            severity: 'ok',
            message: t('hosts.valid', {
              ...at,
              issuer: verdict.certificate?.issuer ?? '',
              until: verdict.certificate?.validTo ?? '',
            }),
          };
        return {
          severity: 'problem',
          message: t('hosts.stale', { ...at, why: why(verdict) }),
          fix: inBlock
            ? fixed
              ? t('hosts.pinAnotherFix', { refresh })
              : t('hosts.refreshFix', { refresh })
            : t('hosts.fixLineFix', { line: line.number, refresh }),
        };
      };
      for (const line of actual.outside) findings.push(describe(line, false));
      if (actual.ours) findings.push(describe(actual.ours, true));
      for (const line of actual.shadowed) {
        findings.push({
          severity: 'warning',
          message: t('hosts.duplicate', { name, address: line.address, line: line.number, ours: actual.ours!.number }),
          fix: t('hosts.duplicateFix', { line: line.number }),
        });
      }
      if (!actual.ours && actual.outside.length === 0 && options.ensure === 'present') {
        const chosen = chooseAddress(actual.candidates);
        findings.push({
          severity: 'warning',
          message: t('hosts.noEntry', { name, chosen: chosen ?? '' }),
          fix: refresh,
        });
      }
      return findings;
    },
  };
}
