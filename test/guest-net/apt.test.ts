/**
 * distro.apt against a real Debian guest: devbox rewrites the sources to a local mirror, real
 * `apt-get update` (and an install) goes through it, both file formats keep every unrelated byte, and
 * a dead mirror is rolled back with a clear report.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { createTestGuest, type TestGuest } from '../rig/guest.js';
import { deadMirrorUrl, machineArchives, startAptMirror, type AptMirror } from '../rig/mirror.js';
import type { Plan } from '../../src/engine/plan.js';

const missing = missingPrerequisites('guest apt (netns, chroot, debootstrap)', ['ip', 'chroot', 'debootstrap']);

async function planOf(guest: TestGuest, manifest: string): Promise<Plan> {
  const result = await guest.devbox(['plan', '--json', '-m', manifest]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Plan;
}

function aptStep(plan: Plan) {
  return plan.steps.find((s) => s.type === 'distro.apt')!;
}

describe.runIf(!missing)('distro.apt on a real Debian guest', () => {
  let guest: TestGuest;
  let mirror: AptMirror;
  let origin: string;
  let security: string;

  beforeAll(async () => {
    guest = createTestGuest('dbx3');
    mirror = await startAptMirror({ host: guest.net.hostIp });
    const archives = machineArchives();
    origin = archives.debian!;
    security = archives['debian-security']!;
  });

  afterAll(async () => {
    await mirror?.close();
    guest?.dispose();
  });

  const manifestFor = (mirrorUrl: string, extra = '') =>
    guest.manifest(`version: 1
distro:
  name: Debian
  apt:
    mirror: ${mirrorUrl}
    security: mirror
${extra}`);

  it('rewrites a one-line sources.list to the mirror, keeps every other byte, and apt-get update and install go through it', async () => {
    // A sources.list as real systems have it: options, deb-src, a disabled line, comments, a
    // third-party repository, a last line without a newline.
    const template = (main: string, sec: string) =>
      [
        '# Debian bookworm, as an administrator left it',
        `deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${main} bookworm main`,
        `deb-src   [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]  ${main}  bookworm main   # sources too`,
        `#deb ${origin} bookworm-backports main`,
        '',
        `deb ${main}/ bookworm-updates main`,
        `deb ${sec} bookworm-security main`,
        'deb [signed-by=/usr/share/keyrings/example.gpg] http://packages.example.invalid/apt stable main',
        '# end',
      ].join('\n');
    const before = template(origin, security);
    writeFileSync(guest.path('etc/apt/sources.list'), before);
    const requestsBefore = mirror.requests.length;

    const up = await guest.devbox([
      'up',
      '--yes',
      '-m',
      manifestFor(`${mirror.url}/debian`, '    packages: [hello]\n'),
    ]);
    expect(up.code, `${up.stdout}\n${up.stderr}`).toBe(0);

    expect(guest.read('etc/apt/sources.list')).toBe(template(`${mirror.url}/debian`, `${mirror.url}/debian-security`));
    expect(guest.read('var/backups/devbox/etc/apt/sources.list')).toBe(before);
    const seen = mirror.requests.slice(requestsBefore);
    expect(seen).toContain('/debian/dists/bookworm/InRelease');
    expect(seen).toContain('/debian/dists/bookworm-updates/InRelease');
    expect(seen).toContain('/debian-security/dists/bookworm-security/InRelease');
    expect(seen.some((p) => /^\/debian\/pool\/main\/h\/hello\/hello_.*\.deb$/.test(p))).toBe(true);
    // The third-party repository failed (it does not exist), which is reported but not rolled back.
    expect(up.stderr).toMatch(/other repositories failed.*packages\.example\.invalid/);
    expect((await guest.run(['dpkg-query', '-W', '-f', '${Status}', 'hello'])).stdout).toBe('install ok installed');

    // apt itself works through the mirror afterwards, and a second run changes nothing.
    const update = await guest.run(['apt-get', 'update', '-o', 'Dir::Etc::sourceparts=-'], { timeoutMs: 300_000 });
    expect(update.stdout).toMatch(new RegExp(`(Hit|Get):\\d+ ${mirror.url}/debian bookworm InRelease`));
    expect(aptStep(await planOf(guest, manifestFor(`${mirror.url}/debian`, '    packages: [hello]\n'))).action).toBe(
      'noop',
    );
  });

  it('rewrites deb822 .sources files, keeping fields, comments, disabled and third-party stanzas byte for byte', async () => {
    writeFileSync(guest.path('etc/apt/sources.list'), '# See sources.list.d/debian.sources\n');
    const template = (main: string, sec: string) =>
      [
        '# Debian 13 style sources, with comments kept',
        'Types: deb deb-src',
        `URIs: ${main}/`,
        'Suites: bookworm bookworm-updates',
        '# a comment inside a stanza',
        'Components: main',
        'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
        '',
        'Types: deb',
        `URIs: ${sec}`,
        'Suites: bookworm-security',
        'Components: main',
        'Architectures: amd64',
        'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
        '',
        'Types: deb',
        `URIs: ${origin}`,
        'Suites: bookworm-backports',
        'Components: main',
        'Enabled: no',
        '',
        'Types: deb',
        'URIs: https://download.example.invalid/linux/debian',
        'Suites: bookworm',
        'Components: stable',
        'Enabled: no',
        '',
      ].join('\n');
    const before = template(origin, security);
    writeFileSync(guest.path('etc/apt/sources.list.d/debian.sources'), before);
    const requestsBefore = mirror.requests.length;

    const up = await guest.devbox(['up', '--yes', '-m', manifestFor(`${mirror.url}/debian`)]);
    expect(up.code, `${up.stdout}\n${up.stderr}`).toBe(0);
    expect(guest.read('etc/apt/sources.list.d/debian.sources')).toBe(
      template(`${mirror.url}/debian`, `${mirror.url}/debian-security`),
    );
    expect(guest.read('etc/apt/sources.list')).toBe('# See sources.list.d/debian.sources\n');
    const seen = mirror.requests.slice(requestsBefore);
    expect(seen).toContain('/debian/dists/bookworm/InRelease');
    expect(seen).toContain('/debian-security/dists/bookworm-security/InRelease');
    expect(seen.some((p) => p.includes('/main/source/'))).toBe(true);
    expect(aptStep(await planOf(guest, manifestFor(`${mirror.url}/debian`))).action).toBe('noop');
    rmSync(guest.path('etc/apt/sources.list.d/debian.sources'));
  });

  it('rolls back and says why when the mirror is dead', async () => {
    writeFileSync(guest.path('etc/apt/sources.list'), `deb ${mirror.url}/debian bookworm main\n# keep me\n`);
    const before = readFileSync(guest.path('etc/apt/sources.list'));
    const dead = await deadMirrorUrl(guest.net.hostIp);

    const up = await guest.devbox(['up', '--yes', '-m', manifestFor(`${dead}/debian`)], { timeoutMs: 300_000 });
    expect(up.code).toBe(4);
    const output = `${up.stdout}\n${up.stderr}`;
    expect(output).toContain(`apt-get update failed through ${new URL(dead).host} (${dead}/debian/)`);
    expect(output).toMatch(/Failed to fetch|Could not connect|Connection refused/);
    expect(output).toContain('Restored /etc/apt/sources.list as they were.');
    expect(readFileSync(guest.path('etc/apt/sources.list')).equals(before)).toBe(true);
  });

  it('dry run: says what it would write and run, and changes nothing', async () => {
    writeFileSync(guest.path('etc/apt/sources.list'), `deb ${origin} bookworm main\n`);
    const requestsBefore = mirror.requests.length;
    const dry = await guest.devbox(['up', '--dry-run', '-m', manifestFor(`${mirror.url}/debian`)]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('write /etc/apt/sources.list (');
    expect(dry.stdout).toContain('run apt-get update -o APT::Update::Error-Mode=any');
    // It says what it would do, and that the check was not run, never that apt-get update succeeded.
    expect(dry.stdout).toMatch(/would check that apt-get update succeeds through .* — not run/);
    expect(dry.stdout).toContain('Dry run: would change 1; nothing was changed.');
    expect(dry.stdout + dry.stderr).not.toMatch(/succeeded|Done:/);
    expect(guest.read('etc/apt/sources.list')).toBe(`deb ${origin} bookworm main\n`);
    expect(mirror.requests.length).toBe(requestsBefore);
  });

  it('reads what "official" means for Debian from the guest, not from devbox', async () => {
    const examples = guest.path('usr/share/doc/apt/examples/sources.list');
    expect(existsSync(examples)).toBe(true);
    const documented = /^deb\s+(\S+)\s+\S+\s/m.exec(readFileSync(examples, 'utf8'))![1]!;
    writeFileSync(guest.path('etc/apt/sources.list'), `deb ${mirror.url}/debian bookworm main\n`);
    const step = aptStep(await planOf(guest, manifestFor('official')));
    expect(step.action).toBe('update');
    expect(step.changes).toEqual([
      { property: '/etc/apt/sources.list:1', before: `${mirror.url}/debian`, after: documented.replace(/\/+$/, '') },
    ]);
  });
});
