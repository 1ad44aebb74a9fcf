import { describe, expect, it } from 'vitest';
import { wslConfResource, wslConfPath } from './wslconf.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';

const ctx = (g: MemoryGuest) => ({
  platform: { os: 'linux' as const, guestDescription: 't' },
  guest: g,
  report: () => {},
});
/** A guest whose kernel is WSL's: wsl.conf means something there (see the off-WSL tests below). */
function inWsl(g: MemoryGuest): MemoryGuest {
  g.setFile('/proc/sys/kernel/osrelease', '5.15.167.4-microsoft-standard-WSL2\n');
  return g.on((argv) => (argv[0] === 'printenv' ? { code: 1 } : undefined));
}
const settings = [
  { section: 'boot', key: 'systemd', value: true },
  { section: 'network', key: 'generateResolvConf', value: false },
];

describe('distro.wslconf', () => {
  it('creates the file when it is missing', async () => {
    const g = inWsl(new MemoryGuest());
    const r = wslConfResource(settings);
    const actual = await r.get(ctx(g));
    expect(r.test(actual)).toEqual({
      inDesiredState: false,
      action: 'create',
      changes: [
        { property: 'boot.systemd', before: null, after: 'true' },
        { property: 'network.generateResolvConf', before: null, after: 'false' },
      ],
    });
    await r.apply(actual, ctx(g));
    expect(g.text(wslConfPath)).toBe('[boot]\nsystemd=true\n\n[network]\ngenerateResolvConf=false\n');
    expect(g.files.get(wslConfPath)!.mode).toBe('644');
  });

  it('only touches its keys; everything else stays byte for byte', async () => {
    const text =
      '# hand-written\n[automount]\noptions = "metadata"\n[boot]\nsystemd=true\ncommand = service ssh start\n';
    const g = inWsl(new MemoryGuest({ [wslConfPath]: text }));
    const r = wslConfResource(settings);
    const actual = await r.get(ctx(g));
    expect(r.test(actual).changes).toEqual([{ property: 'network.generateResolvConf', before: null, after: 'false' }]);
    await r.apply(actual, ctx(g));
    expect(g.text(wslConfPath)).toBe(`${text}\n[network]\ngenerateResolvConf=false\n`);
    expect(r.test(await r.get(ctx(g))).inDesiredState).toBe(true);
  });

  it("holds back distro.dns's generateResolvConf while WSL's DNS tunneling is on, and writes it once it is off", async () => {
    const held = [
      { section: 'boot', key: 'systemd', value: true },
      { section: 'network', key: 'generateResolvConf', value: false, heldWhileDnsTunneling: true },
    ];
    let lo = '[{"addr_info":[{"local":"127.0.0.1","prefixlen":8},{"local":"10.255.255.254","prefixlen":32}]}]';
    const g = inWsl(new MemoryGuest()).on((argv) =>
      argv.join(' ') === 'ip -j -4 addr show dev lo' ? { stdout: lo } : undefined,
    );
    const r = wslConfResource(held);
    const tunneling = await r.get(ctx(g));
    expect(r.test(tunneling)).toEqual({
      inDesiredState: false,
      action: 'create',
      changes: [{ property: 'boot.systemd', before: null, after: 'true' }],
      notes: [
        "network.generateResolvConf held back: WSL's DNS tunneling is on (10.255.255.254), and distro.dns does not replace it",
      ],
    });
    await r.apply(tunneling, ctx(g));
    expect(g.text(wslConfPath)).toBe('[boot]\nsystemd=true\n');
    expect(r.test(await r.get(ctx(g))).inDesiredState).toBe(true);

    lo = '[{"addr_info":[{"local":"127.0.0.1","prefixlen":8}]}]';
    const off = await r.get(ctx(g));
    expect(r.test(off).changes).toEqual([{ property: 'network.generateResolvConf', before: null, after: 'false' }]);
    await r.apply(off, ctx(g));
    expect(g.text(wslConfPath)).toBe('[boot]\nsystemd=true\n\n[network]\ngenerateResolvConf=false\n');
  });

  it('does not look for DNS tunneling when no setting depends on it', async () => {
    const g = inWsl(new MemoryGuest());
    await wslConfResource(settings).get(ctx(g));
    // Only the WSL check (printenv); no `ip addr` for tunneling.
    expect(g.calls.flat().filter((op) => op.op === 'run' && op.argv[0] !== 'printenv')).toEqual([]);
  });

  it('treats a CRLF file as drift (WSL ignores it) and writes LF', async () => {
    const g = inWsl(
      new MemoryGuest({ [wslConfPath]: '[boot]\r\nsystemd=true\r\n[network]\r\ngenerateResolvConf=false\r\n' }),
    );
    const r = wslConfResource(settings);
    const actual = await r.get(ctx(g));
    expect(r.test(actual).changes).toEqual([
      { property: 'lineEndings', before: 'CRLF (WSL ignores the file)', after: 'LF' },
    ]);
    await r.apply(actual, ctx(g));
    expect(g.text(wslConfPath)).toBe('[boot]\nsystemd=true\n[network]\ngenerateResolvConf=false\n');
  });

  it('refuses a directory in place of the file', async () => {
    const g = inWsl(new MemoryGuest());
    g.files.set(wslConfPath, { kind: 'dir', mode: '755' });
    await expect(wslConfResource(settings).get(ctx(g))).rejects.toThrow('/etc/wsl.conf is a directory, not a file');
  });

  // Issue 15 kind 1: compared and written as WSL reads (src/shared/configfile/configfile.cpp).
  it.each([
    [
      'a repeated [boot]: the first systemd counts',
      '[boot]\nsystemd=false\n\n[network]\ngenerateResolvConf=false\n[boot]\nsystemd=true\n',
      { property: 'boot.systemd', before: 'false', after: 'true' },
      '[boot]\nsystemd=true\n\n[network]\ngenerateResolvConf=false\n[boot]\nsystemd=true\n',
    ],
    [
      'a value WSL rejects',
      '[boot]\nsystemd=yes\n[network]\ngenerateResolvConf=false\n',
      { property: 'boot.systemd', before: 'yes', after: 'true' },
      '[boot]\nsystemd=true\n[network]\ngenerateResolvConf=false\n',
    ],
    [
      'a ; comment stops WSL before the key',
      '[network]\ngenerateResolvConf=false\n; mine\n[boot]\nsystemd=true\n',
      { property: 'boot.systemd', before: null, after: 'true' },
      '[boot]\nsystemd=true\n\n[network]\ngenerateResolvConf=false\n; mine\n[boot]\nsystemd=true\n',
    ],
    [
      'quoted and commented values are what WSL reads',
      '[boot]\nsystemd="true" # on\n[network]\ngenerateResolvConf = FALSE\n',
      undefined,
      undefined,
    ],
  ])('%s', async (_name, text, change, written) => {
    const g = inWsl(new MemoryGuest({ [wslConfPath]: text }));
    const r = wslConfResource(settings);
    const actual = await r.get(ctx(g));
    expect(r.test(actual).changes).toEqual(change ? [change] : []);
    if (!written) return;
    await r.apply(actual, ctx(g));
    expect(g.text(wslConfPath)).toBe(written);
    expect(r.test(await r.get(ctx(g))).inDesiredState).toBe(true);
  });

  describe('off WSL', () => {
    const debianKernel = '6.1.0-41-amd64\n';
    const guest = (files: Record<string, string>, distroName?: string) =>
      new MemoryGuest(files).on((argv) =>
        argv[0] === 'printenv' ? (distroName ? { stdout: `${distroName}\n` } : { code: 1 }) : undefined,
      );

    it('notes that wsl.conf takes effect only inside WSL, naming the kernel, and still manages the file', async () => {
      const g = guest({ '/proc/sys/kernel/osrelease': debianKernel });
      const r = wslConfResource(settings);
      const result = r.test(await r.get(ctx(g)));
      expect(result.notes).toEqual([
        'wsl.conf keys take effect only inside WSL, and t is not running under WSL (kernel 6.1.0-41-amd64, no WSLInterop, ' +
          'no WSL_DISTRO_NAME): the file is written, but nothing here reads it',
      ]);
      expect(result.changes.map((c) => c.property)).toEqual(['boot.systemd', 'network.generateResolvConf']);
      await r.apply(await r.get(ctx(g)), ctx(g));
      const after = r.test(await r.get(ctx(g)));
      expect([after.inDesiredState, after.notes?.length]).toEqual([true, 1]);
    });

    it('knows WSL by any one sign: its kernel, its binfmt_misc interop entry, or WSL_DISTRO_NAME', async () => {
      const signs = [
        guest({ '/proc/sys/kernel/osrelease': '5.15.167.4-microsoft-standard-WSL2\n' }),
        guest({ '/proc/sys/kernel/osrelease': '4.4.0-19041-Microsoft\n' }),
        guest({ '/proc/sys/kernel/osrelease': debianKernel, '/proc/sys/fs/binfmt_misc/WSLInterop': 'enabled\n' }),
        guest({ '/proc/sys/kernel/osrelease': debianKernel, '/proc/sys/fs/binfmt_misc/WSLInterop-late': 'enabled\n' }),
        guest({ '/proc/sys/kernel/osrelease': debianKernel }, 'Ubuntu-24.04'),
      ];
      for (const g of signs) {
        const r = wslConfResource([{ section: 'boot', key: 'systemd', value: true }]);
        expect(r.test(await r.get(ctx(g))).notes).toBeUndefined();
      }
    });
  });
});
