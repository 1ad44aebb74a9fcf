/**
 * `network.alias`: the guest side of the manifest's `distro.network.fixedIp` (strategy alias), the
 * fixed address as an alias on the distro's interface, now. That it comes back after a restart is
 * wsl.conf's `[boot] command`, set through distro.wslconf (see distro/index.ts), which this
 * resource depends on. The Windows side is `network.fixedIp` (fixed-ip-host.ts).
 */
import { ApplyFailedError } from '../../errors.js';
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { stdoutText, type OpResult, type RunOp } from '../../engine/ports/guest.js';
import {
  aliasIpArgs,
  fixedIpConflicts,
  isWantedAlias,
  staleAliases,
  type FixedIpModel,
  type GuestAddress,
  type GuestRoute,
} from './fixed-ip.js';
import { t } from '../../i18n/catalogue.js';

interface AliasActual {
  interfaces: string[];
  addresses: GuestAddress[];
  routes: GuestRoute[];
}

function parseJson<T>(result: OpResult, what: string): T {
  if (result.code !== 0)
    throw new Error(
      `cannot list ${what}: ${(result.error ?? result.stderr.toString('utf8')).trim() || `exit ${result.code}`} (is iproute2 installed?)`,
    );
  return JSON.parse(stdoutText(result) || '[]') as T;
}

/** Builds the guest side of a fixed IP. */
export function aliasResource(
  model: FixedIpModel,
  options: { probeAfter?: string[]; dependsOn?: string[] } = {},
): ManagedResource<AliasActual> {
  const exact = (a: GuestAddress) => isWantedAlias(model, a);
  const describe = (a: GuestAddress) =>
    `${a.local}/${a.prefixlen}${a.label && a.label !== a.dev ? ` (${a.label})` : ''}`;
  return {
    kind: 'managed',
    type: 'network.alias',
    key: model.interface,
    plane: 'guest',
    needsElevation: false,
    dependsOn: options.dependsOn ?? [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: t('summary.alias', {
      cidr: model.cidr,
      iface: model.interface,
      label: model.label ?? '',
      hostAddress: model.hostAddress,
      strategy: model.strategy,
    }),

    async get(ctx) {
      const [addr, route] = await ctx.guest.run([
        { op: 'run', argv: ['ip', '-j', '-4', 'addr', 'show'], readOnly: true },
        { op: 'run', argv: ['ip', '-j', '-4', 'route', 'show'], readOnly: true },
      ]);
      const links = parseJson<{ ifname: string; addr_info?: { local: string; prefixlen: number; label?: string }[] }[]>(
        addr!,
        'the addresses',
      );
      return {
        interfaces: links.map((l) => l.ifname),
        addresses: links.flatMap((l) =>
          (l.addr_info ?? []).map((a) => ({
            dev: l.ifname,
            local: a.local,
            prefixlen: a.prefixlen,
            ...(a.label ? { label: a.label } : {}),
          })),
        ),
        routes: parseJson<GuestRoute[]>(route!, 'the routes'),
      };
    },

    test(actual): TestResult {
      const changes: PropertyChange[] = [];
      const notes: string[] = [];
      if (!actual.interfaces.includes(model.interface)) {
        changes.push({
          property: 'interface',
          before: `no ${model.interface} (the distro has ${actual.interfaces.join(', ')})`,
          after: model.interface,
        });
        return { inDesiredState: false, changes, notes };
      }
      const conflicts = fixedIpConflicts(model, actual.addresses, actual.routes);
      if (conflicts.length > 0) {
        changes.push({
          property: 'subnet',
          before: `collides: ${conflicts.join('; ')}`,
          after: `${model.subnet} free`,
        });
        notes.push(t('note.pickSubnet'));
      }
      const stale = staleAliases(model, actual.addresses);
      if (!actual.addresses.some(exact) || stale.length > 0) {
        changes.push({
          property: `address on ${model.interface}`,
          before: stale.length ? stale.map(describe) : null,
          after: `${model.cidr}${model.label ? ` (${model.label})` : ''}`,
        });
      }
      return { inDesiredState: changes.length === 0, action: stale.length > 0 ? 'update' : 'create', changes, notes };
    },

    async apply(actual, ctx) {
      if (!actual.interfaces.includes(model.interface)) {
        throw new ApplyFailedError(
          t('network.noInterface', { iface: model.interface, interfaces: actual.interfaces.join(', ') }),
        );
      }
      const conflicts = fixedIpConflicts(model, actual.addresses, actual.routes);
      if (conflicts.length > 0) {
        throw new ApplyFailedError(t('network.conflict', { cidr: model.cidr, conflicts: conflicts.join('; ') }), {
          code: 'network.fixedIp.conflict',
          suggestions: [t('network.conflictFix')],
        });
      }
      // An earlier alias, or this address with another prefix or label, would stay beside the new one.
      const stale = staleAliases(model, actual.addresses);
      const ops: RunOp[] = [
        ...stale.map((a): RunOp => ({
          op: 'run',
          argv: ['ip', 'addr', 'del', `${a.local}/${a.prefixlen}`, 'dev', a.dev],
        })),
        { op: 'run', argv: ['ip', ...aliasIpArgs(model)] },
      ];
      const results = await ctx.guest.run(ops);
      const failed = results.findIndex((r) => r.code !== 0);
      if (failed !== -1) {
        const r = results[failed]!;
        throw new ApplyFailedError(
          `${ops[failed]!.argv.join(' ')} failed: ${(r.error ?? r.stderr.toString('utf8')).trim() || `exit ${r.code}`}`,
        );
      }
      ctx.report(t('detail.aliasAdded', { cidr: model.cidr, iface: model.interface, label: model.label ?? '' }));
    },
  };
}
