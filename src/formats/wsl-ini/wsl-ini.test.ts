/**
 * WSL's parser, case by case. Each row cites the behaviour of microsoft/WSL
 * src/shared/configfile/configfile.cpp (CF) or src/shared/inc/stringshared.h (SS) it models.
 */
import { describe, expect, it } from 'vitest';
import {
  compareWslValue,
  encodeWslValue,
  parseWslBool,
  parseWslInt,
  parseWslMemorySize,
  WslIniDocument,
  type WslIniDialect,
} from './index.js';

type ReadCase = [string, WslIniDialect, string, string, string, string | undefined];
const reads: ReadCase[] = [
  // name, dialect, text, section, key, value WSL reads
  [
    'first occurrence wins across repeated sections (CF ConfigKey::Parse)',
    'wsl.conf',
    '[boot]\nsystemd=false\n\n[network]\ngenerateResolvConf=false\n[boot]\nsystemd=true\n',
    'boot',
    'systemd',
    'false',
  ],
  ['first occurrence wins in one section', '.wslconfig', '[wsl2]\nmemory=4GB\nmemory=8GB\n', 'wsl2', 'memory', '4GB'],
  ['names match case-insensitively (CF strcasecmp)', 'wsl.conf', '[Boot]\nSystemD = true\n', 'boot', 'systemd', 'true'],
  [
    '# starts a comment after a value (CF case #)',
    '.wslconfig',
    '[wsl2]\r\nmemory=6GB # Limits VM memory\r\n',
    'wsl2',
    'memory',
    '6GB',
  ],
  ['# without a space before it', '.wslconfig', '[wsl2]\nprocessors=2#two\n', 'wsl2', 'processors', '2'],
  [
    '# inside quotes is text (CF inQuote)',
    'wsl.conf',
    '[boot]\ncommand = "echo a # b"\n',
    'boot',
    'command',
    'echo a # b',
  ],
  ['quotes are removed anywhere (CF case ")', 'wsl.conf', '[user]\ndefault=d"e"v\n', 'user', 'default', 'dev'],
  ['quoted spaces survive trimming', 'wsl.conf', '[boot]\ncommand = "  x  " \n', 'boot', 'command', '  x  '],
  ['trailing spaces are trimmed', 'wsl.conf', '[user]\ndefault = dev   \n', 'user', 'default', 'dev'],
  [
    'escapes \\\\ \\" \\t \\n \\b (CF escape switch)',
    '.wslconfig',
    '[wsl2]\nswapFile=D:\\\\a\\"b\\tc\\nd\\be\n',
    'wsl2',
    'swapFile',
    'D:\\a"b\tc\nd\be',
  ],
  [
    'an unknown escape invalidates the line (CF MessageConfigInvalidEscape)',
    '.wslconfig',
    '[wsl2]\r\nswapFile=D:\\wsl2.vhdx\r\n',
    'wsl2',
    'swapFile',
    undefined,
  ],
  [
    'line continuation joins the next line from its first column',
    'wsl.conf',
    '[boot]\ncommand = a \\\n  b\n',
    'boot',
    'command',
    'a   b',
  ],
  [
    '.wslconfig is read in text mode: CRLF continuation works',
    '.wslconfig',
    '[wsl2]\r\nkernelCommandLine = a \\\r\nb\r\n',
    'wsl2',
    'kernelCommandLine',
    'a b',
  ],
  [
    'wsl.conf: a backslash before CR ends the value',
    'wsl.conf',
    '[boot]\r\ncommand = a\\\r\nb=1\r\n',
    'boot',
    'command',
    'a',
  ],
  [
    'an unclosed quote invalidates the line',
    '.wslconfig',
    '[wsl2]\nkernel="C:\\\\k\nkernel=C:\\\\j\n',
    'wsl2',
    'kernel',
    'C:\\j',
  ],
  [
    '.wslconfig skips invalid lines (CFG_SKIP_INVALID_LINES)',
    '.wslconfig',
    '[wsl2]\n; old comment\nmemory=2GB\n',
    'wsl2',
    'memory',
    '2GB',
  ],
  [
    'wsl.conf stops reading at the first invalid line (init passes no skip flag)',
    'wsl.conf',
    '[boot]\n; comment\nsystemd=true\n',
    'boot',
    'systemd',
    undefined,
  ],
  [
    'a key name with "_" is invalid (CF isalnum)',
    '.wslconfig',
    '[wsl2]\nmy_key=1\nmemory=1GB\n',
    'wsl2',
    'memory',
    '1GB',
  ],
  [
    'an invalid section header keeps the previous section',
    '.wslconfig',
    '[wsl2]\n[my-section]\nmemory=3GB\n',
    'wsl2',
    'memory',
    '3GB',
  ],
  ['[ section ] with spaces is invalid', '.wslconfig', '[ wsl2 ]\nmemory=3GB\n', 'wsl2', 'memory', undefined],
  [
    'a UTF-8 BOM is skipped in .wslconfig (ccs=UTF-8)',
    '.wslconfig',
    '\uFEFF[wsl2]\nmemory=3GB\n',
    'wsl2',
    'memory',
    '3GB',
  ],
  [
    'a BOM is an invalid first line in wsl.conf',
    'wsl.conf',
    '\uFEFF[boot]\nsystemd=true\n',
    'boot',
    'systemd',
    undefined,
  ],
  ['a comment after a section header', 'wsl.conf', '[boot] # boot\nsystemd=true\n', 'boot', 'systemd', 'true'],
  ['indentation is allowed', 'wsl.conf', '  [boot]\n\tsystemd = true\n', 'boot', 'systemd', 'true'],
];

describe('WslIniDocument reads as WSL does', () => {
  it.each(reads)('%s', (_name, dialect, text, section, key, value) => {
    expect(WslIniDocument.parse(text, dialect).get(section, key)).toBe(value);
  });

  it('round-trips every byte', () => {
    for (const [, dialect, text] of reads) expect(WslIniDocument.parse(text, dialect).toString()).toBe(text);
  });
});

describe('values as WSL parses them', () => {
  it.each([
    ['8GB', 8n << 30n],
    ['8G', 8n << 30n],
    ['512MB', 512n << 20n],
    ['512M', 512n << 20n],
    ['1024', 1024n],
    ['2KB', 2048n],
    ['1T', 1n << 40n],
    ['0', 0n],
    ['0GB', 0n],
    ['00', undefined],
    ['8gb', undefined],
    ['8 GB', undefined],
    ['8GiB', undefined],
    ['GB', undefined],
    ['', undefined],
    ['8.5GB', undefined],
  ])('ParseMemorySize(%j) = %s (SS)', (text, bytes) => expect(parseWslMemorySize(text)).toBe(bytes));

  it.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['0', false],
    ['yes', undefined],
    ['on', undefined],
    ['t', undefined],
    [' true', undefined],
    ['01', undefined],
  ])('ParseBool(%j) = %s (SS)', (text, value) => expect(parseWslBool(text)).toBe(value));

  it.each([
    ['2', 2],
    ['0x10', 16],
    ['010', 8],
    ['-1', -1],
    ['+3', 3],
    ['2 CPUs', undefined],
    ['', undefined],
    ['0x', undefined],
    ['4294967296', undefined],
  ])('strtol(%j, 0) = %s (CF int ParseImpl)', (text, value) => expect(parseWslInt(text)).toBe(value));

  it.each([
    ['D:\\wsl2.vhdx', 'D:\\\\wsl2.vhdx'],
    ['a # b', '"a # b"'],
    [' x', '" x"'],
    ['say "hi"', 'say \\"hi\\"'],
    ['plain', 'plain'],
    ['', ''],
  ])('encodes %j as %j, which reads back the same', (value, encoded) => {
    expect(encodeWslValue(value)).toBe(encoded);
    expect(WslIniDocument.parse(`[s]\nk=${encoded}\n`, 'wsl.conf').get('s', 'k')).toBe(value);
  });
});

describe('compareWslValue', () => {
  const cmp = (text: string, dialect: WslIniDialect, section: string, key: string, value: string | number | boolean) =>
    compareWslValue(WslIniDocument.parse(text, dialect), section, key, value);

  it.each([
    ['memory with a comment', '[wsl2]\r\nmemory=6GB # Limits VM memory\r\n', 'wsl2', 'memory', '6GB', true],
    ['processors with a comment', '[wsl2]\r\nprocessors=2 # two CPUs\r\n', 'wsl2', 'processors', 2, true],
    ['8192MB equals 8GB', '[wsl2]\nmemory=8192MB\n', 'wsl2', 'memory', '8GB', true],
    ['8G equals 8GB', '[wsl2]\nmemory=8G\n', 'wsl2', 'memory', '8GB', true],
    ['8gb is rejected by WSL', '[wsl2]\nmemory=8gb\n', 'wsl2', 'memory', '8GB', false],
    ['processors in hex', '[wsl2]\nprocessors=0x4\n', 'wsl2', 'processors', 4, true],
    ['boolean True', '[wsl2]\nfirewall=True\n', 'wsl2', 'firewall', true, true],
    ['boolean yes is rejected', '[wsl2]\nfirewall=yes\n', 'wsl2', 'firewall', true, false],
    [
      'single backslash path is invalid',
      '[wsl2]\r\nswapFile=D:\\wsl2.vhdx\r\n',
      'wsl2',
      'swapFile',
      'D:\\wsl2.vhdx',
      false,
    ],
    [
      'doubled backslash path, other case',
      '[wsl2]\nswapFile=d:\\\\WSL2.vhdx\n',
      'wsl2',
      'swapFile',
      'D:\\wsl2.vhdx',
      true,
    ],
    [
      'networkingMode enum ignores case',
      '[wsl2]\nnetworkingMode=Mirrored\n',
      'wsl2',
      'networkingMode',
      'mirrored',
      true,
    ],
  ] as const)('%s', (_n, text, section, key, value, same) => {
    expect(cmp(text, '.wslconfig', section, key, value).same).toBe(same);
  });

  it('notes a rejected value, an invalid line, repeats and an unread key, with lines', () => {
    expect(cmp('[wsl2]\nmemory=8gb\n', '.wslconfig', 'wsl2', 'memory', '8GB').notes.join()).toMatch(
      /line 2: WSL rejects memory=8gb/,
    );
    expect(cmp('[wsl2]\nswapFile=D:\\w\n', '.wslconfig', 'wsl2', 'swapFile', 'D:\\w').notes.join()).toMatch(
      /line 2: WSL skips this line/,
    );
    expect(cmp('[boot]\nsystemd=false\n[boot]\nsystemd=true\n', 'wsl.conf', 'boot', 'systemd', true)).toMatchObject({
      same: false,
      before: 'false',
    });
    expect(
      cmp('[boot]\nsystemd=true\n[boot]\nsystemd=false\n', 'wsl.conf', 'boot', 'systemd', true).notes.join(),
    ).toMatch(/line 4: WSL ignores this repeat/);
    expect(cmp('[boot]\n;x\nsystemd=true\n', 'wsl.conf', 'boot', 'systemd', true).notes.join()).toMatch(
      /line 3: WSL never reads boot.systemd: it stops at the invalid line 2/,
    );
  });
});

describe('WslIniDocument.set writes so WSL reads the value', () => {
  const set = (text: string, dialect: WslIniDialect, section: string, key: string, value: string) => {
    const doc = WslIniDocument.parse(text, dialect);
    doc.set(section, key, encodeWslValue(value));
    return doc.toString();
  };
  it.each([
    [
      'rewrites the first occurrence, not the later ones',
      'wsl.conf',
      '[boot]\nsystemd=false\n[boot]\nsystemd=true\n',
      'boot',
      'systemd',
      'true',
      '[boot]\nsystemd=true\n[boot]\nsystemd=true\n',
    ],
    [
      'keeps a trailing comment and CRLF',
      '.wslconfig',
      '[wsl2]\r\nmemory=4GB # VM\r\n',
      'wsl2',
      'memory',
      '6GB',
      '[wsl2]\r\nmemory=6GB # VM\r\n',
    ],
    [
      'replaces an invalid line of the key',
      '.wslconfig',
      '[wsl2]\r\nswapFile=D:\\wsl2.vhdx\r\n',
      'wsl2',
      'swapFile',
      'D:\\wsl2.vhdx',
      '[wsl2]\r\nswapFile=D:\\\\wsl2.vhdx\r\n',
    ],
    [
      'folds a continued value into one line',
      'wsl.conf',
      '[boot]\ncommand = a \\\n b # c\n',
      'boot',
      'command',
      'x',
      '[boot]\ncommand = x # c\n',
    ],
    [
      'adds after the last key of the first block',
      'wsl.conf',
      '[boot]\na=1\n\n[net]\n[boot]\nb=2\n',
      'boot',
      'systemd',
      'true',
      '[boot]\na=1\nsystemd=true\n\n[net]\n[boot]\nb=2\n',
    ],
    [
      'appends a section',
      'wsl.conf',
      '[user]\ndefault=dev',
      'boot',
      'systemd',
      'true',
      '[user]\ndefault=dev\n\n[boot]\nsystemd=true\n',
    ],
    [
      'puts a new section before a line that stops WSL',
      'wsl.conf',
      '; hand notes\n[boot]\nsystemd=true\n',
      'network',
      'hostname',
      'box',
      '[network]\nhostname=box\n\n; hand notes\n[boot]\nsystemd=true\n',
    ],
    ['creates a file', 'wsl.conf', '', 'boot', 'systemd', 'true', '[boot]\nsystemd=true\n'],
  ] as const)('%s', (_n, dialect, text, section, key, value, expected) => {
    const out = set(text, dialect, section, key, value);
    expect(out).toBe(expected);
    expect(WslIniDocument.parse(out, dialect).get(section, key)).toBe(value);
  });
});
