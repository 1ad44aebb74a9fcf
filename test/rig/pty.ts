/**
 * Runs devbox under a real pseudo-terminal (a detached tmux session), so tests see what a user at a
 * terminal sees and answer its prompts by typing. tmux is driven by argv; the command runs from a
 * script file whose words are single-quoted, never spliced.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devboxBin, repoRoot } from './cli.js';

const q = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** tmux, or the reason it cannot be used. */
export function ptyUnavailable(): string | undefined {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'tmux is not installed (apt-get install tmux)';
  }
}

export class PtySession {
  private readonly dir = mkdtempSync(join(tmpdir(), 'devbox-pty-'));
  private readonly name = `devbox-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  /** Starts `devbox ARGS` in a 200×50 terminal with env added to this process's environment. */
  constructor(args: readonly string[], env: Record<string, string> = {}) {
    const exports = Object.entries({ NO_COLOR: '1', ...env }).map(([k, v]) => `export ${k}=${q(v)}`);
    const script = join(this.dir, 'run.sh');
    const done = join(this.dir, 'exit');
    const run = [process.execPath, devboxBin, ...args].map(q).join(' ');
    writeFileSync(
      script,
      `unset CI\n${exports.join('\n')}\ncd ${q(repoRoot)}\n${run}\necho $? > ${q(done)}.tmp && mv ${q(done)}.tmp ${q(done)}\nsleep 600\n`,
    );
    execFileSync('tmux', ['new-session', '-d', '-s', this.name, '-x', '200', '-y', '50', 'sh', script]);
  }

  /** What the terminal shows now (scrollback included). */
  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-J', '-S', '-2000', '-t', this.name], { encoding: 'utf8' });
  }

  /** Waits until the screen matches, else throws with the screen. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const text = this.screen();
      if (pattern.test(text)) return text;
      if (Date.now() > end) throw new Error(`timed out waiting for ${pattern} on the terminal:\n${text}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Types keys (tmux key names, e.g. 'y', 'Enter'). */
  type(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  /** Waits for devbox to exit; returns its exit code and the screen. */
  async exit(timeoutMs = 120_000): Promise<{ code: number; screen: string }> {
    const file = join(this.dir, 'exit');
    const end = Date.now() + timeoutMs;
    while (!existsSync(file)) {
      if (Date.now() > end) throw new Error(`devbox did not exit:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return { code: Number(readFileSync(file, 'utf8').trim()), screen: this.screen() };
  }

  close(): void {
    try {
      execFileSync('tmux', ['kill-session', '-t', this.name], { stdio: 'ignore' });
    } catch {
      // already gone
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
