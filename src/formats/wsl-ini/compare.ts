/**
 * Comparing a file's setting with a manifest value by what WSL reads, and saying why when WSL cannot read
 * the file's value. Typed keys come from WSL's own tables: WslCoreConfig.cpp (.wslconfig) and
 * WslDistributionConfig.cpp (wsl.conf), e.g. `MemoryString` for sizes, `std::filesystem::path` for paths.
 */
import type { WslIniDocument, WslIniLookup } from './document.js';
import { encodeWslValue, wslKindHint, wslSetting, type WslValueKind } from './values.js';
import { t } from '../../i18n/catalogue.js';

const sizeKeys = new Set(['wsl2.memory', 'wsl2.swap', 'wsl2.defaultvhdsize', 'experimental.swiotlb']);
const pathKeys = new Set([
  'wsl2.swapfile',
  'wsl2.kernel',
  'wsl2.kernelmodules',
  'wsl2.systemdistro',
  'wsl2.crashdumpfolder',
  'wsl2.debugconsolelogfile',
  'general.distributioninstallpath',
]);
const enumKeys = new Set([
  'wsl2.networkingmode',
  'experimental.networkingmode',
  'experimental.automemoryreclaim',
  'automount.cgroups',
]);

/** How WSL parses `section.key`, falling back on the manifest value's own type. */
export function wslValueKind(section: string, key: string, value: string | number | boolean): WslValueKind {
  const name = `${section}.${key}`.toLowerCase();
  if (sizeKeys.has(name)) return 'size';
  if (pathKeys.has(name)) return 'path';
  if (enumKeys.has(name)) return 'enum';
  return typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? 'int' : 'string';
}

export interface WslComparison {
  /** WSL reads the manifest's value from the file as it is. */
  same: boolean;
  /** What the file says for the key (its text as written), or null when WSL finds no value. */
  before: string | null;
  /** The text devbox writes after `key=`. */
  after: string;
  /** Why the file's value is not what WSL reads (rejected value, invalid line, ignored duplicates). */
  notes: string[];
}

/** Compares the key's effective value in `doc` with `value`; `aliases` are other names of the same setting. */
export function compareWslValue(
  doc: WslIniDocument,
  section: string,
  key: string,
  value: string | number | boolean,
  aliases: readonly (readonly [string, string])[] = [],
): WslComparison {
  const kind = wslValueKind(section, key, value);
  const desired = String(value);
  const after = encodeWslValue(desired);
  const found: WslIniLookup = doc.lookup(section, key, aliases);
  const notes: string[] = [];
  const file = doc.dialect;
  if (found.kind === 'absent') return { same: false, before: null, after, notes };
  if (found.kind === 'invalid') {
    notes.push(
      t('note.iniSkipped', { file, line: found.line, reason: found.invalid.reason, setting: `${section}.${key}` }),
    );
    return { same: false, before: found.invalid.raw ?? null, after, notes };
  }
  if (found.kind === 'unread') {
    notes.push(
      t('note.iniUnread', { file, line: found.line, setting: `${section}.${key}`, stoppedAt: found.stoppedAt }),
    );
    return { same: false, before: null, after, notes };
  }
  const { pair } = found;
  if (found.later.length > 0)
    notes.push(
      t('note.iniRepeats', {
        file,
        lines: found.later.join(', '),
        count: found.later.length,
        setting: `${section}.${key}`,
        first: found.line,
      }),
    );
  const actual = wslSetting(kind, pair.value);
  if (actual === undefined) {
    notes.push(
      t('note.iniRejected', { file, line: found.line, pair: `${pair.key}=${pair.raw}`, kind: wslKindHint[kind] }),
    );
    return { same: false, before: pair.raw, after, notes };
  }
  return { same: actual === wslSetting(kind, desired), before: pair.raw, after, notes };
}
