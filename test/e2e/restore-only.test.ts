/**
 * The `devbox status` closing a restore checks what that restore wrote (the backup's parts, then
 * `--only`), not the whole backed-up manifest: a backup made with `--only config` restores with
 * exit 0, and so does `--only config` of a backup that also holds Scoop, on a machine without it.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { runDevbox } from '../rig/cli.js';
import { WindowsMachine } from '../winsim/machine.js';
import { scoopCoreScript, scoopShimScript } from '../winsim/scoop.js';

const skip = missingPrerequisites('restore --only on simulated Windows', ['tar']);
const scoopRoot = 'D:\\Softwares\\Scoop\\LocalApps';

const machines: WindowsMachine[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const m of machines.splice(0)) m.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function machine(user?: string): WindowsMachine {
  const m = WindowsMachine.create({ preset: 'win11', ...(user ? { user } : {}) });
  machines.push(m);
  return m;
}
const work = () => {
  const dir = join('/var/tmp', `dbx13-only-${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  dirs.push(dir);
  return dir;
};

interface Restored {
  restored: string[];
  notes: string[];
  status?: { inDesiredState: boolean; plan: { steps: { id: string; action: string }[] } };
}

describe.skipIf(Boolean(skip))('the status closing a restore', () => {
  it('a backup made with --only config: exit 0, .wslconfig checked (when it had one), nothing else', () => {
    const m = machine();
    // The default manifest's .wslconfig, written as devbox up writes it.
    const wrote = runDevbox(['up', '--only', 'wsl.config', '--yes', '--json'], { env: m.env });
    expect(wrote.code, wrote.stdout + wrote.stderr).toBe(0);
    expect(m.readFile('C:\\Users\\dev\\.wslconfig')!.toString()).toContain('vmIdleTimeout');
    const dir = work();
    const out = join(dir, 'config.devbox-backup');
    const made = runDevbox(['backup', '-o', out, '--only', 'config', '--json'], { env: m.env });
    expect(made.code, made.stdout + made.stderr).toBe(0);

    const target = machine('alice');
    const r = runDevbox(['restore', out, '--json'], { env: target.env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as Restored;
    expect(result.restored).toEqual(['wslconfig']);
    expect(result.status!.plan.steps.map((s) => s.id)).toEqual(['wsl.config[.wslconfig]']);
    expect(result.status!.inDesiredState).toBe(true);
    expect(target.readFile('C:\\Users\\alice\\.wslconfig')).toEqual(m.readFile('C:\\Users\\dev\\.wslconfig'));

    // What the backup does not hold, asked for: exit 2 naming what it holds, nothing written.
    const asked = machine('bob');
    for (const [args, said] of [
      [['--only', 'distro'], '--only distro: this backup holds no such part (it holds: config)'],
      [
        ['--as', 'Copy'],
        "--as Copy: names the distro a restore imports (or loads the cluster's images into), and this restore does neither",
      ],
      [['--only', 'config', '--as', 'Copy'], '--as Copy: names the distro'],
    ] as const) {
      const refused = runDevbox(['restore', out, ...args, '--json'], { env: asked.env });
      expect(refused.code, refused.stdout + refused.stderr).toBe(2);
      expect((JSON.parse(refused.stdout) as { error: { message: string } }).error.message).toContain(said);
      expect(asked.readFile('C:\\Users\\bob\\.wslconfig')).toBeUndefined();
    }

    // A machine with a .wslconfig of its own: the plan says it is replaced, the restore keeps it.
    const own = machine('carol');
    const mine = '[wsl2]\r\nmemory = 4GB\r\n';
    own.writeFile('C:\\Users\\carol\\.wslconfig', mine);
    const dry = runDevbox(['restore', out, '--dry-run'], { env: own.env });
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toContain('replace C:\\Users\\carol\\.wslconfig with the backed-up one');
    /** Restores onto carol's machine; resolves to where the .wslconfig it replaced was copied. */
    const restoreKeeping = () => {
      const r = runDevbox(['restore', out, '--json'], { env: own.env });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const line = (JSON.parse(r.stdout) as { done: string[] }).done.find((d) => d.startsWith('wrote '))!;
      const kept = /^wrote C:\\Users\\carol\\\.wslconfig \(the one there before is kept as (.+)\)$/.exec(line)?.[1];
      expect(kept, line).toMatch(/^C:\\Users\\carol\\AppData\\Local\\devbox\\backups\\restore-[^\\]+\\\.wslconfig$/);
      return kept!;
    };
    const keptAt = restoreKeeping();
    expect(own.readFile(keptAt)!.toString()).toBe(mine);
    expect(own.readFile('C:\\Users\\carol\\.wslconfig')).toEqual(m.readFile('C:\\Users\\dev\\.wslconfig'));
    // Again: it already holds the backed-up one, nothing is written, the kept original stays.
    const again = runDevbox(['restore', out, '--json'], { env: own.env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { done: string[] }).done).toContainEqual(
      'C:\\Users\\carol\\.wslconfig already holds the backed-up one: left as it is',
    );
    // Edited by hand after the restore, then restored again: the edit is kept too, the first copy stays.
    const edited = '[wsl2]\r\nmemory = 6GB\r\n';
    own.writeFile('C:\\Users\\carol\\.wslconfig', edited);
    const secondKept = restoreKeeping();
    expect(secondKept).not.toBe(keptAt);
    expect(own.readFile(secondKept)!.toString()).toBe(edited);
    expect(own.readFile(keptAt)!.toString()).toBe(mine);

    // Without a .wslconfig in the backup, the restore saves the manifest only: nothing to check.
    const bare = machine();
    const out2 = join(dir, 'bare.devbox-backup');
    expect(runDevbox(['backup', '-o', out2, '--only', 'config'], { env: bare.env }).code).toBe(0);
    const r2 = runDevbox(['restore', out2, '--json'], { env: machine('alice').env });
    expect(r2.code, r2.stdout + r2.stderr).toBe(0);
    expect((JSON.parse(r2.stdout) as Restored).status).toBeUndefined();
  }, 300_000);

  it('--only config of a backup that also holds Scoop: Scoop is neither restored nor checked', () => {
    const m = machine();
    expect(runDevbox(['up', '--only', 'wsl.config', '--yes'], { env: m.env }).code).toBe(0);
    m.writeFile(`${scoopRoot}\\apps\\scoop\\current\\bin\\scoop.ps1`, scoopCoreScript);
    m.writeFile(`${scoopRoot}\\shims\\scoop.ps1`, scoopShimScript(scoopRoot));
    m.writeFile(`${scoopRoot}\\persist\\jq\\settings.json`, '{"theme":"dark"}');
    const out = join(work(), 'both.devbox-backup');
    const made = runDevbox(['backup', '-o', out, '--only', 'config,scoop', '--json'], { env: m.env });
    expect(made.code, made.stdout + made.stderr).toBe(0);

    const target = machine('alice');
    const r = runDevbox(['restore', out, '--only', 'config', '--map', 'SCOOP=E:\\Scoop', '--json'], {
      env: target.env,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as Restored;
    expect(result.restored).toEqual(['wslconfig']);
    expect(result.status!.plan.steps.map((s) => s.id)).toEqual(['wsl.config[.wslconfig]']);
    expect(target.readFile('E:\\Scoop\\persist\\jq\\settings.json')).toBeUndefined();
  }, 300_000);
});
