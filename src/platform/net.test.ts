import { describe, expect, it } from 'vitest';
import type { NetPort, RecordedChange } from '../engine/ports/index.js';
import { fetchedFilePath, RecordingNet } from './net.js';

describe('network ports', () => {
  it('gives each fetched file its own folder by sha256 and keeps its name (PowerShell runs only *.ps1)', () => {
    expect(fetchedFilePath('/cache', { sha256: 'AB'.repeat(32), name: 'install.ps1' })).toBe(
      `/cache/files/${'ab'.repeat(16)}/install.ps1`,
    );
    expect(() => fetchedFilePath('/cache', { sha256: 'a'.repeat(64), name: '../x' })).toThrow('not a file name');
  });

  it('records downloads in a dry run and lets checks through', async () => {
    const inner = { probeTls: async () => ({ address: 'a', name: 'n', port: 443, ok: true }) } as unknown as NetPort;
    const changes: RecordedChange[] = [];
    const net = new RecordingNet(inner, changes, { DEVBOX_CACHE_DIR: '/c' });
    expect(
      await net.fetchFile({ urls: ['https://a/x.msi', 'https://b/x.msi'], sha256: 'c'.repeat(64), name: 'x.msi' }),
    ).toEqual({ path: `/c/files/${'c'.repeat(32)}/x.msi`, source: 'recorded' });
    expect((await net.probeTls('a', 'n')).ok).toBe(true);
    expect(changes).toEqual([
      { where: 'devbox', what: `download https://a/x.msi or https://b/x.msi (sha256 ${'c'.repeat(64)})` },
    ]);
  });
});
