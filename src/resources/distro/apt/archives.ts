/**
 * Which archive an apt entry points at, and where a named mirror keeps each archive. Knows Debian and
 * Ubuntu: their official archives, the mirrors devbox knows by name, and how to recognise an entry of
 * the distro's own archive (so third-party repositories are never touched).
 */
import type { SourceEntry } from './sources.js';

export type Family = 'debian' | 'ubuntu';

/** The distribution as /etc/os-release and dpkg describe it. */
export interface DistroInfo {
  family: Family;
  /** os-release ID, e.g. ubuntu, debian, linuxmint. */
  id: string;
  /** Release codename, e.g. noble or bookworm (empty when os-release has none, as on Debian sid). */
  codename: string;
  /** dpkg architecture, e.g. amd64 or arm64. */
  arch: string;
}

/** Reads the family and codename from /etc/os-release; undefined for distributions that are neither. */
export function parseOsRelease(text: string): Omit<DistroInfo, 'arch'> | undefined {
  const value = (key: string) => {
    const m = new RegExp(`^${key}=(.*)$`, 'm').exec(text);
    return m ? m[1]!.trim().replace(/^(["'])(.*)\1$/, '$2') : '';
  };
  const id = value('ID').toLowerCase();
  const like = value('ID_LIKE').toLowerCase().split(/\s+/);
  const family: Family | undefined =
    id === 'ubuntu' || like.includes('ubuntu')
      ? 'ubuntu'
      : id === 'debian' || like.includes('debian')
        ? 'debian'
        : undefined;
  if (!family) return undefined;
  // Derivatives (Mint, Pop!_OS) carry the Ubuntu release they build on in UBUNTU_CODENAME.
  const codename = (family === 'ubuntu' ? value('UBUNTU_CODENAME') : '') || value('VERSION_CODENAME');
  return { family, id, codename };
}

/** Mirrors devbox knows by name: the host serving /ubuntu, /ubuntu-ports, /debian and /debian-security. */
export const mirrorHosts = {
  tuna: 'mirrors.tuna.tsinghua.edu.cn',
  aliyun: 'mirrors.aliyun.com',
  ustc: 'mirrors.ustc.edu.cn',
  '163': 'mirrors.163.com',
  huawei: 'repo.huaweicloud.com',
} as const;

export type MirrorName = keyof typeof mirrorHosts;

/** Ubuntu keeps amd64 and i386 on its main archive; every other architecture is on ubuntu-ports. */
export function usesUbuntuPorts(arch: string): boolean {
  return arch !== 'amd64' && arch !== 'i386';
}

/** Where one mirror keeps the distro's archives. `security` undefined: this mirror has no known security archive. */
export interface ArchiveRoots {
  main: string;
  security?: string;
}

/** Ubuntu's own archives (names of the Ubuntu project; devbox never writes the machine's registry). */
export function ubuntuOfficial(arch: string): ArchiveRoots {
  if (usesUbuntuPorts(arch))
    return { main: 'http://ports.ubuntu.com/ubuntu-ports/', security: 'http://ports.ubuntu.com/ubuntu-ports/' };
  return { main: 'http://archive.ubuntu.com/ubuntu/', security: 'http://security.ubuntu.com/ubuntu/' };
}

/** A named mirror's roots for this distribution. `https` is false when the guest has no CA bundle yet. */
export function namedMirrorRoots(name: MirrorName, distro: DistroInfo, https: boolean): ArchiveRoots {
  const base = `${https ? 'https' : 'http'}://${mirrorHosts[name]}`;
  if (distro.family === 'ubuntu') {
    const root = `${base}/${usesUbuntuPorts(distro.arch) ? 'ubuntu-ports' : 'ubuntu'}/`;
    return { main: root, security: root };
  }
  return { main: `${base}/debian/`, security: `${base}/debian-security/` };
}

/**
 * A mirror given as a URL is the root of the main archive. Ubuntu mirrors serve the -security suites
 * from the same root; Debian keeps security in a sibling archive, so `…/debian` implies
 * `…/debian-security`. Any other Debian URL has no security archive devbox can infer.
 */
export function urlMirrorRoots(url: string, family: Family): ArchiveRoots {
  const main = url.endsWith('/') ? url : `${url}/`;
  if (family === 'ubuntu') return { main, security: main };
  const m = /^(.*\/)debian\/$/.exec(main);
  return m ? { main, security: `${m[1]}debian-security/` } : { main };
}

/** Host and path without scheme, credentials or trailing slashes, lowercased host: how roots are compared. */
export function normalizeRoot(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return uri.replace(/\/+$/, '');
  }
}

/** A URI written in the style of the one it replaces: same trailing slash or none. */
export function inStyleOf(original: string, root: string): string {
  const bare = root.replace(/\/+$/, '');
  return original.endsWith('/') ? `${bare}/` : bare;
}

/** Is this suite a security suite (noble-security, bookworm-security, buster/updates)? */
export function isSecuritySuite(suite: string): boolean {
  return /-security$/.test(suite) || /\/updates$/.test(suite);
}

/** Which archive an entry's suites belong to. */
export function archiveKind(entry: Pick<SourceEntry, 'suites'>): 'main' | 'security' | 'mixed' {
  const security = entry.suites.filter(isSecuritySuite).length;
  if (security === 0) return 'main';
  return security === entry.suites.length ? 'security' : 'mixed';
}

const badChars = new Set('\\|{}[]<>"^~_=!@#$%^*'.split(''));

/**
 * The prefix of apt's list files for `uri` + `dists/<suite>/` (apt's URItoFileName: no scheme or
 * credentials, unsafe characters %-quoted in lowercase hex, "/" turned into "_").
 */
export function listFilePrefix(uri: string, suite: string): string {
  let hostPath: string;
  try {
    const url = new URL(uri);
    hostPath = `${url.host}${decodeURI(url.pathname)}`;
  } catch {
    hostPath = uri.replace(/^[a-z+]+:\/\//i, '');
  }
  const full = `${hostPath.replace(/\/*$/, '/')}dists/${suite}/`;
  let quoted = '';
  for (const ch of full) {
    const code = ch.charCodeAt(0);
    quoted += badChars.has(ch) || code <= 0x20 || code >= 0x7f ? `%${code.toString(16).padStart(2, '0')}` : ch;
  }
  return quoted.replace(/\//g, '_');
}

/** What devbox knows that identifies the distro's own archive in a guest. */
export interface ArchiveEvidence {
  family: Family;
  /** Normalized roots known to be this distro's archive: official, named mirrors, the manifest's own. */
  knownRoots: ReadonlySet<string>;
  /** apt's cached Release files: list file prefix (see listFilePrefix) → Origin field. */
  listOrigins: ReadonlyMap<string, string>;
}

/** The `Origin:` the distribution's archives carry in their Release files. */
const familyOrigin: Record<Family, string> = { debian: 'Debian', ubuntu: 'Ubuntu' };
const familyKeyring: Record<Family, RegExp> = {
  debian: /^\/usr\/share\/keyrings\/debian-archive-keyring\.(gpg|pgp)$/,
  ubuntu: /^\/usr\/share\/keyrings\/ubuntu-archive-keyring\.(gpg|pgp)$/,
};

/** Every root devbox knows for a family regardless of the guest: official and named mirrors, http and https. */
export function knownFamilyRoots(family: Family): string[] {
  const roots: string[] = [];
  for (const name of Object.keys(mirrorHosts) as MirrorName[]) {
    for (const arch of ['amd64', 'arm64']) {
      const r = namedMirrorRoots(name, { family, id: family, codename: '', arch }, true);
      roots.push(r.main, ...(r.security ? [r.security] : []));
    }
  }
  if (family === 'ubuntu') {
    roots.push(...Object.values(ubuntuOfficial('amd64')), ...Object.values(ubuntuOfficial('arm64')));
  }
  return roots.map(normalizeRoot);
}

/** Ubuntu's country mirrors of the official archive (cn.archive.ubuntu.com …) are official too. */
function isUbuntuOfficialHost(root: string): boolean {
  return (
    /^([a-z]{2}\.)?archive\.ubuntu\.com\/ubuntu$/.test(root) ||
    root === 'security.ubuntu.com/ubuntu' ||
    root === 'ports.ubuntu.com/ubuntu-ports'
  );
}

/**
 * Why a URI of an entry is the distro's own archive, or undefined when it is not (a third-party
 * repository, a PPA): a known root, the distro's archive keyring, or apt's cached Origin.
 */
export function distroArchiveEvidence(entry: SourceEntry, uri: string, evidence: ArchiveEvidence): string | undefined {
  const root = normalizeRoot(uri);
  if (evidence.knownRoots.has(root)) return 'known archive';
  if (evidence.family === 'ubuntu' && isUbuntuOfficialHost(root)) return 'official Ubuntu archive';
  if (entry.signedBy && familyKeyring[evidence.family].test(entry.signedBy)) return `signed by ${entry.signedBy}`;
  for (const suite of entry.suites) {
    const prefix = listFilePrefix(uri, suite);
    if (evidence.listOrigins.get(prefix) === familyOrigin[evidence.family])
      return `apt lists say Origin: ${familyOrigin[evidence.family]}`;
  }
  return undefined;
}
