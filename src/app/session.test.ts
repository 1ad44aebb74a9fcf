import { describe, expect, it } from 'vitest';
import { openSession } from './session.js';
import { loadManifest } from '../manifest/load.js';
import { memorySources } from '../../test/fixtures/manifests/memory-sources.js';

describe('empty arguments are refused, never read as "not given"', () => {
  it('--root "" (an unset $ROOT) does not fall back to the running system: exit 2', async () => {
    const runtime = () => {
      throw new Error('no runtime may be built for an empty --root');
    };
    await expect(openSession({ manifestRef: 'builtin:default', root: '' }, { runtime })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('--root is empty'),
    });
  });
  it('-m "" is a usage error naming -m, not "it is a directory: <cwd>"', async () => {
    await expect(loadManifest('', { sources: memorySources({}), env: {}, checks: [] })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('-m/--manifest is empty'),
    });
  });
});
