/** The simulated registry: keys by path, values by name (case-insensitive, as on Windows). */
import { canonicalKey, keyId, type SimRegistryKey, type SimRegistryValue, type SimState } from './state.js';

export const lxssUserKey = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss';
export const lxssMachineKey = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Lxss';
export const rebootPendingKey =
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending';
export const runOnceKey = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce';

export function getKey(state: SimState, path: string): SimRegistryKey | undefined {
  return state.registry[keyId(path)];
}

export function ensureKey(state: SimState, path: string, options: { volatile?: boolean } = {}): SimRegistryKey {
  const id = keyId(path);
  state.registry[id] ??= { path: canonicalKey(path), values: {}, ...(options.volatile ? { volatile: true } : {}) };
  // Parent keys exist too.
  const parts = canonicalKey(path).split('\\');
  for (let n = parts.length - 1; n >= 2; n--) {
    const parent = parts.slice(0, n).join('\\');
    state.registry[keyId(parent)] ??= { path: parent, values: {} };
  }
  return state.registry[id]!;
}

export function getValue(state: SimState, path: string, name: string): SimRegistryValue | undefined {
  const key = getKey(state, path);
  if (!key) return undefined;
  const found = Object.keys(key.values).find((n) => n.toLowerCase() === name.toLowerCase());
  return found === undefined ? undefined : key.values[found];
}

export function setValue(state: SimState, path: string, name: string, value: SimRegistryValue): void {
  const key = ensureKey(state, path);
  const found = Object.keys(key.values).find((n) => n.toLowerCase() === name.toLowerCase());
  if (found !== undefined && found !== name) delete key.values[found];
  key.values[found ?? name] = value;
}

export function deleteValue(state: SimState, path: string, name: string): boolean {
  const key = getKey(state, path);
  const found = key && Object.keys(key.values).find((n) => n.toLowerCase() === name.toLowerCase());
  if (!key || found === undefined) return false;
  delete key.values[found];
  return true;
}

export function deleteKey(state: SimState, path: string): void {
  const id = keyId(path);
  for (const k of Object.keys(state.registry)) if (k === id || k.startsWith(`${id}\\`)) delete state.registry[k];
}

/** Direct subkeys' names of a key. */
export function subkeys(state: SimState, path: string): string[] {
  const prefix = `${keyId(path)}\\`;
  return Object.entries(state.registry)
    .filter(([id]) => id.startsWith(prefix) && !id.slice(prefix.length).includes('\\'))
    .map(([, key]) => key.path.split('\\').pop()!);
}

export function stringOf(value: SimRegistryValue | undefined): string | undefined {
  return value && typeof value.data === 'string' ? value.data : undefined;
}
