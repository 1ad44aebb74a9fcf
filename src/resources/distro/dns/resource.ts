/**
 * `distro.dns`: /etc/resolv.conf as a regular file holding the manifest's nameservers, in place of
 * the symlink WSL (/mnt/wsl/resolv.conf), resolvconf (/run/resolvconf/…) or systemd-resolved
 * (/run/systemd/resolve/…) put there. `[network] generateResolvConf = false` is a distro.wslconf
 * resource that depends on this one: written once this succeeded, held back while DNS tunneling is
 * on (when this refuses). After writing, a name must resolve through the
 * new nameservers, or the previous file (or symlink) is put back.
 */
import { ApplyFailedError } from '../../../errors.js';
import type { ManagedResource, PropertyChange, TestResult } from '../../../engine/resource.js';
import { fileText, type FileInfo, type GuestOp, type OpResult } from '../../../engine/ports/guest.js';
import { parseResolvConf, renderResolvConf, tunnelingExplanation, type ResolverSettings } from './resolv.js';
import { dnsProofKey } from '../../../manifest/schema/distro.js';
import { proveOrUndo } from '../prove-or-undo.js';
import { resolvConfPath, tunnelingFrom, tunnelingProbeOps } from './tunneling-probe.js';
import { t } from '../../../i18n/catalogue.js';

export { resolvConfPath } from './tunneling-probe.js';

/** What the manifest asks of DNS. */
export interface DnsDesired extends ResolverSettings {
  immutable: boolean;
  /** A name that must resolve through the nameservers after a change, or false. */
  proveWith: string | false;
  /** The manifest turns WSL's DNS tunneling off (wsl.config.wsl2.dnsTunneling: false). */
  tunnelingOffInManifest: boolean;
}

interface DnsActual {
  file: FileInfo;
  content?: string;
  /** Content of WSL's generated file, when there is one. */
  wslGenerated?: string;
  /** The address DNS tunneling answers on, when it is in use. */
  tunneling?: string;
  /** The filesystem of /etc supports file attributes (chattr). */
  attributes: boolean;
}

function describeFile(file: FileInfo): string {
  switch (file.kind) {
    case 'symlink':
      return `symlink to ${file.target}`;
    case 'missing':
      return 'missing';
    case 'file':
      return 'regular file';
    default:
      return file.kind;
  }
}

function errorText(result: OpResult): string {
  return (
    (result.error ?? `${result.stderr.toString('utf8')}${result.stdout.toString('utf8')}`).trim() ||
    `exit code ${result.code}`
  );
}

/** The operations that put the previous /etc/resolv.conf back. */
function restoreOps(actual: DnsActual): GuestOp[] {
  const { file } = actual;
  if (file.kind === 'symlink') return [{ op: 'run', argv: ['ln', '-sfn', '--', file.target!, resolvConfPath] }];
  if (file.kind === 'file') {
    return [
      {
        op: 'write',
        path: resolvConfPath,
        content: file.content ?? Buffer.alloc(0),
        ...(file.mode ? { mode: file.mode } : {}),
      },
      ...(file.immutable ? [{ op: 'run' as const, argv: ['chattr', '+i', '--', resolvConfPath] }] : []),
    ];
  }
  return [{ op: 'remove', path: resolvConfPath }];
}

const unsupportedAttributes = /Operation not supported|Inappropriate ioctl|not supported/i;

/** Builds the DNS resource. */
export function dnsResource(
  desired: DnsDesired,
  options: { probeAfter?: string[]; dependsOn?: string[] } = {},
): ManagedResource<DnsActual> {
  const content = renderResolvConf(desired);
  return {
    kind: 'managed',
    type: 'distro.dns',
    key: resolvConfPath,
    plane: 'guest',
    needsElevation: false,
    dependsOn: options.dependsOn ?? [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: t('summary.dns', {
      nameservers: desired.nameservers.join(', '),
      search: desired.search.join(' '),
      immutable: desired.immutable,
    }),

    async get(ctx) {
      const results = await ctx.guest.run([
        ...tunnelingProbeOps,
        { op: 'run', argv: ['lsattr', '-d', '/etc'], readOnly: true },
      ]);
      const [resolv, wsl] = results;
      const attrs = results[tunnelingProbeOps.length]!;
      const file = resolv!.file ?? { kind: 'missing', immutable: false };
      if (file.kind === 'dir' || file.kind === 'other')
        throw new Error(t('dns.notAFile', { file: resolvConfPath, directory: file.kind === 'dir' }));
      const current = fileText(resolv!);
      const wslGenerated = fileText(wsl!);
      const tunneling = tunnelingFrom(results);
      return {
        file,
        ...(current !== undefined ? { content: current } : {}),
        ...(wslGenerated !== undefined ? { wslGenerated } : {}),
        ...(tunneling ? { tunneling } : {}),
        attributes: attrs.code === 0,
      };
    },

    test(actual): TestResult {
      const changes: PropertyChange[] = [];
      const notes: string[] = [];
      if (actual.file.kind !== 'file')
        changes.push({ property: resolvConfPath, before: describeFile(actual.file), after: 'regular file' });
      if (actual.content !== content) {
        const now = parseResolvConf(actual.content ?? '');
        const same = (a: readonly string[], b: readonly string[]) => a.join(' ') === b.join(' ');
        if (!same(now.nameservers, desired.nameservers))
          changes.push({ property: 'nameservers', before: now.nameservers, after: [...desired.nameservers] });
        if (!same(now.search, desired.search))
          changes.push({ property: 'search', before: now.search, after: [...desired.search] });
        if (!same(now.options, desired.options))
          changes.push({ property: 'options', before: now.options, after: [...desired.options] });
        if (changes.length === 0)
          changes.push({ property: 'content', before: 'edited by hand', after: 'as devbox writes it' });
      }
      if (desired.immutable && !actual.file.immutable) {
        if (actual.attributes) changes.push({ property: 'immutable', before: false, after: true });
        else notes.push(t('note.noAttributes', { file: resolvConfPath }));
      }
      if (actual.tunneling) {
        notes.push(
          desired.tunnelingOffInManifest
            ? t('note.tunnelingStill', { address: actual.tunneling })
            : tunnelingExplanation(actual.tunneling),
        );
      }
      return {
        inDesiredState: changes.length === 0,
        action: actual.file.kind === 'missing' ? 'create' : 'update',
        changes,
        notes,
      };
    },

    async apply(actual, ctx) {
      if (actual.tunneling && !desired.tunnelingOffInManifest)
        throw new ApplyFailedError(tunnelingExplanation(actual.tunneling), { code: 'dns.tunneling' });
      const rewrite = actual.file.kind !== 'file' || actual.content !== content;
      const makeImmutable = desired.immutable && actual.attributes && (rewrite || !actual.file.immutable);
      const ops: GuestOp[] = [];
      if (rewrite && actual.file.kind === 'file' && actual.file.immutable)
        ops.push({ op: 'run', argv: ['chattr', '-i', '--', resolvConfPath] });
      if (rewrite) ops.push({ op: 'write', path: resolvConfPath, content, mode: '644' });
      if (makeImmutable) ops.push({ op: 'run', argv: ['chattr', '+i', '--', resolvConfPath] });
      const proving = rewrite && desired.proveWith !== false;
      // getent -s dns asks the resolver only (not /etc/hosts), so the name must come from the new nameservers.
      if (proving)
        ops.push({
          op: 'run',
          argv: ['getent', '-s', 'dns', 'ahosts', desired.proveWith as string],
          check: `${desired.proveWith} resolves through ${desired.nameservers.join(', ')}`,
        });
      await proveOrUndo(ctx.guest, {
        change: ops,
        judge: (results) => {
          const failures: string[] = [];
          let resolved = true;
          results.forEach((result, i) => {
            const op = ops[i]!;
            if (result.code === 0) return;
            if (op.op === 'run' && op.argv[0] === 'getent') resolved = false;
            else if (op.op === 'run' && op.argv[1] === '+i' && unsupportedAttributes.test(errorText(result)))
              ctx.report(t('detail.resolvMutable', { file: resolvConfPath, error: errorText(result) }));
            else
              failures.push(
                `${op.op === 'run' ? op.argv.join(' ') : `${op.op} ${resolvConfPath}`}: ${errorText(result)}`,
              );
          });
          if (failures.length > 0) return failures.join('; ');
          if (!resolved)
            return t('dns.notResolved', {
              name: String(desired.proveWith),
              nameservers: desired.nameservers.join(', '),
            });
          return undefined;
        },
        undo: () => [
          ...(makeImmutable ? [{ op: 'run' as const, argv: ['chattr', '-i', '--', resolvConfPath] }] : []),
          ...(rewrite ? restoreOps(actual) : []),
        ],
        failed: (why, restore) => {
          const restoreFailures = restore.filter((r) => r.code !== 0).map(errorText);
          const after = restoreFailures.length
            ? t('dns.notPutBack', { file: resolvConfPath, errors: restoreFailures.join('; ') })
            : t('dns.putBack', { file: resolvConfPath, was: describeFile(actual.file) });
          return new ApplyFailedError(t('dns.failed', { why, after }), {
            code: 'dns.unresolved',
            suggestions: [t('dns.nameserversFix', { key: dnsProofKey })],
          });
        },
      });
      ctx.report(
        rewrite
          ? t('detail.resolvWritten', {
              file: resolvConfPath,
              was: describeFile(actual.file),
              proved: proving ? String(desired.proveWith) : '',
            })
          : t('detail.resolvImmutable', { file: resolvConfPath }),
      );
    },
  };
}
