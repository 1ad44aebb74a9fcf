/**
 * `apt.mirror: auto` against several real local mirrors whose latency and bandwidth are injected:
 * devbox picks the fastest in every trial (the fastest changes from trial to trial), within its time
 * budget, skips mirrors that are dead or do not serve the suite, and then really uses the winner.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { createTestGuest, type TestGuest } from '../rig/guest.js';
import { deadMirrorUrl, machineArchives, startAptMirror, warmMirrorCache, type AptMirror } from '../rig/mirror.js';
import type { Plan } from '../../src/engine/plan.js';

const missing = missingPrerequisites('guest apt auto (netns, chroot, debootstrap)', ['ip', 'chroot', 'debootstrap']);

/** Link profiles; the first is the fastest by a wide margin (time to fetch 1 MiB ≈ 150 ms vs ≥ 400 ms). */
const profiles = [
  { latencyMs: 20, bytesPerSecond: 8_000_000 },
  { latencyMs: 400, bytesPerSecond: 50_000_000 },
  { latencyMs: 5, bytesPerSecond: 150_000 },
  { latencyMs: 150, bytesPerSecond: 2_000_000 },
];
const trials = 10;
const rankTimeMs = 3000;

describe.runIf(!missing)('apt.mirror: auto on a real Debian guest', () => {
  let guest: TestGuest;
  let mirrors: AptMirror[];
  let wrongSuite: AptMirror;
  let dead: string;
  let origin: string;

  beforeAll(async () => {
    guest = createTestGuest('dbx3');
    mirrors = await Promise.all(profiles.map(() => startAptMirror({ host: guest.net.hostIp })));
    // Answers, but not for Debian: every path is a 404.
    wrongSuite = await startAptMirror({ host: guest.net.hostIp, upstream: {} });
    dead = await deadMirrorUrl(guest.net.hostIp);
    origin = machineArchives().debian!;
    // Measure the mirrors, not the machine's own upstream: the file they serve is in memory first.
    await warmMirrorCache('/debian/dists/bookworm/InRelease');
  });

  afterAll(async () => {
    await Promise.all([...(mirrors ?? []), ...(wrongSuite ? [wrongSuite] : [])].map((m) => m.close()));
    guest?.dispose();
  });

  const manifest = () =>
    guest.manifest(`version: 1
distro:
  name: Debian
  apt:
    mirror: auto
    rankTimeMs: ${rankTimeMs}
    candidates:
${[...mirrors.map((m) => `${m.url}/debian`), `${wrongSuite.url}/debian`, `${dead}/debian`].map((u) => `      - ${u}`).join('\n')}
`);

  it(`picks the fastest mirror in each of ${trials} trials, within the time budget`, async () => {
    const m = manifest();
    writeFileSync(guest.path('etc/apt/sources.list'), `deb ${origin} bookworm main\n`);
    for (let trial = 0; trial < trials; trial++) {
      // Rotate the profiles so the fastest mirror is a different one each time.
      mirrors.forEach((mirror, i) => Object.assign(mirror, profiles[(i + trial) % profiles.length]));
      const fastest = mirrors[(profiles.length - (trial % profiles.length)) % profiles.length]!;
      expect(fastest.latencyMs).toBe(profiles[0]!.latencyMs);

      const started = performance.now();
      const result = await guest.devbox(['plan', '--json', '-m', m]);
      const wall = performance.now() - started;
      expect(result.code, result.stderr).toBe(0);
      const step = (JSON.parse(result.stdout) as Plan).steps.find((s) => s.type === 'distro.apt')!;
      expect(step.changes, `trial ${trial}: ${step.notes.join(' ')}`).toEqual([
        { property: '/etc/apt/sources.list:1', before: origin, after: `${fastest.url}/debian` },
      ]);
      const note = step.notes.find((n) => n.startsWith('auto: measured'))!;
      const measuredMs = Number(/in (\d+) ms/.exec(note)![1]);
      expect(measuredMs).toBeLessThanOrEqual(rankTimeMs + 100);
      expect(wall).toBeLessThan(rankTimeMs + 5000);
      expect(note).toContain(`${new URL(wrongSuite.url).host}: HTTP 404 (failed)`);
      expect(note).toMatch(new RegExp(`${new URL(dead).host}: .*\\(failed\\)`));
    }
  });

  it('uses the winner for real and does not measure again once on a candidate', async () => {
    mirrors.forEach((mirror, i) => Object.assign(mirror, profiles[i]));
    const m = manifest();
    writeFileSync(guest.path('etc/apt/sources.list'), `deb ${origin} bookworm main\n`);
    const before = mirrors.map((x) => x.requests.length);
    const up = await guest.devbox(['up', '--yes', '-m', m], { timeoutMs: 300_000 });
    expect(up.code, `${up.stdout}\n${up.stderr}`).toBe(0);
    expect(guest.read('etc/apt/sources.list')).toBe(`deb ${mirrors[0]!.url}/debian bookworm main\n`);
    expect(mirrors[0]!.requests.slice(before[0])).toContain('/debian/dists/bookworm/InRelease');
    expect(
      mirrors[0]!.requests.slice(before[0]).some((p) => p.includes('/binary-amd64/') || p.includes('/by-hash/')),
    ).toBe(true);

    const counts = mirrors.map((x) => x.requests.length);
    const again = await guest.devbox(['plan', '--json', '-m', m]);
    const step = (JSON.parse(again.stdout) as Plan).steps.find((s) => s.type === 'distro.apt')!;
    expect(step.action).toBe('noop');
    expect(step.notes.join(' ')).toContain('not measured again');
    expect(mirrors.map((x) => x.requests.length)).toEqual(counts);
  });
});
