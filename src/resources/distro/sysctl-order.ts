/**
 * Which sysctl file line sets a key at boot, as procps-ng `sysctl --system` decides it (src/sysctl.c,
 * `PreloadSystem`, `Preload`, `parse_setting_line`, `write_setting_list`):
 * - `*.conf` entries (dot files too: readdir) of /etc/sysctl.d, /run/sysctl.d, /usr/local/lib/sysctl.d,
 *   /usr/lib/sysctl.d, /lib/sysctl.d; a basename seen in an earlier directory hides later ones;
 * - sorted by basename with strcmp (byte order), then /etc/sysctl.conf when it stats as a regular file;
 * - every assignment is written in that order, so the last one of a key wins; a `-key = v` line is an
 *   assignment whose errors are ignored, a `-key` line without `=` only excludes glob matches;
 * - a key with glob characters (`*?[`) is expanded against /proc/sys and skips any path that has an explicit
 *   line anywhere (`settinglist_findpath`): a glob never overrides a key devbox writes explicitly.
 * systemd-sysctl (sysctl.d(5), the boot-time loader under WSL with systemd) reads the same directories with
 * the same masking and basename order, but reaches /etc/sysctl.conf only through Debian/Ubuntu's
 * /etc/sysctl.d/99-sysctl.conf → ../sysctl.conf link. procps' order contains systemd's plus sysctl.conf last,
 * so a line that wins in one wins in the other or comes later: modelling procps covers both.
 */

/** The sysctl.d directories, in precedence order for a repeated basename. */
export const sysctlDirs = [
  '/etc/sysctl.d',
  '/run/sysctl.d',
  '/usr/local/lib/sysctl.d',
  '/usr/lib/sysctl.d',
  '/lib/sysctl.d',
] as const;
/** Applied after every sysctl.d file by `sysctl --system`. */
export const sysctlConf = '/etc/sysctl.conf';

/** One entry a sysctl.d directory (or /etc/sysctl.conf) holds. */
export interface SysctlEntry {
  /** The path as listed, e.g. /etc/sysctl.d/99-sysctl.conf. */
  path: string;
  /** The path with every symlink resolved (readlink -f); equal to `path` for a regular file. */
  realPath: string;
  kind: 'file' | 'symlink' | 'other';
  /** Whether the path stats as a regular file (following symlinks). */
  regular: boolean;
  text: string;
}

/** A line that assigns a key. */
export interface Assignment {
  /** The entry it comes from (as applied: the listed path). */
  path: string;
  realPath: string;
  /** 1-based. */
  line: number;
  /** Canonical key: the /proc/sys path relative form, e.g. `net/ipv4/ip_forward`. */
  key: string;
  value: string;
}

/**
 * A key as procps turns it into a /proc/sys path (`slashdot`): when the first separator is `.`, dots and
 * slashes swap (`net.ipv4.conf.eth0/100.rp_filter` → `net/ipv4/conf/eth0.100/rp_filter`); when it is `/` the
 * key is a path already.
 */
export function keyPath(key: string): string {
  const first = /[./]/.exec(key)?.[0];
  if (first !== '.') return key;
  return key.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
}

/** The dotted spelling of a canonical key (what `sysctl` prints). */
export function dottedKey(path: string): string {
  return path.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
}

/** Values compare with runs of whitespace collapsed (/proc/sys prints tabs between fields). */
export function normalizeValue(value: string | number): string {
  return String(value).trim().split(/\s+/).join(' ');
}

const globChars = /[*?[]/;

/** What one line of a sysctl file says, as `parse_setting_line` reads it. */
export type SysctlLine =
  | { kind: 'none' }
  | { kind: 'assign'; key: string; value: string; glob: boolean; ignoreErrors: boolean }
  | { kind: 'exclude'; key: string };

/** Parses one line (without its newline). `lstrip`/`rstrip` are isspace-based, so `\r` goes too. */
export function parseSysctlLine(raw: string): SysctlLine {
  const line = raw.replace(/^\s+/, '');
  if (line.length < 2 || line[0] === '#' || line[0] === ';') return { kind: 'none' };
  const eq = line.indexOf('=');
  if (eq < 0) {
    if (line[0] !== '-') return { kind: 'none' };
    return { kind: 'exclude', key: keyPath(line.slice(1).trimEnd()) };
  }
  const ignoreErrors = line[0] === '-';
  const key = line.slice(ignoreErrors ? 1 : 0, eq).trimEnd();
  return {
    kind: 'assign',
    key: keyPath(key),
    value: normalizeValue(line.slice(eq + 1)),
    glob: globChars.test(key),
    ignoreErrors,
  };
}

/** The files `sysctl --system` applies, in order (entries as listed: directory entries, then sysctl.conf). */
export function appliedFiles(entries: readonly SysctlEntry[]): SysctlEntry[] {
  const byName = new Map<string, SysctlEntry>();
  for (const dir of sysctlDirs) {
    for (const e of entries) {
      const slash = e.path.lastIndexOf('/');
      if (e.path.slice(0, slash) !== dir) continue;
      const name = e.path.slice(slash + 1);
      if (name.length >= 5 && name.endsWith('.conf') && !byName.has(name)) byName.set(name, e);
    }
  }
  const names = [...byName.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const files = names.map((n) => byName.get(n)!);
  const conf = entries.find((e) => e.path === sysctlConf);
  if (conf?.regular) files.push(conf);
  return files;
}

/** Every explicit (non-glob) assignment of the applied files, in the order `sysctl --system` writes them. */
export function assignments(entries: readonly SysctlEntry[]): Assignment[] {
  return appliedFiles(entries).flatMap((e) =>
    e.text.split('\n').flatMap((raw, i): Assignment[] => {
      const parsed = parseSysctlLine(raw);
      if (parsed.kind !== 'assign' || parsed.glob) return [];
      return [{ path: e.path, realPath: e.realPath, line: i + 1, key: parsed.key, value: parsed.value }];
    }),
  );
}

/** The value each key ends with after `sysctl --system` (keys that nothing assigns are absent). */
export function bootValues(entries: readonly SysctlEntry[]): Map<string, Assignment> {
  const out = new Map<string, Assignment>();
  for (const a of assignments(entries)) out.set(a.key, a);
  return out;
}

/**
 * Lines applied after `ownFile` that set a managed key to another value: each would win over devbox's file
 * at the next boot. `desired` is keyed by canonical key. A file reached twice (Debian's 99-sysctl.conf link
 * to sysctl.conf) counts once, under the first path that applies it.
 */
export function overridingAssignments(
  entries: readonly SysctlEntry[],
  ownFile: string,
  desired: ReadonlyMap<string, string>,
): Assignment[] {
  // Where devbox's file is not written yet, it will sit at its name's place.
  const withOwn = entries.some((e) => e.path === ownFile)
    ? entries
    : [...entries, { path: ownFile, realPath: ownFile, kind: 'file' as const, regular: true, text: '' }];
  const order = appliedFiles(withOwn).map((e) => e.path);
  const ownIndex = order.indexOf(ownFile);
  const seen = new Set<string>();
  return assignments(withOwn).filter((a) => {
    const want = desired.get(a.key);
    if (want === undefined || a.value === want || order.indexOf(a.path) <= ownIndex) return false;
    const id = `${a.realPath}:${a.line}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
