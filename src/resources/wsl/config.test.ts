import { describe, expect, it } from 'vitest';
import { FakeHost } from '../../../test/fakes/fake-host.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import type { ApplyContext, ReadContext } from '../../engine/resource.js';
import { sameWslConfigValue, wslConfigResource, type WslConfigSetting } from './config.js';

const platform = { os: 'windows' as const, guestDescription: 'test' };
const path = 'C:\\Users\\dev\\.wslconfig';
const settings: WslConfigSetting[] = [
  { section: 'wsl2', key: 'memory', value: '8GB' },
  { section: 'wsl2', key: 'vmIdleTimeout', value: -1 },
  { section: 'general', key: 'instanceIdleTimeout', value: -1 },
];

function host(content?: string | Buffer): FakeHost {
  const h = new FakeHost();
  if (content !== undefined) h.files.set(path, Buffer.from(content));
  return h;
}

async function converge(
  h: FakeHost,
  policy: 'ask' | 'always' | 'never' = 'ask',
  confirm?: (q: string) => Promise<boolean>,
) {
  const resource = wslConfigResource(settings, policy);
  const read: ReadContext = { platform, guest: new MemoryGuest(), host: h };
  const reports: string[] = [];
  const ctx: ApplyContext = {
    platform,
    guest: new MemoryGuest(),
    host: h,
    report: (m) => reports.push(m),
    ...(confirm ? { confirm } : {}),
  };
  const before = resource.test(await resource.get(read));
  await resource.apply(await resource.get(read), ctx);
  const after = resource.test(await resource.get(read));
  return { before, after, reports, text: h.files.get(path)!.toString('utf8') };
}

describe('wsl.config', () => {
  it('creates a missing .wslconfig with CRLF line endings', async () => {
    const { before, after, text, reports } = await converge(host());
    expect(before.action).toBe('create');
    expect(after.inDesiredState).toBe(true);
    expect(text).toBe('[wsl2]\r\nmemory=8GB\r\nvmIdleTimeout=-1\r\n\r\n[general]\r\ninstanceIdleTimeout=-1\r\n');
    expect(reports).toEqual([
      'wrote %USERPROFILE%\\.wslconfig',
      'WSL is not running: the new settings apply when it next starts',
    ]);
  });

  it('changes only the managed keys: comments, other keys, order, LF endings and a BOM stay', async () => {
    const original =
      '\ufeff# mine\n[wsl2]\nswap=0 # no swap\nmemory=8192MB\nvmIdleTimeout=60000\n[experimental]\nsparseVhd=true\n';
    const { text } = await converge(host(original));
    expect(text).toBe(
      '\ufeff# mine\n[wsl2]\nswap=0 # no swap\nmemory=8192MB\nvmIdleTimeout=-1\n[experimental]\nsparseVhd=true\n\n[general]\ninstanceIdleTimeout=-1\n',
    );
  });

  it('compares sizes and paths the way WSL reads them', () => {
    expect(sameWslConfigValue({ section: 'wsl2', key: 'memory', value: '8GB' }, '8192MB')).toBe(true);
    expect(sameWslConfigValue({ section: 'wsl2', key: 'memory', value: '8GB' }, '4GB')).toBe(false);
    expect(
      sameWslConfigValue({ section: 'wsl2', key: 'swapFile', value: 'D:\\wsl\\swap.vhdx' }, 'D:\\\\wsl\\\\swap.vhdx'),
    ).toBe(true);
    expect(sameWslConfigValue({ section: 'wsl2', key: 'dnsTunneling', value: false }, 'False')).toBe(true);
  });

  it('rewrites a UTF-16 file as UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[wsl2]\r\nmemory=8GB\r\n', 'utf16le')]);
    const { before, text } = await converge(host(utf16));
    expect(before.changes).toContainEqual({ property: 'encoding', before: 'UTF-16', after: 'UTF-8' });
    expect(text.startsWith('[wsl2]\r\nmemory=8GB\r\n')).toBe(true);
  });

  it('notes an old [experimental] spelling of a key it manages under [wsl2]', async () => {
    const resource = wslConfigResource([{ section: 'wsl2', key: 'networkingMode', value: 'nat' }], 'never');
    const h = host('[experimental]\nnetworkingMode=mirrored\n');
    const result = resource.test(await resource.get({ platform, guest: new MemoryGuest(), host: h }));
    expect(result.notes).toContain(
      '[experimental] networkingMode is also set (its old spelling); remove it so only [wsl2] networkingMode counts',
    );
  });

  describe('wsl --shutdown, which stops running distributions', () => {
    const running = () => {
      const h = host('[wsl2]\n');
      h.processes.vmmemWSL = 1;
      return h.on((c) =>
        c.args.join(' ') === '--list --running --quiet'
          ? { stdout: Buffer.from('Ubuntu-24.04\r\n', 'utf16le') }
          : c.args[0] === '--shutdown'
            ? {}
            : undefined,
      );
    };

    it('runs with "always"', async () => {
      const h = running();
      const { reports } = await converge(h, 'always');
      expect(h.commandLines).toEqual(['wsl.exe --list --running --quiet', 'wsl.exe --shutdown']);
      expect(reports[1]).toBe(
        'ran wsl --shutdown so the new settings apply (it stops the running distribution(s) Ubuntu-24.04)',
      );
    });

    it('asks with "ask", and does nothing when the answer is no', async () => {
      const h = running();
      const questions: string[] = [];
      const { reports } = await converge(h, 'ask', async (q) => (questions.push(q), false));
      expect(questions).toEqual([
        'The new .wslconfig settings apply after `wsl --shutdown` (it stops the running distribution(s) Ubuntu-24.04). Run it now?',
      ]);
      expect(h.commandLines).toEqual(['wsl.exe --list --running --quiet']);
      expect(reports[1]).toMatch(/^WSL keeps its old settings until you run `wsl --shutdown`/);
    });

    it('never runs with "never", nor when nobody can be asked', async () => {
      for (const policy of ['never', 'ask'] as const) {
        const h = running();
        await converge(h, policy);
        expect(h.commandLines).not.toContain('wsl.exe --shutdown');
      }
    });
  });

  // Issue 15 kinds 1 and 2: as WSL reads the file (src/shared/configfile/configfile.cpp, stringshared.h).
  describe('compared and written as WSL reads .wslconfig', () => {
    const mark = '# devbox: kernelCommandLine parameters it added (from your manifest): ';
    const cases: [string, WslConfigSetting[], string, string[], string | undefined][] = [
      [
        'comments after values are not part of them',
        [
          { section: 'wsl2', key: 'memory', value: '6GB' },
          { section: 'wsl2', key: 'processors', value: 2 },
        ],
        '[wsl2]\r\nmemory=6GB # Limits VM memory\r\nprocessors=2 # two CPUs\r\n',
        [],
        undefined,
      ],
      [
        'a single backslash is an invalid escape: drift, written doubled',
        [{ section: 'wsl2', key: 'swapFile', value: 'D:\\wsl2.vhdx' }],
        '[wsl2]\r\nswapFile=D:\\wsl2.vhdx\r\n',
        ['wsl2.swapFile'],
        '[wsl2]\r\nswapFile=D:\\\\wsl2.vhdx\r\n',
      ],
      [
        'the first memory counts',
        [{ section: 'wsl2', key: 'memory', value: '8GB' }],
        '[wsl2]\nmemory=4GB\n[wsl2]\nmemory=8GB\n',
        ['wsl2.memory'],
        '[wsl2]\nmemory=8GB\n[wsl2]\nmemory=8GB\n',
      ],
      [
        '8gb is rejected by WSL (units are case-sensitive)',
        [{ section: 'wsl2', key: 'memory', value: '8GB' }],
        '[wsl2]\nmemory=8gb\n',
        ['wsl2.memory'],
        '[wsl2]\nmemory=8GB\n',
      ],
      [
        'the old [experimental] spelling first is the one rewritten',
        [{ section: 'wsl2', key: 'networkingMode', value: 'mirrored' }],
        '[experimental]\nnetworkingMode=nat\n[wsl2]\nnetworkingMode=mirrored\n',
        ['wsl2.networkingMode'],
        '[experimental]\nnetworkingMode=mirrored\n[wsl2]\nnetworkingMode=mirrored\n',
      ],
      [
        "kernelCommandLine keeps the user's parameters",
        [{ section: 'wsl2', key: 'kernelCommandLine', value: 'cgroup_no_v1=all' }],
        '[wsl2]\r\nkernelCommandLine = sysctl.vm.max_map_count=262144\r\n',
        ['wsl2.kernelCommandLine'],
        `[wsl2]\r\n${mark}cgroup_no_v1=all\r\nkernelCommandLine = sysctl.vm.max_map_count=262144 cgroup_no_v1=all\r\n`,
      ],
      [
        "kernelCommandLine replaces devbox's earlier value of a parameter",
        [{ section: 'wsl2', key: 'kernelCommandLine', value: 'cgroup_no_v1=all' }],
        '[wsl2]\nkernelCommandLine=cgroup_no_v1=memory quiet\n',
        ['wsl2.kernelCommandLine'],
        `[wsl2]\n${mark}cgroup_no_v1=all\nkernelCommandLine=quiet cgroup_no_v1=all\n`,
      ],
      [
        "a parameter devbox added and the manifest dropped entirely is removed (the user's stay)",
        [{ section: 'wsl2', key: 'kernelCommandLine', value: 'sysctl.vm.swappiness=10' }],
        `[wsl2]\n${mark}cgroup_no_v1=all\nkernelCommandLine=quiet cgroup_no_v1=all\n`,
        ['wsl2.kernelCommandLine'],
        `[wsl2]\n${mark}sysctl.vm.swappiness=10\nkernelCommandLine=quiet sysctl.vm.swappiness=10\n`,
      ],
      [
        'the manifest sets no kernelCommandLine any more: devbox takes back its own parameters',
        [{ section: 'wsl2', key: 'memory', value: '8GB' }],
        `[wsl2]\r\nmemory=8GB\r\n  ${mark}cgroup_no_v1=all x=1\r\n` +
          '  kernelCommandLine = quiet cgroup_no_v1=all x=1 # mine\r\n',
        ['wsl2.kernelCommandLine'],
        '[wsl2]\r\nmemory=8GB\r\n  kernelCommandLine = quiet # mine\r\n',
      ],
      [
        "a parameter the user had before devbox is not devbox's: dropping it from the manifest keeps it",
        [{ section: 'wsl2', key: 'kernelCommandLine', value: 'cgroup_no_v1=all' }],
        '[wsl2]\nkernelCommandLine=sysctl.vm.max_map_count=262144\n',
        ['wsl2.kernelCommandLine'],
        `[wsl2]\n${mark}cgroup_no_v1=all\nkernelCommandLine=sysctl.vm.max_map_count=262144 cgroup_no_v1=all\n`,
      ],
      [
        "… and a later manifest without kernelCommandLine leaves only the user's",
        [{ section: 'wsl2', key: 'memory', value: '8GB' }],
        `[wsl2]\nmemory=8GB\n${mark}cgroup_no_v1=all\n` +
          'kernelCommandLine=sysctl.vm.max_map_count=262144 cgroup_no_v1=all\n',
        ['wsl2.kernelCommandLine'],
        '[wsl2]\nmemory=8GB\nkernelCommandLine=sysctl.vm.max_map_count=262144\n',
      ],
      [
        "a parameter the user already had, identical, is not recorded as devbox's",
        [{ section: 'wsl2', key: 'kernelCommandLine', value: 'cgroup_no_v1=all quiet' }],
        '[wsl2]\nkernelCommandLine=cgroup_no_v1=all\n',
        ['wsl2.kernelCommandLine'],
        `[wsl2]\n${mark}quiet\nkernelCommandLine=cgroup_no_v1=all quiet\n`,
      ],
      [
        "every parameter was devbox's: the key goes with them",
        [{ section: 'wsl2', key: 'memory', value: '8GB' }],
        `[wsl2]\nmemory=8GB\n${mark}cgroup_no_v1=all\nkernelCommandLine=cgroup_no_v1=all\nswap=0\n`,
        ['wsl2.kernelCommandLine'],
        '[wsl2]\nmemory=8GB\nswap=0\n',
      ],
      [
        'no kernelCommandLine and no record: nothing to do',
        [{ section: 'wsl2', key: 'memory', value: '8GB' }],
        '[wsl2]\nmemory=8GB\n',
        [],
        undefined,
      ],
      [
        'kernelCommandLine already holding the parameter',
        [{ section: 'wsl2', key: 'kernelCommandLine', value: 'cgroup_no_v1=all' }],
        '[wsl2]\nkernelCommandLine=cgroup_no_v1=all sysctl.vm.max_map_count=262144\n',
        [],
        undefined,
      ],
    ];
    it.each(cases)('%s', async (_name, wanted, original, changed, written) => {
      const h = host(original);
      const resource = wslConfigResource(wanted, 'always');
      const read: ReadContext = { platform, guest: new MemoryGuest(), host: h };
      const apply: ApplyContext = { platform, guest: new MemoryGuest(), host: h, report: () => {} };
      const before = resource.test(await resource.get(read));
      expect(before.changes.map((c) => c.property)).toEqual(changed);
      if (written === undefined) return;
      await resource.apply(await resource.get(read), apply);
      expect(h.files.get(path)!.toString('utf8')).toBe(written);
      const again = resource.test(await resource.get(read));
      expect(again.inDesiredState).toBe(true);
      await resource.apply(await resource.get(read), apply);
      expect(h.files.get(path)!.toString('utf8')).toBe(written);
    });

    it('notes the line of a value WSL rejects', async () => {
      const resource = wslConfigResource([{ section: 'wsl2', key: 'memory', value: '8GB' }], 'never');
      const result = resource.test(
        await resource.get({ platform, guest: new MemoryGuest(), host: host('[wsl2]\nmemory=8 GB\n') }),
      );
      expect(result.notes).toContain(
        '.wslconfig line 2: WSL rejects memory=8 GB (it must be a size such as 8GB, 512MB or 8G (units B, K, KB, M, MB, G, GB, T, TB in capitals)) and uses the default',
      );
    });
  });
});
