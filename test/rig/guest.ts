/**
 * A test guest: a fresh Debian root filesystem in its own network namespace, and the devbox CLI run
 * against it the way a user on Linux would (`devbox … --plane guest --root DIR`), as a process inside
 * the namespace, so both devbox's own network use (mirror ranking) and the guest's (apt, DNS) go
 * through the guest network.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { devboxBin, repoRoot, type CliResult } from './cli.js';
import { createGuestNetwork, type GuestNetwork } from './netns.js';
import { freshRootfs, type TestRootfs } from './rootfs.js';

export interface TestGuest {
  root: string;
  net: GuestNetwork;
  /**
   * Runs devbox on the guest plane of this guest, inside its network. Asynchronous on purpose: the
   * test's own servers (mirrors) answer from this process's event loop while devbox runs.
   */
  devbox(args: readonly string[], options?: { timeoutMs?: number }): Promise<CliResult>;
  /** Runs a command in the guest: chroot into the rootfs, inside the namespace. */
  run(argv: readonly string[], options?: { timeoutMs?: number }): Promise<CliResult>;
  /** Writes a manifest file outside the guest and returns its path. */
  manifest(yaml: string): string;
  /** A file of the guest, by its path inside the guest. */
  path(inside: string): string;
  read(inside: string): string;
  dispose(): void;
}

/** Runs a program to completion without blocking the event loop. */
export function runAsync(
  file: string,
  args: readonly string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 10 * 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Creates a guest; `tag` prefixes namespace and interface names (e.g. dbx3). */
export function createTestGuest(tag: string, extraPackages: readonly string[] = []): TestGuest {
  const rootfs: TestRootfs = freshRootfs(extraPackages);
  let net: GuestNetwork;
  try {
    net = createGuestNetwork(tag);
  } catch (error) {
    rootfs.dispose();
    throw error;
  }
  // Like WSL's NAT with its DNS proxy: the guest asks the gateway (where a test may start dnsmasq).
  writeFileSync(join(rootfs.dir, 'etc/resolv.conf'), `nameserver ${net.hostIp}\noptions timeout:1 attempts:1\n`);
  const scratch = mkdtempSync(join('/var/tmp', `${tag}-devbox-`));
  let manifests = 0;
  const path = (inside: string) => join(rootfs.dir, inside);
  return {
    root: rootfs.dir,
    net,
    devbox: (args, options = {}) =>
      runAsync(
        net.wrap[0]!,
        [...net.wrap.slice(1), process.execPath, devboxBin, ...args, '--plane', 'guest', '--root', rootfs.dir],
        {
          env: { DEVBOX_STATE_DIR: join(scratch, 'state') },
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        },
      ),
    run: (argv, options = {}) => runAsync(net.wrap[0]!, [...net.wrap.slice(1), 'chroot', rootfs.dir, ...argv], options),
    manifest: (yaml) => {
      const file = join(scratch, `manifest-${++manifests}.yaml`);
      writeFileSync(file, yaml);
      return file;
    },
    path,
    read: (inside) => readFileSync(path(inside), 'latin1'),
    dispose: () => {
      net.dispose();
      // An immutable resolv.conf (distro.dns immutable: true) would survive rm -rf.
      if (existsSync(path('etc/resolv.conf')))
        spawnSync('chattr', ['-i', path('etc/resolv.conf')], { stdio: 'ignore' });
      rootfs.dispose();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
