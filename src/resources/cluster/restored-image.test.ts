import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import {
  fakeProbeOutput,
  isClusterProbe,
  isReadyPoll,
  type FakeCluster,
  fakeDesired,
} from '../../../test/fakes/cluster-probe.js';
import type { ApplyContext, ReadContext } from '../../engine/resource.js';
import type { ClusterDesired } from './desired.js';
import { clusterResource } from './cluster.js';
import { imageResource, parseRestoredImages, restoredImagesPath } from './image.js';

const image = `kindest/node:v1.36.1@sha256:${'3'.repeat(64)}`;
const id = `sha256:${'7'.repeat(64)}`;
const desired = (over: Partial<ClusterDesired> = {}): ClusterDesired => fakeDesired({ image, ...over });
const record = (ref = image, recorded = id) =>
  JSON.stringify({ [ref]: { id: recorded, backup: 'D:\\b.devbox-backup', at: '2026-11-30T00:00:00Z' } });

/** The engine holds `engineIds` (by id only: no digest, no tag); docker pull is never scripted. */
function world(state: FakeCluster, recordText: string | undefined, engineIds: string[]) {
  const guest = new MemoryGuest(recordText === undefined ? {} : { [restoredImagesPath]: recordText });
  const pulls: string[] = [];
  guest.on((argv) => (isClusterProbe(argv) ? { stdout: fakeProbeOutput(state) } : undefined));
  guest.on((argv) => {
    if (argv.join(' ').startsWith('docker image inspect --format {{.Id}} ')) {
      const ref = argv.at(-1)!;
      return engineIds.includes(ref) ? { stdout: `${ref}\n` } : { code: 1, stderr: `No such image: ${ref}` };
    }
    if (argv[0] === 'docker' && argv[1] === 'pull') pulls.push(argv[2]!);
    return undefined;
  });
  const platform = { os: 'linux' as const, guestDescription: 't' };
  const read: ReadContext = { platform, guest };
  const reports: string[] = [];
  const apply: ApplyContext = { platform, guest, report: (m) => reports.push(m), confirm: async () => true };
  return { guest, read, apply, pulls, reports, state };
}

describe('a node image restored from a backup (loaded by id, no repo digest)', () => {
  it('cluster.image: present by the recorded id, nothing to pull, a note says why', async () => {
    const w = world({ image: undefined }, record(), [id]);
    const r = imageResource(desired());
    const result = r.test(await r.get(w.read));
    expect(result).toMatchObject({ inDesiredState: true, changes: [] });
    expect(result.notes).toEqual([
      `${image} is image ${id.slice(0, 19)}…, restored from D:\\b.devbox-backup ` +
        '(docker load keeps no repo digest): kind is given its id',
    ]);
    expect(w.pulls).toEqual([]);
  });

  it('cluster.image: missing when the engine lacks the id, the record names another image or is damaged', async () => {
    for (const [text, ids] of [
      [record(), []],
      [record(`kindest/node:v1.35.0@sha256:${'4'.repeat(64)}`), [id]],
      [record(image, 'sha256:short'), ['sha256:short']],
      ['{damaged', [id]],
      [undefined, [id]],
    ] as [string | undefined, string[]][]) {
      const w = world({ image: undefined }, text, ids);
      const r = imageResource(desired());
      expect(r.test(await r.get(w.read))).toMatchObject({
        inDesiredState: false,
        action: 'create',
        changes: [{ property: 'image', before: 'missing' }],
      });
    }
  });

  it('cluster.image: a tagged reference or an archive is never taken from the record', async () => {
    for (const d of [
      desired({ image: 'kindest/node:v1.36.1' }),
      desired({ imageArchive: { path: '/srv/node.tar', sha256: 'c'.repeat(64) } }),
    ]) {
      const w = world({ image: undefined }, record(d.image), [id]);
      const r = imageResource(d);
      expect(r.test(await r.get(w.read)).inDesiredState).toBe(false);
    }
  });

  it('cluster.kind: kind is given the id; the node running that id is no drift', async () => {
    const w = world({ image: undefined, nodes: [] }, record(), [id]);
    const ready = {
      metadata: { name: 'devbox-control-plane' },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    w.guest.on((argv, stdin) => {
      if (argv[0] === 'install' || argv[0] === 'chown') return { code: 0 };
      if (argv[0] === 'timeout' && argv[3] === 'create') {
        expect(parse(stdin).nodes.map((n: { image: string }) => n.image)).toEqual([id]);
        w.state.nodes = [{ name: 'devbox-control-plane', image: id }];
        return { code: 0 };
      }
      if (isReadyPoll(argv))
        return {
          stdout: `${JSON.stringify({ items: [ready] })}\nexit=0\n`,
        };
      return undefined;
    });
    const r = clusterResource(desired());
    const actual = await r.get(w.read);
    expect(r.test(actual)).toMatchObject({ inDesiredState: false, action: 'create' });
    await r.apply(actual, w.apply);
    expect(r.test(await r.get(w.read))).toMatchObject({ inDesiredState: true, changes: [] });
    expect(w.pulls).toEqual([]);
  });

  it('cluster.kind: without a record, a node running some id is drift against the reference', async () => {
    const w = world({ image: undefined, nodes: [{ name: 'devbox-control-plane', image: id }] }, undefined, [id]);
    const r = clusterResource(desired());
    expect(r.test(await r.get(w.read)).changes).toEqual(
      expect.arrayContaining([{ property: 'devbox-control-plane image', before: id, after: image }]),
    );
  });

  it('parseRestoredImages keeps only well-formed entries', () => {
    expect(parseRestoredImages('[]')).toEqual({});
    expect(
      parseRestoredImages(JSON.stringify({ a: { id, backup: 'b', at: 'c' }, b: { id: 'x', backup: 'b' }, c: 3 })),
    ).toEqual({ a: { id, backup: 'b', at: 'c' } });
  });
});
