/**
 * reg.exe for the few registry values devbox writes (WSL's NAT settings, the RunOnce entry that
 * resumes devbox after a restart, a distribution's default user). Reads go through the host probe.
 */
import { t } from '../../i18n/catalogue.js';
import { ExternalCommandError } from '../../errors.js';
import { decodeWindowsText } from './text.js';
import type { HostPort } from '../../engine/ports/host.js';

export type RegType = 'REG_SZ' | 'REG_EXPAND_SZ' | 'REG_DWORD';

function checkKey(key: string): void {
  if (!/^(HKLM|HKCU)\\[^\u0000-\u001f]+$/.test(key) || key.endsWith('\\'))
    throw new Error(`invalid registry key ${JSON.stringify(key)}`);
}

function checkName(name: string): void {
  if (name === '' || /[\u0000-\u001f\\]/.test(name))
    throw new Error(`invalid registry value name ${JSON.stringify(name)}`);
}

/** `reg add KEY /v NAME /t TYPE /d DATA /f` as argv. */
export function regAddArgs(key: string, name: string, type: RegType, data: string | number): string[] {
  checkKey(key);
  checkName(name);
  const text = String(data);
  if (/[\u0000-\u001f]/.test(text)) throw new Error(`registry data for ${name} contains control characters`);
  if (type === 'REG_DWORD' && !(Number.isInteger(data) && (data as number) >= 0 && (data as number) <= 0xffffffff))
    throw new Error(`REG_DWORD data for ${name} must be an integer 0-4294967295`);
  return ['add', key, '/v', name, '/t', type, '/d', text, '/f'];
}

/** Sets one value; HKLM needs `elevated`. */
export async function regAdd(
  host: HostPort,
  key: string,
  name: string,
  type: RegType,
  data: string | number,
  options: { elevated?: boolean } = {},
): Promise<void> {
  const args = regAddArgs(key, name, type, data);
  const result = await host.exec({ tool: 'reg.exe', args, ...(options.elevated ? { elevated: true } : {}) });
  if (result.exitCode !== 0)
    throw new ExternalCommandError(
      ['reg.exe', ...args],
      result.exitCode,
      decodeWindowsText(result.stderr) + decodeWindowsText(result.stdout),
      t('tool.regSet', { value: `${key}\\${name}` }),
    );
}
