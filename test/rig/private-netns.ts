/** A named network namespace for a test: sysctls under net.* are private to it, so tests cannot change the host's. */
import { execFileSync } from 'node:child_process';

export interface NetNs {
  name: string;
  /** argv prefix that runs a command inside the namespace. */
  wrap: string[];
  /** Reads a sysctl as seen inside the namespace. */
  sysctl(key: string): string;
  dispose(): void;
}

export function createNetNs(prefix: string): NetNs {
  const name = `${prefix}-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  execFileSync('ip', ['netns', 'add', name]);
  execFileSync('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
  return {
    name,
    wrap: ['ip', 'netns', 'exec', name],
    sysctl: (key) =>
      execFileSync('ip', ['netns', 'exec', name, 'cat', `/proc/sys/${key.replace(/\./g, '/')}`], {
        encoding: 'utf8',
      }).trim(),
    dispose: () => {
      try {
        execFileSync('ip', ['netns', 'delete', name], { stdio: 'ignore' });
      } catch {
        // already gone
      }
    },
  };
}
