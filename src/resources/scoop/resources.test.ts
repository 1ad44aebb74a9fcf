import { describe, expect, it } from 'vitest';
import { FakeHost } from '../../../test/fakes/fake-host.js';
import { FakeNet } from '../../../test/fakes/fake-net.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import { fakeScoop, type FakeScoop } from '../../../test/fakes/scoop-probe.js';
import type { ApplyContext, ReadContext } from '../../engine/resource.js';
import type { HostCommand } from '../../engine/ports/host.js';
import { scoopAppResource } from './app.js';
import { scoopBucketResource } from './bucket.js';
import { scoopConfigResource } from './config.js';
import { scoopCoreResource } from './core.js';

const platform = { os: 'windows' as const, guestDescription: 'test' };
const layout = { root: 'D:\\Soft Ware\\工具\\Scoop', globalRoot: 'D:\\Soft Ware\\工具\\Global' };
const sha = 'b'.repeat(64);
const config = 'C:\\Users\\dev\\.config\\scoop\\config.json';

/** A machine whose Scoop is `spec`; the scoop probe is computed from it (and config.json from host.files). */
function machine(spec: FakeScoop) {
  const host = new FakeHost();
  host.scoop = (h) => {
    const file = h.files.get(config);
    return fakeScoop({ ...spec, ...(file ? { config: file.toString('utf8') } : {}) });
  };
  if (spec.config !== undefined)
    host.files.set(config, Buffer.from(typeof spec.config === 'string' ? spec.config : JSON.stringify(spec.config)));
  const net = new FakeNet();
  const reports: string[] = [];
  const read: ReadContext = { platform, guest: new MemoryGuest(), host, net };
  const apply: ApplyContext = { platform, guest: new MemoryGuest(), host, net, report: (m) => reports.push(m) };
  return { host, net, read, apply, reports, spec };
}

const scoopArgs = (c: HostCommand) => c.args.slice(6).join(' ');

describe('scoop.core', () => {
  const core = () =>
    scoopCoreResource(
      { layout, installer: { url: 'https://mirror.example/install.ps1', sha256: sha }, proxy: '127.0.0.1:7890' },
      { dependsOn: [] },
    );

  it('fetches the pinned installer through the network layer, runs it with its parameters, then records the folders in UTF-8', async () => {
    const m = machine({ roots: [] });
    m.host.on((c) => {
      if (c.tool !== 'powershell.exe') return undefined;
      // The installer: Scoop appears on disk; its ASCII writer garbles the non-ASCII root.
      m.spec.roots.push({ path: layout.root, core: true });
      m.host.files.set(
        config,
        Buffer.from(
          JSON.stringify({
            root_path: 'D:\\Soft Ware\\??\\Scoop',
            global_path: 'D:\\Soft Ware\\??\\Global',
            last_update: 'x',
          }),
        ),
      );
      return { exitCode: 1, stdout: 'Scoop was installed successfully!\r\n' };
    });
    const resource = core();
    const actual = await resource.get(m.read);
    expect(resource.test(actual)).toMatchObject({
      inDesiredState: false,
      action: 'create',
      changes: [{ property: 'installed', before: false, after: layout.root }],
    });
    await resource.apply(actual, m.apply);
    expect(m.net.fetched).toEqual([
      {
        urls: ['https://mirror.example/install.ps1'],
        sha256: sha,
        name: 'install.ps1',
        proxy: 'http://127.0.0.1:7890',
      },
    ]);
    expect(m.host.commands.map((c) => [c.tool, c.args, c.elevated ?? false])).toEqual([
      [
        'powershell.exe',
        [
          '-NoProfile',
          '-NonInteractive',
          '-ExecutionPolicy',
          'Bypass',
          '-File',
          `C:\\Users\\dev\\AppData\\Local\\devbox\\cache\\files\\${'b'.repeat(32)}\\install.ps1`,
          '-ScoopDir',
          layout.root,
          '-ScoopGlobalDir',
          layout.globalRoot,
          '-Proxy',
          'http://127.0.0.1:7890',
        ],
        false,
      ],
    ]);
    expect(JSON.parse(m.host.files.get(config)!.toString('utf8'))).toEqual({
      root_path: layout.root,
      global_path: layout.globalRoot,
      last_update: 'x',
    });
    expect(resource.test(await resource.get(m.read)).inDesiredState).toBe(true);
  });

  it('reports another Scoop and never installs a second one; refuses to run elevated; names an environment variable that wins', async () => {
    const elsewhere = machine({ roots: [{ path: 'C:\\Users\\dev\\scoop', core: true }] });
    const resource = core();
    const actual = await resource.get(elsewhere.read);
    expect(resource.test(actual).notes).toContain(
      'Scoop is already installed in C:\\Users\\dev\\scoop: devbox does not install a second one; set scoop.root to that folder, or uninstall it first (scoop uninstall scoop)',
    );
    await expect(resource.apply(actual, elsewhere.apply)).rejects.toThrow(
      'Scoop is already installed in C:\\Users\\dev\\scoop; devbox does not install a second Scoop',
    );
    expect(elsewhere.host.commands).toEqual([]);

    const admin = machine({ roots: [] });
    admin.host.os.elevated = true;
    await expect(resource.apply(await resource.get(admin.read), admin.apply)).rejects.toThrow(
      'must not run as administrator',
    );

    const env = machine({
      env: { SCOOP_GLOBAL: { machine: 'C:\\ProgramData\\scoop' } },
      config: { root_path: layout.root },
      roots: [{ path: layout.root, core: true }],
      userPath: `${layout.root}\\shims`,
    });
    const result = resource.test(await resource.get(env.read));
    expect(result.changes).toEqual([
      { property: 'globalRoot', before: 'C:\\ProgramData\\scoop (environment (machine))', after: layout.globalRoot },
    ]);
    expect(result.notes).toContain(
      "the machine environment variable SCOOP_GLOBAL=C:\\ProgramData\\scoop decides Scoop's globalRoot; change or remove it (devbox leaves your environment alone)",
    );
    await expect(resource.apply(await resource.get(env.read), env.apply)).rejects.toThrow(
      'devbox does not change your environment',
    );
  });
});

describe('scoop.config', () => {
  it('sets only the keys that differ, case-insensitively, and leaves the others', async () => {
    const m = machine({
      config: { SCOOP_REPO: 'https://github.com/ScoopInstaller/Scoop', 'aria2-split': '16', last_update: 'x' },
      roots: [{ path: layout.root, core: true }],
    });
    const resource = scoopConfigResource(
      { layout, values: { 'aria2-split': 16, scoop_repo: 'https://gitee.com/scoop/Scoop', 'aria2-enabled': true } },
      { dependsOn: [] },
    );
    const actual = await resource.get(m.read);
    expect(resource.test(actual).changes).toEqual([
      {
        property: 'scoop_repo',
        before: 'https://github.com/ScoopInstaller/Scoop',
        after: 'https://gitee.com/scoop/Scoop',
      },
      { property: 'aria2-enabled', before: null, after: true },
    ]);
    await resource.apply(actual, m.apply);
    expect(JSON.parse(m.host.files.get(config)!.toString())).toEqual({
      scoop_repo: 'https://gitee.com/scoop/Scoop',
      'aria2-split': '16',
      last_update: 'x',
      'aria2-enabled': true,
    });
    expect(m.host.replaced[0]!.elevated).toBeUndefined();
    expect(resource.test(await resource.get(m.read)).inDesiredState).toBe(true);
  });

  it('does not overwrite a config.json it cannot read', async () => {
    const m = machine({ config: '{ not json', roots: [] });
    const resource = scoopConfigResource({ layout, values: { 'aria2-enabled': false } }, { dependsOn: [] });
    const actual = await resource.get(m.read);
    expect(resource.test(actual).notes).toEqual([
      `fix or delete ${config}: devbox does not overwrite a file it cannot read`,
    ]);
    await expect(resource.apply(actual, m.apply)).rejects.toThrow('devbox does not overwrite a file it cannot read');
    expect(m.host.replaced).toEqual([]);
  });
});

describe('scoop.bucket', () => {
  it('adds a known bucket by its URL; falls back to the mirror; judges by the remote on disk, not the exit code', async () => {
    const m = machine({ roots: [{ path: layout.root, core: true, buckets: [] }] });
    const root = m.spec.roots[0]!;
    m.host.on((c) => {
      const args = scoopArgs(c);
      if (args === 'bucket add team https://git.example/team')
        return { exitCode: 0, stdout: "ERROR 'https://git.example/team' doesn't look like a valid git repository" };
      if (args === 'bucket add team https://gitee.com/team')
        return (root.buckets!.push({ name: 'team', url: 'https://gitee.com/team' }), { exitCode: 0 });
      if (args === 'bucket add extras https://github.com/ScoopInstaller/Extras')
        return (
          root.buckets!.push({ name: 'extras', url: 'https://github.com/ScoopInstaller/Extras' }),
          { exitCode: 0 }
        );
      return undefined;
    });
    const extras = scoopBucketResource({ layout, name: 'extras', ensure: 'present' }, { dependsOn: [] });
    await extras.apply(await extras.get(m.read), m.apply);
    const team = scoopBucketResource(
      { layout, name: 'team', url: 'https://git.example/team', mirror: 'https://gitee.com/team', ensure: 'present' },
      { dependsOn: [] },
    );
    await team.apply(await team.get(m.read), m.apply);
    expect(m.reports).toEqual([
      'added bucket extras from https://github.com/ScoopInstaller/Extras',
      'https://git.example/team did not work; trying the mirror https://gitee.com/team',
      'added bucket team from the mirror https://gitee.com/team',
    ]);
    expect(
      m.host.commands.every(
        (c) => !c.elevated && c.env?.SCOOP === layout.root && c.env?.SCOOP_GLOBAL === layout.globalRoot,
      ),
    ).toBe(true);
    expect(team.test(await team.get(m.read))).toEqual({
      inDesiredState: true,
      action: 'update',
      changes: [],
      notes: ['cloned from the mirror https://gitee.com/team'],
    });
  });

  it('re-adds a bucket cloned from elsewhere or not a git clone, and removes one that should be absent', async () => {
    const m = machine({
      roots: [
        {
          path: layout.root,
          core: true,
          buckets: [
            { name: 'main', git: false },
            { name: 'java', url: 'https://example.com/java' },
          ],
        },
      ],
    });
    const main = scoopBucketResource({ layout, name: 'main', ensure: 'present' }, { dependsOn: [] });
    expect(main.test(await main.get(m.read)).changes).toEqual([
      {
        property: 'git',
        before: 'not a git clone (a zip copy or a failed clone)',
        after: 'cloned from https://github.com/ScoopInstaller/Main',
      },
    ]);
    const java = scoopBucketResource({ layout, name: 'java', ensure: 'absent' }, { dependsOn: [] });
    const actual = await java.get(m.read);
    expect(java.test(actual)).toMatchObject({ action: 'delete' });
    m.host.on((c) =>
      scoopArgs(c) === 'bucket rm java'
        ? ((m.spec.roots[0]!.buckets = m.spec.roots[0]!.buckets!.filter((b) => b.name !== 'java')), {})
        : undefined,
    );
    await java.apply(actual, m.apply);
    expect(m.host.commands.map(scoopArgs)).toEqual(['bucket rm java']);
  });
});

describe('scoop.app', () => {
  it('installs with -u, user apps as the user and global ones elevated, and fails when the files say so whatever the exit code', async () => {
    const m = machine({
      roots: [{ path: layout.root, core: true, apps: [{ name: 'dark', failed: true }] }, { path: layout.globalRoot }],
    });
    const [user, global] = m.spec.roots;
    m.host.on((c) => {
      const args = scoopArgs(c);
      if (args === 'install -u --global aria2') return ((global!.apps = [{ name: 'aria2', version: '1.37.0-1' }]), {});
      if (args === 'install -u extras/idea')
        return { exitCode: 0, stdout: 'URL https://download.jetbrains.com/idea.zip is not valid\r\n' };
      if (args === 'install -u dark') return ((user!.apps = [{ name: 'dark', version: '3.14.1' }]), {});
      return undefined;
    });
    const aria2 = scoopAppResource({ layout, name: 'aria2', global: true, ensure: 'present' }, { dependsOn: [] });
    expect(aria2.needsElevation).toBe(true);
    await aria2.apply(await aria2.get(m.read), m.apply);
    const dark = scoopAppResource({ layout, name: 'dark', global: false, ensure: 'present' }, { dependsOn: [] });
    const failed = await dark.get(m.read);
    expect(dark.test(failed)).toMatchObject({
      action: 'update',
      changes: [{ property: 'installed', before: 'failed install (apps\\dark has no "current")', after: true }],
    });
    await dark.apply(failed, m.apply);
    const idea = scoopAppResource(
      { layout, name: 'idea', bucket: 'extras', global: false, ensure: 'present' },
      { dependsOn: [] },
    );
    await expect(idea.apply(await idea.get(m.read), m.apply)).rejects.toThrow(
      /Installing extras\/idea did not work: `scoop install -u extras\/idea` \(exit code 0, which Scoop does not set reliably; devbox checked the files\)\nURL https:\/\/download.jetbrains.com\/idea.zip is not valid/,
    );
    expect(m.host.commands.map((c) => [scoopArgs(c), c.elevated ?? false])).toEqual([
      ['install -u --global aria2', true],
      ['install -u dark', false],
      ['install -u extras/idea', false],
    ]);
    expect(m.reports).toEqual([
      'installed aria2 1.37.0-1 from main for all users',
      'repaired the failed install: installed dark 3.14.1 from main',
    ]);
  });

  it('reinstalls at the pinned version or from the pinned bucket, and uninstalls what should be absent', async () => {
    const m = machine({
      roots: [
        {
          path: layout.root,
          core: true,
          apps: [
            { name: 'jdk', version: '17.0.1', bucket: 'java' },
            { name: 'old', version: '1.0' },
          ],
        },
      ],
    });
    const root = m.spec.roots[0]!;
    m.host.on((c) => {
      const args = scoopArgs(c);
      if (args.startsWith('uninstall '))
        return ((root.apps = root.apps!.filter((a) => a.name !== args.split(' ').pop())), {});
      if (args === 'install -u java/jdk@17.0.16')
        return (root.apps!.push({ name: 'jdk', version: '17.0.16', bucket: 'java' }), {});
      return undefined;
    });
    const jdk = scoopAppResource(
      { layout, name: 'jdk', bucket: 'java', version: '17.0.16', global: false, ensure: 'present' },
      { dependsOn: [] },
    );
    const actual = await jdk.get(m.read);
    expect(jdk.test(actual).changes).toEqual([{ property: 'version', before: '17.0.1', after: '17.0.16' }]);
    await jdk.apply(actual, m.apply);
    const old = scoopAppResource({ layout, name: 'old', global: false, ensure: 'absent' }, { dependsOn: [] });
    await old.apply(await old.get(m.read), m.apply);
    expect(m.host.commands.map(scoopArgs)).toEqual(['uninstall jdk', 'install -u java/jdk@17.0.16', 'uninstall old']);
  });
});
