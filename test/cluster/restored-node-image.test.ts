/**
 * A node image a restore loaded, on the real rig (real Docker Engine, real kind): kind is handed the
 * image id — it runs `docker inspect --type=image` and pulls only when that fails — and creates the
 * cluster from it with no registry; devbox's cluster.kind (through the real guest agent) then reads
 * the id from the restore's record and sees no image drift, while without the record the same node
 * is drift against the digest-pinned reference.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKindCluster, ensureDocker, nodeImage, rigUnavailable, type KindCluster } from './rig/index.js';
import { GuestRunner } from '../../src/platform/guest/runner.js';
import { localTransport } from '../../src/platform/guest/transports.js';
import { NodeProcessRunner } from '../../src/platform/process.js';
import type { ClusterDesired } from '../../src/resources/cluster/desired.js';
import { specDrift } from '../../src/resources/cluster/cluster.js';
import { readKind, restoredImagesPath, withImage } from '../../src/resources/cluster/image.js';

const unavailable = rigUnavailable();

describe.runIf(!unavailable)('a restored node image on the real rig: kind is given its id', () => {
  let cluster: KindCluster | undefined;
  const hadRecord = existsSync(restoredImagesPath) ? readFileSync(restoredImagesPath) : undefined;
  const saved = process.env.DOCKER_HOST;
  // A reference pinned by a digest no registry here has: after docker load, this is what devbox up sees.
  const pinned = `devbox-rig-node:restored@sha256:${randomBytes(32).toString('hex')}`;
  let id = '';

  beforeAll(() => {
    const engine = ensureDocker();
    process.env.DOCKER_HOST = engine.host;
    id = engine.docker(['image', 'inspect', '--format', '{{.Id}}', nodeImage(engine)]).trim();
    cluster = createKindCluster(engine, { image: id, name: `dbx-ri-${randomBytes(3).toString('hex')}` });
  }, 1_200_000);

  afterAll(() => {
    cluster?.delete();
    if (hadRecord) writeFileSync(restoredImagesPath, hadRecord);
    else rmSync(restoredImagesPath, { force: true });
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  }, 180_000);

  it('the node runs the id; cluster.kind sees no image drift with the record, drift without it', async () => {
    const c = cluster!;
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const node = c.nodes[0]!;
    expect(c.engine.docker(['inspect', '--format', '{{.Config.Image}}', node]).trim()).toBe(id);
    expect(() => c.engine.docker(['inspect', '--type=image', pinned])).toThrow();

    const guest = new GuestRunner(localTransport(), new NodeProcessRunner());
    const d = { name: c.name, image: pinned, user: '', workers: 0, mounts: [], runc: {} } as unknown as ClusterDesired;
    const imageDrift = (changes: { property: string }[]) => changes.filter((x) => x.property.endsWith(' image'));

    const without = await readKind(guest, d);
    expect(without.restoredImage).toBeUndefined();
    expect(imageDrift(specDrift(without, withImage(d, without)))).toEqual([
      { property: `${node} image`, before: id, after: pinned },
    ]);

    mkdirSync(dirname(restoredImagesPath), { recursive: true });
    const others = hadRecord ? (JSON.parse(hadRecord.toString('utf8')) as object) : {};
    writeFileSync(
      restoredImagesPath,
      JSON.stringify({ ...others, [pinned]: { id, backup: '/b.devbox-backup', at: new Date().toISOString() } }),
    );
    const withRecord = await readKind(guest, d);
    expect(withRecord.restoredImage).toBe(id);
    expect(imageDrift(specDrift(withRecord, withImage(d, withRecord)))).toEqual([]);
  }, 300_000);
});
