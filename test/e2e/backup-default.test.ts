/**
 * Issue 13's round trip: the default manifest converged on simulated Windows with a real Debian
 * root, backed up, the machine wiped, restored onto another drive letter (Scoop on E:) and another
 * user's folder (C:\Users\alice); then the restore's closing `devbox status` and a `devbox status`
 * of the restored manifest find no drift in anything restored, every restored file matches the
 * sha256 the backup recorded for it, and the distro's default user is back.
 */
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { runDevboxAsync } from '../rig/cli.js';
import { WindowsMachine } from '../winsim/machine.js';
import { convergeDefault, defaultMachine, defaultParts, useDefaultWorld } from './default-machine.js';
import { addDefaultUser, defaultUid, enableWsl, rootfsOf } from './distro-user.js';

const skip = missingPrerequisites('the default manifest backed up and restored', [
  'chroot',
  'tar',
  'mount',
  'openssl',
  'git',
  'zstd',
]);
const distro = 'Ubuntu-24.04';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const shared = useDefaultWorld(skip);

/** Each regular file of a part of a `.devbox-backup` container (a tar+zstd stream), with its sha256. */
async function filesOfPart(container: string, part: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unpack = spawn('sh', ['-c', 'tar -xOf "$0" "$1" | zstd -dcq', container, part], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ex = extract();
  ex.on('entry', (header, stream, next) => {
    const hash = createHash('sha256');
    stream.on('data', (c: unknown) => hash.update(c as Buffer));
    stream.on('end', () => {
      if (header.type === 'file') out.set(header.name.replace(/^\.\//, ''), hash.digest('hex'));
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    ex.on('finish', resolve).on('error', reject);
    unpack.stdout.pipe(ex);
  });
  return out;
}

/** The index a tree part ends with: entry name (`SCOOP/persist/…`) → sha256. */
function indexOfPart(container: string, part: string): Record<string, string> {
  const r = spawnSync('sh', ['-c', 'tar -xOf "$0" "$1" | zstd -dcq | tar -xO .devbox-index.json', container, part]);
  expect(r.status, r.stderr.toString()).toBe(0);
  return JSON.parse(r.stdout.toString('utf8')) as Record<string, string>;
}

describe.skipIf(Boolean(skip))('backup and restore of the default manifest', () => {
  it('converge, back up, wipe, restore onto E: and another user: no drift, every file as recorded, the default user back', async () => {
    const source = defaultMachine(shared.world, shared.tarball);
    const dir = join('/var/tmp', `dbx13-rt-${process.pid}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    let target: WindowsMachine | undefined;
    try {
      await convergeDefault(source);
      const m = source.machine;
      // The first launch of the distro creates the user's account; their work is in it.
      addDefaultUser(m, distro, 'dev');
      mkdirSync(join(rootfsOf(m, distro), 'home/dev/project'), { recursive: true });
      writeFileSync(join(rootfsOf(m, distro), 'home/dev/project/notes.txt'), 'the work of a week\n');
      const converged = await source.devbox(['status', '--json']);
      expect(converged.code, converged.stdout + converged.stderr).toBe(0);

      const out = join(dir, 'laptop.devbox-backup');
      const made = await runDevboxAsync(['backup', '-o', out, '--yes', '-m', source.file, '--json'], { env: m.env });
      expect(made.code, made.stdout + made.stderr).toBe(0);
      const manifest = JSON.parse(made.stdout).manifest as { parts: { file: string; kind: string; role: string }[] };
      const verified = await runDevboxAsync(['backup', 'verify', out, '--deep', '--json'], { env: m.env });
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      const distroFiles = await filesOfPart(out, 'distro.tar.zst');
      expect(distroFiles.get('home/dev/project/notes.txt')).toBe(sha(Buffer.from('the work of a week\n')));

      // Wiped: a new Windows 11 with WSL and nothing else, another user; the old machine is gone.
      m.dispose();
      target = WindowsMachine.create({
        preset: 'win11',
        user: 'alice',
        catalogue: { [distro]: { friendlyName: 'Ubuntu 24.04 LTS', tarball: shared.tarball } },
        env: shared.world.env,
      });
      shared.world.configure(target, { poisoned: ['raw.githubusercontent.com'] });
      enableWsl(target);
      const maps = ['--map', 'SCOOP=E:\\Scoop\\User', '--map', 'SCOOP_GLOBAL=E:\\Scoop\\Global'];
      const restored = await runDevboxAsync(['restore', out, ...maps, '--yes', '--json'], {
        env: target.env,
        timeoutMs: 30 * 60_000,
      });
      const result = JSON.parse(restored.stdout) as {
        done: string[];
        notes: string[];
        restored: string[];
        manifestPath: string;
        status?: { inDesiredState: boolean; plan: { steps: { id: string; action: string }[] } };
      };
      // The closing status covered everything restored, and found it in its desired state.
      expect(restored.code, restored.stdout + restored.stderr).toBe(0);
      expect(result.restored.sort()).toEqual(['distro', 'hosts', 'scoop', 'wslconfig']);
      const checked = result.status!.plan.steps.map((s) => s.id);
      expect(checked).toEqual(
        expect.arrayContaining([`wsl.distro[${distro}]`, 'scoop.core[scoop]', 'wsl.config[.wslconfig]']),
      );
      expect(checked.some((id) => id.startsWith('scoop.app['))).toBe(true);
      expect(result.status!.inDesiredState, restored.stdout).toBe(true);

      // devbox status of the restored manifest, as the user runs it: the same, no drift.
      const types = 'wsl.config,wsl.distro,distro.wslconf,scoop.*';
      const again = await runDevboxAsync(['status', '-m', result.manifestPath, '--only', types, '--json'], {
        env: target.env,
      });
      expect(again.code, again.stdout + again.stderr).toBe(0);

      // The default user is back, and the user's files.
      expect(defaultUid(target, distro)).toBe(1000);
      const rootfs = rootfsOf(target, distro);
      for (const [name, hash] of distroFiles) {
        const path = join(rootfs, name);
        if (lstatSync(path).isSymbolicLink()) continue;
        expect(sha(readFileSync(path)), name).toBe(hash);
      }
      // Scoop's trees: every file named in each part's index, where its root now is.
      const roots: Record<string, string> = { SCOOP: 'E:\\Scoop\\User', SCOOP_GLOBAL: 'E:\\Scoop\\Global' };
      for (const part of manifest.parts.filter((p) => p.kind === 'scoop' && p.file.endsWith('.tar.zst'))) {
        const index = indexOfPart(out, part.file);
        for (const [name, hash] of Object.entries(index)) {
          const [token, ...rest] = name.split('/');
          // Bucket bundles are cloned into the bucket's folder, not left as files.
          if (part.role === 'buckets' && name.endsWith('.bundle')) continue;
          const win = `${roots[token!]}\\${rest.join('\\')}`;
          expect(existsSync(target.path(win)), win).toBe(true);
          expect(sha(target.readFile(win)!), win).toBe(hash);
        }
      }
      expect(target.readFile('C:\\Users\\alice\\.wslconfig')!.toString()).toContain('vmIdleTimeout');
      expect(target.readFile('E:\\Scoop\\Global\\apps\\aria2\\current\\install.json')).toBeDefined();

      // What a restore does not touch stays devbox up's: only those resources differ from the manifest.
      const whole = await runDevboxAsync(['status', '-m', result.manifestPath, ...defaultParts, '--json'], {
        env: target.env,
      });
      const drifted = (JSON.parse(whole.stdout).drifted as { id: string }[]).map((s) => s.id);
      expect(
        drifted.every((id) => /^(network\.|hosts\.)/.test(id)),
        drifted.join(', '),
      ).toBe(true);
    } finally {
      source.machine.dispose();
      target?.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 3_600_000);
});
