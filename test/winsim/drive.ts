/**
 * The fake C:\ drive: Windows paths map onto a directory of the machine, case-insensitively (an
 * existing entry is found whatever the case; a new one keeps the case it was given).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const driveRoot = (dir: string) => join(dir, 'drive');

/** Expands %VAR% references like ExpandEnvironmentVariables (unknown ones stay as they are). */
export function expandEnv(path: string, env: Record<string, string>): string {
  return path.replace(/%([^%]+)%/g, (whole, name: string) => {
    const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? env[key]! : whole;
  });
}

/** The Linux path of a Windows path on C:, or undefined for other drives / relative paths. */
export function hostPath(dir: string, windowsPath: string): string | undefined {
  const m = /^([A-Za-z]):\\(.*)$/.exec(windowsPath.replace(/\//g, '\\'));
  if (!m || m[1]!.toUpperCase() !== 'C') return undefined;
  let current = join(driveRoot(dir), 'c');
  for (const part of m[2]!.split('\\').filter((p) => p !== '' && p !== '.')) {
    if (part === '..') return undefined;
    let name = part;
    if (existsSync(current)) {
      const found = readdirSync(current).find((e) => e.toLowerCase() === part.toLowerCase());
      if (found) name = found;
    }
    current = join(current, name);
  }
  return current;
}

/** Creates the parent directories of a Windows path. */
export function ensureParent(dir: string, windowsPath: string): string {
  const path = hostPath(dir, windowsPath);
  if (!path) throw new Error(`winsim: only C:\\ paths exist on this machine: ${windowsPath}`);
  mkdirSync(join(path, '..'), { recursive: true });
  return path;
}
