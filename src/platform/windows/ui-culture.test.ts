import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeHost } from '../../../test/fakes/fake-host.js';
import { cachedUiCulture, probeUiCulture } from './ui-culture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function cacheEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'devbox-culture-'));
  dirs.push(dir);
  return { DEVBOX_CACHE_DIR: dir };
}

describe('the Windows display language', () => {
  it('is one probe operation', async () => {
    const host = new FakeHost();
    host.uiCulture = 'zh-CN';
    expect(await probeUiCulture(host)).toBe('zh-CN');
    expect(host.probes).toEqual([[{ op: 'uiCulture' }]]);
  });

  it('is asked once a day: a fresh cache answers, a stale one is asked again', async () => {
    const env = cacheEnv();
    let asked = 0;
    const probe = async () => (asked++, 'zh-CN');
    const day = 24 * 60 * 60 * 1000;
    expect(await cachedUiCulture(probe, env, 1_000)).toBe('zh-CN');
    expect(await cachedUiCulture(async () => 'en-US', env, 1_000 + day - 1)).toBe('zh-CN');
    expect(asked).toBe(1);
    expect(await cachedUiCulture(async () => 'en-US', env, 1_000 + day)).toBe('en-US');
    expect(JSON.parse(readFileSync(join(env.DEVBOX_CACHE_DIR!, 'ui-culture.json'), 'utf8'))).toEqual({
      name: 'en-US',
      at: 1_000 + day,
    });
  });

  it('never stops devbox: a failed probe, a damaged cache or an unwritable cache folder', async () => {
    const env = cacheEnv();
    writeFileSync(join(env.DEVBOX_CACHE_DIR!, 'ui-culture.json'), '{not json');
    expect(
      await cachedUiCulture(async () => {
        throw new Error('powershell.exe is gone');
      }, env),
    ).toBeUndefined();
    const file = join(env.DEVBOX_CACHE_DIR!, 'a-file');
    writeFileSync(file, '');
    expect(await cachedUiCulture(async () => 'zh-CN', { DEVBOX_CACHE_DIR: join(file, 'cache') })).toBe('zh-CN');
  });
});
