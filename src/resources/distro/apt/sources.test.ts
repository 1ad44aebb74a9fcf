import { describe, expect, it } from 'vitest';
import { applyEdits, formatOf, parseSources } from './sources.js';

describe('parseSources (one-line)', () => {
  it('finds type, options, URI, suite and components, and the exact URI position', () => {
    const text =
      '# comment\ndeb [arch=amd64 signed-by=/usr/share/keyrings/ubuntu-archive-keyring.gpg] http://archive.ubuntu.com/ubuntu/ jammy main restricted # tail\n';
    const [entry] = parseSources(text, 'one-line');
    expect(entry).toMatchObject({
      line: 2,
      types: ['deb'],
      suites: ['jammy'],
      components: ['main', 'restricted'],
      signedBy: '/usr/share/keyrings/ubuntu-archive-keyring.gpg',
    });
    const span = entry!.uris[0]!;
    expect(text.slice(span.start, span.end)).toBe('http://archive.ubuntu.com/ubuntu/');
  });

  it('does not take commented-out lines, cdrom lines or garbage for repositories', () => {
    const text = [
      '# deb http://archive.ubuntu.com/ubuntu/ jammy universe',
      '#deb-src http://archive.ubuntu.com/ubuntu/ jammy universe',
      'deb cdrom:[Ubuntu 22.04 LTS _Jammy Jellyfish_]/ jammy main',
      'not a source line',
      '   deb-src\thttp://archive.ubuntu.com/ubuntu/\tjammy main',
    ].join('\n');
    const entries = parseSources(text, 'one-line');
    expect(entries.map((e) => [e.types[0], e.uris[0]!.uri, e.suites[0]])).toEqual([
      ['deb', 'cdrom:[Ubuntu', '22.04'],
      ['deb-src', 'http://archive.ubuntu.com/ubuntu/', 'jammy'],
    ]);
  });

  it('handles CRLF files without taking the \\r into the components', () => {
    const [entry] = parseSources('deb http://archive.ubuntu.com/ubuntu/ noble main\r\n', 'one-line');
    expect(entry!.components).toEqual(['main']);
  });
});

describe('parseSources (deb822)', () => {
  it('reads stanzas with comments, multi-line URIs, Enabled: no, and an embedded key', () => {
    const text = [
      '## Ubuntu sources have moved',
      'Types: deb deb-src',
      'URIs: http://archive.ubuntu.com/ubuntu/',
      '  http://cn.archive.ubuntu.com/ubuntu/',
      '# comment inside',
      'Suites: noble noble-updates',
      'Components: main universe',
      'Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg',
      '',
      'Types: deb',
      'URIs: https://ppa.launchpadcontent.net/x/y/ubuntu',
      'Suites: noble',
      'Components: main',
      'Enabled: no',
      'Signed-By:',
      ' -----BEGIN PGP PUBLIC KEY BLOCK-----',
      ' .',
      ' mQINBF',
      ' -----END PGP PUBLIC KEY BLOCK-----',
    ].join('\n');
    const [first, second] = parseSources(text, 'deb822');
    expect(first).toMatchObject({
      line: 2,
      types: ['deb', 'deb-src'],
      suites: ['noble', 'noble-updates'],
      components: ['main', 'universe'],
      enabled: true,
    });
    expect(first!.signedBy).toBe('/usr/share/keyrings/ubuntu-archive-keyring.gpg');
    expect(first!.uris.map((u) => text.slice(u.start, u.end))).toEqual([
      'http://archive.ubuntu.com/ubuntu/',
      'http://cn.archive.ubuntu.com/ubuntu/',
    ]);
    expect(second).toMatchObject({ line: 10, enabled: false });
    expect(second!.signedBy).toBeUndefined();
  });

  it('knows the format from the file name, as apt does', () => {
    expect(formatOf('/etc/apt/sources.list.d/ubuntu.sources')).toBe('deb822');
    expect(formatOf('/etc/apt/sources.list.d/docker.list')).toBe('one-line');
    expect(formatOf('/etc/apt/sources.list')).toBe('one-line');
  });
});

describe('applyEdits', () => {
  it('replaces exactly the given ranges and nothing else', () => {
    expect(
      applyEdits('abcdef', [
        { start: 4, end: 5, replacement: 'XY' },
        { start: 0, end: 1, replacement: '' },
      ]),
    ).toBe('bcdXYf');
  });
  it('refuses overlapping edits', () => {
    expect(() =>
      applyEdits('abc', [
        { start: 0, end: 2, replacement: '' },
        { start: 1, end: 3, replacement: '' },
      ]),
    ).toThrow(/overlapping/);
  });
});
