/**
 * Each devbox script run by real PowerShell 7 over the simulated machine, with non-ASCII data
 * everywhere it can be (a user named 张三, Scoop under D:\软件\Scoop, file contents, registry
 * values, arguments) and CRLF contents: the request goes in as UTF-8 without a BOM, the answer must
 * come out as UTF-8 without a BOM, and every byte written must be the bytes asked for.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WindowsMachine } from '../winsim/machine.js';
import { setValue } from '../winsim/registry.js';
import { requirePwsh } from './pwsh.js';

const scripts = new URL('../../src/platform/windows/scripts/', import.meta.url).pathname;
const flags = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File'];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const machines: WindowsMachine[] = [];
afterEach(() => {
  for (const m of machines.splice(0)) m.dispose();
});

/** A Windows 11 machine whose user is 张三. */
function machine(options: { uac?: 'accept' | 'decline' } = {}): WindowsMachine {
  requirePwsh();
  const m = WindowsMachine.create({ preset: 'win11', ...options });
  machines.push(m);
  m.update((s) => {
    s.user.name = '张三';
    s.env.USERPROFILE = 'C:\\Users\\张三';
    s.env.LOCALAPPDATA = 'C:\\Users\\张三\\AppData\\Local';
    s.env.USERNAME = '张三';
  });
  return m;
}

/** Runs a script; its answer must be one line of UTF-8 JSON without a byte order mark. */
function run(m: WindowsMachine, script: string, request: unknown, env: Record<string, string> = {}) {
  const r = m.run('powershell.exe', [...flags, join(scripts, script)], {
    input: Buffer.from(JSON.stringify(request), 'utf8'),
    env,
  });
  expect({ code: r.windowsExitCode, stderr: r.stderr.toString() }).toEqual({ code: 0, stderr: '' });
  expect(r.stdout.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
  const text = r.stdout.toString('utf8');
  expect(Buffer.from(text, 'utf8').equals(r.stdout)).toBe(true); // valid UTF-8, nothing replaced
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the scripts' answers are read field by field in each test
  return JSON.parse(text) as Record<string, any>;
}

describe('devbox scripts under real pwsh, non-ASCII data', () => {
  it('probe.ps1: os, registry, files and Scoop under D:\\软件\\Scoop', () => {
    const m = machine();
    const root = 'D:\\软件\\Scoop';
    m.writeFile(`${root}\\apps\\scoop\\current\\bin\\scoop.ps1`, '# scoop\r\n');
    m.writeFile(`${root}\\apps\\七zip\\23.01\\install.json`, '{"bucket":"主"}\r\n');
    m.writeFile(`${root}\\apps\\七zip\\23.01\\manifest.json`, '{"description":"压缩工具"}\r\n');
    symlinkSync(m.path(`${root}\\apps\\七zip\\23.01`), join(m.path(`${root}\\apps\\七zip`), 'current'));
    m.writeFile(
      `${root}\\buckets\\主\\.git\\config`,
      '[remote "origin"]\r\n\turl = https://example.invalid/主.git\r\n',
    );
    m.writeFile(`${root}\\buckets\\主\\bucket\\七zip.json`, '{}');
    const notes = Buffer.from('第一行\r\nzweite Zeile ü\r\n', 'utf8');
    m.writeFile('D:\\软件\\说明.txt', notes);
    m.update((s) => {
      setValue(s, 'HKEY_CURRENT_USER\\Environment', 'SCOOP', { type: 'REG_SZ', data: root });
      setValue(s, 'HKEY_CURRENT_USER\\Software\\开发', '名字', { type: 'REG_SZ', data: '值 ü' });
      setValue(s, 'HKEY_CURRENT_USER\\Software\\开发', 'Max', { type: 'REG_DWORD', data: 0xffffffff });
      setValue(s, 'HKEY_CURRENT_USER\\Software\\开发', 'List', { type: 'REG_MULTI_SZ', data: ['一', 'two'] });
      setValue(s, 'HKEY_CURRENT_USER\\Software\\开发\\子键', 'X', { type: 'REG_QWORD', data: 5 });
    });
    const { results } = run(m, 'probe.ps1', {
      ops: [
        { op: 'os' },
        { op: 'registry', key: 'HKCU\\Software\\开发', depth: 1 },
        { op: 'file', path: 'D:\\软件\\说明.txt' },
        { op: 'fileHash', path: 'D:\\软件\\说明.txt' },
        { op: 'file', path: 'D:\\软件\\没有.txt' },
        { op: 'scoop', roots: [root], details: true },
        { op: 'registry', key: 'HKU\\x' },
      ],
    });
    expect(results[0].os).toMatchObject({ elevated: false, env: { USERPROFILE: 'C:\\Users\\张三', USERNAME: '张三' } });
    expect(results[1].registry).toEqual({
      exists: true,
      values: {
        名字: { type: 'REG_SZ', data: '值 ü' },
        Max: { type: 'REG_DWORD', data: 4294967295 },
        List: { type: 'REG_MULTI_SZ', data: ['一', 'two'] },
      },
      subkeys: { 子键: { values: { X: { type: 'REG_QWORD', data: 5 } } } },
    });
    expect(Buffer.from(results[2].file.content, 'base64').equals(notes)).toBe(true);
    expect(results[3]).toEqual({ hash: sha(notes) });
    expect(results[4]).toEqual({ file: { exists: false } });
    const scoop = results[5].scoop;
    expect(scoop.env.SCOOP).toEqual({ user: root });
    const found = scoop.roots.find((r: { path: string }) => r.path === root);
    expect(found).toMatchObject({ exists: true, core: true, shim: false });
    expect(found.apps).toEqual([
      expect.objectContaining({
        name: '七zip',
        versions: [{ name: '23.01', install: '{"bucket":"主"}\r\n' }],
        current: { target: '23.01', manifest: '{"description":"压缩工具"}\r\n', install: '{"bucket":"主"}\r\n' },
      }),
    ]);
    expect(found.buckets).toEqual([
      expect.objectContaining({
        name: '主',
        git: true,
        gitConfig: '[remote "origin"]\r\n\turl = https://example.invalid/主.git\r\n',
        manifests: 1,
      }),
    ]);
    expect(results[6]).toEqual({ error: 'unsupported registry root in HKU\\x (use HKLM\\ or HKCU\\)' });
  });

  it('probe.ps1: the display language (Get-UICulture) for devbox messages', () => {
    const m = machine();
    const ask = (culture: string) => {
      m.update((s) => {
        s.user.uiCulture = culture;
      });
      return run(m, 'probe.ps1', { ops: [{ op: 'uiCulture' }] }).results;
    };
    expect(ask('en-US')).toEqual([{ uiCulture: 'en-US' }]);
    expect(ask('zh-CN')).toEqual([{ uiCulture: 'zh-CN' }]);
  });

  it('write-file.ps1: exact bytes to a path under C:\\Users\\张三, the original backed up once', () => {
    const m = machine();
    const target = 'C:\\Users\\张三\\文档\\.wslconfig';
    m.writeFile(target, '[wsl2]\r\nmemory=2GB # 原来\r\n');
    const first = Buffer.from('[wsl2]\r\nmemory=8GB # 新\r\n', 'utf8');
    const answer = run(m, 'write-file.ps1', {
      path: '%USERPROFILE%\\文档\\.wslconfig',
      content: first.toString('base64'),
      backupRoot: '%LOCALAPPDATA%\\devbox\\backups',
    });
    const backup = 'C:\\Users\\张三\\AppData\\Local\\devbox\\backups\\C\\Users\\张三\\文档\\.wslconfig';
    expect(answer).toEqual({ ok: true, backup });
    expect(m.readFile(target)!.equals(first)).toBe(true);
    expect(m.readFile(backup)!.toString('utf8')).toBe('[wsl2]\r\nmemory=2GB # 原来\r\n');
    run(m, 'write-file.ps1', {
      path: target,
      content: Buffer.from('x\r\n').toString('base64'),
      backupRoot: '%LOCALAPPDATA%\\devbox\\backups',
    });
    expect(m.readFile(backup)!.toString('utf8')).toBe('[wsl2]\r\nmemory=2GB # 原来\r\n');
    expect(existsSync(`${m.path(target)}.devbox-tmp`)).toBe(false);
    const created = run(m, 'write-file.ps1', {
      path: 'D:\\软件\\新.txt',
      content: Buffer.from('一\r\n').toString('base64'),
    });
    expect(created).toEqual({ ok: true, backup: null });
    expect(m.readFile('D:\\软件\\新.txt')!.toString('utf8')).toBe('一\r\n');
  });

  it('replace-file.ps1: hash guard, read-only kept, backup once, DNS flushed, retries while the file is held', () => {
    const m = machine();
    const target = 'D:\\软件\\hosts 副本';
    const before = Buffer.from('127.0.0.1 localhost\r\n# 注释\r\n', 'utf8');
    m.writeFile(target, before);
    m.setReadOnly(target, true);
    const after = Buffer.from('127.0.0.1 localhost\r\n# 注释\r\n10.0.0.1 开发.example\r\n', 'utf8');
    const request = {
      path: target,
      content: after.toString('base64'),
      expectedSha256: sha(before),
      backupRoot: '%LOCALAPPDATA%\\devbox\\backups',
      flushDns: true,
      retryMs: 800,
    };
    expect(run(m, 'replace-file.ps1', { ...request, expectedSha256: sha(Buffer.from('other')) })).toEqual({
      ok: false,
      reason: 'changed',
      actualSha256: sha(before),
    });
    expect(m.readFile(target)!.equals(before)).toBe(true);

    m.holdFile(target, 60_000);
    const busy = run(m, 'replace-file.ps1', request);
    expect(busy).toMatchObject({ ok: false, reason: 'busy' });
    expect(busy.message).toContain('being used by another process');
    expect(m.readFile(target)!.equals(before)).toBe(true);

    const m2 = machine();
    m2.writeFile(target, before);
    m2.setReadOnly(target, true);
    m2.holdFile(target, 1500);
    const flushes = m2.state().network.dnsCacheFlushes;
    const ok = run(m2, 'replace-file.ps1', { ...request, retryMs: 60_000 });
    expect(ok).toEqual({
      ok: true,
      backup: 'C:\\Users\\张三\\AppData\\Local\\devbox\\backups\\D\\软件\\hosts 副本',
      dnsFlushed: true,
    });
    expect(m2.readFile(target)!.equals(after)).toBe(true);
    expect(m2.isReadOnly(target)).toBe(true);
    expect(m2.state().network.dnsCacheFlushes).toBe(flushes + 1);
    expect(m2.readFile(ok.backup)!.equals(before)).toBe(true);
  });

  it('elevate.ps1: the started program gets exactly its arguments (spaces, quotes, backslashes, Chinese)', async () => {
    const m = machine();
    const out = join(m.dir, '结果 out.json');
    const args = [
      '-e',
      'require("fs").writeFileSync(process.argv[1], JSON.stringify({ argv: process.argv.slice(2), elevated: process.env.WINSIM_ELEVATED }))',
      out,
      'a b',
      'quote"inside',
      'trailing\\',
      'C:\\路径 有空格\\',
      '中文 参数',
      '',
    ];
    const answer = run(m, 'elevate.ps1', { file: process.execPath, arguments: args });
    expect(answer).toMatchObject({ started: true, pid: expect.any(Number) });
    for (let i = 0; i < 300 && !existsSync(out); i++) await new Promise((r) => setTimeout(r, 100));
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ argv: args.slice(3), elevated: '1' });
    expect(m.state().uac.prompts).toBe(1);
    rmSync(out);

    const declined = machine({ uac: 'decline' });
    expect(run(declined, 'elevate.ps1', { file: process.execPath, arguments: args })).toEqual({
      started: false,
      reason: 'cancelled',
    });
    expect(declined.state().uac.prompts).toBe(1);
  });

  it('fixed-ip-task.ps1: run from C:\\Users\\张三\\AppData\\Local\\devbox, adds the address once, needs elevation', () => {
    const m = machine();
    const dir = 'C:\\Users\\张三\\AppData\\Local\\devbox';
    m.writeFile(`${dir}\\fixed-ip-task.ps1`, readFileSync(join(scripts, 'fixed-ip-task.ps1')));
    m.writeFile(
      `${dir}\\fixed-ip.json`,
      JSON.stringify({ distro: 'Ubuntu-24.04', hostAddress: '192.168.50.1', prefixLength: 24 }),
    );
    m.update((s) => {
      s.adapters.push({
        name: 'vEthernet (WSL (Hyper-V firewall))',
        ifIndex: 61,
        status: 'Up',
        hidden: true,
        wsl: true,
        ipv4: [{ address: '172.20.0.1', prefixLength: 20 }],
      });
    });
    mkdirSync(join(m.dir, 'logs'), { recursive: true });
    const task = [...flags.slice(0, 4), '-WindowStyle', 'Hidden', '-File', `${dir}\\fixed-ip-task.ps1`];
    const limited = m.run('powershell.exe', task);
    expect(limited.windowsExitCode).toBe(1);
    expect(limited.stderr.toString()).toContain('Access is denied');
    for (let i = 0; i < 2; i++) {
      const r = m.run('powershell.exe', task, { env: { WINSIM_ELEVATED: '1' } });
      expect({ code: r.windowsExitCode, stderr: r.stderr.toString() }).toEqual({ code: 0, stderr: '' });
    }
    expect(m.state().adapters.find((a) => a.ifIndex === 61)!.ipv4).toEqual([
      { address: '172.20.0.1', prefixLength: 20 },
      { address: '192.168.50.1', prefixLength: 24 },
    ]);
  });
});
