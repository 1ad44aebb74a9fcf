import { describe, expect, it } from 'vitest';
import type { ClusterDesired } from './desired.js';
import { kindBinaryResource } from './kind-binary.js';
import { NotCheckedInDryRun, type NetPort, type RecordedChange } from '../../engine/ports/index.js';
import { RecordingNet } from '../../platform/net.js';

describe('cluster.kind-binary apply', () => {
  it("reads kind's checksum file from the release URL only, never from a mirror", async () => {
    const asked: string[][] = [];
    const d = {
      kindVersion: 'v0.32.0',
      kindUrls: ['https://release.invalid/kind-linux-amd64', 'http://mirror.invalid/kind-linux-amd64'],
    } as unknown as ClusterDesired;
    const ctx = {
      net: {
        fetchText: (urls: readonly string[]) => {
          asked.push([...urls]);
          return Promise.reject(new Error('stop here'));
        },
        fetchFile: () => Promise.reject(new Error('unscripted')),
      },
      report: () => undefined,
    };
    await expect(kindBinaryResource(d).apply({} as never, ctx as never)).rejects.toThrow('stop here');
    expect(asked).toEqual([['https://release.invalid/kind-linux-amd64.sha256sum']]);
  });

  it("in a dry run with no network, stops at kind's checksum as not checked: no download is recorded", async () => {
    const d = { kindVersion: 'v0.32.0', kindUrls: ['https://release.invalid/kind-linux-amd64'] } as ClusterDesired;
    const offline = { fetchText: () => Promise.reject(new Error('fetch failed')) } as unknown as NetPort;
    const changes: RecordedChange[] = [];
    const ctx = { net: new RecordingNet(offline, changes), report: () => undefined };
    const applied = kindBinaryResource(d).apply({} as never, ctx as never);
    await expect(applied).rejects.toThrow(NotCheckedInDryRun);
    await expect(applied).rejects.toMatchObject({
      what: 'fetch https://release.invalid/kind-linux-amd64.sha256sum',
      why: 'fetch failed',
    });
    expect(changes).toEqual([
      { where: 'devbox', what: 'fetch https://release.invalid/kind-linux-amd64.sha256sum', notRun: true },
    ]);
  });
});
