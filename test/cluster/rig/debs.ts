/**
 * Packages from Debian's other suites for the cluster rig (kind 0.33 from sid, a newer kubectl, runc of
 * several versions), fetched through a PRIVATE apt configuration (fetch-deb.sh: own state, cache and
 * sources list via APT_CONFIG; an empty dpkg status) that reuses this machine's own mirror, read from
 * /etc/apt at run time. Versions are resolved with `apt-cache madison` each time the lists are refreshed
 * (daily), never written here. apt verifies each .deb against the signed index; results are cached under
 * /var/cache/devbox-test/cluster across runs and serialised with flock.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machineDebianMirror, machineDebianSecurityMirror } from '../../rig/rootfs.js';
import { clusterCache, linkRigBin } from './docker.js';
import { run } from './sh.js';

const script = resolve(import.meta.dirname, 'fetch-deb.sh');

export interface UnpackedDeb {
  /** The Debian version apt-cache madison gave for the suite, e.g. 1.3.6+ds1-1. */
  version: string;
  /** Directory the .deb was unpacked into (dpkg-deb -x). */
  dir: string;
}

/** Downloads and unpacks PACKAGE as found in SUITE (bullseye … experimental, or `<suite>-security`). */
export function debFromSuite(pkg: string, suite: string): UnpackedDeb {
  const mirror = machineDebianMirror();
  const security = machineDebianSecurityMirror() ?? mirror.replace(/\/debian$/, '/debian-security');
  const out = run(['flock', join(clusterCache, '.apt.lock'), script, clusterCache, mirror, security, suite, pkg], {
    timeoutMs: 15 * 60_000,
  }).trim();
  const [version, dir] = out.split(' ');
  if (!version || !dir) throw new Error(`fetch-deb.sh printed no version for ${pkg} in ${suite}: ${out}`);
  return { version, dir };
}

/** The real kind binary from Debian sid (0.33.x), linked into the rig's bin directory. */
export function kindBinary(): { version: string; path: string } {
  const deb = debFromSuite('kind', 'sid');
  return { version: deb.version, path: linkRigBin('kind', binaryIn(deb, 'usr/bin/kind')) };
}

/** The real kubectl from Debian sid (package kubectl; kubernetes-client is only a transitional package there). */
export function kubectlBinary(): { version: string; path: string } {
  const deb = debFromSuite('kubectl', 'sid');
  return { version: deb.version, path: linkRigBin('kubectl', binaryIn(deb, 'usr/bin/kubectl')) };
}

function binaryIn(deb: UnpackedDeb, path: string): string {
  const file = join(deb.dir, path);
  if (!existsSync(file)) throw new Error(`the unpacked package in ${deb.dir} has no ${path}`);
  return file;
}

/**
 * runc as Debian builds it in SUITE: bookworm (1.1.5), trixie (1.1.15), sid (1.3.x), experimental (1.4.x).
 * Versions ≥ 1.1.15 need glibc ≥ 2.38: run them inside the trixie node image, not on a bookworm host.
 */
export function runcFromSuite(suite: string): { version: string; path: string } {
  const deb = debFromSuite('runc', suite);
  return { version: deb.version, path: binaryIn(deb, 'usr/sbin/runc') };
}
