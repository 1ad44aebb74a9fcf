/**
 * `wsl.config`: the keys the manifest manages in %UserProfile%\.wslconfig, a UTF-8 INI file WSL
 * reads when its VM starts, compared and edited as WSL reads it (src/formats/wsl-ini). Every other
 * section, key, comment and byte stays as it was. A change only takes effect once the WSL 2 VM
 * restarts; devbox runs `wsl --shutdown` (which stops every running distribution) only when the
 * manifest says `always`, or says `ask` and the user agrees.
 */
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { expectResult, type HostPort } from '../../engine/ports/host.js';
import { runningDistros, shutdownWsl } from '../../platform/windows/wsl.js';
import { compareWslValue, encodeWslValue, WslIniDocument, type WslComparison } from '../../formats/wsl-ini/index.js';
import { applyHost, readHost, wslConfigPath } from './facts.js';
import { ownedParameters, placeMarker, planParameters } from './kernel-params.js';
import { t } from '../../i18n/catalogue.js';

/** One key devbox manages in .wslconfig. */
export interface WslConfigSetting {
  section: 'wsl2' | 'general' | 'experimental';
  key: string;
  value: string | number | boolean;
}

export type ShutdownPolicy = 'ask' | 'always' | 'never';

/** Keys WSL also accepts under [experimental], their old home: one setting, the first of either counts (WslCoreConfig.cpp). */
const legacyExperimentalKeys = new Set(['networkingmode', 'dnstunneling', 'firewall', 'autoproxy']);

function aliasesOf(setting: WslConfigSetting): [string, string][] {
  return setting.section === 'wsl2' && legacyExperimentalKeys.has(setting.key.toLowerCase())
    ? [['experimental', setting.key]]
    : [];
}

/** Space-separated parameter lists devbox shares with the user (kernel-params.ts). */
const parameterListKeys = new Set(['kernelcommandline']);
const isParameterList = (s: Pick<WslConfigSetting, 'key'>) => parameterListKeys.has(s.key.toLowerCase());
/** Where devbox's kernel parameters live; also looked at when the manifest sets none (to take back its own). */
const kernelCommandLine: WslConfigSetting = { section: 'wsl2', key: 'kernelCommandLine', value: '' };

/**
 * The file's value against the manifest's, as WSL reads it, and the text devbox would write. `owned`: the
 * kernel parameters the file lists as devbox's own (its marker comment).
 */
export function compareSetting(
  doc: WslIniDocument,
  setting: WslConfigSetting,
  owned: readonly string[] = [],
): WslComparison & { owned?: string[] } {
  const found = compareWslValue(doc, setting.section, setting.key, setting.value, aliasesOf(setting));
  if (!isParameterList(setting)) return found;
  const current =
    doc.lookup(setting.section, setting.key).kind === 'set' ? doc.get(setting.section, setting.key) : undefined;
  const plan = planParameters(current, String(setting.value), owned);
  return {
    ...found,
    same: plan.same && (current !== undefined || String(setting.value) === ''),
    after: encodeWslValue(plan.value),
    owned: plan.owned,
  };
}

/** The manifest's settings plus, when it sets no kernelCommandLine, that key with no parameters of devbox's. */
function withParameterLists(settings: readonly WslConfigSetting[]): WslConfigSetting[] {
  return settings.some(isParameterList) ? [...settings] : [...settings, kernelCommandLine];
}

/** How a manifest value is written into .wslconfig when the file has no value for it. */
export function wslConfigValue(setting: WslConfigSetting): string {
  return encodeWslValue(String(setting.value));
}

/** Compares a value from the file with the manifest's the way WSL reads it. */
export function sameWslConfigValue(setting: WslConfigSetting, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  return compareSetting(WslIniDocument.parse(`[${setting.section}]\n${setting.key}=${actual}\n`, '.wslconfig'), setting)
    .same;
}

interface ConfigActual {
  exists: boolean;
  /** The file as text (a UTF-8 BOM stays part of it). */
  text: string;
  /** UTF-16 files are rewritten as UTF-8: WSL reads .wslconfig as UTF-8. */
  utf16: boolean;
}

/** Decodes .wslconfig bytes: UTF-16LE only with its BOM, otherwise UTF-8. */
export function decodeWslConfig(bytes: Buffer): { text: string; utf16: boolean } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: bytes.subarray(2).toString('utf16le'), utf16: true };
  return { text: bytes.toString('utf8'), utf16: false };
}

/** The new file content for the desired settings. */
export function renderWslConfig(actual: ConfigActual, settings: readonly WslConfigSetting[]): string {
  const doc = WslIniDocument.parse(actual.text, '.wslconfig');
  const owned = ownedParameters(actual.text);
  let marker: string[] | undefined;
  let emptied = false;
  for (const setting of withParameterLists(settings)) {
    const found = compareSetting(doc, setting, owned);
    if (found.same) continue;
    if (found.owned) marker = found.owned;
    if (found.owned && found.after === encodeWslValue('') && setting.value === '') {
      // Every parameter was devbox's: the key goes with them rather than staying as an empty value.
      emptied = true;
      continue;
    }
    const where = doc.lookup(setting.section, setting.key, aliasesOf(setting));
    // The setting's first occurrence may be under its old [experimental] name: that line is the one WSL reads.
    const section = where.kind === 'set' ? where.pair.section : setting.section;
    doc.set(section, where.kind === 'set' ? where.pair.key : setting.key, found.after);
  }
  let text = doc.toString();
  if (marker) {
    const where = WslIniDocument.parse(text, '.wslconfig').lookup(kernelCommandLine.section, kernelCommandLine.key);
    const line = where.kind === 'set' ? where.line : undefined;
    text = placeMarker(emptied && line !== undefined ? dropLine(text, line) : text, emptied ? undefined : line, marker);
  }
  // A new file gets Windows line endings; an existing one keeps its own (WslIniDocument does).
  return actual.exists ? text : text.replace(/\r?\n/g, '\r\n');
}

/** The text without its line `line` (1-based). */
function dropLine(text: string, line: number): string {
  const lines = text.split('\n');
  lines.splice(line - 1, 1);
  return lines.join('\n');
}

async function restartWslIfAgreed(
  host: HostPort,
  policy: ShutdownPolicy,
  ctx: { report(m: string): void; confirm?(q: string): Promise<boolean> },
): Promise<void> {
  const [vmmemWsl, vmmem] = await host.probe([
    { op: 'process', name: 'vmmemWSL' },
    { op: 'process', name: 'vmmem' },
  ]);
  const vmRunning =
    expectResult(vmmemWsl, 'processes', t('probe.what.vmProcess')) +
      expectResult(vmmem, 'processes', t('probe.what.vmProcess')) >
    0;
  if (!vmRunning) {
    ctx.report(t('detail.wslNotRunning'));
    return;
  }
  const running = await runningDistros(host);
  const stops =
    running.length > 0 ? t('detail.wslStops', { distros: running.join(', ') }) : t('detail.noDistroRunning');
  let agreed = policy === 'always';
  if (policy === 'ask' && ctx.confirm) agreed = await ctx.confirm(t('detail.wslShutdownQuestion', { stops }));
  if (!agreed) {
    ctx.report(t('detail.wslOldSettings', { stops, never: policy === 'never' }));
    return;
  }
  await shutdownWsl(host);
  ctx.report(t('detail.wslShutDown', { stops }));
}

export function wslConfigResource(
  settings: readonly WslConfigSetting[],
  policy: ShutdownPolicy,
): ManagedResource<ConfigActual> {
  return {
    kind: 'managed',
    type: 'wsl.config',
    key: '.wslconfig',
    plane: 'host',
    needsElevation: false,
    dependsOn: [],
    summary: `%UserProfile%\\.wslconfig: ${settings.map((s) => `${s.section}.${s.key}=${wslConfigValue(s)}`).join(', ')}`,

    async get(ctx) {
      const [file] = await readHost(ctx).probe([{ op: 'file', path: wslConfigPath }]);
      const found = expectResult(file, 'file', wslConfigPath);
      if (!found.exists) return { exists: false, text: '', utf16: false };
      return { exists: true, ...decodeWslConfig(found.content ?? Buffer.alloc(0)) };
    },

    test(actual): TestResult {
      const doc = WslIniDocument.parse(actual.text, '.wslconfig');
      const owned = ownedParameters(actual.text);
      const changes: PropertyChange[] = [];
      const notes: string[] = [];
      for (const setting of withParameterLists(settings)) {
        const found = compareSetting(doc, setting, owned);
        notes.push(...found.notes);
        if (!found.same)
          changes.push({ property: `${setting.section}.${setting.key}`, before: found.before, after: found.after });
        if (aliasesOf(setting).length > 0 && doc.get('experimental', setting.key) !== undefined) {
          notes.push(t('note.oldSpelling', { key: setting.key }));
        }
      }
      if (actual.utf16) changes.push({ property: 'encoding', before: 'UTF-16', after: 'UTF-8' });
      if (changes.length > 0)
        notes.push(policy === 'never' ? t('note.afterShutdownOrRestart') : t('note.afterShutdown'));
      return { inDesiredState: changes.length === 0, action: actual.exists ? 'update' : 'create', changes, notes };
    },

    async apply(actual, ctx) {
      const host = applyHost(ctx);
      await host.writeFile(wslConfigPath, Buffer.from(renderWslConfig(actual, settings), 'utf8'));
      ctx.report(t('detail.wrote', { file: wslConfigPath }));
      await restartWslIfAgreed(host, policy, ctx);
    },
  };
}
