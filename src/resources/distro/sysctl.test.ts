import { describe, expect, it } from 'vitest';
import { parseListing, parseSysctlConf, procSysPath, renderSysctlConf, sysctlResource, sysctlFile } from './sysctl.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';

describe('sysctl.d files', () => {
  it('parses keys in either notation, the last occurrence winning', () => {
    const values = parseSysctlConf(
      '# c\nnet/ipv4/ip_forward = 0\n; x\nnet.ipv4.ip_forward=1\n-fs.x = 2\nkernel.range =  1\t2 \n',
    );
    expect([...values]).toEqual([
      ['net/ipv4/ip_forward', '1'],
      ['fs/x', '2'],
      ['kernel/range', '1 2'],
    ]);
  });

  it('rewrites managed lines, appends new keys, drops keys the manifest no longer has and keeps comments', () => {
    const text = '# mine\nvm.swappiness = 10\nnet.ipv4.ip_forward = 0\n';
    expect(
      renderSysctlConf(
        text,
        new Map([
          ['net/ipv4/ip_forward', '1'],
          ['fs/inotify/max_user_watches', '524288'],
        ]),
      ),
    ).toBe('# mine\nnet.ipv4.ip_forward = 1\nfs.inotify.max_user_watches = 524288\n');
  });

  it('starts a new file with a header saying who manages it', () => {
    expect(renderSysctlConf('', new Map([['a/b', '1']]))).toBe(
      '# Managed by devbox: the keys below come from your manifest (distro.sysctl).\na.b = 1\n',
    );
  });

  it('maps keys to /proc/sys paths', () => {
    expect(procSysPath('net.ipv4.ip_forward')).toBe('/proc/sys/net/ipv4/ip_forward');
  });
});

/**
 * The listing script's answer, made from the fake's files: what the real script prints for the same tree
 * (test/guest runs the real one in a real root).
 */
function listing(argv: readonly string[], g: MemoryGuest): { stdout: string } | undefined {
  if (argv[3] !== 'devbox-sysctl-list') return undefined;
  const [conf, ...dirs] = argv.slice(4);
  const entry = (path: string) => {
    const e = g.files.get(path)!;
    const real = e.kind === 'symlink' ? e.target! : path;
    const text = g.text(real);
    return [path, e.kind === 'symlink' ? 'l' : 'f', text === undefined ? '0' : '1', real, text ?? ''].join('\0') + '\0';
  };
  const paths = [...g.files.keys()].sort();
  const out = dirs.flatMap((d) => paths.filter((p) => p.startsWith(`${d}/`) && p.endsWith('.conf')).map(entry));
  if (g.files.has(conf!)) out.push(entry(conf!));
  return { stdout: out.join('') };
}

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
      return listing(argv, g);
    });
    g.files.set('/proc/sys', { kind: 'dir', mode: '555' });
    return g;
  };
  const ctx = (g: MemoryGuest, runningKernel = true) => ({
    platform: { os: 'linux' as const, guestDescription: 't', runningKernel },
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

  it('a running system without /proc/sys writes only the files and says so', async () => {
    const g = new MemoryGuest().on((argv, _s, g) => listing(argv, g));
    const r = sysctlResource({ 'net.ipv4.ip_forward': 1 });
    const result = r.test(await r.get(ctx(g)));
    expect(result.changes.map((c) => c.property)).toEqual(['persisted.net.ipv4.ip_forward']);
    expect(result.notes).toEqual([
      'no /proc/sys here: only the files are written; the values apply when the system boots',
    ]);
  });

  it('another root filesystem: never reads or writes /proc, only files, and the plan says so', async () => {
    const g = guest();
    g.setFile('/etc/sysctl.conf', 'net.ipv4.ip_forward=0\n');
    const r = sysctlResource({ 'net.ipv4.ip_forward': 1 });
    const actual = await r.get(ctx(g, false));
    const result = r.test(actual);
    expect(result.changes.map((c) => c.property)).toEqual([
      'persisted.net.ipv4.ip_forward',
      'overridden.net.ipv4.ip_forward',
    ]);
    expect(result.notes).toEqual([
      'not the running system (another root filesystem): only the files are written, never /proc/sys ' +
        '(that would be the host kernel); the values apply when this system boots',
    ]);
    await r.apply(actual, ctx(g, false));
    const touched = g.calls.flat().filter((op) => 'path' in op && op.path.startsWith('/proc'));
    expect(touched).toEqual([]);
    expect(g.calls.flat().filter((op) => op.op === 'run' && !op.readOnly)).toEqual([]);
    expect(g.text('/proc/sys/net/ipv4/ip_forward')).toBe('0\n');
    expect(g.text('/etc/sysctl.conf')).toBe(
      '# devbox: disabled, distro.sysctl sets this key in 99-devbox.conf: net.ipv4.ip_forward=0\n',
    );
    expect(r.test(await r.get(ctx(g, false))).inDesiredState).toBe(true);
  });

  // Issue 15 kind 3: a line applied after 99-devbox.conf is named with its file and line, and neutralised
  // where it lives under /etc, or masked by a same-named copy in /etc/sysctl.d (vendor files stay as they are).
  it.each([
    [
      "/etc/sysctl.conf, also through Debian's 99-sysctl.conf link",
      { '/etc/sysctl.conf': '# keep\nfs.inotify.max_user_watches=16384\n' },
      { '/etc/sysctl.d/99-sysctl.conf': '../sysctl.conf' },
      '/etc/sysctl.d/99-sysctl.conf (→ /etc/sysctl.conf) line 2: fs.inotify.max_user_watches = 16384',
      'line commented out',
      {
        '/etc/sysctl.conf':
          '# keep\n# devbox: disabled, distro.sysctl sets this key in 99-devbox.conf: ' +
          'fs.inotify.max_user_watches=16384\n',
      },
    ],
    [
      'a later file in /etc/sysctl.d',
      { '/etc/sysctl.d/99-zz-custom.conf': 'vm.x = 1\nfs.inotify.max_user_watches = 8192\n' },
      {},
      '/etc/sysctl.d/99-zz-custom.conf line 2: fs.inotify.max_user_watches = 8192',
      'line commented out',
      {
        '/etc/sysctl.d/99-zz-custom.conf':
          'vm.x = 1\n# devbox: disabled, distro.sysctl sets this key in 99-devbox.conf: ' +
          'fs.inotify.max_user_watches = 8192\n',
      },
    ],
    [
      'a vendor file in /usr/lib/sysctl.d',
      { '/usr/lib/sysctl.d/99-z.conf': 'fs.inotify.max_user_watches=1\nvm.y=2\n' },
      {},
      '/usr/lib/sysctl.d/99-z.conf line 1: fs.inotify.max_user_watches = 1',
      'masked by /etc/sysctl.d/99-z.conf, a copy with that line commented out ' +
        '(/usr/lib/sysctl.d/99-z.conf itself is left as it is)',
      {
        '/usr/lib/sysctl.d/99-z.conf': 'fs.inotify.max_user_watches=1\nvm.y=2\n',
        '/etc/sysctl.d/99-z.conf':
          '# devbox: masks /usr/lib/sysctl.d/99-z.conf (a same-named file in /etc/sysctl.d hides it), ' +
          'a copy whose lines that distro.sysctl overrides are commented out.\n' +
          '# devbox: disabled, distro.sysctl sets this key in 99-devbox.conf: fs.inotify.max_user_watches=1\nvm.y=2\n',
      },
    ],
  ] as [string, Record<string, string>, Record<string, string>, string, string, Record<string, string>][])(
    '%s',
    async (_name, files, links, before, after, written) => {
      const g = guest();
      for (const [p, t] of Object.entries(files)) g.setFile(p, t);
      for (const [p, t] of Object.entries(links))
        g.setSymlink(p, t.startsWith('/') ? t : `${p.slice(0, p.lastIndexOf('/'))}/${t}`.replace('/sysctl.d/..', ''));
      const r = sysctlResource({ 'fs.inotify.max_user_watches': 524288 });
      const actual = await r.get(ctx(g));
      expect(r.test(actual).changes.find((c) => c.property === 'overridden.fs.inotify.max_user_watches')).toEqual({
        property: 'overridden.fs.inotify.max_user_watches',
        before: `${before} (applied after /etc/sysctl.d/99-devbox.conf: it wins at the next boot)`,
        after,
      });
      await r.apply(actual, ctx(g));
      for (const [p, t] of Object.entries(written)) expect(g.text(p)).toBe(t);
      for (const p of Object.keys(links)) expect(g.files.get(p)?.kind).toBe('symlink');
      expect(r.test(await r.get(ctx(g))).inDesiredState).toBe(true);
    },
  );

  it("gives back the user's line it disabled once the manifest no longer sets that key", async () => {
    const g = guest();
    const mark = '# devbox: disabled, distro.sysctl sets this key in 99-devbox.conf: ';
    g.setFile(sysctlFile, '# Managed by devbox\nfs.inotify.max_user_watches = 524288\nnet.ipv4.ip_forward = 0\n');
    g.setFile('/etc/sysctl.conf', `# keep\n${mark}fs.inotify.max_user_watches=16384\n${mark}net.ipv4.ip_forward=1\n`);
    const r = sysctlResource({ 'net.ipv4.ip_forward': 0 });
    const actual = await r.get(ctx(g, false));
    expect(r.test(actual).changes).toEqual([
      {
        property: 'restored./etc/sysctl.conf:2',
        before: `${mark}fs.inotify.max_user_watches=16384`,
        after: 'fs.inotify.max_user_watches=16384',
      },
      { property: 'removedKeys', before: 'fs.inotify.max_user_watches', after: null },
    ]);
    await r.apply(actual, ctx(g, false));
    expect(g.text('/etc/sysctl.conf')).toBe(
      `# keep\nfs.inotify.max_user_watches=16384\n${mark}net.ipv4.ip_forward=1\n`,
    );
    expect(r.test(await r.get(ctx(g, false))).inDesiredState).toBe(true);
  });

  it('removes keys the manifest no longer has from its own file', async () => {
    const g = guest();
    g.setFile(sysctlFile, '# Managed by devbox\nnet.ipv4.ip_forward = 0\nvm.old = 3\n');
    g.setFile('/proc/sys/net/ipv4/ip_forward', '1\n');
    const r = sysctlResource({ 'net.ipv4.ip_forward': 1 });
    const actual = await r.get(ctx(g));
    expect(r.test(actual).changes).toEqual([
      { property: 'persisted.net.ipv4.ip_forward', before: '0', after: '1' },
      { property: 'removedKeys', before: 'vm.old', after: null },
    ]);
    await r.apply(actual, ctx(g));
    expect(g.text(sysctlFile)).toBe('# Managed by devbox\nnet.ipv4.ip_forward = 1\n');
  });

  it('reads the listing format', () => {
    expect(parseListing('/a.conf\0l\x000\0/b\0\0/c.conf\0f\x001\0/c.conf\0x=1\n\0')).toEqual([
      { path: '/a.conf', kind: 'symlink', regular: false, realPath: '/b', text: '' },
      { path: '/c.conf', kind: 'file', regular: true, realPath: '/c.conf', text: 'x=1\n' },
    ]);
  });
});
