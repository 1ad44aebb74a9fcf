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

/**
 * Space-separated parameter lists devbox shares with the user (`kernelCommandLine`): the manifest's
 * parameters are devbox's part; a parameter of the same name (the text before `=`) gives way to it, every
 * other parameter stays where it is.
 */
const parameterListKeys = new Set(['kernelcommandline']);

const paramName = (param: string) => param.split('=')[0]!;

/** The parameter list with the manifest's parameters in place: same-named ones replaced, others kept. */
export function withParameters(current: string | undefined, desired: string): string {
  const mine = desired.split(/\s+/).filter(Boolean);
  const names = new Set(mine.map(paramName));
  const kept = (current ?? '').split(/\s+/).filter((p) => p !== '' && !names.has(paramName(p)));
  return [...kept, ...mine].join(' ');
}

function parametersInPlace(current: string | undefined, desired: string): boolean {
  const have = (current ?? '').split(/\s+/).filter(Boolean);
  return desired
    .split(/\s+/)
    .filter(Boolean)
    .every((p) => have.includes(p) && have.filter((h) => paramName(h) === paramName(p)).length === 1);
}

/** The file's value against the manifest's, as WSL reads it, and the text devbox would write. */
export function compareSetting(doc: WslIniDocument, setting: WslConfigSetting): WslComparison {
  const found = compareWslValue(doc, setting.section, setting.key, setting.value, aliasesOf(setting));
  if (!parameterListKeys.has(setting.key.toLowerCase())) return found;
  const current =
    doc.lookup(setting.section, setting.key).kind === 'set' ? doc.get(setting.section, setting.key) : undefined;
  const desired = String(setting.value);
  return {
    ...found,
    same: current !== undefined && parametersInPlace(current, desired),
    after: encodeWslValue(withParameters(current, desired)),
  };
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
  for (const setting of settings) {
    const found = compareSetting(doc, setting);
    if (found.same) continue;
    const where = doc.lookup(setting.section, setting.key, aliasesOf(setting));
    // The setting's first occurrence may be under its old [experimental] name: that line is the one WSL reads.
    const section = where.kind === 'set' ? where.pair.section : setting.section;
    doc.set(section, where.kind === 'set' ? where.pair.key : setting.key, found.after);
  }
  const text = doc.toString();
  // A new file gets Windows line endings; an existing one keeps its own (WslIniDocument does).
  return actual.exists ? text : text.replace(/\r?\n/g, '\r\n');
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
    expectResult(vmmemWsl, 'processes', 'the WSL VM process') + expectResult(vmmem, 'processes', 'the WSL VM process') >
    0;
  if (!vmRunning) {
    ctx.report('WSL is not running: the new settings apply when it next starts');
    return;
  }
  const running = await runningDistros(host);
  const stops =
    running.length > 0 ? `it stops the running distribution(s) ${running.join(', ')}` : 'no distribution is running';
  let agreed = policy === 'always';
  if (policy === 'ask' && ctx.confirm)
    agreed = await ctx.confirm(`The new .wslconfig settings apply after \`wsl --shutdown\` (${stops}). Run it now?`);
  if (!agreed) {
    ctx.report(
      `WSL keeps its old settings until you run \`wsl --shutdown\` (${stops}) or restart Windows${policy === 'never' ? ' (wsl.shutdown: never)' : ''}`,
    );
    return;
  }
  await shutdownWsl(host);
  ctx.report(`ran wsl --shutdown so the new settings apply (${stops})`);
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
      const changes: PropertyChange[] = [];
      const notes: string[] = [];
      for (const setting of settings) {
        const found = compareSetting(doc, setting);
        notes.push(...found.notes);
        if (!found.same)
          changes.push({ property: `${setting.section}.${setting.key}`, before: found.before, after: found.after });
        if (aliasesOf(setting).length > 0 && doc.get('experimental', setting.key) !== undefined) {
          notes.push(
            `[experimental] ${setting.key} is also set (its old spelling); remove it so only [wsl2] ${setting.key} counts`,
          );
        }
      }
      if (actual.utf16) changes.push({ property: 'encoding', before: 'UTF-16', after: 'UTF-8' });
      if (changes.length > 0)
        notes.push(
          policy === 'never'
            ? 'takes effect after `wsl --shutdown` or a restart'
            : 'takes effect after `wsl --shutdown`, which stops running distributions',
        );
      return { inDesiredState: changes.length === 0, action: actual.exists ? 'update' : 'create', changes, notes };
    },

    async apply(actual, ctx) {
      const host = applyHost(ctx);
      await host.writeFile(wslConfigPath, Buffer.from(renderWslConfig(actual, settings), 'utf8'));
      ctx.report(`wrote ${wslConfigPath}`);
      await restartWslIfAgreed(host, policy, ctx);
    },
  };
}
