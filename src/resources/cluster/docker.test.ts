import { describe, expect, it } from 'vitest';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import { fakeDesired, fakeProbeOutput, isClusterProbe } from '../../../test/fakes/cluster-probe.js';
import { executePlan } from '../../engine/executor.js';
import { MemoryJournal } from '../../engine/journal.js';
import { buildPlan } from '../../engine/planner.js';
import { nothingToReadBack } from '../../engine/ports/index.js';
import { RecordingGuest } from '../../platform/guest/recording.js';
import { dockerResource } from './docker.js';

const platform = { os: 'linux' as const, guestDescription: 't' };
const conflict =
  'docker-ce is installed, but the manifest asks for docker.io: the two conflict; ' +
  'set cluster.docker.engine: docker-ce, or remove docker-ce first (sudo apt-get remove docker-ce)';

/** docker-ce (the fake probe's default packages) on a machine whose manifest asks for docker.io. */
function machine() {
  const guest = new MemoryGuest();
  guest.on((argv) => (isClusterProbe(argv) ? { stdout: fakeProbeOutput({ docker: 'missing' }) } : undefined));
  const resource = dockerResource(
    { engine: 'docker.io', aptMirror: 'docker', daemon: { registryMirrors: [] } },
    fakeDesired({}),
  );
  return { guest, resources: [resource] };
}

describe('cluster.docker with the other engine installed', () => {
  it('is an error in the plan, from dpkg state alone, with the fix', async () => {
    const { guest, resources } = machine();
    const planned = await buildPlan(resources, { platform, guest }, {}, 'h');
    expect(planned.plan.steps.map((s) => [s.id, s.action, s.reason])).toEqual([
      ['cluster.docker[docker.io]', 'error', conflict],
    ]);
    // Reads only: the probe and daemon.json.
    expect(guest.calls.flat().every((op) => op.op === 'read' || (op.op === 'run' && isClusterProbe(op.argv)))).toBe(
      true,
    );
  });

  it('fails the same way in a dry run and a real run, and neither runs apt-get', async () => {
    for (const dry of [true, false]) {
      const { guest, resources } = machine();
      const planned = await buildPlan(resources, { platform, guest }, {}, 'h');
      const recording = new RecordingGuest(guest, 't');
      const report = await executePlan(planned, {
        read: { platform, guest },
        apply: { platform, guest: dry ? recording : guest, ...(dry ? { readBack: nothingToReadBack } : {}) },
        journal: new MemoryJournal(),
        runId: 'r',
      });
      expect(report.steps.map((s) => [s.outcome, s.error])).toEqual([['failed', conflict]]);
      expect(recording.changes).toEqual([]);
      const argvs = guest.calls.flat().map((op) => (op.op === 'run' ? op.argv.join(' ') : op.op));
      expect(argvs.filter((a) => a.includes('apt-get'))).toEqual([]);
    }
  });
});

describe("cluster.docker's runc in doctor", () => {
  const oldRunc = { ServerVersion: '20.10.24', RuncCommit: { ID: '1.1.5+ds1-1+deb12u1' } };
  async function fixFor(engine: 'docker.io' | 'docker-ce', packages: string[]) {
    const resource = dockerResource({ engine, aptMirror: 'docker', daemon: { registryMirrors: [] } }, fakeDesired({}));
    const guest = new MemoryGuest();
    guest.on((argv) => (isClusterProbe(argv) ? { stdout: fakeProbeOutput({ docker: oldRunc, packages }) } : undefined));
    const actual = await resource.get({ platform, guest });
    return resource.diagnose!(actual).map((f) => [f.severity, f.fix]);
  }

  it('names the fix that fits the engine installed and the one the manifest asks for', async () => {
    expect(await fixFor('docker-ce', ['docker.io 20.10.24+dfsg1-1+deb12u1 ii'])).toEqual([
      ['problem', expect.stringMatching(/^remove docker\.io \(sudo apt-get remove docker\.io\); `devbox up` then/)],
    ]);
    expect(await fixFor('docker.io', ['docker.io 20.10.24+dfsg1-1+deb12u1 ii'])).toEqual([
      ['problem', 'set cluster.docker.engine: docker-ce (containerd.io ships a current runc)'],
    ]);
    expect(await fixFor('docker-ce', ['docker-ce 5:28.1.1-1 ii', 'containerd.io 1.7.0-1 ii'])).toEqual([
      ['problem', 'upgrade containerd.io: sudo apt-get install --only-upgrade containerd.io'],
    ]);
  });
});
