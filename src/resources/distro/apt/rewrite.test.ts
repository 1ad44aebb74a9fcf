import { describe, expect, it } from 'vitest';
import {
  distroArchiveEvidence,
  knownFamilyRoots,
  listFilePrefix,
  namedMirrorRoots,
  normalizeRoot,
  parseOsRelease,
  ubuntuOfficial,
  urlMirrorRoots,
  type ArchiveEvidence,
  type DistroInfo,
} from './archives.js';
import { findDistroUris, rewriteSources, type SourceFile } from './rewrite.js';
import { parseSources } from './sources.js';
import { knownMirrorNames } from '../../../manifest/schema/distro.js';
import { mirrorHosts } from './archives.js';

const noble: DistroInfo = { family: 'ubuntu', id: 'ubuntu', codename: 'noble', arch: 'amd64' };

function evidence(
  family: 'ubuntu' | 'debian',
  extra: { roots?: string[]; origins?: Record<string, string> } = {},
): ArchiveEvidence {
  return {
    family,
    knownRoots: new Set([...knownFamilyRoots(family), ...(extra.roots ?? []).map(normalizeRoot)]),
    listOrigins: new Map(Object.entries(extra.origins ?? {})),
  };
}

/** Ubuntu 24.04's /etc/apt/sources.list.d/ubuntu.sources as the WSL image ships it. */
const ubuntuSources = `## Ubuntu distribution repository
##
## See the sources.list(5) manual page for further settings.
Types: deb
URIs: http://archive.ubuntu.com/ubuntu/
Suites: noble noble-updates noble-backports
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

## Ubuntu security updates. Aside from URIs and Suites,
## this should mirror your choices in the previous section.
Types: deb
URIs: http://security.ubuntu.com/ubuntu/
Suites: noble-security
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
`;

describe('the mirror catalogue', () => {
  it('has a host for every name the manifest schema accepts (besides official)', () => {
    expect(knownMirrorNames.filter((n) => n !== 'official').sort()).toEqual(Object.keys(mirrorHosts).sort());
  });

  it('puts Ubuntu on ubuntu-ports for architectures other than amd64 and i386', () => {
    expect(namedMirrorRoots('tuna', { ...noble, arch: 'arm64' }, true).main).toBe(
      'https://mirrors.tuna.tsinghua.edu.cn/ubuntu-ports/',
    );
    expect(namedMirrorRoots('ustc', noble, false)).toEqual({
      main: 'http://mirrors.ustc.edu.cn/ubuntu/',
      security: 'http://mirrors.ustc.edu.cn/ubuntu/',
    });
    expect(ubuntuOfficial('arm64')).toEqual({
      main: 'http://ports.ubuntu.com/ubuntu-ports/',
      security: 'http://ports.ubuntu.com/ubuntu-ports/',
    });
  });

  it('keeps Debian security in the sibling archive', () => {
    expect(
      namedMirrorRoots('aliyun', { family: 'debian', id: 'debian', codename: 'bookworm', arch: 'amd64' }, true),
    ).toEqual({
      main: 'https://mirrors.aliyun.com/debian/',
      security: 'https://mirrors.aliyun.com/debian-security/',
    });
    expect(urlMirrorRoots('http://10.0.0.1:8080/debian', 'debian')).toEqual({
      main: 'http://10.0.0.1:8080/debian/',
      security: 'http://10.0.0.1:8080/debian-security/',
    });
    expect(urlMirrorRoots('http://10.0.0.1:8080/mirror/', 'debian')).toEqual({ main: 'http://10.0.0.1:8080/mirror/' });
    expect(urlMirrorRoots('https://m.example/ubuntu', 'ubuntu')).toEqual({
      main: 'https://m.example/ubuntu/',
      security: 'https://m.example/ubuntu/',
    });
  });
});

describe('parseOsRelease', () => {
  it('reads Ubuntu, Debian and derivatives', () => {
    expect(parseOsRelease('ID=ubuntu\nVERSION_CODENAME=noble\nUBUNTU_CODENAME=noble\n')).toEqual({
      family: 'ubuntu',
      id: 'ubuntu',
      codename: 'noble',
    });
    expect(parseOsRelease('ID=debian\nVERSION_CODENAME=bookworm\n')).toEqual({
      family: 'debian',
      id: 'debian',
      codename: 'bookworm',
    });
    expect(
      parseOsRelease('ID=linuxmint\nID_LIKE="ubuntu debian"\nVERSION_CODENAME=wilma\nUBUNTU_CODENAME=noble\n'),
    ).toEqual({ family: 'ubuntu', id: 'linuxmint', codename: 'noble' });
    expect(parseOsRelease('ID=fedora\n')).toBeUndefined();
  });
});

describe('recognising the distro archive', () => {
  const entry = (line: string) => parseSources(line, 'one-line')[0]!;

  it('names list files as apt does (URItoFileName)', () => {
    expect(listFilePrefix('http://archive.ubuntu.com/ubuntu/', 'noble')).toBe('archive.ubuntu.com_ubuntu_dists_noble_');
    expect(listFilePrefix('http://10.1.2.1:8080/debian', 'bookworm-updates')).toBe(
      '10.1.2.1:8080_debian_dists_bookworm-updates_',
    );
    expect(listFilePrefix('https://user:secret@m.example/~me/deb_x', 'stable')).toBe(
      'm.example_%7eme_deb%5fx_dists_stable_',
    );
  });

  it('accepts known hosts, the archive keyring and apt-cached origins; rejects a PPA', () => {
    const ubuntu = evidence('ubuntu', { origins: { 'corp.example_ubuntu_dists_noble_': 'Ubuntu' } });
    expect(
      distroArchiveEvidence(
        entry('deb http://cn.archive.ubuntu.com/ubuntu noble main'),
        'http://cn.archive.ubuntu.com/ubuntu',
        ubuntu,
      ),
    ).toBeDefined();
    expect(
      distroArchiveEvidence(
        entry('deb https://mirrors.aliyun.com/ubuntu/ noble main'),
        'https://mirrors.aliyun.com/ubuntu/',
        ubuntu,
      ),
    ).toBe('known archive');
    expect(
      distroArchiveEvidence(entry('deb http://corp.example/ubuntu noble main'), 'http://corp.example/ubuntu', ubuntu),
    ).toMatch(/Origin: Ubuntu/);
    const signed = entry(
      'deb [signed-by=/usr/share/keyrings/ubuntu-archive-keyring.gpg] http://other.example/u noble main',
    );
    expect(distroArchiveEvidence(signed, 'http://other.example/u', ubuntu)).toMatch(/signed by/);
    expect(
      distroArchiveEvidence(
        entry('deb https://ppa.launchpadcontent.net/deadsnakes/ppa/ubuntu noble main'),
        'https://ppa.launchpadcontent.net/deadsnakes/ppa/ubuntu',
        ubuntu,
      ),
    ).toBeUndefined();
    expect(
      distroArchiveEvidence(
        entry('deb [arch=amd64] https://download.docker.com/linux/ubuntu noble stable'),
        'https://download.docker.com/linux/ubuntu',
        ubuntu,
      ),
    ).toBeUndefined();
  });
});

describe('rewriteSources', () => {
  it("points Ubuntu 24.04's ubuntu.sources at tuna, changing only the URIs", () => {
    const files: SourceFile[] = [{ path: '/etc/apt/sources.list.d/ubuntu.sources', text: ubuntuSources }];
    const found = findDistroUris(files, evidence('ubuntu'), 'noble');
    const out = rewriteSources(files, found, namedMirrorRoots('tuna', noble, true), 'tuna');
    expect(out.files[0]!.after).toBe(
      ubuntuSources
        .replace('http://archive.ubuntu.com/ubuntu/', 'https://mirrors.tuna.tsinghua.edu.cn/ubuntu/')
        .replace('http://security.ubuntu.com/ubuntu/', 'https://mirrors.tuna.tsinghua.edu.cn/ubuntu/'),
    );
    expect(out.changes.map((c) => c.property)).toEqual([
      '/etc/apt/sources.list.d/ubuntu.sources:5',
      '/etc/apt/sources.list.d/ubuntu.sources:13',
    ]);
    // Applied again, nothing changes.
    const again = [{ path: files[0]!.path, text: out.files[0]!.after }];
    expect(
      rewriteSources(
        again,
        findDistroUris(again, evidence('ubuntu'), 'noble'),
        namedMirrorRoots('tuna', noble, true),
        'tuna',
      ).files,
    ).toEqual([]);
  });

  it('keeps security on the official host when asked, and leaves PPAs, docker and comments alone (Ubuntu 22.04 sources.list)', () => {
    const text = [
      'deb http://archive.ubuntu.com/ubuntu/ jammy main restricted',
      '# deb-src http://archive.ubuntu.com/ubuntu/ jammy main restricted',
      'deb http://archive.ubuntu.com/ubuntu/ jammy-updates main restricted',
      'deb http://security.ubuntu.com/ubuntu/ jammy-security main restricted',
      'deb https://ppa.launchpadcontent.net/deadsnakes/ppa/ubuntu jammy main',
      'deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.gpg] https://download.docker.com/linux/ubuntu jammy stable',
      '',
    ].join('\r\n');
    const files = [{ path: '/etc/apt/sources.list', text }];
    const jammy = { ...noble, codename: 'jammy' };
    const roots = { main: namedMirrorRoots('163', jammy, true).main, security: ubuntuOfficial('amd64').security! };
    const out = rewriteSources(files, findDistroUris(files, evidence('ubuntu'), 'jammy'), roots, '163');
    expect(out.files[0]!.after).toBe(
      text.replaceAll('deb http://archive.ubuntu.com/ubuntu/ jammy', 'deb https://mirrors.163.com/ubuntu/ jammy'),
    );
    expect(out.written).toEqual(['https://mirrors.163.com/ubuntu/']);
  });

  it('notes an entry for the release it cannot place, and a Debian security entry a URL mirror has no archive for', () => {
    const text = [
      'deb http://corp.example/debian bookworm main',
      'deb http://mirrors.ustc.edu.cn/debian bookworm main',
      'deb http://mirrors.ustc.edu.cn/debian-security bookworm-security main',
      '',
    ].join('\n');
    const files = [{ path: '/etc/apt/sources.list', text }];
    const found = findDistroUris(files, evidence('debian'), 'bookworm');
    expect(found.notes[0]).toMatch(/corp\.example\/debian is not recognised as the Debian archive/);
    const out = rewriteSources(files, found, urlMirrorRoots('http://10.0.0.1/mirror', 'debian'), '10.0.0.1');
    expect(out.files[0]!.after).toBe(
      text.replace('http://mirrors.ustc.edu.cn/debian bookworm', 'http://10.0.0.1/mirror bookworm'),
    );
    expect(out.notes.join('\n')).toMatch(/security entry kept on http:\/\/mirrors\.ustc\.edu\.cn\/debian-security/);
  });

  it('recognises every entry on a root apt knows, and its debian-security sibling', () => {
    const text = [
      'deb http://corp.example/debian bookworm main',
      'deb http://corp.example/debian bookworm-updates main',
      'deb http://corp.example/debian-security bookworm-security main',
      '',
    ].join('\n');
    const files = [{ path: '/etc/apt/sources.list', text }];
    const found = findDistroUris(
      files,
      evidence('debian', { origins: { 'corp.example_debian_dists_bookworm_': 'Debian' } }),
      'bookworm',
    );
    expect(found.uris.map((u) => [u.uri, u.kind])).toEqual([
      ['http://corp.example/debian', 'main'],
      ['http://corp.example/debian', 'main'],
      ['http://corp.example/debian-security', 'security'],
    ]);
  });
});
