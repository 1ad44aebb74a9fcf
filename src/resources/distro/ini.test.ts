import { describe, expect, it } from 'vitest';
import { IniDocument, iniValue, sameIniValue } from './ini.js';

const edit = (text: string, changes: [string, string, string][]) => {
  const doc = IniDocument.parse(text);
  for (const [s, k, v] of changes) doc.set(s, k, v);
  return doc.toString();
};

describe('IniDocument', () => {
  const original = '# WSL settings, kept by hand\n[automount]\nenabled = true\noptions = "metadata,umask=22"\n\n; interop below\n[interop]\nappendWindowsPath=false\n';

  it('reads the last occurrence of a key, case-insensitively', () => {
    const doc = IniDocument.parse('[Boot]\nSystemd = false\n[boot]\nsystemd=true\n');
    expect(doc.get('boot', 'systemd')).toBe('true');
    expect(doc.get('boot', 'command')).toBeUndefined();
  });

  it('changes nothing when set to what is there, and round-trips byte for byte', () => {
    expect(IniDocument.parse(original).toString()).toBe(original);
  });

  it('rewrites an existing key in place and leaves every other line alone', () => {
    expect(edit(original, [['interop', 'appendWindowsPath', 'true']])).toBe(original.replace('appendWindowsPath=false', 'appendWindowsPath = true'));
  });

  it('adds a key after the last key of its section', () => {
    expect(edit(original, [['automount', 'root', '/mnt/']])).toBe(original.replace('options = "metadata,umask=22"\n', 'options = "metadata,umask=22"\nroot = /mnt/\n'));
  });

  it('appends a missing section after a blank line', () => {
    expect(edit(original, [['boot', 'systemd', 'true']])).toBe(`${original}\n[boot]\nsystemd = true\n`);
  });

  it('creates a file from nothing', () => {
    expect(edit('', [['boot', 'systemd', 'true'], ['network', 'generateResolvConf', 'false']])).toBe('[boot]\nsystemd = true\n\n[network]\ngenerateResolvConf = false\n');
  });

  it('rewrites every duplicate of a key so no old value survives', () => {
    expect(edit('[boot]\nsystemd=false\nsystemd=false\n', [['boot', 'systemd', 'true']])).toBe('[boot]\nsystemd = true\nsystemd = true\n');
  });

  it('keeps CRLF line endings of a CRLF document, and a missing final newline', () => {
    expect(edit('[wsl2]\r\nmemory=4GB\r\n', [['wsl2', 'swap', '0']])).toBe('[wsl2]\r\nmemory=4GB\r\nswap = 0\r\n');
    expect(edit('[a]\nx=1', [['a', 'x', '2']])).toBe('[a]\nx = 2');
    expect(edit('[a]\nx=1', [['b', 'y', '2']])).toBe('[a]\nx=1\n\n[b]\ny = 2\n');
  });

  it('ignores keys before any section and comment lines that look like keys', () => {
    const doc = IniDocument.parse('stray = 1\n[a]\n# x = 2\n;y=3\nz = 4 # not a comment for WSL\n');
    expect(doc.entries()).toEqual([{ section: 'a', key: 'z', value: '4 # not a comment for WSL' }]);
  });

  it('keeps a UTF-8 BOM and indentation', () => {
    expect(edit('\uFEFF[a]\n  x = 1\n', [['a', 'x', '2']])).toBe('\uFEFF[a]\n  x = 2\n');
  });

  it('converts CRLF to LF on request (WSL ignores a CRLF wsl.conf)', () => {
    expect(IniDocument.toLf('[a]\r\nx=1\r\n')).toBe('[a]\nx=1\n');
  });
});

describe('value comparison', () => {
  it('compares as WSL reads values', () => {
    expect(sameIniValue('True', true)).toBe(true);
    expect(sameIniValue('"false"', false)).toBe(true);
    expect(sameIniValue('8', 8)).toBe(true);
    expect(sameIniValue('08', 8)).toBe(true);
    expect(sameIniValue('', 0)).toBe(false);
    expect(sameIniValue(undefined, 'x')).toBe(false);
    expect(sameIniValue('a b', 'a b')).toBe(true);
    expect(iniValue(false)).toBe('false');
    expect(iniValue(-1)).toBe('-1');
  });
});
