/**
 * How the simulated WSL reads %UserProfile%\.wslconfig: a UTF-8 INI file (a UTF-8 BOM is skipped),
 * [section] headers, key = value, names case-insensitive, # comments (also after a value), the first
 * occurrence of a key wins (microsoft/WSL configfile.cpp). Written for the simulator alone (it does not
 * use devbox's parser).
 */
import { existsSync, readFileSync } from 'node:fs';
import { expandEnv, hostPath } from './drive.js';
import type { SimState } from './state.js';

export type WslConfig = Map<string, string>;

export function parseWslConfig(text: string): WslConfig {
  const values = new Map<string, string>();
  let section = '';
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1]!.trim().toLowerCase();
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = `${section}.${line.slice(0, eq).trim().toLowerCase()}`;
    const value = line
      .slice(eq + 1)
      .replace(/^([^"#]*(?:"[^"]*"[^"#]*)*)#.*$/, '$1')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (!values.has(key)) values.set(key, value);
  }
  return values;
}

export function readWslConfig(dir: string, state: SimState): WslConfig {
  const path = hostPath(dir, expandEnv('%USERPROFILE%\\.wslconfig', state.env));
  return path && existsSync(path) ? parseWslConfig(readFileSync(path, 'utf8')) : new Map();
}

/** A key of [wsl2], also accepted under its old [experimental] spelling. */
export function wsl2Key(config: WslConfig, key: string): string | undefined {
  return config.get(`wsl2.${key.toLowerCase()}`) ?? config.get(`experimental.${key.toLowerCase()}`);
}

export function timeoutMs(config: WslConfig, key: string, fallback: number): number {
  const value = config.get(key);
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : fallback;
}
