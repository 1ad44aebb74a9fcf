import { describe, expect, it } from 'vitest';
import {
  appliedFiles,
  bootValues,
  dottedKey,
  keyPath,
  overridingAssignments,
  parseSysctlLine,
  type SysctlEntry,
} from './sysctl-order.js';

/** Entries from `path: text` pairs; `path -> target: ` makes a symlink whose text is the target's. */
function tree(files: Record<string, string>): SysctlEntry[] {
  const links = new Map<string, string>();
  const texts = new Map<string, string>();
  for (const [spec, text] of Object.entries(files)) {
    const [path, target] = spec.split(' -> ') as [string, string | undefined];
    if (target) links.set(path, target);
    else texts.set(path, text);
  }
  return [...texts.keys(), ...links.keys()].map((path) => {
    const realPath = links.get(path) ?? path;
    return {
      path,
      realPath,
      kind: links.has(path) ? 'symlink' : 'file',
      regular: texts.has(realPath),
      text: texts.get(realPath) ?? '',
    };
  });
}

const own = '/etc/sysctl.d/99-devbox.conf';
const key = 'fs/inotify/max_user_watches';
const desired = new Map([[key, '524288']]);
const mine = { [own]: 'fs.inotify.max_user_watches = 524288\n' };

describe('sysctl --system order (procps-ng sysctl.c PreloadSystem)', () => {
  // Each case: the files besides devbox's, then where the value at boot comes from ("path:line"), and the
  // lines `up` must neutralise (none when the manifest's value wins already).
  it.each([
    ['nothing else sets the key', {}, `${own}:1`, []],
    [
      '/etc/sysctl.conf is applied last',
      { '/etc/sysctl.conf': 'fs.inotify.max_user_watches=16384\n' },
      '/etc/sysctl.conf:1',
      ['/etc/sysctl.conf:1'],
    ],
    [
      'a later name in /etc/sysctl.d',
      { '/etc/sysctl.d/99-zz-custom.conf': 'fs.inotify.max_user_watches = 8192\n' },
      '/etc/sysctl.d/99-zz-custom.conf:1',
      ['/etc/sysctl.d/99-zz-custom.conf:1'],
    ],
    ['an earlier name loses', { '/etc/sysctl.d/10-a.conf': 'fs.inotify.max_user_watches = 8192\n' }, `${own}:1`, []],
    [
      'a later name in /usr/lib/sysctl.d',
      { '/usr/lib/sysctl.d/99-z.conf': 'fs.inotify.max_user_watches=1\n' },
      '/usr/lib/sysctl.d/99-z.conf:1',
      ['/usr/lib/sysctl.d/99-z.conf:1'],
    ],
    [
      '/run and /usr/local/lib and /lib are read too',
      {
        '/run/sysctl.d/zz.conf': 'vm.x=1\n',
        '/usr/local/lib/sysctl.d/zy.conf': 'fs.inotify.max_user_watches=3\n',
        '/lib/sysctl.d/zx.conf': 'fs.inotify.max_user_watches=2\n',
      },
      '/usr/local/lib/sysctl.d/zy.conf:1',
      ['/lib/sysctl.d/zx.conf:1', '/usr/local/lib/sysctl.d/zy.conf:1'],
    ],
    [
      'the same basename in /etc masks the vendor file',
      { '/usr/lib/sysctl.d/99-z.conf': 'fs.inotify.max_user_watches=1\n', '/etc/sysctl.d/99-z.conf': '# masked\n' },
      `${own}:1`,
      [],
    ],
    [
      'the same basename in /run masks /usr/lib',
      {
        '/usr/lib/sysctl.d/zz.conf': 'fs.inotify.max_user_watches=1\n',
        '/run/sysctl.d/zz.conf': 'fs.inotify.max_user_watches=2\n',
      },
      '/run/sysctl.d/zz.conf:1',
      ['/run/sysctl.d/zz.conf:1'],
    ],
    [
      'Debian/Ubuntu 99-sysctl.conf → ../sysctl.conf counts once',
      {
        '/etc/sysctl.conf': '#\nfs.inotify.max_user_watches=16384\n',
        '/etc/sysctl.d/99-sysctl.conf -> /etc/sysctl.conf': '',
      },
      '/etc/sysctl.conf:2',
      ['/etc/sysctl.d/99-sysctl.conf:2'],
    ],
    [
      'a "-" key ignores errors but still assigns',
      { '/etc/sysctl.d/zz.conf': '-fs.inotify.max_user_watches = 7\n' },
      '/etc/sysctl.d/zz.conf:1',
      ['/etc/sysctl.d/zz.conf:1'],
    ],
    [
      'a "-key" line without "=" only excludes globs',
      { '/etc/sysctl.d/zz.conf': '-fs.inotify.max_user_watches\n' },
      `${own}:1`,
      [],
    ],
    [
      'a glob never overrides an explicit key',
      { '/etc/sysctl.d/zz.conf': 'fs.inotify.max_user_*=9\nfs.inotify.*=9\n' },
      `${own}:1`,
      [],
    ],
    [
      'slash spelling is the same key',
      { '/etc/sysctl.d/zz.conf': 'fs/inotify/max_user_watches=5\n' },
      '/etc/sysctl.d/zz.conf:1',
      ['/etc/sysctl.d/zz.conf:1'],
    ],
    [
      'comments (# and ;), blanks and CRLF',
      {
        '/etc/sysctl.d/zz.conf':
          '# fs.inotify.max_user_watches=1\r\n  ; fs.inotify.max_user_watches=2\r\n\r\n' +
          '\tfs.inotify.max_user_watches\t=\t 524288 \r\n',
      },
      '/etc/sysctl.d/zz.conf:4',
      [],
    ],
    [
      'the same value later is no override',
      { '/etc/sysctl.conf': 'fs.inotify.max_user_watches = 524288\n' },
      '/etc/sysctl.conf:1',
      [],
    ],
    [
      'later assignments in one file win',
      { '/etc/sysctl.d/zz.conf': 'fs.inotify.max_user_watches=1\nfs.inotify.max_user_watches=524288\n' },
      '/etc/sysctl.d/zz.conf:2',
      ['/etc/sysctl.d/zz.conf:1'],
    ],
    [
      'names sort by bytes: uppercase before lowercase, "~" after "z"',
      {
        '/etc/sysctl.d/99-Z.conf': 'fs.inotify.max_user_watches=1\n',
        '/etc/sysctl.d/~.conf': 'fs.inotify.max_user_watches=2\n',
      },
      '/etc/sysctl.d/~.conf:1',
      ['/etc/sysctl.d/~.conf:1'],
    ],
    [
      'only *.conf names count; a dot file is read but sorts first',
      {
        '/etc/sysctl.d/zz.conf.dpkg-old': 'fs.inotify.max_user_watches=1\n',
        '/etc/sysctl.d/.zz.conf': 'fs.inotify.max_user_watches=1\n',
      },
      `${own}:1`,
      [],
    ],
    [
      'subdirectories are not read; "~" sorts after every letter',
      {
        '/etc/sysctl.d/zz/x.conf': 'fs.inotify.max_user_watches=1\n',
        '/etc/sysctl.d/~hidden.conf': 'fs.inotify.max_user_watches=3\n',
      },
      '/etc/sysctl.d/~hidden.conf:1',
      ['/etc/sysctl.d/~hidden.conf:1'],
    ],
    ['a dangling sysctl.conf link is not applied', { '/etc/sysctl.conf -> /nowhere': '' }, `${own}:1`, []],
  ] as [string, Record<string, string>, string, string[]][])('%s', (_name, files, winner, fixes) => {
    const entries = tree({ ...mine, ...files });
    const boot = bootValues(entries).get(key)!;
    expect(`${boot.path}:${boot.line}`).toBe(winner);
    expect(
      overridingAssignments(entries, own, desired)
        .map((a) => `${a.path}:${a.line}`)
        .sort(),
    ).toEqual(fixes);
  });

  it("puts devbox's file where its name sorts when it does not exist yet", () => {
    const entries = tree({
      '/etc/sysctl.d/99-zz.conf': 'fs.inotify.max_user_watches=1\n',
      '/etc/sysctl.d/50-a.conf': 'fs.inotify.max_user_watches=2\n',
    });
    expect(overridingAssignments(entries, own, desired).map((a) => a.path)).toEqual(['/etc/sysctl.d/99-zz.conf']);
  });

  it('applies the sysctl.d names in byte order, then /etc/sysctl.conf', () => {
    const entries = tree({
      '/etc/sysctl.conf': '',
      '/usr/lib/sysctl.d/50-b.conf': '',
      '/etc/sysctl.d/a.conf': '',
      '/run/sysctl.d/10-c.conf': '',
    });
    expect(appliedFiles(entries).map((e) => e.path)).toEqual([
      '/run/sysctl.d/10-c.conf',
      '/usr/lib/sysctl.d/50-b.conf',
      '/etc/sysctl.d/a.conf',
      '/etc/sysctl.conf',
    ]);
  });

  it.each([
    ['net.ipv4.ip_forward', 'net/ipv4/ip_forward'],
    ['net/ipv4/ip_forward', 'net/ipv4/ip_forward'],
    ['net.ipv4.conf.eth0/100.rp_filter', 'net/ipv4/conf/eth0.100/rp_filter'],
    ['net/ipv4/conf/eth0.100/rp_filter', 'net/ipv4/conf/eth0.100/rp_filter'],
  ])('key %s is /proc/sys/%s (procps slashdot)', (k, path) => {
    expect(keyPath(k)).toBe(path);
    expect(keyPath(dottedKey(path))).toBe(path);
  });

  it.each([
    ['x', { kind: 'none' }],
    ['a=1', { kind: 'assign', key: 'a', value: '1', glob: false, ignoreErrors: false }],
    [
      '  -kernel.range =  1\t2 ',
      { kind: 'assign', key: 'kernel/range', value: '1 2', glob: false, ignoreErrors: true },
    ],
    [
      'net.ipv4.conf.*.rp_filter = 2',
      { kind: 'assign', key: 'net/ipv4/conf/*/rp_filter', value: '2', glob: true, ignoreErrors: false },
    ],
    ['-net.ipv4.conf.lo.rp_filter', { kind: 'exclude', key: 'net/ipv4/conf/lo/rp_filter' }],
    ['no equals sign', { kind: 'none' }],
    ['; a=1', { kind: 'none' }],
  ])('parses %j', (line, parsed) => {
    expect(parseSysctlLine(line)).toEqual(parsed);
  });
});
