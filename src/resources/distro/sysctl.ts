/**
 * `distro.sysctl`: kernel parameters, set now (/proc/sys, only where the guest's kernel is the running one)
 * and persisted for the next boot in /etc/sysctl.d/99-devbox.conf, devbox's own file: keys the manifest no
 * longer has are removed from it, comments stay. What wins at boot is modelled in sysctl-order.ts
 * (procps-ng `sysctl --system`, which systemd-sysctl's order is contained in): a line applied after
 * devbox's file that sets a managed key to another value is named in the plan, and `up` comments it out
 * where it lives under /etc, or masks a file outside /etc (/usr/lib, /run …: vendor or runtime files devbox
 * never edits) with a same-named copy in /etc/sysctl.d whose line is commented out.
 */
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { fileText, stdoutText, type OpResult, type RunOp, type WriteOp } from '../../engine/ports/guest.js';
import {
  dottedKey,
  keyPath,
  normalizeValue,
  overridingAssignments,
  parseSysctlLine,
  sysctlConf,
  sysctlDirs,
  type Assignment,
  type SysctlEntry,
} from './sysctl-order.js';
import { disabledMark, restorableLines, withRestored } from './sysctl-restore.js';
import { t } from '../../i18n/catalogue.js';

export { sysctlConf };
export const sysctlFile = '/etc/sysctl.d/99-devbox.conf';

/** Writes one value to a /proc/sys file. Fixed text: the value and path arrive as arguments. */
const writeProcSys = 'printf "%s\\n" "$1" > "$2"';

/**
 * Lists every sysctl file `sysctl --system` could read, NUL-separated: path, kind (l/f/o), whether it stats
 * as a regular file, its resolved path, its content. Fixed text; the directories arrive as arguments.
 */
export const listSysctlFiles = [
  'shopt -s nullglob dotglob',
  'entry() { local k=o r=0; if [ -L "$1" ]; then k=l; elif [ -f "$1" ]; then k=f; fi; [ -f "$1" ] && r=1',
  '  printf "%s\\0%s\\0%s\\0%s\\0" "$1" "$k" "$r" "$(readlink -f -- "$1")"; cat -- "$1" 2>/dev/null; printf "\\0"; }',
  'conf=$1; shift',
  'for d in "$@"; do for f in "$d"/*.conf; do entry "$f"; done; done',
  'if [ -e "$conf" ] || [ -L "$conf" ]; then entry "$conf"; fi',
].join('\n');

const header = '# Managed by devbox: the keys below come from your manifest (distro.sysctl).\n';

/** Parses the listing's output. */
export function parseListing(out: string): SysctlEntry[] {
  const fields = out.split('\0');
  const entries: SysctlEntry[] = [];
  for (let i = 0; i + 4 < fields.length; i += 5) {
    const [path, kind, regular, realPath, text] = fields.slice(i, i + 5) as [string, string, string, string, string];
    entries.push({
      path,
      kind: kind === 'l' ? 'symlink' : kind === 'f' ? 'file' : 'other',
      regular: regular === '1',
      realPath: realPath || path,
      text,
    });
  }
  return entries;
}

/** The /proc/sys file of a key. */
export function procSysPath(key: string): string {
  return `/proc/sys/${keyPath(key)}`;
}

/** Reads the explicit `key = value` lines of a sysctl file, by canonical key (the last occurrence wins). */
export function parseSysctlConf(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const parsed = parseSysctlLine(line);
    if (parsed.kind === 'assign' && !parsed.glob) values.set(parsed.key, parsed.value);
  }
  return values;
}

/** devbox's sysctl.d file for the desired keys (canonical): keys the manifest no longer has go, comments stay. */
export function renderSysctlConf(text: string, desired: ReadonlyMap<string, string>): string {
  const pending = new Map(desired);
  const lines = text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  const out = lines.flatMap((line) => {
    const parsed = parseSysctlLine(line);
    if (parsed.kind === 'none') return [line];
    if (parsed.kind === 'assign' && pending.has(parsed.key)) {
      pending.delete(parsed.key);
      return [`${dottedKey(parsed.key)} = ${desired.get(parsed.key)}`];
    }
    return [];
  });
  if (out.length === 0) out.push(header.trimEnd());
  for (const [key, value] of pending) out.push(`${dottedKey(key)} = ${value}`);
  return `${out.join('\n')}\n`;
}

/** A file's text with the given lines (1-based) commented out, every other byte kept. */
export function disableOverrides(text: string, lines: readonly number[]): string {
  return text
    .split('\n')
    .map((line, i) => (lines.includes(i + 1) ? `${disabledMark}${line}` : line))
    .join('\n');
}

/** Where an overriding line is neutralised: its own file when that lives under /etc, else a mask in /etc/sysctl.d. */
function fixTarget(a: Assignment): { path: string; mask: boolean } {
  if (a.realPath.startsWith('/etc/')) return { path: a.realPath, mask: false };
  return { path: `/etc/sysctl.d/${a.path.slice(a.path.lastIndexOf('/') + 1)}`, mask: true };
}

/** The writes that neutralise the overriding lines, one per file. */
export function overrideFixes(entries: readonly SysctlEntry[], overrides: readonly Assignment[]): WriteOp[] {
  const byTarget = new Map<string, { source: string; mask: boolean; lines: number[] }>();
  for (const a of overrides) {
    const { path, mask } = fixTarget(a);
    const fix = byTarget.get(path) ?? { source: a.realPath, mask, lines: [] };
    fix.lines.push(a.line);
    byTarget.set(path, fix);
  }
  return [...byTarget].map(([path, fix]) => {
    const text = entries.find((e) => e.realPath === fix.source)?.text ?? '';
    const disabled = disableOverrides(text, fix.lines);
    const content = fix.mask
      ? `# devbox: masks ${fix.source} (a same-named file in /etc/sysctl.d hides it), a copy whose lines that ` +
        `distro.sysctl overrides are commented out.\n${disabled}`
      : disabled;
    return { op: 'write' as const, path, content, ...(fix.mask ? { mode: '644' } : {}) };
  });
}

function describeOverride(a: Assignment): PropertyChange {
  const where = a.realPath === a.path ? a.path : `${a.path} (→ ${a.realPath})`;
  const target = fixTarget(a);
  return {
    property: `overridden.${dottedKey(a.key)}`,
    before:
      `${where} line ${a.line}: ${dottedKey(a.key)} = ${a.value} ` +
      `(applied after ${sysctlFile}: it wins at the next boot)`,
    after: target.mask
      ? `masked by ${target.path}, a copy with that line commented out (${a.realPath} itself is left as it is)`
      : 'line commented out',
  };
}

interface SysctlActual {
  fileText: string;
  fileExists: boolean;
  /** Every file `sysctl --system` could read. */
  entries: SysctlEntry[];
  /** Whether the guest's kernel is the running one (never true for another root filesystem). */
  runningKernel: boolean;
  /** Whether that kernel's /proc/sys is there. */
  kernel: boolean;
  /** Runtime values; undefined where the kernel has no such key or is not read. */
  runtime: Record<string, string | undefined>;
}

/** Builds the sysctl resource for the manifest's keys. */
export function sysctlResource(
  values: Readonly<Record<string, string | number>>,
  options: { probeAfter?: string[] } = {},
): ManagedResource<SysctlActual> {
  const desired = new Map(Object.entries(values).map(([k, v]) => [keyPath(k), normalizeValue(v)]));
  const keys = [...desired.keys()];
  return {
    kind: 'managed',
    type: 'distro.sysctl',
    key: sysctlFile,
    plane: 'guest',
    needsElevation: false,
    dependsOn: [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: keys.map((k) => `${dottedKey(k)}=${desired.get(k)}`).join(', '),

    async get(ctx) {
      const runningKernel = ctx.platform.runningKernel === true;
      const list = {
        op: 'run' as const,
        readOnly: true as const,
        argv: ['bash', '-c', listSysctlFiles, 'devbox-sysctl-list', sysctlConf, ...sysctlDirs],
      };
      const results = await ctx.guest.run([
        list,
        ...(runningKernel
          ? [
              { op: 'read' as const, path: '/proc/sys' },
              ...keys.map((k) => ({ op: 'read' as const, path: procSysPath(k) })),
            ]
          : []),
      ]);
      const [listing, procSys, ...runtime] = results as [OpResult, OpResult | undefined, ...OpResult[]];
      if (listing.code !== 0)
        throw new Error(t('probe.cannotListSysctl', { detail: listing.stderr.toString().trim() }));
      const entries = parseListing(stdoutText(listing));
      const own = entries.find((e) => e.path === sysctlFile);
      return {
        entries,
        runningKernel,
        kernel: procSys?.file?.kind === 'dir',
        fileText: own?.text ?? '',
        fileExists: own !== undefined,
        runtime: Object.fromEntries(
          keys.map((k, i) => [
            k,
            runtime[i]?.file?.kind === 'file' ? normalizeValue(fileText(runtime[i]!) ?? '') : undefined,
          ]),
        ),
      };
    },

    test(actual): TestResult {
      const persisted = parseSysctlConf(actual.fileText);
      const changes: PropertyChange[] = [];
      const notes: string[] = [];
      for (const key of keys) {
        const want = desired.get(key)!;
        const now = actual.runtime[key];
        const name = dottedKey(key);
        if (actual.kernel && now === undefined) notes.push(t('note.sysctlNoSuchKey', { name }));
        if (actual.kernel && now !== want)
          changes.push({ property: `runtime.${name}`, before: now ?? '(no such key)', after: want });
        if (persisted.get(key) !== want)
          changes.push({ property: `persisted.${name}`, before: persisted.get(key) ?? null, after: want });
      }
      changes.push(...overridingAssignments(actual.entries, sysctlFile, desired).map(describeOverride));
      if (!actual.runningKernel) notes.push(t('note.sysctlOtherRoot'));
      else if (!actual.kernel) notes.push(t('note.sysctlNoProc'));
      for (const { entry, lines } of restorableLines(actual.entries, desired))
        for (const { line, text } of lines)
          changes.push({
            property: `restored.${entry.realPath}:${line}`,
            before: text,
            after: text.slice(disabledMark.length),
          });
      const stale = [...persisted.keys()].filter((k) => !desired.has(k)).map(dottedKey);
      if (stale.length > 0) changes.push({ property: 'removedKeys', before: stale.join(', '), after: null });
      return { inDesiredState: changes.length === 0, action: actual.fileExists ? 'update' : 'create', changes, notes };
    },

    async apply(actual, ctx) {
      const ops: (WriteOp | RunOp)[] = [];
      const rendered = renderSysctlConf(actual.fileText, desired);
      if (rendered !== actual.fileText || !actual.fileExists) {
        ops.push({ op: 'write', path: sysctlFile, content: rendered, ...(actual.fileExists ? {} : { mode: '644' }) });
      }
      // Lines disabled for keys no longer managed come back first; the overrides are then disabled in that text.
      const restored = withRestored(actual.entries, desired);
      const fixes = overrideFixes(restored, overridingAssignments(actual.entries, sysctlFile, desired));
      ops.push(...fixes);
      for (const { entry } of restorableLines(actual.entries, desired))
        if (!fixes.some((f) => f.path === entry.realPath))
          ops.push({ op: 'write', path: entry.realPath, content: restored.find((e) => e.path === entry.path)!.text });
      const runtimeKeys = actual.kernel ? keys.filter((k) => actual.runtime[k] !== desired.get(k)) : [];
      for (const key of runtimeKeys)
        ops.push({
          op: 'run',
          argv: ['bash', '-c', writeProcSys, 'devbox-sysctl', desired.get(key)!, procSysPath(key)],
        });
      const results = await ctx.guest.run(ops);
      const failures = results
        .map((r, i) => ({ r, op: ops[i]! }))
        .filter(({ r }) => r.code !== 0)
        .map(({ r, op }) => {
          const detail = (r.error ?? r.stderr.toString()).trim();
          return op.op === 'write'
            ? t('probe.cannotWrite', { path: op.path, detail })
            : t('probe.cannotSet', { key: op.argv[5] ?? '', detail });
        });
      if (failures.length > 0) throw new Error(failures.join(t('list.separator')));
      const written = ops.flatMap((op) => (op.op === 'write' ? [op.path] : []));
      ctx.report(t('detail.sysctl', { count: runtimeKeys.length, written: written.join(', ') }));
    },
  };
}
