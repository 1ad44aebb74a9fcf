import { describe, expect, it } from 'vitest';
import { DamagedPartError } from './restore-files.js';
import { parseScoopJson } from './restore-scoop.js';

const bytes = (v: unknown) => Buffer.from(JSON.stringify(v));
const good = {
  apps: [{ name: 'git', version: '2.47.1', source: 'main', global: false, failed: false, held: false }],
  buckets: [{ name: 'extras', source: 'https://example.invalid/extras', mode: 'bundle', commit: 'a'.repeat(40) }],
  config: { aria2_enabled: true },
};

describe('parseScoopJson', () => {
  it('reads what devbox backup writes', () => {
    const parsed = parseScoopJson('scoop-export.json', bytes(good));
    expect(parsed.apps.map((a) => a.name)).toEqual(['git']);
    expect(parsed.buckets[0]!.commit).toBe('a'.repeat(40));
  });

  it.each([
    ['a bucket name that leaves the buckets folder', { ...good, buckets: [{ ...good.buckets[0], name: '..\\..\\x' }] }],
    ['a commit that git would take for an option', { ...good, buckets: [{ ...good.buckets[0], commit: '--orphan' }] }],
    ['a remote that git would take for an option', { ...good, buckets: [{ ...good.buckets[0], source: '--push' }] }],
    ['an app given as a URL', { ...good, apps: [{ ...good.apps[0], name: 'https://evil.invalid/x.json' }] }],
    ['an app given as an option', { ...good, apps: [{ ...good.apps[0], name: '--global' }] }],
  ])('refuses %s as a damaged part (exit 4), before anything runs', (_what, data) => {
    expect(() => parseScoopJson('scoop-export.json', bytes(data))).toThrow(DamagedPartError);
  });

  it('refuses bytes that are not JSON, or are missing, as a damaged part instead of crashing', () => {
    expect(() => parseScoopJson('scoop-export.json', Buffer.from('{"apps": ['))).toThrow(/not valid JSON/);
    expect(() => parseScoopJson('scoop-export.json', undefined)).toThrow(DamagedPartError);
  });
});
