/**
 * `wsl.config`: the keys the manifest manages in %UserProfile%\.wslconfig, a UTF-8 INI file WSL
 * reads when its VM starts. Every other section, key, comment and byte stays as it was (the INI
 * editor of wsl.conf, IniDocument, does the editing). A change only takes effect once the WSL 2 VM
 * restarts; devbox runs `wsl --shutdown` (which stops every running distribution) only when the
 * manifest says `always`, or says `ask` and the user agrees.
 */
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { expectResult, type HostPort } from '../../engine/ports/host.js';
import { runningDistros, shutdownWsl } from '../../platform/windows/wsl.js';
import { IniDocument, iniValue, sameIniValue } from '../distro/ini.js';
import { applyHost, readHost, wslConfigPath } from './facts.js';

/** One key devbox manages in .wslconfig. */
export interface WslConfigSetting {
  section: 'wsl2' | 'general' | 'experimental';
  key: string;
  value: string | number | boolean;
}

export type ShutdownPolicy = 'ask' | 'always' | 'never';

/** Keys whose values are sizes (8GB = 8192MB) and paths (written with doubled backslashes). */
const sizeKeys = new Set(['memory', 'swap']);
const pathKeys = new Set(['swapfile', 'kernel', 'kernelmodules']);
/** Keys WSL also accepts under [experimental], their old home. */
const legacyExperimentalKeys = new Set(['networkingmode', 'dnstunneling', 'firewall', 'autoproxy']);

function sizeInBytes(text: string): number | undefined {
  const m = /^\s*(\d+)\s*(B|KB|MB|GB|TB)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }[(m[2] ?? 'B').toUpperCase() as 'B'];
  return Number(m[1]) * unit;
}

/** How a manifest value is written into .wslconfig. */
export function wslConfigValue(setting: WslConfigSetting): string {
  const text = iniValue(setting.value);
  return pathKeys.has(setting.key.toLowerCase()) ? text.replace(/\\/g, '\\\\') : text;
}

/** Compares a value from the file with the manifest's the way WSL reads it. */
export function sameWslConfigValue(setting: WslConfigSetting, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  const key = setting.key.toLowerCase();
  if (sizeKeys.has(key)) {
    const a = sizeInBytes(actual.replace(/^"(.*)"$/, '$1'));
    return a !== undefined && a === sizeInBytes(String(setting.value));
  }
  if (pathKeys.has(key)) return actual.replace(/^"(.*)"$/, '$1').replace(/\\\\/g, '\\').toLowerCase() === String(setting.value).toLowerCase();
  return sameIniValue(actual, setting.value);
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
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), utf16: true };
  return { text: bytes.toString('utf8'), utf16: false };
}

/** The new file content for the desired settings. */
export function renderWslConfig(actual: ConfigActual, settings: readonly WslConfigSetting[]): string {
  const doc = IniDocument.parse(actual.text);
  for (const setting of settings) {
    if (!sameWslConfigValue(setting, doc.get(setting.section, setting.key))) doc.set(setting.section, setting.key, wslConfigValue(setting));
  }
  const text = doc.toString();
  // A new file gets Windows line endings; an existing one keeps its own (IniDocument does).
  return actual.exists ? text : text.replace(/\r?\n/g, '\r\n');
}

async function restartWslIfAgreed(host: HostPort, policy: ShutdownPolicy, ctx: { report(m: string): void; confirm?(q: string): Promise<boolean> }): Promise<void> {
  const [vmmemWsl, vmmem] = await host.probe([
    { op: 'process', name: 'vmmemWSL' },
    { op: 'process', name: 'vmmem' },
  ]);
  const vmRunning = expectResult(vmmemWsl, 'processes', 'the WSL VM process') + expectResult(vmmem, 'processes', 'the WSL VM process') > 0;
  if (!vmRunning) {
    ctx.report('WSL is not running: the new settings apply when it next starts');
    return;
  }
  const running = await runningDistros(host);
  const stops = running.length > 0 ? `it stops the running distribution(s) ${running.join(', ')}` : 'no distribution is running';
  let agreed = policy === 'always';
  if (policy === 'ask' && ctx.confirm) agreed = await ctx.confirm(`The new .wslconfig settings apply after \`wsl --shutdown\` (${stops}). Run it now?`);
  if (!agreed) {
    ctx.report(`WSL keeps its old settings until you run \`wsl --shutdown\` (${stops}) or restart Windows${policy === 'never' ? ' (wsl.shutdown: never)' : ''}`);
    return;
  }
  await shutdownWsl(host);
  ctx.report(`ran wsl --shutdown so the new settings apply (${stops})`);
}

export function wslConfigResource(settings: readonly WslConfigSetting[], policy: ShutdownPolicy): ManagedResource<ConfigActual> {
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
      const doc = IniDocument.parse(actual.text);
      const changes: PropertyChange[] = [];
      const notes: string[] = [];
      for (const setting of settings) {
        const current = doc.get(setting.section, setting.key);
        if (!sameWslConfigValue(setting, current)) changes.push({ property: `${setting.section}.${setting.key}`, before: current ?? null, after: wslConfigValue(setting) });
        if (setting.section === 'wsl2' && legacyExperimentalKeys.has(setting.key.toLowerCase()) && doc.get('experimental', setting.key) !== undefined) {
          notes.push(`[experimental] ${setting.key} is also set (its old spelling); remove it so only [wsl2] ${setting.key} counts`);
        }
      }
      if (actual.utf16) changes.push({ property: 'encoding', before: 'UTF-16', after: 'UTF-8' });
      if (changes.length > 0) notes.push(policy === 'never' ? 'takes effect after `wsl --shutdown` or a restart' : 'takes effect after `wsl --shutdown`, which stops running distributions');
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
