/**
 * Crash safety: kill `devbox up` (the CLI and its guest agent, SIGKILL to the whole process group) at
 * random points while it writes. Every edited file must be exactly the old or the new content, never
 * partial; the next `up` (alternately plain and --resume) must converge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPrerequisites } from '../rig/privileges.js';
import { freshRootfs, type TestRootfs } from '../rig/rootfs.js';
import { createNetNs, type NetNs } from '../rig/private-netns.js';
import { runDevbox, startDevbox } from '../rig/cli.js';
import { originalWslConf, testManifest } from './fixtures.js';

const unavailable = missingPrerequisites('crash test', ['chroot', 'debootstrap', 'ip', 'flock']);
const trials = Number(process.env.DEVBOX_CRASH_TRIALS ?? 24);

describe.runIf(!unavailable)('killing devbox up at random points', () => {
  let rootfs: TestRootfs;
  let netns: NetNs;
  let work: string;
  const inRoot = (p: string) => join(rootfs.dir, p);
  const files = ['/etc/wsl.conf', '/etc/sysctl.d/99-devbox.conf'];
  const args = () => ['-m', join(work, 'devbox.yaml'), '--plane', 'guest', '--root', rootfs.dir, '--yes'];
  const env = () => ({ DEVBOX_STATE_DIR: join(work, 'state') });

  beforeAll(() => {
    rootfs = freshRootfs();
    netns = createNetNs('dbx2c');
    work = mkdtempSync(join(tmpdir(), 'devbox-crash-'));
    writeFileSync(join(work, 'devbox.yaml'), testManifest);
  });
  afterAll(() => {
    rootfs?.dispose();
    netns?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function reset(): void {
    writeFileSync(inRoot('/etc/wsl.conf'), originalWslConf);
    rmSync(inRoot('/etc/sysctl.d/99-devbox.conf'), { force: true });
    execFileSync('ip', [
      'netns',
      'exec',
      netns.name,
      'sh',
      '-c',
      'echo 0 > /proc/sys/net/ipv4/ip_forward; echo 4096 > /proc/sys/net/core/somaxconn',
    ]);
  }

  it(`leaves every file old or new over ${trials} kills, and the next up converges`, async () => {
    // The converged contents and the duration of one uninterrupted run.
    reset();
    const t0 = Date.now();
    expect(runDevbox(['up', ...args()], { env: env(), wrap: netns.wrap }).code).toBe(0);
    const fullRunMs = Date.now() - t0;
    const journalPath = join(work, 'state', 'journal.jsonl');
    const stepStarts = () =>
      existsSync(journalPath)
        ? readFileSync(journalPath, 'utf8')
            .split('\n')
            .filter((l) => l.includes('"step-start"')).length
        : 0;
    const converged = Object.fromEntries(files.map((f) => [f, readFileSync(inRoot(f), 'utf8')]));
    const old: Record<string, string | undefined> = {
      '/etc/wsl.conf': originalWslConf,
      '/etc/sysctl.d/99-devbox.conf': undefined,
    };

    const outcomes = { old: 0, new: 0, mixed: 0 };
    let killedWhileWriting = 0;
    for (let trial = 0; trial < trials; trial++) {
      reset();
      const startsBefore = stepStarts();
      const child = startDevbox(['up', ...args()], { env: env(), wrap: ['setsid', ...netns.wrap] });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const started = Date.now();
      let delay: number;
      if (trial % 2 === 0) {
        // Anywhere in the run, start-up included.
        delay = Math.floor(Math.random() * fullRunMs * 1.1);
        await new Promise((resolve) => setTimeout(resolve, delay));
      } else {
        // In the write phase: just after a step was journaled as started, before or during its writes.
        while (stepStarts() === startsBefore && child.exitCode === null && Date.now() - started < 60_000)
          await new Promise((resolve) => setTimeout(resolve, 2));
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 60)));
        delay = Date.now() - started;
        if (child.exitCode === null) killedWhileWriting++;
      }
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // finished before the kill
      }
      await exited;
      // Give an orphaned agent time to finish what it had read; it must still never leave a partial file.
      await new Promise((resolve) => setTimeout(resolve, 200));

      const states = files.map((f) => {
        const now = existsSync(inRoot(f)) ? readFileSync(inRoot(f), 'utf8') : undefined;
        expect([old[f], converged[f]], `${f} after a kill at ${delay} ms`).toContainEqual(now);
        return now === converged[f] ? 'new' : 'old';
      });
      outcomes[states.every((s) => s === 'new') ? 'new' : states.every((s) => s === 'old') ? 'old' : 'mixed']++;

      const again = runDevbox(['up', ...args(), ...(trial % 2 ? ['--resume'] : [])], { env: env(), wrap: netns.wrap });
      // --resume needs an unfinished run; if the kill came after the run ended there is none (exit 2).
      if (again.code === 2) expect(again.stderr).toContain('There is no interrupted run to resume');
      else expect(again.code, again.stderr).toBe(0);
      if (again.code === 2) expect(runDevbox(['up', ...args()], { env: env(), wrap: netns.wrap }).code).toBe(0);
      expect(runDevbox(['status', ...args().filter((a) => a !== '--yes')], { env: env(), wrap: netns.wrap }).code).toBe(
        0,
      );
      for (const f of files) expect(readFileSync(inRoot(f), 'utf8')).toBe(converged[f]);
      expect(
        readdirSync(inRoot('/etc'))
          .concat(readdirSync(inRoot('/etc/sysctl.d')))
          .filter((n) => n.includes('devbox-tmp')),
      ).toEqual([]);
    }
    process.stderr.write(
      `[crash test] ${trials} kills (${killedWhileWriting} inside the write phase): ${outcomes.old} left the old files, ${outcomes.new} the new ones, ${outcomes.mixed} some of each\n`,
    );
    // The test is only meaningful if kills really landed while devbox was writing.
    expect(killedWhileWriting).toBeGreaterThanOrEqual(Math.floor(trials / 4));
    expect(outcomes.new + outcomes.mixed).toBeGreaterThan(0);
  });
});
