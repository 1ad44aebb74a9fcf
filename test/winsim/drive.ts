/**
 * The fake drives (C:\, D:\, ...): Windows paths map onto a directory of the machine per drive
 * letter, case-insensitively (an existing entry is found whatever the case; a new one keeps the case
 * it was given). Names with spaces and non-ASCII characters are kept as they are.
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

/** The Linux path of an absolute Windows path (any drive), or undefined for relative paths. */
export function hostPath(dir: string, windowsPath: string): string | undefined {
  const m = /^([A-Za-z]):\\(.*)$/.exec(windowsPath.replace(/\//g, '\\'));
  if (!m) return undefined;
  let current = join(driveRoot(dir), m[1]!.toLowerCase());
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
  if (!path) throw new Error(`winsim: not an absolute Windows path: ${windowsPath}`);
  mkdirSync(join(path, '..'), { recursive: true });
  return path;
}

/**
 * A file a program was given: a Windows path on the fake drives, or an absolute path of the machine
 * the simulator runs on — a file the calling process wrote itself (devbox's download cache), which
 * on real Windows is a Windows path.
 */
export function toolPath(dir: string, path: string): string | undefined {
  if (path.startsWith('/')) return path;
  return hostPath(dir, path);
}

/** The Windows path of a Linux path on the fake drives (for messages and `current` targets), or undefined. */
export function windowsPathOf(dir: string, linuxPath: string): string | undefined {
  const root = `${driveRoot(dir)}/`;
  if (!linuxPath.startsWith(root)) return undefined;
  const [letter, ...rest] = linuxPath.slice(root.length).split('/');
  return `${letter!.toUpperCase()}:\\${rest.join('\\')}`;
}
