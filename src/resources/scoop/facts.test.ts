import { setLocale } from '../../i18n/catalogue.js';
import { describe, expect, it } from 'vitest';
import { fakeScoop } from '../../../test/fakes/scoop-probe.js';
import {
  appState,
  bucketState,
  configValue,
  effectiveConfig,
  findRoot,
  originUrl,
  parseConfigBytes,
  repositoryKey,
  resolvedDirs,
  sameRepository,
} from './facts.js';

describe('Scoop facts', () => {
  it('resolves folders as Scoop does: environment, then config.json, then where Scoop is, then defaults', () => {
    const installedAt = 'D:\\Scoop';
    const plain = fakeScoop({ roots: [{ path: installedAt, core: true }] });
    const dirs = resolvedDirs(plain, effectiveConfig(plain, installedAt), installedAt);
    expect(dirs).toEqual({
      root: { path: 'D:\\Scoop', source: 'location of scoop' },
      globalRoot: { path: 'C:\\ProgramData\\scoop', source: 'default' },
      cacheDir: { path: 'D:\\Scoop\\cache', source: 'default' },
    });
    const configured = fakeScoop({
      config: { ROOT_PATH: 'D:\\A', global_path: 'D:\\G' },
      env: { SCOOP_CACHE: { machine: 'E:\\cache' } },
      roots: [],
    });
    expect(resolvedDirs(configured, effectiveConfig(configured, 'D:\\A'), undefined)).toEqual({
      root: { path: 'D:\\A', source: 'config.json' },
      globalRoot: { path: 'D:\\G', source: 'config.json' },
      cacheDir: { path: 'E:\\cache', source: 'environment (machine)' },
    });
    const env = fakeScoop({
      config: { root_path: 'D:\\A' },
      env: { SCOOP: { user: 'F:\\S', process: 'X:\\ignored' } },
      roots: [],
    });
    expect(resolvedDirs(env, effectiveConfig(env, 'D:\\A'), undefined).root).toEqual({
      path: 'F:\\S',
      source: 'environment (user)',
    });
  });

  it('matches config keys case-insensitively and reports a file it cannot read', () => {
    expect(configValue({ SCOOP_REPO: 'x' }, 'scoop_repo')).toEqual({ key: 'SCOOP_REPO', value: 'x' });
    expect(parseConfigBytes('c', Buffer.from('\uFEFF{"a":1}')).values).toEqual({ a: 1 });
    expect(parseConfigBytes('c', Buffer.from('[1]')).error).toBe('it is not a JSON object');
    expect(parseConfigBytes('c', Buffer.from('{')).error).toMatch(/^it is not valid JSON/);
    expect(parseConfigBytes('c', undefined).sha256).toBeNull();
  });

  it('decides installed, failed and absent from current\\manifest.json and install.json', () => {
    const probe = fakeScoop({
      roots: [
        {
          path: 'D:\\S',
          apps: [
            { name: 'Git', version: '2.51.0', bucket: 'main' },
            { name: 'dark', failed: true },
          ],
        },
      ],
    });
    const root = findRoot(probe, 'd:\\s\\');
    expect(appState(root, 'git')).toEqual({
      kind: 'installed',
      version: '2.51.0',
      bucket: 'main',
      architecture: '64bit',
      hold: false,
      updated: '2026-01-02T03:04:05.000Z',
    });
    expect(appState(root, 'dark')).toEqual({
      kind: 'failed',
      reason: 'apps\\dark has no "current"',
      because: 'apps\\dark has no "current"',
      versions: ['1.0'],
    });
    // The reason is a plan's value (English, data); `because` is for the error, in the user's language.
    setLocale('zh-CN');
    try {
      expect(appState(root, 'dark')).toMatchObject({
        reason: 'apps\\dark has no "current"',
        because: 'apps\\dark 中没有 "current"',
      });
    } finally {
      setLocale('en');
    }
    expect(appState(root, 'nope')).toEqual({ kind: 'absent' });
    const broken = {
      ...root!,
      apps: [{ name: 'x', versions: [], current: { manifest: '{"description":"no version"}', install: '{}' } }],
    };
    expect(appState(broken, 'x')).toMatchObject({
      kind: 'failed',
      reason: 'apps\\x\\current\\manifest.json has no version',
    });
    const nightly = {
      ...root!,
      apps: [
        {
          name: 'n',
          versions: [],
          current: { target: '20260101', manifest: '{"version":"nightly"}', install: '{"hold":true}' },
        },
      ],
    };
    expect(appState(nightly, 'n')).toMatchObject({ kind: 'installed', version: '20260101', hold: true });
    const junctionless = {
      ...root!,
      apps: [{ name: 'j', versions: [{ name: '1.0', install: '{"bucket":"main"}' }, { name: '2.0' }] }],
    };
    expect(appState(junctionless, 'j', { noJunction: true })).toMatchObject({
      kind: 'installed',
      version: '1.0',
      bucket: 'main',
    });
  });

  it("reads a bucket's remote from .git\\config and compares remotes as Scoop does", () => {
    const probe = fakeScoop({
      roots: [
        {
          path: 'D:\\S',
          buckets: [
            { name: 'extras', url: 'https://github.com/ScoopInstaller/Extras.git' },
            { name: 'main', git: false },
          ],
        },
      ],
    });
    expect(bucketState(findRoot(probe, 'D:\\S'), 'Extras')).toMatchObject({
      kind: 'present',
      git: true,
      url: 'https://github.com/ScoopInstaller/Extras.git',
    });
    expect(bucketState(findRoot(probe, 'D:\\S'), 'main')).toMatchObject({ kind: 'present', git: false });
    expect(originUrl('[remote "origin"]\n\turl = "https://x/y"\n')).toBe('https://x/y');
    expect(repositoryKey('git@github.com:Owner/Repo.git')).toBe('github.com/owner/repo');
    expect(sameRepository('https://user@github.com/owner/repo/', 'git@github.com:owner/repo.git')).toBe(true);
    expect(sameRepository('https://gitee.com/owner/repo', 'https://github.com/owner/repo')).toBe(false);
  });
});
