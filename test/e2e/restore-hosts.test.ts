/**
 * A restore onto a machine where the user installed Scoop by hand: the backed-up manifest's hosts
 * entries are still written (resolved again over DoH and proved by TLS on the new machine, whose
 * DNS answers raw.githubusercontent.com wrongly), before Scoop's files, and the closing status
 * checks them. Without the config part there is no manifest to take them from: the plan says so.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { runDevboxAsync, type CliResult } from '../rig/cli.js';
import type { WindowsMachine } from '../winsim/machine.js';
import { hostsFile } from '../winsim/net.js';
import { scoopCoreScript, scoopShimScript } from '../winsim/scoop.js';
import { useScoopWorld } from './scoop-world.js';

const skip = missingPrerequisites('restore of the hosts entries on simulated Windows', ['tar', 'openssl', 'git']);
const sim = useScoopWorld(skip);
const name = 'raw.githubusercontent.com';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function devbox(m: WindowsMachine, args: string[]): Promise<CliResult> {
  return runDevboxAsync(args, { env: { ...m.env, ...sim.world.env }, timeoutMs: 10 * 60_000 });
}

/** Scoop as its installer leaves it (the simulator's scoop.ps1 and shim), with no apps. */
function installScoopByHand(m: WindowsMachine, root: string): void {
  m.writeFile(`${root}\\apps\\scoop\\current\\bin\\scoop.ps1`, scoopCoreScript);
  m.writeFile(`${root}\\shims\\scoop.ps1`, scoopShimScript(root));
}

interface Restored {
  plan: { steps: { part: string; what: string; from: string; elevated: boolean }[]; notes: string[] };
  done: string[];
  restored: string[];
  notes: string[];
  status?: { inDesiredState: boolean; plan: { steps: { id: string; action: string }[] } };
}

describe.skipIf(Boolean(skip))('a restore onto a machine where Scoop is already installed', () => {
  it('writes the hosts entries again, resolved on the new machine, and its closing status checks them', async () => {
    const source = sim.machine();
    const root = 'D:\\Scoop\\User';
    installScoopByHand(source, root);
    source.writeFile(`${root}\\persist\\jq\\settings.json`, '{"theme":"dark"}');
    // Scoop's settings as the manifest has them (its aria2 defaults), so Scoop itself is converged.
    source.writeFile(
      'C:\\Users\\dev\\.config\\scoop\\config.json',
      JSON.stringify({
        'aria2-enabled': true,
        'aria2-max-connection-per-server': 16,
        'aria2-split': 16,
        'aria2-min-split-size': '1M',
        'aria2-warning-enabled': false,
      }),
    );
    const manifest = join(source.dir, 'hosts-scoop.yaml');
    writeFileSync(
      manifest,
      `version: 1\nscoop:\n  root: '${root}'\n  globalRoot: 'C:\\ProgramData\\scoop'\n` +
        `  installer:\n    url: ${sim.world.installer.url}\n    sha256: ${sim.world.installer.sha256}\n` +
        `hosts:\n  resolvers: ['${sim.world.honestDoh.wireUrl}']\n  entries:\n    - name: ${name}\n`,
    );
    const dir = join('/var/tmp', `dbx13-hosts-${process.pid}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    dirs.push(dir);
    const out = join(dir, 'scoop.devbox-backup');
    const made = await devbox(source, ['backup', '-o', out, '--only', 'config,scoop', '-m', manifest, '--json']);
    expect(made.code, made.stdout + made.stderr).toBe(0);

    // The new machine: its DNS answers the poisoned address, Scoop installed by hand on E:.
    const target = sim.machine({ poisoned: [name] });
    installScoopByHand(target, 'E:\\Scoop');
    const maps = ['--map', 'SCOOP=E:\\Scoop'];
    const dry = await devbox(target, ['restore', out, ...maps, '--dry-run', '--json']);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    // The config part first (it holds the manifest), then the hosts entries before Scoop's files.
    const planned = (JSON.parse(dry.stdout) as Restored).plan.steps;
    expect(planned.map((s) => s.part)).toEqual(['config', ...planned.slice(1).map(() => 'scoop')]);
    expect(planned[1]).toMatchObject({ from: 'machine', elevated: true });
    expect(planned[1]!.what).toContain(`write the hosts entries ${name}`);
    expect(planned.some((s) => s.what.startsWith('install Scoop itself'))).toBe(false);
    expect(target.readFile(hostsFile)?.toString() ?? '').not.toContain(name);

    const r = await devbox(target, ['restore', out, ...maps, '--yes', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as Restored;
    expect(result.restored.sort()).toEqual(['hosts', 'scoop']);
    expect(result.done).toContain(`hosts.entry[${name}]: applied as devbox up does`);
    expect(result.done.some((d) => d.startsWith('scoop.core'))).toBe(false);
    expect(result.status!.plan.steps.map((s) => s.id)).toEqual(
      expect.arrayContaining([`hosts.entry[${name}]`, 'scoop.core[scoop]']),
    );
    expect(result.status!.inDesiredState, r.stdout).toBe(true);
    // The address the honest resolver gave and TLS proved on this machine, not the poisoned one.
    const hosts = target.readFile(hostsFile)!.toString();
    expect(hosts).toMatch(new RegExp(`^${sim.world.good.replace(/\./g, '\\.')}\\s+${name.replace(/\./g, '\\.')}`, 'm'));
    expect(hosts).not.toContain(sim.world.liar);
    expect(target.readFile('E:\\Scoop\\persist\\jq\\settings.json')!.toString()).toBe('{"theme":"dark"}');

    // --only scoop saves no manifest: nothing to take the entries from, and the plan says why.
    const bare = sim.machine({ poisoned: [name] });
    installScoopByHand(bare, 'E:\\Scoop');
    const only = await devbox(bare, ['restore', out, ...maps, '--only', 'scoop', '--yes', '--json']);
    expect(only.code, only.stdout + only.stderr).toBe(0);
    const partial = JSON.parse(only.stdout) as Restored;
    expect(partial.restored).toEqual(['scoop']);
    expect(partial.plan.notes.join('\n')).toMatch(/hosts entries are not converged: .*add config to --only/);
    expect(bare.readFile(hostsFile)?.toString() ?? '').not.toContain(name);
  }, 900_000);
});
