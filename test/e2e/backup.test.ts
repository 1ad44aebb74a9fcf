/**
 * Backup and restore on simulated Windows with a real Debian root: the distro exported as a real
 * tar stream through zstd, Scoop's persist/ and a bucket as a real git bundle, devbox's config;
 * restored onto a wiped machine with Scoop on another drive. Then faults: a corrupted byte, a
 * truncated container, and SIGKILL at random points of backup and restore.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  lstatSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { cachedRootfsTarball } from '../rig/rootfs.js';
import { runDevbox, startDevbox } from '../rig/cli.js';
import { WindowsMachine } from '../winsim/machine.js';
import { currentTarget, scoopCoreScript, scoopShimScript } from '../winsim/scoop.js';
import { addDefaultUser, defaultUid, enableWsl, rootfsOf } from './distro-user.js';

const skip = missingPrerequisites('backup and restore on simulated Windows', ['chroot', 'tar', 'mount', 'git']);
const distro = 'Ubuntu-24.04';
const root = 'D:\\Softwares\\Scoop\\LocalApps';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let tarball = '';
beforeAll(() => {
  if (!skip) tarball = cachedRootfsTarball();
}, 1_800_000);

const machines: WindowsMachine[] = [];
afterEach(() => {
  for (const m of machines.splice(0)) m.dispose();
});

function machine(): WindowsMachine {
  const m = WindowsMachine.create({
    preset: 'win11',
    catalogue: { [distro]: { friendlyName: 'Ubuntu 24.04 LTS', tarball } },
  });
  machines.push(m);
  enableWsl(m);
  return m;
}

/** A source machine: the distro with a user `dev` as default, Scoop with an app, persist and a git bucket. */
function source(): WindowsMachine {
  const m = machine();
  expect(m.run('wsl.exe', ['--install', distro, '--no-launch']).status).toBe(0);
  addDefaultUser(m, distro, 'dev');
  const rootfs = rootfsOf(m, distro);
  mkdirSync(join(rootfs, 'home/dev/project'), { recursive: true });
  writeFileSync(join(rootfs, 'home/dev/project/notes.txt'), 'the work of a week\n');
  m.writeFile(`${root}\\apps\\scoop\\current\\bin\\scoop.ps1`, scoopCoreScript);
  m.writeFile(`${root}\\shims\\scoop.ps1`, scoopShimScript(root));
  const app = `${root}\\apps\\jq\\1.7.1`;
  m.writeFile(`${app}\\manifest.json`, JSON.stringify({ version: '1.7.1' }));
  m.writeFile(`${app}\\install.json`, JSON.stringify({ bucket: 'main', architecture: '64bit' }));
  symlinkSync(m.path(app), join(m.path(`${root}\\apps\\jq`), 'current'));
  m.writeFile(`${root}\\persist\\jq\\settings.json`, '{"theme":"dark"}');
  m.writeFile(`${root}\\persist\\jq\\data\\big.bin`, Buffer.alloc(300_000, 7));
  const bucket = m.path(`${root}\\buckets\\main`);
  mkdirSync(join(bucket, 'bucket'), { recursive: true });
  writeFileSync(join(bucket, 'bucket', 'jq.json'), JSON.stringify({ version: '1.7.1' }));
  const git = (...args: string[]) =>
    expect(spawnSync('git', ['-C', bucket, ...args], { stdio: 'ignore' }).status).toBe(0);
  git('init', '-q', '-b', 'master');
  git('-c', 'user.email=t@e', '-c', 'user.name=t', 'add', '.');
  git('-c', 'user.email=t@e', '-c', 'user.name=t', 'commit', '-q', '-m', 'jq 1.7.1');
  git('remote', 'add', 'origin', 'https://github.com/ScoopInstaller/Main');
  m.writeFile(
    'C:\\Users\\dev\\.config\\scoop\\config.json',
    JSON.stringify({ root_path: root, gh_token: 'ghp_secret', aria2_enabled: true }),
  );
  m.writeFile('C:\\Users\\dev\\.wslconfig', '[wsl2]\r\nmemory = 8GB\r\n');
  return m;
}

const work = () => {
  const dir = join('/var/tmp', `dbx13-backup-${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe.skipIf(Boolean(skip))('backup and restore', () => {
  it('round trip: distro with its default user, Scoop persist and bucket bundle onto another drive, secrets encrypted', () => {
    const m = source();
    const dir = work();
    const pass = join(dir, 'pass');
    writeFileSync(pass, 'correct horse\n');
    const out = join(dir, 'laptop.devbox-backup');
    const made = runDevbox(['backup', '-o', out, '--yes', '--passphrase-file', pass, '--json'], { env: m.env });
    expect(made.code, made.stdout + made.stderr).toBe(0);
    const manifest = JSON.parse(made.stdout).manifest as {
      parts: { file: string; kind: string; entries: number; meta: Record<string, unknown> }[];
    };
    expect(manifest.parts.map((p) => p.file).sort()).toEqual([
      'cluster.json',
      'config.json',
      'distro.tar.zst',
      'scoop-buckets.tar.zst',
      'scoop-persist.tar.zst',
      'scoop-secrets.enc',
      'scoop.json',
    ]);
    expect(manifest.parts.find((p) => p.kind === 'distro')!.meta.defaultUser).toBe('dev');
    // A plain tar container anyone can open.
    const listing = spawnSync('tar', ['-tf', out], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    expect(listing[0]).toBe('manifest.json');
    expect(readFileSync(out).includes(Buffer.from('ghp_secret'))).toBe(false);
    const verified = runDevbox(['backup', 'verify', out, '--deep', '--json'], { env: m.env });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);

    const originalNotes = readFileSync(join(rootfsOf(m, distro), 'home/dev/project/notes.txt'));
    const target = machine();
    const wrong = join(dir, 'wrong');
    writeFileSync(wrong, 'battery staple\n');
    const refused = runDevbox(
      [
        'restore',
        out,
        '--map',
        'SCOOP=E:\\Scoop\\User',
        '--map',
        'SCOOP_GLOBAL=E:\\Scoop\\Global',
        '--passphrase-file',
        wrong,
        '--json',
      ],
      { env: target.env },
    );
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error.message).toContain('passphrase');
    expect(existsSync(target.path('E:\\Scoop'))).toBe(false);
    expect(target.state().distros).toEqual({});

    const plan = runDevbox(
      [
        'restore',
        out,
        '--map',
        'SCOOP=E:\\Scoop\\User',
        '--map',
        'SCOOP_GLOBAL=E:\\Scoop\\Global',
        '--dry-run',
        '--json',
      ],
      { env: target.env },
    );
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout) as {
      plan: { steps: { what: string }[]; space: { needed: number; free: number }[]; conflicts: string[] };
    };
    expect(planned.plan.conflicts).toEqual([]);
    expect(planned.plan.space.every((s) => s.needed > 0 && s.free > s.needed)).toBe(true);
    expect(existsSync(target.path('E:\\Scoop'))).toBe(false);

    const restored = runDevbox(
      [
        'restore',
        out,
        '--map',
        'SCOOP=E:\\Scoop\\User',
        '--map',
        'SCOOP_GLOBAL=E:\\Scoop\\Global',
        '--passphrase-file',
        pass,
        '--json',
      ],
      { env: target.env },
    );
    const result = JSON.parse(restored.stdout) as { done: string[]; notes: string[] };
    expect([0, 5], restored.stdout + restored.stderr).toContain(restored.code);
    expect(result.done.join('\n')).toContain(`imported ${distro}`);
    expect(defaultUid(target, distro)).toBe(1000);
    expect(readFileSync(join(rootfsOf(target, distro), 'home/dev/project/notes.txt'))).toEqual(originalNotes);
    expect(sha(target.readFile('E:\\Scoop\\User\\persist\\jq\\data\\big.bin')!)).toBe(sha(Buffer.alloc(300_000, 7)));
    expect(target.readFile('E:\\Scoop\\User\\persist\\jq\\settings.json')!.toString()).toBe('{"theme":"dark"}');
    const head = spawnSync('git', ['-C', target.path('E:\\Scoop\\User\\buckets\\main'), 'log', '--format=%s', '-1'], {
      encoding: 'utf8',
    });
    expect(head.stdout.trim()).toBe('jq 1.7.1');
    const origin = spawnSync(
      'git',
      ['-C', target.path('E:\\Scoop\\User\\buckets\\main'), 'remote', 'get-url', 'origin'],
      { encoding: 'utf8' },
    );
    expect(origin.stdout.trim()).toBe('https://github.com/ScoopInstaller/Main');
    expect(target.readFile('C:\\Users\\dev\\.wslconfig')!.toString()).toBe('[wsl2]\r\nmemory = 8GB\r\n');
    expect(result.notes.join('\n')).toContain('Scoop itself is not installed');
    // config.json is the user's, written without Scoop: the clear values and the opened secrets.
    expect(JSON.parse(target.readFile('C:\\Users\\dev\\.config\\scoop\\config.json')!.toString())).toEqual({
      gh_token: 'ghp_secret',
      aria2_enabled: true,
    });

    // The name is taken now: a second restore needs --as or --replace, and writes nothing.
    const again = runDevbox(['restore', out, '--only', 'distro', '--json'], { env: target.env });
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).error.message).toContain('--as NEW');
    // Its dry run shows the plan with the conflict and exits as the restore would.
    const dry = runDevbox(['restore', out, '--only', 'distro', '--dry-run'], { env: target.env });
    expect(dry.code, dry.stdout + dry.stderr).toBe(2);
    expect(dry.stdout).toContain(`conflict: A distro named ${distro} is already registered`);
    expect(dry.stdout).toContain('The restore would stop here, before writing anything');
    const renamed = runDevbox(['restore', out, '--only', 'distro', '--as', 'Ubuntu-copy', '--json'], {
      env: target.env,
    });
    expect(renamed.code, renamed.stdout + renamed.stderr).toBe(0);
    expect(defaultUid(target, 'Ubuntu-copy')).toBe(1000);
    // --yes answers the question a terminal would be asked: the registered distro is replaced.
    writeFileSync(join(rootfsOf(target, distro), 'root/made-after-restore'), 'x');
    const replaced = runDevbox(['restore', out, '--only', 'distro', '--yes', '--json'], { env: target.env });
    expect(replaced.code, replaced.stdout + replaced.stderr).toBe(0);
    expect(existsSync(join(rootfsOf(target, distro), 'root/made-after-restore'))).toBe(false);
    expect(defaultUid(target, distro)).toBe(1000);
  }, 600_000);

  it("reinstalls Scoop's apps at their recorded versions from the restored buckets and cache, relinks persist, runs scoop reset *", () => {
    const m = source();
    // The bucket's jq as Scoop would install it: one download (cached), a shim, a persisted file and folder.
    const exe = Buffer.from('jq 1.7.1 for windows\n');
    const jq = {
      version: '1.7.1',
      url: 'http://127.0.0.1:9/jq-windows-amd64.exe',
      hash: sha(exe),
      bin: 'jq-windows-amd64.exe',
      persist: ['settings.json', 'data'],
    };
    const bucket = m.path(`${root}\\buckets\\main`);
    writeFileSync(join(bucket, 'bucket', 'jq.json'), JSON.stringify(jq));
    const git = (...args: string[]) =>
      expect(spawnSync('git', ['-C', bucket, '-c', 'user.email=t@e', '-c', 'user.name=t', ...args]).status).toBe(0);
    git('commit', '-q', '-am', 'jq: persist');
    m.writeFile(`${root}\\apps\\jq\\1.7.1\\manifest.json`, JSON.stringify(jq));
    m.writeFile(`${root}\\cache\\jq#1.7.1#jq-windows-amd64.exe`, exe);
    const dir = work();
    const out = join(dir, 'scoop.devbox-backup');
    const made = runDevbox(['backup', '-o', out, '--only', 'scoop,config', '--with-cache', '--json'], { env: m.env });
    expect(made.code, made.stdout + made.stderr).toBe(0);

    // The new machine has Scoop itself (as `devbox up` installs it) on another drive, and nothing else.
    const target = machine();
    const newRoot = 'E:\\Scoop\\User';
    target.writeFile(`${newRoot}\\apps\\scoop\\current\\bin\\scoop.ps1`, scoopCoreScript);
    target.writeFile(`${newRoot}\\shims\\scoop.ps1`, scoopShimScript(newRoot));
    const restored = runDevbox(['restore', out, '--map', `SCOOP=${newRoot}`, '--json'], { env: target.env });
    expect([0, 5], restored.stdout + restored.stderr).toContain(restored.code);
    const result = JSON.parse(restored.stdout) as { done: string[]; notes: string[] };
    // The manifest's hosts entry is written before Scoop's files even with Scoop there; the default
    // manifest's DoH resolvers do not answer on this machine, so that, and only that, fails.
    const hostsFailed = (n: string) => n.startsWith('Writing the hosts entries failed: ');
    expect(result.notes.filter(hostsFailed)).toHaveLength(1);
    expect(result.notes.filter((n) => !hostsFailed(n)).join('\n')).not.toMatch(/backed up at|failed/);
    expect(result.done.join('\n')).toContain('apps: 1 checked');
    const commands = target.state().scoop.commands.map((c) => c.args);
    expect(commands).toContainEqual(['install', '-u', 'main/jq']);
    expect(commands.at(-1)).toEqual(['reset', '*']);
    const app = `${newRoot}\\apps\\jq`;
    expect(currentTarget(target.path(`${app}\\current`))).toBe('1.7.1');
    // From the restored cache: the download URL answers nothing.
    expect(target.readFile(`${app}\\1.7.1\\jq-windows-amd64.exe`)).toEqual(exe);
    expect(target.readFile(`${newRoot}\\shims\\jq-windows-amd64.shim`)!.toString()).toContain(
      `${app}\\current\\jq-windows-amd64.exe`,
    );
    // persist: the backed-up data, linked into the version folder (a junction, a hard link).
    const settings = target.path(`${app}\\1.7.1\\settings.json`);
    expect(readFileSync(settings, 'utf8')).toBe('{"theme":"dark"}');
    expect(statSync(settings).ino).toBe(statSync(target.path(`${newRoot}\\persist\\jq\\settings.json`)).ino);
    expect(lstatSync(target.path(`${app}\\1.7.1\\data`)).isSymbolicLink()).toBe(true);
    expect(sha(readFileSync(join(target.path(`${app}\\1.7.1\\data`), 'big.bin')))).toBe(sha(Buffer.alloc(300_000, 7)));
  }, 600_000);

  it('--format vhd where WSL has --format, refused where it has not; a running distro is stopped first', () => {
    const m = source();
    const dir = work();
    m.update((s) => (Object.values(s.distros)[0]!.running = true));
    const out = join(dir, 'vhd');
    const made = runDevbox(['backup', '-o', out, '--only', 'distro', '--format', 'vhd', '--yes', '--json'], {
      env: m.env,
    });
    expect(made.code, made.stdout + made.stderr).toBe(0);
    expect(m.processLog().some((e) => e.tool === 'wsl.exe' && e.args.join(' ') === `--terminate ${distro}`)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['distro.vhdx.zst', 'manifest.json']);
    const restored = runDevbox(['restore', out, '--only', 'distro', '--as', 'FromVhd', '--json'], { env: m.env });
    expect(restored.code, restored.stdout + restored.stderr).toBe(0);
    expect(defaultUid(m, 'FromVhd')).toBe(1000);
    expect(readFileSync(join(rootfsOf(m, 'FromVhd'), 'home/dev/project/notes.txt'), 'utf8')).toBe(
      'the work of a week\n',
    );
    m.update((s) => (s.wsl.package = { version: '2.3.26.0' }));
    const old = runDevbox(
      ['backup', '-o', join(dir, 'old'), '--only', 'distro', '--format', 'vhd', '--yes', '--json'],
      { env: m.env },
    );
    expect(old.code).toBe(2);
    expect(JSON.parse(old.stdout).error.message).toContain('--format');
    expect(existsSync(join(dir, 'old'))).toBe(false);
  }, 600_000);

  it('verify names a corrupted part, a truncated part and a truncated container, without a stack trace', () => {
    const m = source();
    const dir = work();
    const folder = join(dir, 'folder');
    const made = runDevbox(['backup', '-o', folder, '--only', 'distro,scoop', '--yes', '--json'], { env: m.env });
    expect(made.code, made.stdout + made.stderr).toBe(0);
    // A copy whose distro part is damaged inside and re-hashed in manifest.json: plain verify passes,
    // the restore names the part (exit 4), not WSL's tar, and leaves no distro registered.
    const rehashed = join(dir, 'rehashed');
    spawnSync('cp', ['-a', folder, rehashed]);
    const distroPart = join(rehashed, 'distro.tar.zst');
    const inside = readFileSync(distroPart);
    inside[Math.floor(inside.length / 2)]! ^= 0x01;
    writeFileSync(distroPart, inside);
    const recorded = JSON.parse(readFileSync(join(rehashed, 'manifest.json'), 'utf8')) as {
      parts: { file: string; sha256: string }[];
    };
    recorded.parts.find((p) => p.file === 'distro.tar.zst')!.sha256 = sha(inside);
    writeFileSync(join(rehashed, 'manifest.json'), JSON.stringify(recorded));
    expect(runDevbox(['backup', 'verify', rehashed], { env: m.env }).code).toBe(0);
    const damaged = runDevbox(['restore', rehashed, '--only', 'distro', '--as', 'Rehashed', '--yes'], { env: m.env });
    expect(damaged.code, damaged.stdout + damaged.stderr).toBe(4);
    expect(damaged.stderr).toMatch(/distro\.tar\.zst: does not decompress or is not a tar \(.+\)/);
    expect(damaged.stderr).not.toMatch(/\n\s+at /);
    expect(Object.values(m.state().distros).map((d) => d.name)).not.toContain('Rehashed');
    // Stopped after Scoop's parts were restored: the error names what was restored before it.
    const after = runDevbox(['restore', rehashed, '--only', 'scoop,distro', '--as', 'Rehashed', '--yes'], {
      env: m.env,
    });
    expect(after.code, after.stdout + after.stderr).toBe(4);
    expect(after.stderr).toMatch(/does not decompress[^]*\nRestored before it stopped, and kept as they are:\n {2}- /);
    // Over the registered distro of that name (--replace): the part is proved first, the distro kept.
    const over = runDevbox(['restore', rehashed, '--only', 'distro', '--replace'], { env: m.env });
    expect(over.code, over.stdout + over.stderr).toBe(4);
    expect(over.stderr).toContain(`The registered distro ${distro} was left as it is.`);
    expect(existsSync(join(rootfsOf(m, distro), 'home/dev/project/notes.txt'))).toBe(true);
    // A bucket whose recorded commit its bundle does not hold (scoop.json altered and re-hashed):
    // exit 4 naming the bucket and git's words, the bucket's folder removed.
    const forged = join(dir, 'forged');
    spawnSync('cp', ['-a', folder, forged]);
    const scoopJson = JSON.parse(readFileSync(join(forged, 'scoop.json'), 'utf8')) as {
      buckets: { name: string; commit?: string }[];
    };
    scoopJson.buckets[0]!.commit = 'f'.repeat(40);
    writeFileSync(join(forged, 'scoop.json'), JSON.stringify(scoopJson));
    const forgedManifest = JSON.parse(readFileSync(join(forged, 'manifest.json'), 'utf8')) as typeof recorded;
    const forgedBytes = readFileSync(join(forged, 'scoop.json'));
    Object.assign(
      forgedManifest.parts.find((p) => p.file === 'scoop.json')!,
      {
        sha256: sha(forgedBytes),
        bytes: forgedBytes.length,
        rawBytes: forgedBytes.length,
      },
    );
    writeFileSync(join(forged, 'manifest.json'), JSON.stringify(forgedManifest));
    const bucket = runDevbox(['restore', forged, '--only', 'scoop', '--map', 'SCOOP=E:\\Forged'], { env: m.env });
    expect(bucket.code, bucket.stdout + bucket.stderr).toBe(4);
    expect(bucket.stderr).toContain(`bucket main: git -C `);
    expect(bucket.stderr).toContain(`checkout --quiet ${'f'.repeat(40)} failed: `);
    expect(existsSync(m.path('E:\\Forged\\buckets\\main'))).toBe(false);
    const file = join(folder, 'scoop-persist.tar.zst');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(file, bytes);
    truncateSync(join(folder, 'distro.tar.zst'), Math.floor(statSync(join(folder, 'distro.tar.zst')).size / 3));
    const v = runDevbox(['backup', 'verify', folder, '--deep'], { env: m.env });
    expect(v.code, v.stdout + v.stderr).toBe(4);
    expect(v.stdout).toMatch(/FAILED\s+scoop-persist.tar.zst: damaged/);
    expect(v.stdout).toMatch(/FAILED\s+distro.tar.zst: truncated/);
    expect(v.stdout + v.stderr).not.toMatch(/\n\s+at /);
    const container = join(dir, 'c.devbox-backup');
    expect(runDevbox(['backup', '-o', container, '--only', 'distro', '--yes'], { env: m.env }).code).toBe(0);
    truncateSync(container, Math.floor(statSync(container).size / 2));
    const t = runDevbox(['backup', 'verify', container], { env: m.env });
    expect(t.code).toBe(4);
    expect(t.stdout).toMatch(/FAILED\s+distro.tar.zst/);
  }, 600_000);

  it('SIGKILL at random points of backup and restore leaves no complete-looking file and no half-registered distro', async () => {
    const m = source();
    const dir = work();
    const full = join(dir, 'full.devbox-backup');
    // Kill points are fractions of a whole run timed here, so they land from start to finish on a
    // fast machine and a slow one alike.
    let started = Date.now();
    const made = runDevbox(['backup', '-o', full, '--only', 'distro,config', '--yes'], { env: m.env });
    expect(made.code, made.stdout + made.stderr).toBe(0);
    const backupMs = Date.now() - started;
    const outcomes: string[] = [];
    for (let trial = 0; trial < 10; trial++) {
      const out = join(dir, `k${trial}.devbox-backup`);
      outcomes.push(await killAt(['backup', '-o', out, '--only', 'distro,config', '--yes'], m.env, backupMs));
      expect(outcomes.at(-1), `backup trial ${trial}`).not.toBe('hung');
      if (existsSync(out)) {
        // Only a finished backup has the final name; it verifies.
        const v = runDevbox(['backup', 'verify', out, '--deep'], { env: m.env, timeoutMs: 120_000 });
        expect(v.code, v.stdout + v.stderr).toBe(0);
      }
      expect(
        readdirSync(dir)
          .filter((f) => f.startsWith(`k${trial}`) && !f.endsWith('.partial'))
          .every((f) => f === `k${trial}.devbox-backup`),
      ).toBe(true);
    }
    const target = machine();
    const restore = (name: string) => ['restore', full, '--only', 'distro', '--as', name, '--yes', '--json'];
    started = Date.now();
    const whole = runDevbox(restore('Timed'), { env: target.env });
    expect(whole.code, whole.stdout + whole.stderr).toBe(0);
    const restoreMs = Date.now() - started;
    for (let trial = 0; trial < 10; trial++) {
      const name = `Killed-${trial}`;
      outcomes.push(await killAt(restore(name), target.env, restoreMs));
      expect(outcomes.at(-1), `restore trial ${trial}`).not.toBe('hung');
      await new Promise((r) => setTimeout(r, 1500));
      const registered = Object.values(target.state().distros).some((d) => d.name === name);
      const marker = join(target.dir, 'devbox-state', 'restore-in-progress.json');
      // Registered only complete (default user set), or flagged for the next restore to redo.
      if (registered && defaultUid(target, name) !== 1000) expect(existsSync(marker)).toBe(true);
      if (registered && existsSync(marker)) {
        const redo = runDevbox(restore(name), { env: target.env, timeoutMs: 300_000 });
        expect(redo.code, redo.stdout + redo.stderr).toBe(0);
        expect(defaultUid(target, name)).toBe(1000);
        outcomes.push('redone');
      }
    }
    console.log('SIGKILL outcomes', outcomes.join(' '));
    // Most runs must really be cut short, or the test shows nothing.
    expect(outcomes.filter((o) => o === 'killed').length, outcomes.join(' ')).toBeGreaterThanOrEqual(10);
  }, 900_000);
});

/**
 * Starts devbox and SIGKILLs it at a random point of a run that takes about `wholeMs`; resolves to
 * 'killed', 'finished' (it ended first) or 'hung' (no exit 60 s after the kill). The exit is awaited
 * from the start: a run that ends before the kill must not be missed.
 */
async function killAt(args: string[], env: Record<string, string | undefined>, wholeMs: number) {
  const child = startDevbox(args, { env });
  const exited = new Promise<'finished'>((r) => child.on('close', () => r('finished')));
  const delay = 200 + Math.random() * wholeMs;
  const timer = new Promise<'timer'>((r) => setTimeout(() => r('timer'), delay));
  if ((await Promise.race([exited, timer])) === 'finished') return 'finished';
  child.kill('SIGKILL');
  const hung = new Promise<'hung'>((r) => setTimeout(() => r('hung'), 60_000).unref());
  return (await Promise.race([exited, hung])) === 'hung' ? 'hung' : 'killed';
}
