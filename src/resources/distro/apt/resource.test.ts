import { describe, expect, it } from 'vitest';
import type { GuestOp, OpResult } from '../../../engine/ports/guest.js';
import type { ApplyContext, ReadContext } from '../../../engine/resource.js';
import type { NetReadPort } from '../../../engine/ports/index.js';
import { aptResource, debianOfficial, type AptDesired } from './resource.js';

const ok = (stdout = ''): OpResult => ({ code: 0, stdout: Buffer.from(stdout), stderr: Buffer.alloc(0) });
const file = (content: string): OpResult => ({
  ...ok(),
  file: { kind: 'file', content: Buffer.from(content), immutable: false },
});
const missing: OpResult = { ...ok(), file: { kind: 'missing', immutable: false } };
const b = (s: string) => `b${Buffer.from(s).toString('base64')}`;

const ubuntuSources =
  'Types: deb\nURIs: http://archive.ubuntu.com/ubuntu/\nSuites: noble noble-updates\nComponents: main\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n\nTypes: deb\nURIs: http://security.ubuntu.com/ubuntu/\nSuites: noble-security\nComponents: main\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n';

/** A guest that answers only what the script knows, records every mutating op, and throws on anything else. */
class ScriptedGuest {
  readonly changes: GuestOp[] = [];
  /** Files the agent backed up (it does so on the first write). */
  readonly backups = new Set<string>();
  files = new Map<string, string>([['/etc/apt/sources.list.d/ubuntu.sources', ubuntuSources]]);
  updateResult: OpResult = ok('Hit:1 http://m/ubuntu noble InRelease\n');
  installed = 'curl\t8.5.0-2ubuntu10\tii \n';
  osRelease = 'ID=ubuntu\nVERSION_CODENAME=noble\nUBUNTU_CODENAME=noble\n';

  async run(ops: readonly GuestOp[]): Promise<OpResult[]> {
    return ops.map((op) => {
      if (op.op === 'read' && op.path === '/etc/os-release') return file(this.osRelease);
      if (op.op === 'read' && op.path === '/usr/share/doc/apt/examples/sources.list') return missing;
      if (op.op === 'run' && op.argv[0] === 'dpkg') return ok('amd64\n');
      if (op.op === 'run' && op.argv[0] === 'test') return ok();
      if (op.op === 'run' && op.argv[0] === 'dpkg-query') return { ...ok(this.installed), code: 1 };
      if (op.op === 'run' && op.argv[0] === 'bash' && op.argv[2]!.includes('/etc/apt/sources.list.d/*.sources')) {
        return ok([...this.files].map(([p, t]) => `${b(p)} ${b(t)} ${this.backups.has(p) ? 1 : 0}\n`).join(''));
      }
      if (op.op === 'run' && op.argv[0] === 'bash' && op.argv[2]!.includes('/var/lib/apt/lists')) return ok('');
      if (op.op === 'write') {
        this.changes.push(op);
        this.backups.add(op.path);
        this.files.set(op.path, Buffer.from(op.content).toString('latin1'));
        return ok();
      }
      if (op.op === 'run' && op.argv[0] === 'apt-get' && op.argv[1] === 'update') {
        this.changes.push(op);
        return this.updateResult;
      }
      if (op.op === 'remove') {
        this.changes.push(op);
        this.files.delete(op.path);
        return ok();
      }
      if (op.op === 'run' && op.argv[0] === 'env') {
        this.changes.push(op);
        return ok();
      }
      throw new Error(`unscripted guest operation: ${JSON.stringify(op)}`);
    });
  }
}

const unscripted = () => {
  throw new Error('unscripted: no network use expected');
};
const noNet: NetReadPort = { rankMirrors: unscripted, verifiedAddresses: unscripted, probeTls: unscripted };
const platform = { os: 'linux' as const, guestDescription: 'test' };
const desired = (over: Partial<AptDesired> = {}): AptDesired => ({
  mirror: 'tuna',
  security: 'mirror',
  packages: [],
  rankTimeMs: 1000,
  ...over,
});

async function converge(guest: ScriptedGuest, want: AptDesired, net: NetReadPort = noNet) {
  const resource = aptResource(want);
  const read: ReadContext = { platform, guest, net };
  const actual = await resource.get(read);
  const result = resource.test(actual);
  const reports: string[] = [];
  const apply: ApplyContext = { platform, guest, report: (m) => reports.push(m) };
  return { resource, actual, result, run: () => resource.apply(actual, apply), reports, read };
}

describe('distro.apt on Ubuntu 24.04 (scripted guest)', () => {
  it('plans, writes, updates, and is converged afterwards', async () => {
    const guest = new ScriptedGuest();
    const step = await converge(guest, desired({ packages: ['curl', 'git'] }));
    expect(step.result.changes).toEqual([
      {
        property: '/etc/apt/sources.list.d/ubuntu.sources:2',
        before: 'http://archive.ubuntu.com/ubuntu/',
        after: 'https://mirrors.tuna.tsinghua.edu.cn/ubuntu/',
      },
      {
        property: '/etc/apt/sources.list.d/ubuntu.sources:8',
        before: 'http://security.ubuntu.com/ubuntu/',
        after: 'https://mirrors.tuna.tsinghua.edu.cn/ubuntu/',
      },
      { property: 'packages', before: ['curl'], after: ['curl', 'git'] },
    ]);
    await step.run();
    expect(
      guest.changes.map((c) =>
        c.op === 'write' ? `write ${c.path}` : c.op === 'run' ? c.argv.slice(0, 2).join(' ') : c.op,
      ),
    ).toEqual(['write /etc/apt/sources.list.d/ubuntu.sources', 'apt-get update', 'env DEBIAN_FRONTEND=noninteractive']);
    const install = guest.changes[2]!;
    expect(install.op === 'run' && install.argv.slice(-1)).toEqual(['git']);
    guest.installed += 'git\t1:2.43.0-1ubuntu7\tii \n';
    expect((await converge(guest, desired({ packages: ['curl', 'git'] }))).result.inDesiredState).toBe(true);
  });

  it('keeps security on security.ubuntu.com with security: official', async () => {
    const step = await converge(new ScriptedGuest(), desired({ mirror: 'aliyun', security: 'official' }));
    expect(step.result.changes.map((c) => c.after)).toEqual(['https://mirrors.aliyun.com/ubuntu/']);
  });

  it("restores the files and reports apt's error when apt-get update fails through the mirror", async () => {
    const guest = new ScriptedGuest();
    guest.updateResult = {
      code: 100,
      stdout: Buffer.from('Err:1 https://mirrors.tuna.tsinghua.edu.cn/ubuntu noble InRelease\n  404  Not Found\n'),
      stderr: Buffer.from(
        "E: The repository 'https://mirrors.tuna.tsinghua.edu.cn/ubuntu noble InRelease' does not have a Release file.\n",
      ),
    };
    const step = await converge(guest, desired());
    await expect(step.run()).rejects.toThrow(
      /apt-get update failed through tuna \(https:\/\/mirrors\.tuna\.tsinghua\.edu\.cn\/ubuntu\/\):\n  Err:1 .*404  Not Found\n  E: The repository .*\nRestored \/etc\/apt\/sources\.list\.d\/ubuntu\.sources as they were\./,
    );
    expect(guest.files.get('/etc/apt/sources.list.d/ubuntu.sources')).toBe(ubuntuSources);
  });

  it('measures only when the sources are not on a candidate already', async () => {
    const guest = new ScriptedGuest();
    let calls = 0;
    const net: NetReadPort = {
      verifiedAddresses: unscripted,
      probeTls: unscripted,
      rankMirrors: async (candidates, options) => {
        calls++;
        expect(options.probePath).toBe('dists/noble/InRelease');
        expect(options.validate!(Buffer.from('Origin: Ubuntu\nSuite: noble\nCodename: noble\n'), '')).toBeUndefined();
        expect(options.validate!(Buffer.from('Origin: Ubuntu\nCodename: jammy\n'), '')).toMatch(
          /does not serve the suite noble/,
        );
        const ustc = candidates.find((c) => c.name === 'ustc')!;
        return {
          ranked: [
            {
              name: 'ustc',
              baseUrl: ustc.baseUrl,
              url: '',
              ok: true,
              bytes: 1,
              ttfbMs: 10,
              throughput: 1e6,
              scoreMs: 20,
            },
          ],
          failed: [],
          elapsedMs: 42,
        };
      },
    };
    const first = await converge(guest, desired({ mirror: 'auto' }), net);
    expect(first.result.changes[0]!.after).toBe('https://mirrors.ustc.edu.cn/ubuntu/');
    expect(first.result.notes?.[0]).toMatch(/^auto: measured 6 mirror\(s\) in 42 ms: ustc 10 ms to first byte/);
    await first.run();
    const second = await converge(guest, desired({ mirror: 'auto' }), net);
    expect(second.result.inDesiredState).toBe(true);
    expect(calls).toBe(1);
  });

  // Issue 15 kind 4: no entries of the distribution (a CD/ISO install keeps only its cdrom line, or a PPA).
  // The plan says what up writes, up writes it in the release's own format, the other files stay as they were.
  const cdrom = 'deb cdrom:[Ubuntu 24.04 LTS _Noble Numbat_]/ noble main restricted\n';
  it.each([
    [
      'Ubuntu 24.04: only a cdrom line',
      'ID=ubuntu\nVERSION_CODENAME=noble\n',
      '/etc/apt/sources.list',
      cdrom,
      '/etc/apt/sources.list.d/ubuntu.sources',
      /^Types: deb\nURIs: https:\/\/mirrors\.tuna\.tsinghua\.edu\.cn\/ubuntu\/\nSuites: noble noble-updates noble-backports\nComponents: main restricted universe multiverse\n\nTypes: deb\nURIs: \S+\nSuites: noble-security\n/,
    ],
    [
      'Ubuntu 24.04: only a PPA',
      'ID=ubuntu\nVERSION_CODENAME=noble\n',
      '/etc/apt/sources.list.d/ppa.list',
      'deb https://ppa.launchpadcontent.net/x/y/ubuntu noble main\n',
      '/etc/apt/sources.list.d/ubuntu.sources',
      /^Types: deb\n/,
    ],
    [
      'Ubuntu 22.04: one-line',
      'ID=ubuntu\nVERSION_CODENAME=jammy\n',
      '/etc/apt/sources.list',
      cdrom.replace(/noble/g, 'jammy'),
      '/etc/apt/sources.list.d/ubuntu-devbox.list',
      /\ndeb https:\/\/mirrors\.tuna\.tsinghua\.edu\.cn\/ubuntu\/ jammy main restricted universe multiverse\n.*jammy-updates.*\n.*jammy-backports.*\n.*jammy-security/,
    ],
    [
      'Debian 12: one-line with non-free-firmware',
      'ID=debian\nVERSION_CODENAME=bookworm\n',
      '/etc/apt/sources.list',
      'deb cdrom:[Debian GNU/Linux 12.5.0 _Bookworm_]/ bookworm main\n',
      '/etc/apt/sources.list.d/debian-devbox.list',
      /\ndeb https:\/\/mirrors\.tuna\.tsinghua\.edu\.cn\/debian\/ bookworm main non-free-firmware\n.*bookworm-updates/,
    ],
    [
      'Debian 13: deb822',
      'ID=debian\nVERSION_CODENAME=trixie\n',
      '/etc/apt/sources.list',
      'deb cdrom:[Debian GNU/Linux 13 _Trixie_]/ trixie main\n',
      '/etc/apt/sources.list.d/debian.sources',
      /^Types: deb\nURIs: https:\/\/mirrors\.tuna\.tsinghua\.edu\.cn\/debian\/\nSuites: trixie trixie-updates\nComponents: main non-free-firmware\n/,
    ],
  ])('%s', async (_name, osRelease, existingPath, existing, writtenPath, content) => {
    const guest = new ScriptedGuest();
    guest.osRelease = osRelease;
    guest.files = new Map([[existingPath, existing]]);
    const step = await converge(guest, desired());
    expect(step.result.changes[0]!.after).toMatch(
      new RegExp(
        `^${writtenPath.replace(/[./]/g, '\\$&')} \\((deb822|one-line)\\) with the \\w+ entries at https://mirrors.tuna.tsinghua.edu.cn/`,
      ),
    );
    await step.run();
    expect(guest.files.get(existingPath)).toBe(existing);
    expect(guest.files.get(writtenPath)).toMatch(content);
    expect((await converge(guest, desired())).result.inDesiredState).toBe(true);
  });

  it('removes the entries it wrote again when apt-get update fails through them', async () => {
    const guest = new ScriptedGuest();
    guest.files = new Map([['/etc/apt/sources.list', cdrom]]);
    guest.updateResult = {
      code: 100,
      stdout: Buffer.alloc(0),
      stderr: Buffer.from(
        'E: Failed to fetch https://mirrors.tuna.tsinghua.edu.cn/ubuntu/dists/noble/InRelease  404\n',
      ),
    };
    const step = await converge(guest, desired());
    await expect(step.run()).rejects.toThrow(/Removed \/etc\/apt\/sources\.list\.d\/ubuntu\.sources again/);
    expect([...guest.files.keys()]).toEqual(['/etc/apt/sources.list']);
  });
});

describe('debianOfficial', () => {
  it("takes Debian's archives from the apt package's example file", () => {
    const examples =
      '# See sources.list(5)\ndeb http://ftp.example.org/debian trixie main\ndeb http://ftp.example.org/debian-security trixie-security main\n#deb-src http://x/ y z\n';
    expect(debianOfficial(examples)).toEqual({
      main: 'http://ftp.example.org/debian',
      security: 'http://ftp.example.org/debian-security',
    });
    expect(debianOfficial(undefined)).toBeUndefined();
    expect(debianOfficial('# nothing\n')).toBeUndefined();
  });
});
