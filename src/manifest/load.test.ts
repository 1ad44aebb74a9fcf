import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import { loadManifest, type LoadOptions } from './load.js';
import { areaChecks } from '../resources/index.js';
import { formatIssue, ManifestError } from './issues.js';
import { memorySources } from '../../test/fixtures/manifests/memory-sources.js';
import { repoRoot } from '../../test/rig/cli.js';
import { manifestSources } from '../platform/runtime.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** The smallest complete scoop section, for tests about other things. */
const scoopBase = `scoop:
  root: 'D:\\Scoop'
  globalRoot: 'D:\\ScoopGlobal'
  installer: {url: "https://example.test/install.ps1", sha256: ${'a'.repeat(64)}}
`;

async function load(
  files: Record<string, string>,
  options: Partial<LoadOptions> & { remote?: Record<string, string> } = {},
  ref = 'devbox.yaml',
) {
  const sources = memorySources(files, options.remote ?? {});
  const loaded = await loadManifest(ref, {
    sources,
    env: options.env ?? {},
    ...(options.trustRemote ? { trustRemote: true } : {}),
    checks: areaChecks,
  });
  return { ...loaded, fetched: sources.fetched };
}

async function problems(
  files: Record<string, string>,
  options: Partial<LoadOptions> & { remote?: Record<string, string> } = {},
  ref = 'devbox.yaml',
): Promise<string[]> {
  const error = await load(files, options, ref).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ManifestError)) throw new Error(`expected a ManifestError, got ${String(error)}`);
  return error.issues.map(formatIssue);
}

describe('extends', () => {
  it('resolves relative paths from the folder of the extending file, not the working directory', async () => {
    const loaded = await load(
      {
        'me/devbox.yaml': 'extends: ../team/base.yaml\ncluster: {workers: 3}\n',
        'team/base.yaml': 'extends: ./common/net.yaml\ncluster: {workers: 1, name: team}\n',
        'team/common/net.yaml': 'cluster: {name: common, cni: none}\n',
      },
      {},
      'me/devbox.yaml',
    );
    expect(loaded.manifest.cluster).toMatchObject({ workers: 3, name: 'team', cni: 'none' });
    expect(loaded.files).toEqual(['me/devbox.yaml', 'team/base.yaml', 'team/common/net.yaml']);
  });

  it('merges a list of extends in order: later entries override earlier ones, the file itself overrides all', async () => {
    const loaded = await load({
      'devbox.yaml': 'extends: [a.yaml, b.yaml]\ncluster: {cni: none}\n',
      'a.yaml': 'cluster: {name: from-a, workers: 1, cni: kindnet}\n',
      'b.yaml': 'cluster: {workers: 2}\n',
    });
    expect(loaded.manifest.cluster).toMatchObject({ name: 'from-a', workers: 2, cni: 'none' });
    expect(loaded.files).toEqual(['devbox.yaml', 'a.yaml', 'b.yaml']);
  });

  it('reads a shared base once per path in a diamond (a → b, c → d) without calling it a cycle', async () => {
    const loaded = await load({
      'devbox.yaml': 'extends: [b.yaml, c.yaml]\n',
      'b.yaml': 'extends: d.yaml\ncluster: {workers: 1}\n',
      'c.yaml': 'extends: ./d.yaml\ncluster: {cni: none}\n',
      'd.yaml': 'cluster: {name: base, workers: 5}\n',
    });
    expect(loaded.manifest.cluster).toMatchObject({ name: 'base', workers: 5, cni: 'none' });
  });

  it('extends the built-in default with builtin:default', async () => {
    const loaded = await load({ 'devbox.yaml': 'extends: builtin:default\ncluster: {workers: 2}\n' });
    const plain = await loadManifest('builtin:default', { sources: memorySources({}), env: {}, checks: areaChecks });
    expect(loaded.manifest).toEqual({
      ...plain.manifest,
      extends: undefined,
      cluster: { ...plain.manifest.cluster!, workers: 2 },
    });
    expect(loaded.files).toEqual(['devbox.yaml', 'builtin:default (manifests/default.yaml)']);
  });

  it('names the only built-in manifest when another builtin: is asked for', async () => {
    expect(await problems({ 'devbox.yaml': 'extends: builtin:defualt\n' })).toEqual([
      'devbox.yaml:1:10  extends  there is no built-in manifest "builtin:defualt": the only one is builtin:default',
    ]);
  });

  it('resolves the 3-level example chain personal.yaml → team-base.yaml → builtin:default', async () => {
    const loaded = await loadManifest('manifests/examples/personal.yaml', {
      sources: manifestSources(repoRoot),
      env: {},
      checks: areaChecks,
    });
    expect(loaded.files).toEqual([
      'manifests/examples/personal.yaml',
      'manifests/examples/team-base.yaml',
      'builtin:default (manifests/default.yaml)',
    ]);
    const m = loaded.manifest;
    // personal's vars override team-base's, and are applied to team-base's `${mirror}`.
    expect(m.distro?.apt?.mirror).toBe('ustc');
    expect(m.distro?.apt?.packages).toEqual(['ca-certificates', 'curl', 'git', 'make', 'jq']);
    expect(m.distro?.defaultUser).toBe('dev');
    expect(m.distro?.network.fixedIp).toMatchObject({
      address: '192.168.60.2/24',
      hostAddress: '192.168.60.1',
      strategy: 'auto',
    });
    expect(m.distro?.sysctl).toEqual({
      'fs.inotify.max_user_watches': 524288,
      'fs.inotify.max_user_instances': 512,
      'vm.max_map_count': 262144,
    });
    expect(m.distro?.dns?.nameservers).toEqual(['223.5.5.5', '119.29.29.29', '8.8.8.8']);
    expect(m.scoop?.root).toBe('E:\\Scoop\\Apps');
    expect(m.scoop?.installer.sha256).toBe('48f6ea398b3a3fa26fae0093d37bd85b13e7eaa5d1d4a3e208408768408e35ae');
    expect(m.scoop?.apps.map((a) => `${a.name}:${a.ensure}`)).toEqual([
      '7zip:present',
      'git:present',
      'aria2:present',
      'innounp:present',
      'dark:present',
      'temurin17-jdk:present',
      'maven:present',
      'idea:absent',
      'temurin21-jdk:present',
      'nodejs-lts:present',
      'vscode:present',
      'neovim:present',
    ]);
    expect(m.scoop?.apps.find((a) => a.name === 'idea')?.bucket).toBe('extras');
    expect(m.scoop?.buckets.map((b) => b.name)).toEqual([
      'extras',
      'versions',
      'java',
      'dorado',
      'pleiades',
      'Scoop-Apps',
      'scoop-zapps',
      'lemon',
      'raresoft',
    ]);
    expect(m.cluster?.workers).toBe(0);
  });

  it('lets the team base read its mirror from the environment, with a fallback', async () => {
    const team = (env: Record<string, string>) =>
      loadManifest('manifests/examples/team-base.yaml', {
        sources: manifestSources(repoRoot),
        env,
        checks: areaChecks,
      });
    expect((await team({})).manifest.distro?.apt?.mirror).toBe('tuna');
    expect((await team({ DEVBOX_APT_MIRROR: 'aliyun' })).manifest.distro?.apt?.mirror).toBe('aliyun');
  });

  it('points errors that come from a parent file into the parent file, in load order', async () => {
    expect(
      await problems({
        'devbox.yaml': 'extends: base.yaml\ncluster:\n  workers: 20\n',
        'base.yaml': 'cluster:\n  name: Team_Cluster\n  cni: flannel\n',
      }),
    ).toEqual([
      'devbox.yaml:3:12  cluster.workers  must be at most 8 (got 20)',
      'base.yaml:2:9  cluster.name  must be a cluster name: lowercase letters, digits and "-", at most 50 characters (got "Team_Cluster")',
      'base.yaml:3:8  cluster.cni  must be "kindnet" (kind\'s default), "calico", "kube-ovn" or "none" (bring your own) (got "flannel")',
    ]);
  });

  it('locates a bad value from a parent file even when the child overrides its neighbours', async () => {
    expect(
      await problems({
        'devbox.yaml': 'extends: base.yaml\nscoop:\n  apps:\n    - name: git\n      global: true\n',
        'base.yaml': `${scoopBase}  apps:\n    - name: git\n      version: "1.0 beta"\n`,
      }),
    ).toEqual([
      'base.yaml:7:16  scoop.apps[0].version  must be a version such as 21.0.2 (letters, digits, ".", "_", "+", "-") (got "1.0 beta")',
    ]);
  });

  it('detects a cycle however the same file is spelt', async () => {
    expect(
      await problems({
        'devbox.yaml': 'extends: ./sub/../a.yaml\n',
        'a.yaml': 'extends: [./devbox.yaml]\n',
      }),
    ).toEqual([
      'a.yaml:1:11  extends[0]  extends cycle: devbox.yaml → a.yaml → devbox.yaml. Remove one of these extends',
    ]);
  });

  it('stops a chain deeper than 16 files', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`l${i}.yaml`] = `extends: l${i + 1}.yaml\n`;
    files['l20.yaml'] = '{}\n';
    expect(await problems(files, {}, 'l0.yaml')).toEqual([
      'l15.yaml:1:10  extends  extends chain is deeper than 16 manifests: flatten some of them into one file',
    ]);
  });

  it('treats an empty file and `extends: null` as nothing to add', async () => {
    const loaded = await load({ 'devbox.yaml': 'extends: [empty.yaml]\n', 'empty.yaml': '' });
    expect(loaded.manifest.version).toBe(1);
    expect((await load({ 'devbox.yaml': 'extends:\n' })).files).toEqual(['devbox.yaml']);
  });

  it('reads a file saved with a UTF-8 byte order mark and CRLF line ends (Windows Notepad)', async () => {
    const loaded = await load({ 'devbox.yaml': '\uFEFFcluster:\r\n  workers: 2\r\n  name: "dev-\u4e2d"\r\n' }).catch(
      (e: ManifestError) => e,
    );
    expect(loaded).toBeInstanceOf(ManifestError);
    expect((loaded as ManifestError).issues.map(formatIssue)).toEqual([
      'devbox.yaml:3:9  cluster.name  must be a cluster name: lowercase letters, digits and "-", at most 50 characters (got "dev-\u4e2d")',
    ]);
  });
});

describe('remote extends (in memory; the real HTTPS path is test/manifest/remote.test.ts)', () => {
  const base = 'cluster: {workers: 2}\n';
  const url = 'https://team.example/devbox/base.yaml';

  it('fetches a pinned URL and checks the pin', async () => {
    const loaded = await load(
      { 'devbox.yaml': `extends: ${url}#sha256=${sha(base).toUpperCase()}\n` },
      { remote: { [url]: base } },
    );
    expect(loaded.manifest.cluster?.workers).toBe(2);
    expect(loaded.fetched).toEqual([url]);
    expect(loaded.files).toEqual(['devbox.yaml', url]);
    expect(loaded.warnings).toEqual([]);
  });

  it('refuses an unpinned URL without fetching it, and takes it with a warning under trustRemote', async () => {
    const files = { 'devbox.yaml': `extends: ${url}\n` };
    expect(await problems(files, { remote: { [url]: base } })).toEqual([
      `devbox.yaml:1:10  extends  remote manifest ${url} is not pinned: append #sha256=<sha256 of the file> to the URL, or pass --trust-remote`,
    ]);
    const trusted = await load(files, { remote: { [url]: base }, trustRemote: true });
    expect(trusted.manifest.cluster?.workers).toBe(2);
    expect(trusted.warnings.map(formatIssue)).toEqual([
      `devbox.yaml:1:10  extends  warning: remote manifest ${url} is trusted without a pin (sha256 ${sha(base)}); pin it with #sha256=${sha(base)}`,
    ]);
  });

  it('resolves relative extends of a remote file against its URL, each needing its own pin', async () => {
    const common = 'cluster: {cni: none}\n';
    const team = `extends:\n  - common.yaml#sha256=${sha(common)}\n  - ../other/x.yaml\ncluster: {workers: 2}\n`;
    const remote = { [url]: team, 'https://team.example/devbox/common.yaml': common };
    expect(await problems({ 'devbox.yaml': `extends: ${url}#sha256=${sha(team)}\n` }, { remote })).toEqual([
      `${url}:3:5  extends[1]  remote manifest https://team.example/other/x.yaml is not pinned: append #sha256=<sha256 of the file> to the URL, or pass --trust-remote`,
    ]);
  });

  it('never lets a remote file reach local files: an absolute path resolves on the remote host', async () => {
    const team = 'extends: /etc/devbox/secret.yaml\n';
    const remote = { [url]: team };
    expect(await problems({ 'devbox.yaml': `extends: ${url}#sha256=${sha(team)}\n` }, { remote })).toEqual([
      `${url}:1:10  extends  remote manifest https://team.example/etc/devbox/secret.yaml is not pinned: append #sha256=<sha256 of the file> to the URL, or pass --trust-remote`,
    ]);
  });

  it('lets a remote file extend builtin:default', async () => {
    const team = 'extends: builtin:default\ncluster: {workers: 3}\n';
    const loaded = await load({ 'devbox.yaml': `extends: ${url}#sha256=${sha(team)}\n` }, { remote: { [url]: team } });
    expect(loaded.manifest.cluster?.workers).toBe(3);
    expect(loaded.manifest.scoop?.root).toBe('D:\\Softwares\\Scoop\\LocalApps');
  });

  it('refuses a remote file that is not UTF-8', async () => {
    const bytes = new Uint8Array([0x63, 0x3a, 0x20, 0xff, 0xfe, 0x0a]);
    const sources = memorySources(
      { 'devbox.yaml': `extends: ${url}#sha256=${createHash('sha256').update(bytes).digest('hex')}\n` },
      { [url]: bytes },
    );
    const error = await loadManifest('devbox.yaml', { sources, env: {}, checks: areaChecks }).catch((e: unknown) => e);
    expect((error as ManifestError).issues.map(formatIssue)).toEqual([
      `devbox.yaml:1:10  extends  remote manifest ${url} is not UTF-8 text: save it as UTF-8`,
    ]);
  });

  it('names a download failure and where it was asked for', async () => {
    expect(await problems({ 'devbox.yaml': `extends:\n  - ${url}#sha256=${'0'.repeat(64)}\n` })).toEqual([
      `devbox.yaml:2:5  extends[0]  cannot download manifest ${url}: unscripted fetch of ${url}`,
    ]);
  });
});

describe('vars and ${env:NAME}', () => {
  it('substitutes variables inside strings and keeps the type of a whole-value reference', async () => {
    const loaded = await load({
      'devbox.yaml': [
        'vars:',
        '  workers: 3',
        '  enabled: false',
        '  name: team',
        'cluster:',
        '  workers: ${workers}',
        '  enabled: ${enabled}',
        '  name: ${name}-${workers}',
        '',
      ].join('\n'),
    });
    expect(loaded.manifest.cluster).toMatchObject({ workers: 3, enabled: false, name: 'team-3' });
  });

  it('reads the environment, falls back when unset or empty, and keeps $${ as a literal ${', async () => {
    const loaded = await load(
      {
        'devbox.yaml': [
          'vars:',
          '  user: ${env:DEVBOX_USER}',
          'distro:',
          '  defaultUser: ${user}',
          '  wslConf:',
          '    boot:',
          '      command: "echo $${HOME} ${env:UNSET_X:-a:-b c} ${env:EMPTY_X:-fallback} ${env:SET_X:-ignored}"',
          '',
        ].join('\n'),
      },
      { env: { DEVBOX_USER: 'dev', EMPTY_X: '', SET_X: 'set' } },
    );
    expect(loaded.manifest.distro?.defaultUser).toBe('dev');
    expect(loaded.manifest.distro?.wslConf).toEqual({ boot: { command: 'echo ${HOME} a:-b c fallback set' } });
  });

  it('substitutes nothing twice: a value containing ${...} from a variable or the environment stays as it is', async () => {
    const loaded = await load(
      {
        'devbox.yaml':
          'vars:\n  v: "$${env:SECRET}"\ncluster:\n  name: x\ndistro:\n  wslConf:\n    a:\n      b: "${v} ${env:EVIL}"\n',
      },
      { env: { EVIL: '${env:SECRET}', SECRET: 'leaked' } },
    );
    expect(loaded.manifest.distro?.wslConf).toEqual({ a: { b: '${env:SECRET} ${env:SECRET}' } });
  });

  it("applies the child's vars to values from its parents", async () => {
    const loaded = await load({
      'devbox.yaml': 'extends: base.yaml\nvars:\n  cni: none\n',
      'base.yaml': 'vars:\n  cni: kindnet\n  workers: 2\ncluster:\n  cni: ${cni}\n  workers: ${workers}\n',
    });
    expect(loaded.manifest.cluster).toMatchObject({ cni: 'none', workers: 2 });
    expect(loaded.manifest.vars).toEqual({ cni: 'none', workers: 2 });
  });

  it('reports every bad reference, and the schema problems of other values, at once', async () => {
    expect(
      await problems({
        'devbox.yaml': [
          'vars:',
          '  mirror: tuna',
          '  both: ${mirror}',
          'distro:',
          '  name: ${nmae}',
          '  defaultUser: ${env:DEVBOX_TEST_UNSET_4F2}',
          '  apt:',
          '    mirror: ${mirorr}',
          '    packages: ["${ mirror }"]',
          'cluster:',
          '  workers: many',
          '',
        ].join('\n'),
      }),
    ).toEqual([
      'devbox.yaml:3:9  vars.both  variable "mirror" is used inside vars: a variable may use ${env:NAME} but not another variable; write its value out',
      'devbox.yaml:5:9  distro.name  unknown variable "nmae": define it under vars: (defined: mirror, both)',
      'devbox.yaml:6:16  distro.defaultUser  environment variable DEVBOX_TEST_UNSET_4F2 is not set: set it, or give a fallback as ${env:DEVBOX_TEST_UNSET_4F2:-value}',
      'devbox.yaml:8:13  distro.apt.mirror  unknown variable "mirorr": did you mean "mirror"?',
      'devbox.yaml:9:16  distro.apt.packages[0]  "${ mirror }" is not a reference: use ${name} for a variable, ${env:NAME} for the environment, or $${ for a literal ${',
      'devbox.yaml:11:12  cluster.workers  must be a number, not "many"',
    ]);
  });
});

describe('loaded manifest', () => {
  it('hashes the resolved manifest: the same content gives the same hash, any change another', async () => {
    const a = await load({ 'devbox.yaml': 'cluster: {workers: 1}\n' });
    const b = await load({ 'devbox.yaml': '# a comment\ncluster:\n  workers: 1\n' });
    const c = await load({ 'devbox.yaml': 'cluster: {workers: 2}\n' });
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.hash).toBe(a.hash);
    expect(c.hash).not.toBe(a.hash);
  });

  it('loads the shipped default manifest without problems or warnings', async () => {
    const loaded = await loadManifest('builtin:default', {
      sources: manifestSources(repoRoot),
      env: {},
      checks: areaChecks,
    });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.manifest.distro?.network.fixedIp).toEqual({
      strategy: 'auto',
      address: '192.168.50.2/24',
      hostAddress: '192.168.50.1',
      interface: 'eth0',
    });
    expect(readFileSync(join(repoRoot, 'manifests', 'default.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./schema.json',
    );
  });
});

// Issue 15 kind 9: a manifest with nothing in it is a mistake, not a plan of nothing.
describe('an empty manifest', () => {
  it.each([
    ['nothing', ''],
    ['a newline', '\n'],
    ['comments', '# my setup\n\n# to do\n'],
    ['a document marker', '---\n# x\n'],
    ['an empty map', '{}\n'],
    ['a BOM and CRLF', '\uFEFF# x\r\n'],
  ])('is refused when it holds %s', async (_name, text) => {
    const found = await problems({ 'devbox.yaml': text });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /the manifest is empty: nothing to set up\. Start from the built-in setup with a first line `extends: builtin:default`, or run `devbox init`/,
    );
  });

  describe('in zh-CN', () => {
    afterEach(() => setLocale('en'));

    it('is refused in Chinese, and so is an extends cycle (names and paths kept)', async () => {
      setLocale('zh-CN');
      expect(await problems({ 'devbox.yaml': '# x\n' })).toEqual([
        'devbox.yaml:1:1  （根）  清单是空的：没有要设置的内容。请以第一行 `extends: builtin:default` 从内置设置开始，' +
          '或运行 `devbox init` 生成清单',
      ]);
      expect(await problems({ 'devbox.yaml': 'extends: a.yaml\n', 'a.yaml': 'extends: devbox.yaml\n' })).toEqual([
        'a.yaml:1:10  extends  extends 形成循环：devbox.yaml → a.yaml → devbox.yaml。请删除其中一个 extends',
      ]);
    });
  });

  it('is fine when it only extends something', async () => {
    await expect(load({ 'devbox.yaml': 'extends: builtin:default\n' })).resolves.toBeDefined();
  });
});

// Issue 15 kind 1: values WSL would reject are manifest errors with their line (ParseMemorySize, configfile.cpp names).
describe('values WSL would reject', () => {
  it.each([
    [
      'memory: 8gb',
      'wsl:\n  config:\n    wsl2:\n      memory: 8gb\n',
      /devbox\.yaml:5:\d+ {2}wsl\.config\.wsl2\.memory {2}must be a size WSL reads/,
    ],
    [
      'memory: 8 GB',
      'wsl:\n  config:\n    wsl2:\n      memory: 8 GB\n',
      /devbox\.yaml:5:\d+ {2}wsl\.config\.wsl2\.memory/,
    ],
    ['swap: 2GiB', 'wsl:\n  config:\n    wsl2:\n      swap: 2GiB\n', /devbox\.yaml:5:\d+ {2}wsl\.config\.wsl2\.swap/],
    [
      'a wsl.conf key with "_"',
      'distro:\n  wslConf:\n    boot:\n      my_key: 1\n',
      /devbox\.yaml:5:\d+ {2}distro\.wslConf\.boot\.my_key.*letters and digits only/,
    ],
  ])('%s', async (_name, text, expected) => {
    const found = await problems({ 'devbox.yaml': `extends: builtin:default\n${text}` });
    expect(found.join('\n')).toMatch(expected);
  });

  it.each(['8GB', '8G', '512M', '1024', '0'])('accepts memory: %s', async (size) => {
    await expect(
      load({ 'devbox.yaml': `extends: builtin:default\nwsl:\n  config:\n    wsl2:\n      memory: ${size}\n` }),
    ).resolves.toBeDefined();
  });
});
