/**
 * Windows' display language for src/i18n, read through the host probe (one PowerShell start) and
 * kept for a day in devbox's cache folder: every later command knows it without starting a process.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { HostReadPort } from '../../engine/ports/index.js';
import { cacheDirectory } from '../files.js';
import { makeDirectory } from '../make-directory.js';

const maxAgeMs = 24 * 60 * 60 * 1000;

/** The UI culture from the probe: `zh-CN`, `en-US`; undefined when the probe cannot tell. */
export async function probeUiCulture(host: HostReadPort): Promise<string | undefined> {
  const [result] = await host.probe([{ op: 'uiCulture' }]);
  return result && 'uiCulture' in result && result.uiCulture ? result.uiCulture : undefined;
}

/**
 * The UI culture, from the cache when it is fresh, else from `probe` (and cached). Never throws: a
 * machine whose culture cannot be read speaks English.
 */
export async function cachedUiCulture(
  probe: () => Promise<string | undefined>,
  env: NodeJS.ProcessEnv = process.env,
  now = Date.now(),
): Promise<string | undefined> {
  const file = join(cacheDirectory(env), 'ui-culture.json');
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as { name?: unknown; at?: unknown };
    if (typeof cached.name === 'string' && typeof cached.at === 'number' && now - cached.at < maxAgeMs)
      return cached.name;
  } catch {
    // No cache yet, or an unreadable one: ask Windows.
  }
  let name: string | undefined;
  try {
    name = await probe();
  } catch {
    return undefined;
  }
  if (name === undefined) return undefined;
  try {
    await makeDirectory(cacheDirectory(env));
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify({ name, at: now }));
    await rename(temp, file);
  } catch {
    // A read-only cache folder only costs the next command another probe.
  }
  return name;
}
