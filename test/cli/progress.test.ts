/**
 * `devbox up` as a user sees it, under a real pseudo-terminal (a tmux server of the test's own): the
 * task list's spinner frames and elapsed time while a step runs, live apt progress on the running
 * step's line, each frame replaced by one ✓/✗ line with its duration; colours on a terminal, none
 * with NO_COLOR, none and no spinner when piped, nothing but JSON on stdout under --json; a failing
 * step's output tail on the terminal and in the run log, whose path is printed. Real chroot, real
 * apt through a local mirror that forwards to this machine's own Debian mirror, slowed down so the
 * progress is visible.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devboxBin, runDevbox, runDevboxAsync } from '../rig/cli.js';
import { deadMirrorUrl, startAptMirror, type AptMirror } from '../rig/mirror.js';
import { missingPrerequisites } from '../rig/privileges.js';
import { freshRootfs, type TestRootfs } from '../rig/rootfs.js';

const unavailable = missingPrerequisites('task list under a terminal', ['chroot', 'debootstrap', 'tmux']);
const q = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
const esc = /\u001b\[/;
const spinner = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

/** devbox in a 120×40 terminal of a private tmux server; the screen is sampled while it runs. */
class Terminal {
  private readonly socket = `devbox-progress-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  readonly frames: string[] = [];

  private readonly dir: string;

  constructor(work: string, args: readonly string[], env: Record<string, string>) {
    this.dir = mkdtempSync(join(work, 'terminal-'));
    const dir = this.dir;
    const script = join(dir, 'run.sh');
    const exports = Object.entries(env).map(([k, v]) => `export ${k}=${q(v)}`);
    writeFileSync(
      script,
      [
        'unset CI NO_COLOR FORCE_COLOR',
        ...exports,
        `cd ${q(dir)}`,
        [process.execPath, devboxBin, ...args].map(q).join(' '),
        `echo $? > ${q(join(dir, 'exit.tmp'))} && mv ${q(join(dir, 'exit.tmp'))} ${q(join(dir, 'exit'))}`,
        'sleep 600',
      ].join('\n'),
    );
    this.tmux('new-session', '-d', '-s', 'main', '-x', '120', '-y', '40', 'sh', script);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** The screen with its colours as escape codes (capture-pane -e). */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-e', '-J', '-S', '-200', '-t', 'main');
  }

  /** Samples the screen until devbox exits; returns its exit code and the last screen. */
  async exit(timeoutMs = 300_000): Promise<{ code: number; screen: string }> {
    const file = join(this.dir, 'exit');
    const end = Date.now() + timeoutMs;
    while (!existsSync(file)) {
      if (Date.now() > end) throw new Error(`devbox did not exit:\n${this.screen()}`);
      this.frames.push(this.screen());
      await new Promise((r) => setTimeout(r, 100));
    }
    return { code: Number(readFileSync(file, 'utf8').trim()), screen: this.screen() };
  }

  close(): void {
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}

const plainText = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

describe.runIf(!unavailable)('devbox up under a terminal', () => {
  let rootfs: TestRootfs;
  let mirror: AptMirror;
  let work: string;
  const state = () => join(work, 'state');
  const logs = () => (existsSync(join(state(), 'logs')) ? readdirSync(join(state(), 'logs')).sort() : []);

  beforeAll(async () => {
    rootfs = freshRootfs();
    // Slow enough that apt's download and dpkg's work stay on screen for a few samples.
    mirror = await startAptMirror({ host: '127.0.0.1', bytesPerSecond: 1024 * 1024 });
    work = mkdtempSync(join(tmpdir(), 'devbox-progress-'));
  });
  afterAll(async () => {
    rootfs?.dispose();
    await mirror?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const manifest = (name: string, mirrorUrl: string, packages: string[]) => {
    const path = join(work, name);
    writeFileSync(
      path,
      `version: 1\ndistro:\n  name: Debian-test\n  wslConf:\n    boot:\n      systemd: true\n` +
        `  apt:\n    mirror: ${mirrorUrl}/debian\n    packages: [${packages.join(', ')}]\n`,
    );
    return path;
  };
  const upArgs = (m: string) => ['up', '--yes', '--plane', 'guest', '--root', rootfs.dir, '-m', m];

  it('a failing step: ✗ with its duration, the tail of its output, the log path; the log has it all', async () => {
    rmSync(join(rootfs.dir, 'etc/wsl.conf'), { force: true });
    const m = manifest('dead.yaml', await deadMirrorUrl('127.0.0.1'), ['tree']);
    const before = logs();
    const term = new Terminal(work, [...upArgs(m), '--proxy', 'http://alice:s3cret@127.0.0.1:9'], {
      DEVBOX_STATE_DIR: state(),
    });
    try {
      const { code, screen } = await term.exit();
      expect(code, screen).toBe(4);
      const text = plainText(screen);
      expect(text).toMatch(/✓ distro\.wslconf\[\/etc\/wsl\.conf\] {2}changed {2}\(\d+(\.\d)?m?s\)/);
      expect(text).toMatch(/✗ distro\.apt\[sources\] {2}failed {2}\(\d/);
      expect(text).toContain('distro.apt[sources]: output of apt-get update');
      expect(text).toMatch(/ {4}E: Failed to fetch http:\/\/127\.0\.0\.1:\d+\/debian/);
      // Colour on a terminal: the ✗ is red, the error prefix is red.
      expect(screen).toMatch(/\u001b\[31m✗/);
      expect(screen).toMatch(/\u001b\[31mError:/);
      // Each result once: the final screen has one line per step, no spinner left.
      expect(text.match(/distro\.wslconf\[\/etc\/wsl\.conf\] {2}changed/g)).toHaveLength(1);
      expect(text.split('\n').filter((l) => spinner.test(l))).toEqual([]);
      const added = logs().filter((n) => !before.includes(n));
      expect(added).toHaveLength(1);
      const logPath = join(state(), 'logs', added[0]!);
      expect(text.replace(/\n/g, '')).toContain(`The log of this run: ${logPath}`);
      const log = readFileSync(logPath, 'utf8');
      expect(log).toMatch(/command devbox up --yes --plane guest --root \S+ -m \S+ --proxy http:\/\/alice:\*\*\*@127/);
      expect(log).not.toContain('s3cret');
      expect(log).toMatch(/start {3}distro\.apt\[sources\]/);
      expect(log).toMatch(/end {5}distro\.apt\[sources\]: failed \(/);
      expect(log).toMatch(/output of apt-get update[^\n]*:\n(\s{6}.*\n)*\s{6}E: Failed to fetch/);
      expect(log).toMatch(/exit code 4\n\s+Error: 1 step\(s\) did not converge/);
    } finally {
      term.close();
    }
  });

  it('a converging run: spinner and elapsed time while running, live apt progress, then ✓ lines; colours', async () => {
    rmSync(join(rootfs.dir, 'etc/wsl.conf'), { force: true });
    const m = manifest('live.yaml', mirror.url, ['tree', 'file']);
    const term = new Terminal(work, upArgs(m), { DEVBOX_STATE_DIR: state() });
    try {
      const { code, screen } = await term.exit();
      expect(code, screen).toBe(0);
      const frames = term.frames.map(plainText);
      // While the apt step ran: a spinner frame, its elapsed time, and apt's own progress.
      const running = frames.filter((f) => /distro\.apt\[sources\] {2}running \d+s/.test(f));
      expect(running.length, frames.at(-1)).toBeGreaterThan(0);
      expect(running.some((f) => spinner.test(f))).toBe(true);
      expect(
        frames.some((f) => /› apt: (downloading|installing) \d+% {2}\S/.test(f)),
        running.at(-1),
      ).toBe(true);
      const text = plainText(screen);
      expect(text).toMatch(/✓ distro\.apt\[sources\] {2}changed {2}\(\d/);
      // A step's running title ("id  running 3s"), not any "running" (the off-WSL note says "not running under WSL").
      expect(text.split('\n').filter((l) => spinner.test(l) || /\S {2}running \d/.test(l))).toEqual([]);
      expect(text).toMatch(/✓ distro\.wslconf\[\/etc\/wsl\.conf\] {2}changed/);
      expect(text).toContain('Done: 2 changed.');
      expect(screen).toMatch(/\u001b\[32m✓/);
      expect(screen).toMatch(/\u001b\[33m~\u001b\[39m distro\.apt/);
      // The transcript the README shows: one frame while apt worked, and the screen at the end.
      const dir = process.env.DEVBOX_TRANSCRIPT_DIR;
      if (dir) {
        const live = frames.filter((f) => /› apt: /.test(f)).at(-1) ?? '';
        writeFileSync(join(dir, 'up-running.txt'), live.replace(/\s+$/, '\n'));
        writeFileSync(join(dir, 'up-done.txt'), text.replace(/\s+$/, '\n'));
      }
    } finally {
      term.close();
    }
  });

  it('NO_COLOR at a terminal: the same task list without a single escape code', async () => {
    const m = manifest('live.yaml', mirror.url, ['tree', 'file']);
    const term = new Terminal(work, ['plan', '--plane', 'guest', '--root', rootfs.dir, '-m', m], {
      DEVBOX_STATE_DIR: state(),
      NO_COLOR: '1',
    });
    try {
      const { code, screen } = await term.exit();
      expect(code, screen).toBe(0);
      expect(screen).toContain('= distro.apt[sources]');
      expect(screen).not.toMatch(esc);
    } finally {
      term.close();
    }
    const forced = new Terminal(work, ['plan', '--no-color', '--plane', 'guest', '--root', rootfs.dir, '-m', m], {
      DEVBOX_STATE_DIR: state(),
      FORCE_COLOR: '3',
    });
    try {
      const { screen } = await forced.exit();
      expect(screen).toContain('= distro.apt[sources]');
      expect(screen).not.toMatch(esc);
    } finally {
      forced.close();
    }
  });

  it('an unwritable state folder: a note on stderr, and the dry run goes on to its end', () => {
    const file = join(work, 'not-a-folder');
    writeFileSync(file, 'x');
    const m = join(work, 'wslconf.yaml');
    writeFileSync(m, 'version: 1\ndistro:\n  name: Debian-test\n  wslConf:\n    boot:\n      systemd: false\n');
    const r = runDevbox(['up', '--dry-run', '--plane', 'guest', '--root', rootfs.dir, '-m', m], {
      env: { DEVBOX_STATE_DIR: join(file, 'state') },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `Note: devbox cannot write its run log under ${join(file, 'state', 'logs')} (ENOTDIR); carrying on without one.`,
    );
    expect(r.stdout).toContain('Dry run: would change 1; nothing was changed.');
  });

  it('piped: plain lines, no spinner, no escape codes; --json: stdout is only the JSON', async () => {
    execFileSync('chroot', [rootfs.dir, 'apt-get', 'remove', '-y', '-qq', 'tree'], { stdio: 'ignore' });
    const m = manifest('live.yaml', mirror.url, ['tree', 'file']);
    const piped = await runDevboxAsync(upArgs(m), { env: { DEVBOX_STATE_DIR: state(), NO_COLOR: '' } });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout + piped.stderr).not.toMatch(esc);
    expect(piped.stderr).not.toMatch(spinner);
    expect(piped.stderr).toMatch(/^→ distro\.apt\[sources\]$/m);
    expect(piped.stderr).toMatch(/^✓ distro\.apt\[sources\] {2}changed {2}\(\d/m);
    expect(piped.stdout).toContain('Done: 1 changed.');

    execFileSync('chroot', [rootfs.dir, 'apt-get', 'remove', '-y', '-qq', 'tree'], { stdio: 'ignore' });
    const json = await runDevboxAsync([...upArgs(m), '--json'], { env: { DEVBOX_STATE_DIR: state() } });
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as { report: { steps: Array<{ id: string; outcome: string }> } };
    expect(result.report.steps.find((s) => s.id === 'distro.apt[sources]')?.outcome).toBe('applied');
    expect(json.stderr).not.toContain('distro.apt');
  });
});
