/**
 * A real Debian root filesystem for tests: built once with debootstrap from the mirror this machine's
 * own apt configuration uses (never a host name written in the repository), cached as a tarball, and
 * unpacked fresh for each test that needs one.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const cacheDir = process.env.DEVBOX_TEST_CACHE ?? '/var/cache/devbox-test';

/** Packages every test rootfs has beyond debootstrap's minbase. */
const basePackages = ['iproute2', 'iputils-ping', 'e2fsprogs', 'ca-certificates', 'procps'];

/** The enabled entries of this machine's apt configuration: URIs with their suites. */
function machineAptEntries(): { uri: string; suites: string[] }[] {
  const entries: { uri: string; suites: string[] }[] = [];
  const dir = '/etc/apt/sources.list.d';
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.sources'))
      .sort()) {
      const text = readFileSync(join(dir, name), 'utf8');
      for (const stanza of text.split(/\n\s*\n/)) {
        if (/^Enabled:\s*no/im.test(stanza)) continue;
        const uris = /^URIs:\s*(.+)$/m.exec(stanza)?.[1]?.trim().split(/\s+/) ?? [];
        const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1]?.trim().split(/\s+/) ?? [];
        entries.push(...uris.map((uri) => ({ uri, suites })));
      }
    }
  }
  if (existsSync('/etc/apt/sources.list')) {
    for (const line of readFileSync('/etc/apt/sources.list', 'utf8').split('\n')) {
      const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
      if (m) entries.push({ uri: m[1]!, suites: [m[2]!] });
    }
  }
  return entries.filter((e) => /^https?:\/\//.test(e.uri));
}

/** The Debian mirror URL from this machine's apt configuration (deb822 .sources or sources.list). */
export function machineDebianMirror(): string {
  const mirror = machineAptEntries().find((e) => !/security/.test(e.uri) && !e.suites.some((s) => /security/.test(s)));
  if (!mirror) throw new Error('no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list');
  return mirror.uri.replace(/\/+$/, '');
}

/** The Debian security archive URL from this machine's apt configuration, when it has one. */
export function machineDebianSecurityMirror(): string | undefined {
  return machineAptEntries()
    .find((e) => e.suites.length > 0 && e.suites.every((s) => /-security$|\/updates$/.test(s)))
    ?.uri.replace(/\/+$/, '');
}

/** The Debian suite this machine runs (bookworm on Debian 12). */
export function machineSuite(): string {
  const text = readFileSync('/etc/os-release', 'utf8');
  return /^VERSION_CODENAME=(\S+)/m.exec(text)?.[1] ?? 'bookworm';
}

/**
 * Builds `tarball` (a debootstrap minbase root of `suite` with `packages`, from the machine's own
 * mirror) unless it exists. One builder at a time (flock on `lock`); the others wait and then find it.
 */
export function debootstrapTarball(o: {
  tarball: string;
  suite: string;
  packages: readonly string[];
  lock: string;
  label: string;
}): string {
  if (existsSync(o.tarball)) return o.tarball;
  mkdirSync(dirname(o.tarball), { recursive: true });
  const script = [
    'set -e',
    'tarball=$1; suite=$2; packages=$3; mirror=$4',
    '[ -e "$tarball" ] && exit 0',
    'work=$(mktemp -d "$tarball.build.XXXXXX")',
    'trap \'rm -rf "$work"\' EXIT',
    'debootstrap --variant=minbase --include="$packages" "$suite" "$work/root" "$mirror" >"$work/log" 2>&1 || { tail -30 "$work/log" >&2; exit 1; }',
    'rm -rf "$work/root/var/cache/apt/archives/"*.deb',
    'tar -C "$work/root" -cf "$work/rootfs.tar" .',
    'mv "$work/rootfs.tar" "$tarball"',
  ].join('\n');
  const argv = [
    'flock',
    o.lock,
    'nice',
    'bash',
    '-c',
    script,
    o.label,
    o.tarball,
    o.suite,
    o.packages.join(','),
    machineDebianMirror(),
  ];
  execFileSync(argv[0]!, argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], timeout: 30 * 60_000 });
  return o.tarball;
}

/** Path of the cached rootfs tarball, building it with debootstrap the first time (serialised by flock). */
export function cachedRootfsTarball(extraPackages: readonly string[] = []): string {
  const suite = machineSuite();
  const packages = [...basePackages, ...extraPackages].sort();
  const id = createHash('sha256')
    .update(`${suite}\n${packages.join(',')}`)
    .digest('hex')
    .slice(0, 12);
  const tarball = join(cacheDir, `rootfs-${suite}-${id}.tar`);
  if (existsSync(tarball)) return tarball;
  return debootstrapTarball({ tarball, suite, packages, lock: join(cacheDir, '.build.lock'), label: 'build-rootfs' });
}

/** A fresh rootfs unpacked from the cache, with /proc mounted. Call `dispose()` when done. */
export interface TestRootfs {
  dir: string;
  dispose(): void;
}

export function freshRootfs(extraPackages: readonly string[] = []): TestRootfs {
  const tarball = cachedRootfsTarball(extraPackages);
  mkdirSync('/var/tmp/devbox-test', { recursive: true });
  const dir = mkdtempSync('/var/tmp/devbox-test/rootfs-');
  execFileSync('tar', ['-C', dir, '-xf', tarball], { stdio: 'inherit' });
  execFileSync('mount', ['-t', 'proc', 'proc', join(dir, 'proc')]);
  return {
    dir,
    dispose() {
      try {
        execFileSync('umount', ['-l', join(dir, 'proc')], { stdio: 'ignore' });
      } catch {
        // already unmounted
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
