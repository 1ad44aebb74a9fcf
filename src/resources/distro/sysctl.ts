/**
 * `distro.sysctl`: kernel parameters, set now (/proc/sys) and persisted for the next boot in
 * /etc/sysctl.d/99-devbox.conf, devbox's own file: keys the manifest no longer has are removed from it,
 * comments stay. `sysctl --system` (procps-ng sysctl.c) applies the sysctl.d files in name order and
 * /etc/sysctl.conf LAST (systemd-sysctl reaches it through Debian/Ubuntu's 99-sysctl.conf link, after
 * 99-devbox.conf too): a different value for a managed key there would win at the next boot, so devbox
 * names that line in the plan and comments it out (with a marker) when it applies.
 */
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { fileText, type OpResult, type RunOp, type WriteOp } from '../../engine/ports/guest.js';

export const sysctlFile = '/etc/sysctl.d/99-devbox.conf';
/** Applied after every sysctl.d file by `sysctl --system` (procps-ng), and via 99-sysctl.conf by systemd-sysctl. */
export const sysctlConf = '/etc/sysctl.conf';
const disabledMark = '# devbox: disabled, distro.sysctl sets this key in 99-devbox.conf: ';

/** Writes one value to a /proc/sys file. Fixed text: the value and path arrive as arguments. */
const writeProcSys = 'printf "%s\\n" "$1" > "$2"';

const header = '# Managed by devbox: the keys below come from your manifest (distro.sysctl).\n';

/** `net/ipv4/ip_forward` and `net.ipv4.ip_forward` name the same key. */
function normalizeKey(key: string): string {
  return key.replace(/\//g, '.');
}

/** Values compare with runs of whitespace collapsed (/proc/sys prints tabs between fields). */
function normalizeValue(value: string | number): string {
  return String(value).trim().split(/\s+/).join(' ');
}

/** The /proc/sys file of a key. */
export function procSysPath(key: string): string {
  return `/proc/sys/${normalizeKey(key).replace(/\./g, '/')}`;
}

/** Reads `key = value` lines of a sysctl.d file (the last occurrence wins, as sysctl applies them). */
export function parseSysctlConf(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*-?([^#;=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) values.set(normalizeKey(m[1]!), normalizeValue(m[2]!));
  }
  return values;
}

/** devbox's sysctl.d file for the desired keys: lines of keys the manifest no longer has go, comments stay. */
export function renderSysctlConf(text: string, desired: ReadonlyMap<string, string>): string {
  const pending = new Map(desired);
  const lines = text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  const out = lines.flatMap((line) => {
    const m = /^\s*-?([^#;=\s][^=]*?)\s*=/.exec(line);
    const key = m ? normalizeKey(m[1]!) : undefined;
    if (key && !desired.has(key)) return [];
    if (key && pending.has(key)) {
      pending.delete(key);
      return [`${key} = ${desired.get(key)}`];
    }
    return key ? [] : [line];
  });
  if (out.length === 0) out.push(header.trimEnd());
  for (const [key, value] of pending) out.push(`${key} = ${value}`);
  return `${out.join('\n')}\n`;
}

/** Lines of /etc/sysctl.conf that set a managed key to another value (1-based line numbers). */
export function overridingLines(
  text: string,
  desired: ReadonlyMap<string, string>,
): { line: number; key: string; value: string }[] {
  const found: { line: number; key: string; value: string }[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /^\s*-?([^#;=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) return;
    const key = normalizeKey(m[1]!);
    const want = desired.get(key);
    if (want !== undefined && normalizeValue(m[2]!) !== want)
      found.push({ line: i + 1, key, value: normalizeValue(m[2]!) });
  });
  return found;
}

/** /etc/sysctl.conf with the overriding lines commented out, every other byte kept. */
export function disableOverrides(text: string, lines: readonly number[]): string {
  return text
    .split('\n')
    .map((line, i) => (lines.includes(i + 1) ? `${disabledMark}${line}` : line))
    .join('\n');
}

interface SysctlActual {
  fileText: string;
  fileExists: boolean;
  /** /etc/sysctl.conf, applied after devbox's file. */
  confText: string;
  /** Whether the target has a running kernel's /proc/sys (a bare root filesystem has none). */
  kernel: boolean;
  /** Runtime values; undefined where the kernel has no such key. */
  runtime: Record<string, string | undefined>;
}

/** Builds the sysctl resource for the manifest's keys. */
export function sysctlResource(
  values: Readonly<Record<string, string | number>>,
  options: { probeAfter?: string[] } = {},
): ManagedResource<SysctlActual> {
  const desired = new Map(Object.entries(values).map(([k, v]) => [normalizeKey(k), normalizeValue(v)]));
  const keys = [...desired.keys()];
  return {
    kind: 'managed',
    type: 'distro.sysctl',
    key: sysctlFile,
    plane: 'guest',
    needsElevation: false,
    dependsOn: [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: keys.map((k) => `${k}=${desired.get(k)}`).join(', '),

    async get(ctx) {
      const results = await ctx.guest.run([
        { op: 'read', path: sysctlFile },
        { op: 'read', path: sysctlConf },
        { op: 'read', path: '/proc/sys' },
        ...keys.map((k) => ({ op: 'read' as const, path: procSysPath(k) })),
      ]);
      const [file, conf, procSys, ...runtime] = results as [OpResult, OpResult, OpResult, ...OpResult[]];
      return {
        kernel: procSys.file?.kind === 'dir',
        fileText: fileText(file) ?? '',
        fileExists: file.file?.kind !== 'missing',
        confText: fileText(conf) ?? '',
        runtime: Object.fromEntries(
          keys.map((k, i) => [
            k,
            runtime[i]!.file?.kind === 'file' ? normalizeValue(fileText(runtime[i]!) ?? '') : undefined,
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
        if (actual.kernel && now === undefined) notes.push(`${key} does not exist in this kernel; check the name`);
        if (actual.kernel && now !== want)
          changes.push({ property: `runtime.${key}`, before: now ?? '(no such key)', after: want });
        if (persisted.get(key) !== want)
          changes.push({ property: `persisted.${key}`, before: persisted.get(key) ?? null, after: want });
      }
      for (const o of overridingLines(actual.confText, desired)) {
        changes.push({
          property: `overridden.${o.key}`,
          before: `${sysctlConf} line ${o.line}: ${o.key} = ${o.value} (applied after ${sysctlFile}: it wins at the next boot)`,
          after: 'line commented out',
        });
      }
      if (!actual.kernel)
        notes.push(
          'no /proc/sys here (a root filesystem without a running kernel): only the files are written; the values apply when it boots',
        );
      const stale = [...parseSysctlConf(actual.fileText).keys()].filter((k) => !desired.has(k));
      if (stale.length > 0) changes.push({ property: 'removedKeys', before: stale.join(', '), after: null });
      return { inDesiredState: changes.length === 0, action: actual.fileExists ? 'update' : 'create', changes, notes };
    },

    async apply(actual, ctx) {
      const persisted = parseSysctlConf(actual.fileText);
      const ops: (WriteOp | RunOp)[] = [];
      const rendered = renderSysctlConf(actual.fileText, desired);
      if (keys.some((k) => persisted.get(k) !== desired.get(k)) || rendered !== actual.fileText) {
        ops.push({
          op: 'write' as const,
          path: sysctlFile,
          content: rendered,
          ...(actual.fileExists ? {} : { mode: '644' }),
        });
      }
      const overrides = overridingLines(actual.confText, desired).map((o) => o.line);
      if (overrides.length > 0)
        ops.push({ op: 'write' as const, path: sysctlConf, content: disableOverrides(actual.confText, overrides) });
      const runtimeKeys = actual.kernel ? keys.filter((k) => actual.runtime[k] !== desired.get(k)) : [];
      for (const key of runtimeKeys)
        ops.push({
          op: 'run' as const,
          argv: ['bash', '-c', writeProcSys, 'devbox-sysctl', desired.get(key)!, procSysPath(key)],
        });
      const results = await ctx.guest.run(ops);
      const failures = results
        .map((r, i) => ({ r, op: ops[i]! }))
        .filter(({ r }) => r.code !== 0)
        .map(
          ({ r, op }) =>
            `${op.op === 'write' ? `cannot write ${op.path}` : `cannot set ${op.argv[5]}`}: ${(r.error ?? r.stderr.toString()).trim()}`,
        );
      if (failures.length > 0) throw new Error(failures.join('; '));
      ctx.report(`set ${runtimeKeys.length} runtime value(s)${ops[0]?.op === 'write' ? `, wrote ${sysctlFile}` : ''}`);
    },
  };
}
