import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import type { BackupPart } from './format.js';
import { DamagedPartError } from './restore-files.js';
import type { BackupDeps } from './deps.js';
import type { MachineFacts } from './facts.js';
import { checkedDistro, planRestore } from './restore-plan.js';
import type { BackupManifest } from './format.js';
import { fakePart } from '../../test/fakes/backup-part.js';

const part = (meta: Record<string, unknown>): BackupPart => fakePart({ meta });

describe('checkedDistro', () => {
  it('takes the recorded name and user, or --as', () => {
    expect(checkedDistro(part({ name: 'Ubuntu-24.04', defaultUser: 'dev' }), undefined)).toEqual({
      name: 'Ubuntu-24.04',
      defaultUser: 'dev',
    });
    expect(checkedDistro(part({ name: 'Ubuntu-24.04', defaultUser: null }), 'Copy_2').name).toBe('Copy_2');
  });

  it('refuses a recorded name or user that would leave devbox\\wsl or is not a user name', () => {
    for (const name of ['..', '..\\..\\Windows', 'a b', '', '-rf'])
      expect(() => checkedDistro(part({ name }), undefined)).toThrow(DamagedPartError);
    expect(() => checkedDistro(part({ name: 'Ubuntu', defaultUser: '-rf' }), undefined)).toThrow(DamagedPartError);
  });

  it('refuses a bad --as as a usage error', () => {
    expect(() => checkedDistro(part({ name: 'Ubuntu' }), '../x')).toThrow(UsageError);
    // wsl.exe would read it as an option.
    expect(() => checkedDistro(part({ name: 'Ubuntu' }), '-rf')).toThrow(UsageError);
    expect(checkedDistro(part({ name: 'Ubuntu' }), 'a-b').name).toBe('a-b');
  });
});

describe('planRestore free space', () => {
  const gib = 1024 ** 3;
  // Drives as volumes; every other call throws (a fake that answers only what it was scripted for).
  const free: Record<string, number> = { C: 30 * gib, D: 100 * gib };
  const machine = {
    local: (p: string) => p,
    volumeOf: async (p: string) => p.slice(0, 1),
    freeBytes: async (p: string) => free[p.slice(0, 1)]!,
  };
  const deps = { machine } as unknown as BackupDeps;
  const facts = {
    os: { env: { USERPROFILE: 'C:\\Users\\ann', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' } },
    distros: [],
  } as unknown as MachineFacts;
  const manifest = (distroRaw: number, persistRaw: number): BackupManifest => ({
    schema: 1,
    devboxVersion: '0',
    createdAt: '',
    source: { windowsBuild: null, wslVersion: null, user: null, roots: { SCOOP: 'D:\\Scoop' } },
    parts: [
      { ...part({ name: 'Ubuntu' }), rawBytes: distroRaw, bytes: distroRaw / 2 },
      { ...part({}), kind: 'scoop', role: 'persist', file: 'p.tar.zst', rawBytes: persistRaw, bytes: persistRaw / 2 },
    ],
    notes: [],
  });
  const only = ['distro', 'scoop'] as ('distro' | 'scoop')[];

  it('sums what each volume receives; a .devbox-backup file adds nothing (its parts are read in place)', async () => {
    const plan = await planRestore(deps, manifest(31 * gib, 1 * gib), facts, {
      only,
      maps: {},
      replace: false,
      passphrase: false,
    });
    expect(plan.space).toEqual([
      { path: 'C:\\Users\\ann\\AppData\\Local\\devbox\\wsl\\Ubuntu', needed: 31 * gib, free: 30 * gib },
      { path: 'D:\\Scoop', needed: 1 * gib, free: 100 * gib },
    ]);
    expect(plan.conflicts).toEqual([expect.stringMatching(/^Not enough free space for /)]);
  });

  it('fits when the distro fits and Scoop is on its own volume', async () => {
    const plan = await planRestore(deps, manifest(20 * gib, 1 * gib), facts, {
      only,
      maps: {},
      replace: false,
      passphrase: false,
    });
    expect(plan.conflicts).toEqual([]);
    expect(plan.space.map((s) => s.needed)).toEqual([20 * gib, 1 * gib]);
  });

  it("counts persist/ on the global root's volume too when that is another one (its share is not recorded)", async () => {
    const small: Record<string, number> = { ...free, E: 1 * gib };
    const onE = {
      machine: { ...machine, freeBytes: async (p: string) => small[p.slice(0, 1)]! },
    } as unknown as BackupDeps;
    const plan = await planRestore(onE, manifest(1 * gib, 3 * gib), facts, {
      only: ['scoop'],
      maps: { SCOOP_GLOBAL: 'E:\\Global' },
      replace: false,
      passphrase: false,
    });
    expect(plan.space).toEqual([
      { path: 'D:\\Scoop', needed: 3 * gib, free: 100 * gib },
      { path: 'E:\\Global', needed: 3 * gib, free: 1 * gib },
    ]);
    expect(plan.conflicts).toEqual([expect.stringMatching(/^Not enough free space for E:\\Global /)]);
    // On Scoop's own volume it is counted once.
    const same = await planRestore(onE, manifest(1 * gib, 3 * gib), facts, {
      only: ['scoop'],
      maps: { SCOOP_GLOBAL: 'D:\\Global' },
      replace: false,
      passphrase: false,
    });
    expect(same.space).toEqual([{ path: 'D:\\Scoop', needed: 3 * gib, free: 100 * gib }]);
  });

  it("moves the cache with --map SCOOP when it was inside Scoop's root, keeps it when mapped itself", async () => {
    const m = manifest(1, 1);
    m.source.roots = { SCOOP: 'D:\\Scoop', SCOOP_CACHE: 'D:\\Scoop\\cache', SCOOP_GLOBAL: 'C:\\ProgramData\\scoop' };
    const moved = await planRestore(deps, m, facts, {
      only,
      maps: { SCOOP: 'E:\\Apps\\' },
      replace: false,
      passphrase: false,
    });
    expect(moved.roots).toMatchObject({
      SCOOP: 'E:\\Apps\\',
      SCOOP_CACHE: 'E:\\Apps\\cache',
      SCOOP_GLOBAL: 'C:\\ProgramData\\scoop',
    });
    const own = await planRestore(deps, m, facts, {
      only,
      maps: { SCOOP: 'E:\\Apps', SCOOP_CACHE: 'F:\\cache' },
      replace: false,
      passphrase: false,
    });
    expect(own.roots.SCOOP_CACHE).toBe('F:\\cache');
  });

  it('names the folders persist/ and the buckets go to, a drive root mapped too (E:\\persist, not E:\\\\persist)', async () => {
    const m = manifest(1, 1);
    m.source.roots = { SCOOP: 'D:\\Scoop', SCOOP_GLOBAL: 'C:\\ProgramData\\scoop' };
    m.parts.push({ ...part({}), kind: 'scoop', role: 'buckets', file: 'b.tar.zst', rawBytes: 1, bytes: 1 });
    const plan = await planRestore(deps, m, facts, {
      only: ['scoop'],
      maps: { SCOOP: 'E:\\', SCOOP_GLOBAL: 'D:\\Global' },
      replace: false,
      passphrase: false,
    });
    expect(plan.steps.map((s) => s.what)).toEqual([
      'restore persist/ into E:\\persist and D:\\Global\\persist (1 entries)',
      'add buckets into E:\\buckets from git bundles (no network)',
    ]);
  });
});

describe("planRestore of Scoop's apps", () => {
  const machine = { local: (p: string) => p, tempRoot: () => 'C:\\Temp' };
  const deps = { machine } as unknown as BackupDeps;
  const manifest = (meta: Record<string, unknown>): BackupManifest => ({
    schema: 1,
    devboxVersion: '0',
    createdAt: '',
    source: { windowsBuild: null, wslVersion: null, user: null, roots: { SCOOP: 'D:\\Scoop' } },
    parts: [{ ...part(meta), kind: 'scoop', role: 'export', file: 'scoop.json', rawBytes: 0, bytes: 0 }],
    notes: [],
  });
  const facts = (core: boolean) =>
    ({
      os: { env: { USERPROFILE: 'C:\\Users\\ann' } },
      scoop: { roots: [{ path: 'E:\\Scoop', core }] },
      distros: [],
    }) as unknown as MachineFacts;
  const request = { only: ['scoop' as const], maps: { SCOOP: 'E:\\Scoop' }, replace: false, passphrase: false };
  const saved = { restoredManifest: { scoop: true, hostsEntries: [] } };
  const what = (plan: { steps: { what: string; from: string; elevated: boolean }[] }) =>
    plan.steps.map((s) => [s.what.split(' ').slice(0, 3).join(' '), s.from, s.elevated]);

  it('installs Scoop itself first (a download) where the mapped root has none; global apps need elevation', async () => {
    const plan = await planRestore(deps, manifest({ apps: 3, globalApps: 1 }), facts(false), {
      ...request,
      ...saved,
    });
    expect(what(plan)).toEqual([
      ['install Scoop itself', 'download', false],
      ['install 3 app(s)', 'download', true],
    ]);
  });

  it('uses the Scoop already in the mapped root; without global apps nothing is elevated', async () => {
    const plan = await planRestore(deps, manifest({ apps: 2, globalApps: 0 }), facts(true), { ...request, ...saved });
    expect(what(plan)).toEqual([['install 2 app(s)', 'download', false]]);
  });

  it('writes the hosts entries before Scoop (elevated), whether or not Scoop is already installed', async () => {
    const hosts = { restoredManifest: { scoop: true, hostsEntries: ['raw.githubusercontent.com', 'github.com'] } };
    const there = await planRestore(deps, manifest({ apps: 2 }), facts(true), { ...request, ...hosts });
    expect(what(there)).toEqual([
      ['write the hosts', 'machine', true],
      ['install 2 app(s)', 'download', false],
    ]);
    expect(there.steps[0]!.what).toContain('raw.githubusercontent.com, github.com');
    const missing = await planRestore(deps, manifest({ apps: 2 }), facts(false), { ...request, ...hosts });
    expect(what(missing).map((s) => s[0])).toEqual(['write the hosts', 'install Scoop itself', 'install 2 app(s)']);
  });

  it('refuses SCOOP and SCOOP_GLOBAL in one folder: global apps need their own (a conflict, exit 2)', async () => {
    const plan = await planRestore(deps, manifest({ apps: 1 }), facts(true), {
      ...request,
      maps: { SCOOP: 'E:\\Scoop', SCOOP_GLOBAL: 'e:\\scoop\\' },
    });
    expect(plan.conflicts).toEqual([
      'SCOOP and SCOOP_GLOBAL would both be E:\\Scoop: global apps need a folder of their own (--map SCOOP_GLOBAL=PATH).',
    ]);
  });

  it('says why neither Scoop itself nor the hosts entries are converged without the manifest', async () => {
    const plan = await planRestore(deps, manifest({ apps: 2 }), facts(false), request);
    expect(what(plan)).toEqual([['install 2 app(s)', 'download', false]]);
    expect(plan.notes).toEqual([expect.stringMatching(/^Scoop itself and the hosts entries are not converged: /)]);
  });
});

describe('planRestore of the config part and the secrets', () => {
  const wslconfig = '[wsl2]\r\nmemory = 8GB\r\n';
  // The machine's one file, if any; every other call throws.
  const depsWith = (now: string | undefined) =>
    ({
      machine: {
        local: (p: string) => p,
        readFile: async (p: string) => {
          if (p !== 'C:\\Users\\ann\\.wslconfig') throw new Error(`unscripted read of ${p}`);
          return now === undefined ? undefined : Buffer.from(now);
        },
      },
    }) as unknown as BackupDeps;
  const facts = { os: { env: { USERPROFILE: 'C:\\Users\\ann' } }, distros: [] } as unknown as MachineFacts;
  const manifest: BackupManifest = {
    schema: 1,
    devboxVersion: '0',
    createdAt: '',
    source: { windowsBuild: null, wslVersion: null, user: null, roots: { USERPROFILE: 'C:\\Users\\bob' } },
    parts: [{ ...part({ wslconfig: true }), kind: 'config', role: 'config', file: 'config.json' }],
    notes: [],
  };
  const plan = (now: string | undefined, restoredWslconfig?: string) =>
    planRestore(depsWith(now), manifest, facts, {
      only: ['config'],
      maps: {},
      replace: false,
      passphrase: false,
      ...(restoredWslconfig === undefined ? {} : { restoredWslconfig }),
    });

  it('says whether .wslconfig is written, left as it is, or replaced with the one there kept', async () => {
    const step = async (now: string | undefined) => (await plan(now, wslconfig)).steps[0]!.what;
    expect(await step(undefined)).toMatch(/^write C:\\Users\\ann\\\.wslconfig; save/);
    expect(await step(wslconfig)).toMatch(/^leave C:\\Users\\ann\\\.wslconfig as it is/);
    expect(await step('[wsl2]\r\nmemory = 4GB\r\n')).toMatch(
      /^replace C:\\Users\\ann\\\.wslconfig with the backed-up one \(the one there is copied first into %LOCALAPPDATA%\\devbox\\backups\\restore-TIME\)/,
    );
    // A backup holding no .wslconfig reads nothing on this machine.
    expect((await plan(undefined)).steps[0]!.what).toMatch(/^save the backed-up manifest/);
  });

  it('lists decrypting the secrets only with a passphrase; without one, a note says how to give it', async () => {
    const secrets: BackupManifest = {
      ...manifest,
      source: { ...manifest.source, roots: { SCOOP: 'D:\\Scoop' } },
      parts: [{ ...part({ keys: ['gh_token'] }), kind: 'scoop', role: 'secrets', file: 'scoop-secrets.enc' }],
    };
    const request = { only: ['scoop' as const], maps: {}, replace: false };
    const none = await planRestore(depsWith(undefined), secrets, facts, { ...request, passphrase: false });
    expect(none.steps.map((s) => s.what)).not.toContainEqual(expect.stringContaining('decrypt'));
    expect(none.notes).toContainEqual(expect.stringContaining('(gh_token) are left out: no passphrase given'));
    const given = await planRestore(depsWith(undefined), secrets, facts, { ...request, passphrase: true });
    expect(given.steps.map((s) => s.what)).toContain('decrypt config.json secrets (gh_token)');
    expect(given.notes.join(' ')).not.toContain('left out');
  });
});
