import { describe, expect, it } from 'vitest';
import {
  disableOverrides,
  overridingLines,
  parseSysctlConf,
  procSysPath,
  renderSysctlConf,
  sysctlResource,
  sysctlFile,
} from './sysctl.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';

describe('sysctl.d files', () => {
  it('parses keys in either notation, the last occurrence winning', () => {
    const values = parseSysctlConf(
      '# c\nnet/ipv4/ip_forward = 0\n; x\nnet.ipv4.ip_forward=1\n-fs.x = 2\nkernel.range =  1\t2 \n',
    );
    expect([...values]).toEqual([
      ['net.ipv4.ip_forward', '1'],
      ['fs.x', '2'],
      ['kernel.range', '1 2'],
    ]);
  });

  it('rewrites managed lines, appends new keys, drops keys the manifest no longer has and keeps comments', () => {
    const text = '# mine\nvm.swappiness = 10\nnet.ipv4.ip_forward = 0\n';
    expect(
      renderSysctlConf(
        text,
        new Map([
          ['net.ipv4.ip_forward', '1'],
          ['fs.inotify.max_user_watches', '524288'],
        ]),
      ),
    ).toBe('# mine\nnet.ipv4.ip_forward = 1\nfs.inotify.max_user_watches = 524288\n');
  });

  // Issue 15 kind 3: /etc/sysctl.conf is applied after every sysctl.d file (procps-ng `sysctl --system`;
  // systemd-sysctl through Debian's 99-sysctl.conf link, which sorts after 99-devbox.conf).
  it.each([
    [
      'a different value wins at boot: named and commented out',
      'fs.inotify.max_user_watches=16384\n',
      [1],
      '# devbox: disabled, distro.sysctl sets this key in 99-devbox.conf: fs.inotify.max_user_watches=16384\n',
    ],
    ['the same value is left alone', '# x\nfs.inotify.max_user_watches = 524288\n', [], undefined],
    [
      'slash spelling and a leading "-"',
      'vm.x=1\n-fs/inotify/max_user_watches = 1\n',
      [2],
      'vm.x=1\n# devbox: disabled, distro.sysctl sets this key in 99-devbox.conf: -fs/inotify/max_user_watches = 1\n',
    ],
    ['comments do not count', '#fs.inotify.max_user_watches=1\n; fs.inotify.max_user_watches=2\n', [], undefined],
  ] as const)('%s', (_name, conf, lines, written) => {
    const desired = new Map([['fs.inotify.max_user_watches', '524288']]);
    const found = overridingLines(conf, desired);
    expect(found.map((o) => o.line)).toEqual(lines);
    if (written !== undefined) {
      const out = disableOverrides(
        conf,
        found.map((o) => o.line),
      );
      expect(out).toBe(written);
      expect(overridingLines(out, desired)).toEqual([]);
    }
  });

  it('starts a new file with a header saying who manages it', () => {
    expect(renderSysctlConf('', new Map([['a.b', '1']]))).toBe(
      '# Managed by devbox: the keys below come from your manifest (distro.sysctl).\na.b = 1\n',
    );
  });

  it('maps keys to /proc/sys paths', () => {
    expect(procSysPath('net.ipv4.ip_forward')).toBe('/proc/sys/net/ipv4/ip_forward');
  });
});

describe('distro.sysctl', () => {
  const guest = () => {
    const g = new MemoryGuest({
      '/proc/sys/net/ipv4/ip_forward': '0\n',
      '/proc/sys/net/ipv4/ip_local_port_range': '32768\t60999\n',
    }).on((argv, _stdin, g) => {
      if (argv[0] === 'bash' && argv[2] === 'printf "%s\\n" "$1" > "$2"') {
        g.setFile(argv[5]!, `${argv[4]}\n`);
        return { code: 0 };
      }
      return undefined;
    });
    g.files.set('/proc/sys', { kind: 'dir', mode: '555' });
    return g;
  };
  const ctx = (g: MemoryGuest) => ({
    platform: { os: 'linux' as const, guestDescription: 't' },
    guest: g,
    report: () => {},
  });

  it('reports runtime and persisted differences separately', async () => {
    const g = guest();
    const r = sysctlResource({ 'net.ipv4.ip_forward': 1, 'net.ipv4.ip_local_port_range': '32768 60999' });
    const result = r.test(await r.get(ctx(g)));
    expect(result.action).toBe('create');
    expect(result.changes).toEqual([
      { property: 'runtime.net.ipv4.ip_forward', before: '0', after: '1' },
      { property: 'persisted.net.ipv4.ip_forward', before: null, after: '1' },
      { property: 'persisted.net.ipv4.ip_local_port_range', before: null, after: '32768 60999' },
    ]);
  });

  it('converges: apply then get+test is in desired state, in one guest call', async () => {
    const g = guest();
    const r = sysctlResource({ 'net.ipv4.ip_forward': 1 });
    const before = g.calls.length;
    await r.apply(await r.get(ctx(g)), ctx(g));
    expect(g.calls.length - before).toBe(2);
    expect(g.text(sysctlFile)).toContain('net.ipv4.ip_forward = 1\n');
    expect(r.test(await r.get(ctx(g))).inDesiredState).toBe(true);
  });

  it('says when a key does not exist in the kernel', async () => {
    const g = guest();
    const r = sysctlResource({ 'net.ipv4.no_such_key': 1 });
    const result = r.test(await r.get(ctx(g)));
    expect(result.notes).toEqual(['net.ipv4.no_such_key does not exist in this kernel; check the name']);
    expect(result.changes[0]).toEqual({
      property: 'runtime.net.ipv4.no_such_key',
      before: '(no such key)',
      after: '1',
    });
  });

  it('a root filesystem without /proc is no error: only the files, and the plan says so', async () => {
    const g = new MemoryGuest({ '/etc/sysctl.conf': 'net.ipv4.ip_forward=0\n' });
    const r = sysctlResource({ 'net.ipv4.ip_forward': 1 });
    const actual = await r.get(ctx(g));
    const result = r.test(actual);
    expect(result.changes.map((c) => c.property)).toEqual([
      'persisted.net.ipv4.ip_forward',
      'overridden.net.ipv4.ip_forward',
    ]);
    expect(result.notes).toContain(
      'no /proc/sys here (a root filesystem without a running kernel): only the files are written; the values apply when it boots',
    );
    await r.apply(actual, ctx(g));
    expect(g.text('/etc/sysctl.conf')).toBe(
      '# devbox: disabled, distro.sysctl sets this key in 99-devbox.conf: net.ipv4.ip_forward=0\n',
    );
    expect(r.test(await r.get(ctx(g))).inDesiredState).toBe(true);
  });
});
