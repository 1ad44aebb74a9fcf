/**
 * The default manifest (`extends: builtin:default`) on a simulated Windows 11 with a real Debian
 * root, converged across WSL's restart: what default-manifest.test.ts checks and what the backup
 * round trip starts from. Only the installer URL and the DoH resolver point at the test's servers;
 * the guest sections that need other rigs (apt, DNS, sysctl) are left out as in windows.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { runDevboxAsync } from '../rig/cli.js';
import { WindowsMachine } from '../winsim/machine.js';
import { cachedRootfsTarball } from '../rig/rootfs.js';
import { startScoopWorld, type ScoopWorld } from './scoop-world.js';

/** The resources the simulator can converge (the guest's apt, DNS and sysctl need other rigs). */
export const defaultParts = ['--only', 'wsl.*,network.fixedIp,distro.wslconf,scoop.*,hosts.*'];

/** The Scoop world and the cached Debian root, started once per file (nothing when `skip` says why not). */
export function useDefaultWorld(skip: unknown): { world: ScoopWorld; tarball: string } {
  const shared = { tarball: '' } as { world: ScoopWorld; tarball: string };
  beforeAll(async () => {
    if (skip) return;
    shared.tarball = cachedRootfsTarball();
    shared.world = await startScoopWorld();
  }, 1_800_000);
  afterAll(async () => {
    await shared.world?.close();
  });
  return shared;
}

export interface DefaultMachine {
  machine: WindowsMachine;
  /** The manifest file: builtin:default with the test's installer and DoH resolver. */
  file: string;
  /** Runs devbox on this machine with `-m file` and the parts above. */
  devbox(args: string[]): ReturnType<typeof runDevboxAsync>;
}

/** A fresh Windows 11 of the Scoop world (raw.githubusercontent.com poisoned) with the manifest written. */
export function defaultMachine(world: ScoopWorld, tarball: string): DefaultMachine {
  const machine = WindowsMachine.create({
    preset: 'win11',
    catalogue: { 'Ubuntu-24.04': { friendlyName: 'Ubuntu 24.04 LTS', tarball } },
    env: world.env,
  });
  world.configure(machine, { poisoned: ['raw.githubusercontent.com'] });
  const file = join(machine.dir, 'default-here.yaml');
  writeFileSync(
    file,
    `extends: builtin:default\nscoop:\n  installer:\n    url: ${world.installer.url}\n    sha256: ${world.installer.sha256}\nhosts:\n  resolvers: ['${world.honestDoh.wireUrl}']\n`,
  );
  const devbox = (args: string[]) => runDevboxAsync([...args, '-m', file, ...defaultParts], { env: machine.env });
  return { machine, file, devbox };
}

/**
 * `devbox up --yes` (exit 6: WSL needs Windows to restart), the restart, and the resume at logon.
 * `first` is given the first run's JSON output before the restart.
 */
export async function convergeDefault(d: DefaultMachine, first?: (json: string) => void): Promise<void> {
  // Installing everything takes minutes on a loaded machine: rig/cli.ts's 10 minutes would
  // interrupt it, which is exit 6 too, so the error's code is what tells a restart.
  const run = await runDevboxAsync(['up', '--yes', '--json', '-m', d.file, ...defaultParts], {
    env: d.machine.env,
    timeoutMs: 30 * 60_000,
  });
  expect(run.code, run.stdout + run.stderr).toBe(6);
  expect(JSON.parse(run.stdout).error.code, run.stdout).toBe('reboot.required');
  first?.(run.stdout);
  d.machine.reboot();
  const runs = await d.machine.logon();
  const [resume] = runs.filter((r) => r.source === 'runonce');
  expect(
    resume,
    `no RunOnce after the restart; logon ran ${JSON.stringify(runs)}; up printed ${run.stdout}`,
  ).toBeDefined();
  expect(resume!.status, resume!.stdout + resume!.stderr).toBe(0);
}
