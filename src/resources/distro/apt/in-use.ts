/**
 * The mirror the distro's apt sources use now (`devbox init --from-machine`), read with the same probe
 * and the same recognition of the distro's own entries as `distro.apt`: third-party repositories are
 * never taken for the mirror.
 */
import type { GuestReadPort } from '../../../engine/ports/guest.js';
import {
  mirrorHosts,
  namedMirrorRoots,
  normalizeRoot,
  ubuntuOfficial,
  urlMirrorRoots,
  type DistroInfo,
  type MirrorName,
} from './archives.js';
import { probeApt } from './probe.js';
import { findDistroUris } from './rewrite.js';
import { debianOfficial, evidenceFor } from './resource.js';

export interface AptInUse {
  distro?: DistroInfo;
  /** The main archive's root as written, and its security archive's. */
  main?: string;
  security?: string;
  /** How a manifest names `main`: a known mirror's name, official, or the URL. */
  mirror?: string;
  /** The security entries use the mirror's own security archive (or there are none). */
  securityOnMirror: boolean;
  /** The sources files the entries are in (one-line .list and deb822 .sources alike). */
  files: string[];
}

/** Which known mirror (or the official archive) a root is, else undefined. */
function mirrorName(root: string, distro: DistroInfo, examples: string | undefined): string | undefined {
  const host = normalizeRoot(root).split('/')[0];
  const named = (Object.keys(mirrorHosts) as MirrorName[]).find((n) => mirrorHosts[n] === host);
  if (named) return named;
  const official = distro.family === 'ubuntu' ? ubuntuOfficial(distro.arch) : debianOfficial(examples);
  return official && normalizeRoot(official.main) === normalizeRoot(root) ? 'official' : undefined;
}

/** Reads the distro's sources and names the mirror its own entries use. */
export async function aptInUse(guest: GuestReadPort): Promise<AptInUse> {
  const probe = await probeApt(guest, []);
  if (!probe.distro) return { files: [], securityOnMirror: true };
  const distro = probe.distro;
  const evidence = evidenceFor(probe, distro, { mirror: 'auto', security: 'mirror', packages: [], rankTimeMs: 5000 });
  const found = findDistroUris(probe.files, evidence, distro.codename);
  const main = found.uris.find((u) => u.kind === 'main')?.uri;
  const security = found.uris.find((u) => u.kind === 'security')?.uri;
  const files = [...new Set(found.uris.map((u) => u.path))];
  if (!main) return { distro, files, securityOnMirror: true };
  const mirror = mirrorName(main, distro, probe.examples) ?? main;
  // Where this mirror keeps security updates (Debian: the sibling …/debian-security archive).
  const expected =
    mirror === 'official'
      ? undefined
      : mirror in mirrorHosts
        ? namedMirrorRoots(mirror as MirrorName, distro, true).security
        : urlMirrorRoots(main, distro.family).security;
  const securityOnMirror =
    security === undefined ||
    mirror === 'official' ||
    (expected !== undefined && normalizeRoot(expected) === normalizeRoot(security));
  return { distro, main, ...(security ? { security } : {}), mirror, files, securityOnMirror };
}
