/**
 * `distro.sysctl`: kernel parameters, set now (/proc/sys) and persisted for the next boot in
 * /etc/sysctl.d/99-devbox.conf. Lines of that file that the manifest does not manage are kept.
 */
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { fileText, type OpResult, type RunOp, type WriteOp } from '../../engine/ports/guest.js';

export const sysctlFile = '/etc/sysctl.d/99-devbox.conf';

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

/** Sets keys in a sysctl.d file, rewriting lines that set them and appending the rest. */
export function renderSysctlConf(text: string, desired: ReadonlyMap<string, string>): string {
  const pending = new Map(desired);
  const lines = text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  const out = lines.map((line) => {
    const m = /^\s*-?([^#;=\s][^=]*?)\s*=/.exec(line);
    const key = m ? normalizeKey(m[1]!) : undefined;
    if (key && desired.has(key)) {
      pending.delete(key);
      return `${key} = ${desired.get(key)}`;
    }
    return line;
  });
  if (out.length === 0) out.push(header.trimEnd());
  for (const [key, value] of pending) out.push(`${key} = ${value}`);
  return `${out.join('\n')}\n`;
}

interface SysctlActual {
  fileText: string;
  fileExists: boolean;
  /** Runtime values; undefined where the kernel has no such key. */
  runtime: Record<string, string | undefined>;
}

/** Builds the sysctl resource for the manifest's keys. */
export function sysctlResource(values: Readonly<Record<string, string | number>>, options: { probeAfter?: string[] } = {}): ManagedResource<SysctlActual> {
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
      const results = await ctx.guest.run([{ op: 'read', path: sysctlFile }, ...keys.map((k) => ({ op: 'read' as const, path: procSysPath(k) }))]);
      const [file, ...runtime] = results as [OpResult, ...OpResult[]];
      return {
        fileText: fileText(file) ?? '',
        fileExists: file.file?.kind !== 'missing',
        runtime: Object.fromEntries(keys.map((k, i) => [k, runtime[i]!.file?.kind === 'file' ? normalizeValue(fileText(runtime[i]!) ?? '') : undefined])),
      };
    },

    test(actual): TestResult {
      const persisted = parseSysctlConf(actual.fileText);
      const changes: PropertyChange[] = [];
      const notes: string[] = [];
      for (const key of keys) {
        const want = desired.get(key)!;
        const now = actual.runtime[key];
        if (now === undefined) notes.push(`${key} does not exist in this kernel; check the name`);
        if (now !== want) changes.push({ property: `runtime.${key}`, before: now ?? '(no such key)', after: want });
        if (persisted.get(key) !== want) changes.push({ property: `persisted.${key}`, before: persisted.get(key) ?? null, after: want });
      }
      return { inDesiredState: changes.length === 0, action: actual.fileExists ? 'update' : 'create', changes, notes };
    },

    async apply(actual, ctx) {
      const persisted = parseSysctlConf(actual.fileText);
      const ops: (WriteOp | RunOp)[] = [];
      if (keys.some((k) => persisted.get(k) !== desired.get(k))) {
        ops.push({ op: 'write' as const, path: sysctlFile, content: renderSysctlConf(actual.fileText, desired), ...(actual.fileExists ? {} : { mode: '644' }) });
      }
      const runtimeKeys = keys.filter((k) => actual.runtime[k] !== desired.get(k));
      for (const key of runtimeKeys) ops.push({ op: 'run' as const, argv: ['bash', '-c', writeProcSys, 'devbox-sysctl', desired.get(key)!, procSysPath(key)] });
      const results = await ctx.guest.run(ops);
      const failures = results
        .map((r, i) => ({ r, op: ops[i]! }))
        .filter(({ r }) => r.code !== 0)
        .map(({ r, op }) => `${op.op === 'write' ? `cannot write ${sysctlFile}` : `cannot set ${op.argv[5]}`}: ${(r.error ?? r.stderr.toString()).trim()}`);
      if (failures.length > 0) throw new Error(failures.join('; '));
      ctx.report(`set ${runtimeKeys.length} runtime value(s)${ops[0]?.op === 'write' ? `, wrote ${sysctlFile}` : ''}`);
    },
  };
}
