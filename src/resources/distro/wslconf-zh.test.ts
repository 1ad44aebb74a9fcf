/**
 * What a resource says follows the locale set when it is built and run: the plan's note, the
 * detail line of `apply` and its errors, in Chinese under zh-CN, English otherwise.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { wslConfResource, wslConfPath } from './wslconf.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import { setLocale } from '../../i18n/catalogue.js';

/** A guest that is not WSL: no WSL kernel, no interop, no WSL_DISTRO_NAME. */
const offWsl = (files: Record<string, string> = {}) =>
  new MemoryGuest(files).on((argv) => (argv[0] === 'printenv' ? { code: 1 } : undefined));

afterEach(() => setLocale('en'));

describe('distro.wslconf in Chinese', () => {
  it('notes, detail lines and errors come from the zh-CN catalogue', async () => {
    setLocale('zh-CN');
    const g = offWsl();
    const reports: string[] = [];
    const ctx = {
      platform: { os: 'linux' as const, guestDescription: '本机系统' },
      guest: g,
      report: (m: string) => reports.push(m),
    };
    const r = wslConfResource([{ section: 'boot', key: 'systemd', value: true }]);
    const actual = await r.get(ctx);
    const result = r.test(actual);
    expect(result.notes).toHaveLength(1);
    expect(result.notes![0]).toMatch(/^wsl\.conf 的设置只在 WSL 中生效，而本机系统不在 WSL 下运行（内核 未知，/);
    await r.apply(actual, ctx);
    expect(reports).toEqual([`已写入 ${wslConfPath}`]);

    g.files.set(wslConfPath, { kind: 'dir', mode: '755' });
    await expect(r.get(ctx)).rejects.toThrow(`${wslConfPath} 是目录，不是普通文件`);
  });

  it('the same resource in English', async () => {
    setLocale('en');
    const g = offWsl();
    const reports: string[] = [];
    const ctx = {
      platform: { os: 'linux' as const, guestDescription: 'the local system' },
      guest: g,
      report: (m: string) => reports.push(m),
    };
    const r = wslConfResource([{ section: 'boot', key: 'systemd', value: true }]);
    const actual = await r.get(ctx);
    expect(r.test(actual).notes![0]).toMatch(/^wsl\.conf keys take effect only inside WSL, and the local system/);
    await r.apply(actual, ctx);
    expect(reports).toEqual([`wrote ${wslConfPath}`]);
  });
});
