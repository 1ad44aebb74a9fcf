/**
 * What `distro.apt` reads in the guest, as one batch of read-only operations: the distribution, its
 * architecture, every apt source file, apt's cached Release origins, Debian's own statement of its
 * archive, whether a CA bundle exists, and which of the wanted packages are installed.
 */
import { t } from '../../../i18n/catalogue.js';
import type { GuestReadOp, GuestReadPort, OpResult } from '../../../engine/ports/guest.js';
import { fileText, stdoutText } from '../../../engine/ports/guest.js';
import { parseOsRelease, type DistroInfo } from './archives.js';
import type { SourceFile } from './rewrite.js';

/**
 * Every source file apt reads, each as `b<base64 path> b<base64 content> <0|1>`, the last field
 * saying whether devbox keeps a backup of it (devbox wrote it before). Fixed text: no values spliced in.
 */
const listSourcesScript = `for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  b=0; [ -e "/var/backups/devbox$f" ] && b=1
  printf 'b%s b%s %s\\n' "$(printf %s "$f" | base64 -w0)" "$(base64 -w0 <"$f")" "$b"
done`;

/** apt's cached Release files with their Origin, as `name<TAB>origin` lines. */
const listOriginsScript = `for f in /var/lib/apt/lists/*Release; do
  [ -f "$f" ] || continue
  o=$(grep -m1 '^Origin:' "$f" 2>/dev/null)
  printf '%s\\t%s\\n' "\${f##*/}" "\${o#Origin: }"
done`;

/** Where Debian's apt package documents the distribution's own archives. */
export const aptExamplesPath = '/usr/share/doc/apt/examples/sources.list';

const caBundle = '/etc/ssl/certs/ca-certificates.crt';

/** The guest's apt state. */
export interface AptProbe {
  distro?: DistroInfo;
  /** os-release ID when the distribution is neither Debian nor Ubuntu based. */
  unsupportedId?: string;
  files: SourceFile[];
  /** Source files devbox changed before (it keeps their originals under /var/backups/devbox). */
  writtenByDevbox: Set<string>;
  listOrigins: Map<string, string>;
  examples?: string;
  /** A CA bundle exists, so apt can use https mirrors. */
  https: boolean;
  /** Package name → installed version, or null when not installed. */
  installed: Map<string, string | null>;
}

function ok(result: OpResult, what: string): OpResult {
  if (result.code !== 0)
    throw new Error(
      t('probe.cannotRead', {
        what,
        detail: (result.error ?? result.stderr.toString('utf8')).trim() || t('probe.exit', { code: result.code }),
      }),
    );
  return result;
}

const b64 = (field: string) => Buffer.from(field.replace(/^b/, ''), 'base64');

/** Reads everything `distro.apt` needs in one guest call. */
export async function probeApt(guest: GuestReadPort, packages: readonly string[]): Promise<AptProbe> {
  const names = [...new Set(packages.map((p) => p.split('=')[0]!))];
  const ops: GuestReadOp[] = [
    { op: 'read', path: '/etc/os-release' },
    { op: 'run', argv: ['dpkg', '--print-architecture'], readOnly: true },
    { op: 'run', argv: ['bash', '-c', listSourcesScript], readOnly: true },
    { op: 'run', argv: ['bash', '-c', listOriginsScript], readOnly: true },
    { op: 'read', path: aptExamplesPath },
    { op: 'run', argv: ['test', '-s', caBundle], readOnly: true },
    ...(names.length > 0
      ? [
          {
            op: 'run' as const,
            argv: ['dpkg-query', '-W', '-f', '${Package}\\t${Version}\\t${db:Status-Abbrev}\\n', ...names],
            readOnly: true as const,
          },
        ]
      : []),
  ];
  const [osRelease, arch, sources, origins, examples, ca, query] = await guest.run(ops);

  const os = parseOsRelease(fileText(osRelease!) ?? '');
  const writtenByDevbox = new Set<string>();
  const files = stdoutText(ok(sources!, t('probe.aptSources')))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [path, content, backup] = line.split(' ');
      const file = { path: b64(path!).toString('utf8'), text: b64(content ?? 'b').toString('latin1') };
      if (backup === '1') writtenByDevbox.add(file.path);
      return file;
    });
  const listOrigins = new Map<string, string>();
  for (const line of stdoutText(origins!).split('\n')) {
    const [name, origin] = line.split('\t');
    if (name && origin) listOrigins.set(name.replace(/(In)?Release$/, ''), origin.trim());
  }
  const installed = new Map<string, string | null>(names.map((n) => [n, null]));
  // dpkg-query exits 1 when a name is unknown, and still prints the others.
  for (const line of query ? stdoutText(query).split('\n') : []) {
    const [name, version, status] = line.split('\t');
    if (name && installed.has(name) && status?.startsWith('ii')) installed.set(name, version ?? '');
  }
  const examplesText =
    examples!.file?.kind === 'file' || examples!.file?.kind === 'symlink' ? fileText(examples!) : undefined;
  return {
    ...(os
      ? { distro: { ...os, arch: stdoutText(ok(arch!, t('probe.dpkgArch'))).trim() } }
      : { unsupportedId: /^ID=(.*)$/m.exec(fileText(osRelease!) ?? '')?.[1] ?? 'unknown' }),
    files,
    writtenByDevbox,
    listOrigins,
    ...(examplesText !== undefined ? { examples: examplesText } : {}),
    https: ca!.code === 0,
    installed,
  };
}
