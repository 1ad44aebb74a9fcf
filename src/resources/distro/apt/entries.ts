/**
 * The distribution's own archive entries, for a system whose sources name none of them (a fresh install
 * from a CD/ISO keeps only its `deb cdrom:` line). Written in the release's own format: deb822
 * `.sources` files where the installer writes them (Ubuntu 24.04 noble and later: ubuntu.sources;
 * Debian 13 trixie and later: debian.sources), one-line `.list` entries before that, with the suites and
 * components those files have on a fresh install (Ubuntu: main restricted universe multiverse with
 * -updates, -backports, -security; Debian: main non-free-firmware since bookworm, -updates, -security).
 * Signed-By is left out: apt then trusts the keyrings the distribution ships in trusted.gpg.d.
 */
import type { ArchiveRoots, DistroInfo } from './archives.js';

/** Releases whose fresh installs use one-line sources (older than the switch to deb822). */
const oneLineReleases: Record<string, ReadonlySet<string>> = {
  ubuntu: new Set(['trusty', 'xenial', 'bionic', 'focal', 'jammy', 'kinetic', 'lunar', 'mantic']),
  debian: new Set(['stretch', 'buster', 'bullseye', 'bookworm']),
};
const noFirmwareComponent = new Set(['stretch', 'buster', 'bullseye']);

export interface DistroEntriesFile {
  path: string;
  format: 'deb822' | 'one-line';
  content: string;
}

/** The file with the distribution's entries pointing at `roots`; undefined when the release is unknown (no codename). */
export function distroEntriesFile(distro: DistroInfo, roots: ArchiveRoots): DistroEntriesFile | undefined {
  const c = distro.codename;
  if (!c || !/^https?:\/\//.test(roots.main)) return undefined;
  const ubuntu = distro.family === 'ubuntu';
  const components = ubuntu
    ? 'main restricted universe multiverse'
    : noFirmwareComponent.has(c)
      ? 'main'
      : 'main non-free-firmware';
  const mainSuites = ubuntu ? [c, `${c}-updates`, `${c}-backports`] : [c, `${c}-updates`];
  const security = roots.security ?? roots.main;
  const oneLine = oneLineReleases[distro.family]!.has(c);
  const name = ubuntu ? 'ubuntu' : 'debian';
  if (oneLine) {
    const lines = [
      ...mainSuites.map((s) => `deb ${roots.main} ${s} ${components}`),
      `deb ${security} ${c}-security ${components}`,
    ];
    return {
      path: `/etc/apt/sources.list.d/${name}-devbox.list`,
      format: 'one-line',
      content: `# ${ubuntu ? 'Ubuntu' : 'Debian'} ${c} archive, written by devbox (distro.apt)\n${lines.join('\n')}\n`,
    };
  }
  const stanza = (uri: string, suites: string[]) =>
    `Types: deb\nURIs: ${uri}\nSuites: ${suites.join(' ')}\nComponents: ${components}\n`;
  return {
    path: `/etc/apt/sources.list.d/${name}.sources`,
    format: 'deb822',
    content: `${stanza(roots.main, mainSuites)}\n${stanza(security, [`${c}-security`])}`,
  };
}
