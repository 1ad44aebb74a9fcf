/**
 * Lines `distro.sysctl` commented out in other sysctl files (they would have overridden a managed key)
 * are given back once the manifest no longer sets that key: the user's own setting applies again.
 */
import { parseSysctlLine, type SysctlEntry } from './sysctl-order.js';

/** The prefix devbox puts before a line it disables; removing it restores the line byte for byte. */
export const disabledMark = '# devbox: disabled, distro.sysctl sets this key in 99-devbox.conf: ';

/**
 * Lines devbox commented out (disabledMark) for keys the manifest no longer sets, per file under /etc:
 * the user's own setting applies again once devbox stops managing its key.
 */
export function restorableLines(
  entries: readonly SysctlEntry[],
  desired: ReadonlyMap<string, string>,
): { entry: SysctlEntry; lines: { line: number; text: string }[] }[] {
  return entries
    .filter((e) => e.regular && e.realPath.startsWith('/etc/') && e.text.includes(disabledMark))
    .map((entry) => ({
      entry,
      lines: entry.text.split('\n').flatMap((text, i) => {
        if (!text.startsWith(disabledMark)) return [];
        const parsed = parseSysctlLine(text.slice(disabledMark.length));
        return parsed.kind === 'assign' && !desired.has(parsed.key) ? [{ line: i + 1, text }] : [];
      }),
    }))
    .filter((r) => r.lines.length > 0);
}

/** The entries with those lines given back (same line numbers: only the mark is removed). */
export function withRestored(entries: readonly SysctlEntry[], desired: ReadonlyMap<string, string>): SysctlEntry[] {
  const restore = new Map(restorableLines(entries, desired).map((r) => [r.entry, new Set(r.lines.map((l) => l.line))]));
  return entries.map((e) => {
    const lines = restore.get(e);
    if (!lines) return e;
    const text = e.text
      .split('\n')
      .map((line, i) => (lines.has(i + 1) ? line.slice(disabledMark.length) : line))
      .join('\n');
    return { ...e, text };
  });
}
