/**
 * The standalone executables (scripts/dist.mjs): the Linux one run for real, from a copy in an empty
 * folder (so nothing can come from beside it or from the package); the Windows one checked
 * structurally (it cannot run here).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runDevbox } from '../rig/cli.js';
import { missingPrerequisites } from '../rig/privileges.js';
import { freshRootfs, type TestRootfs } from '../rig/rootfs.js';
import { buildStandalone, distDir, linuxBinary, windowsExe } from './build.js';
import { findResource, readPe } from './pe.js';

const skip = buildStandalone();
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const seaMagic = 0x143da20;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(skip)('devbox-linux-x64', () => {
  let dir: string;
  let bin: string;
  const run = (args: string[], cwd?: string, env: Record<string, string | undefined> = {}) => {
    const r = spawnSync(bin, args, { cwd: cwd ?? dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DEVBOX_CACHE_DIR: join(dir, 'cache'), ...env }, timeout: 300_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'devbox-sea-'));
    bin = join(dir, 'devbox');
    copyFileSync(linuxBinary, bin);
    spawnSync('chmod', ['755', bin]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers --version with its version and the Node it embeds', () => {
    const r = run(['--version']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(`devbox/${pkg.version} linux-x64 node-${process.version}\n`);
  });

  it('prints the help rendered at build time, and refuses an unknown command with exit 2', () => {
    expect(run(['--help']).stdout).toBe(readFileSync(join(repoRoot, 'dist', 'help', '_root.txt'), 'utf8'));
    expect(run(['plan', '--help']).stdout).toBe(readFileSync(join(repoRoot, 'dist', 'help', 'plan.txt'), 'utf8'));
    const unknown = run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it('speaks Simplified Chinese under LANG=zh_CN.UTF-8 or --lang zh-CN: help rendered at build time, errors', () => {
    const zh = { LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'zh_CN.UTF-8' };
    const zhHelp = readFileSync(join(repoRoot, 'dist', 'help', 'zh-CN', 'plan.txt'), 'utf8');
    expect(run(['plan', '--help'], undefined, zh).stdout).toBe(zhHelp);
    expect(run(['plan', '--help', '--lang', 'zh-CN'], undefined, { LC_ALL: 'C' }).stdout).toBe(zhHelp);
    expect(run(['--help'], undefined, zh).stdout).toBe(readFileSync(join(repoRoot, 'dist', 'help', 'zh-CN', '_root.txt'), 'utf8'));
    const missing = 'no-such.yaml'; // relative to the executable's folder, the working directory
    const r = run(['plan', '-m', missing, '--lang', 'zh-CN'], undefined, { LC_ALL: 'C' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`错误：找不到文件：${missing}\n  → 检查 -m/--manifest 指定的路径。\n`);
    const english = run(['plan', '-m', missing], undefined, { ...zh, LC_ALL: 'C' });
    expect(english.stderr).toBe(`Error: file not found: ${missing}\n  → Check the path given with -m/--manifest.\n`);
  });

  it('validates the built-in manifest (an asset inside the executable) without a word on stderr', () => {
    const r = run(['manifest', 'validate']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('Valid: builtin:default');
    const shown = run(['manifest', 'show', '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual(JSON.parse(runDevbox(['manifest', 'show', '--json']).stdout));
  });

  it('binds every command of the npm build (oclif.manifest.json)', () => {
    const ids = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'oclif.manifest.json'), 'utf8')) as { commands: object }).commands);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) {
      // An unknown flag is oclif's parse error (exit 2 from the command), not "command not found".
      const r = run([...id.split(':'), '--no-such-flag']);
      expect(r.code, id).toBe(2);
      expect(r.stderr, id).toMatch(/(Unknown|Nonexistent) flag: --no-such-flag/);
    }
  });

  it('exits 3 on a bad manifest, naming the key and line', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'version: 1\ndistro:\n  nmae: Ubuntu\n');
    const r = run(['manifest', 'validate', '-m', 'bad.yaml']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('bad.yaml:3:3');
    expect(r.stderr).toContain('nmae');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad flag with --json answering JSON', () => {
    const r = run(['plan', '--plane', 'moon', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('usage');
  });

  describe('on a real Debian root', () => {
    let rootfs: TestRootfs | undefined;
    const missing = missingPrerequisites('dist: plan on a rootfs', ['debootstrap', 'chroot', 'tar', 'mount']);
    beforeAll(() => {
      if (!missing) rootfs = freshRootfs();
    });
    afterAll(() => rootfs?.dispose());

    it.skipIf(missing)('plans the guest plane exactly as the npm build does (the guest agent is an asset)', () => {
      const args = ['plan', '--plane', 'guest', '--root', rootfs!.dir, '--json'];
      const fromExe = run(args);
      expect(fromExe.code, fromExe.stderr).toBe(0);
      const fromNode = runDevbox(args);
      expect(fromNode.code, fromNode.stderr).toBe(0);
      const plan = JSON.parse(fromExe.stdout);
      expect(plan).toEqual(JSON.parse(fromNode.stdout));
      expect(JSON.stringify(plan)).toContain('distro.');
    });
  });
});

describe.skipIf(skip)('devbox-win-x64.exe', () => {
  const exe = () => readFileSync(windowsExe);
  const build = (name: string) => readFileSync(join(distDir, '.build', name));

  it('is a PE32+ x64 console program without the (now invalid) signature of node.exe', () => {
    const info = readPe(exe());
    expect(info.magic).toBe(0x20b);
    expect(info.machine).toBe(0x8664);
    expect(info.subsystem).toBe(3); // IMAGE_SUBSYSTEM_WINDOWS_CUI
    expect(info.security).toEqual({ offset: 0, size: 0 });
  });

  it('carries the SEA blob as the NODE_SEA_BLOB resource, with the same bundle and assets as the Linux one', () => {
    const blob = findResource(exe(), 10, 'NODE_SEA_BLOB');
    expect(blob, 'no RT_RCDATA resource NODE_SEA_BLOB').toBeDefined();
    expect(blob!.readUInt32LE(0)).toBe(seaMagic);
    expect(Buffer.compare(blob!, build('sea-win.blob'))).toBe(0);
    // The fuse postject flips so node.exe looks for the blob at all.
    expect(exe().includes('NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1')).toBe(true);

    const bundle = build('devbox.cjs');
    const linux = readFileSync(linuxBinary);
    expect(blob!.includes(bundle)).toBe(true);
    expect(linux.includes(bundle)).toBe(true);
    expect(linux.includes(build('sea-linux.blob'))).toBe(true);
    const config = JSON.parse(build('sea-win.json').toString('utf8')) as { assets: Record<string, string> };
    const names = Object.keys(config.assets);
    for (const name of ['manifests/default.yaml', 'manifests/schema.json', 'platform/guest/agent.sh', 'help/_root.txt']) expect(names).toContain(name);
    const scripts = readdirSync(join(repoRoot, 'src', 'platform', 'windows', 'scripts')).filter((n) => n.endsWith('.ps1'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(names).toContain(`platform/windows/scripts/${script}`);
    for (const [name, file] of Object.entries(config.assets)) {
      const bytes = readFileSync(file);
      expect(blob!.includes(Buffer.from(name)), name).toBe(true);
      expect(blob!.includes(bytes), name).toBe(true);
      expect(linux.includes(bytes), name).toBe(true);
    }
  });
});

describe.skipIf(skip)('release files', () => {
  it('SHA256SUMS and latest.json give each executable its sha256 and size; install.ps1 pins the Windows one', () => {
    const sums = readFileSync(join(distDir, 'SHA256SUMS'), 'utf8');
    const latest = JSON.parse(readFileSync(join(distDir, 'latest.json'), 'utf8'));
    expect(latest.version).toBe(pkg.version);
    for (const [name, path] of [
      ['devbox-linux-x64', linuxBinary],
      ['devbox-win-x64.exe', windowsExe],
    ] as const) {
      const bytes = readFileSync(path);
      expect(sums).toContain(`${sha256(bytes)}  ${name}\n`);
      expect(latest.assets[name]).toEqual({ sha256: sha256(bytes), size: bytes.length });
    }
    const installer = readFileSync(join(distDir, 'install.ps1'), 'utf8');
    expect(installer).toContain(`$PinnedSha256 = '${sha256(readFileSync(windowsExe))}'`);
    expect(installer).toContain(`$PinnedVersion = '${pkg.version}'`);
  });
});
