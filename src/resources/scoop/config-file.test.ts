import { describe, expect, it } from 'vitest';
import { editScoopConfig, sameConfigValue, topLevelKeys } from './config-file.js';
import { configChanges } from './config.js';
import { parseConfigBytes } from './facts.js';

describe("Scoop's config.json", () => {
  it("sets keys in place (an old upper-case key is replaced, never doubled), keeps the others and the file's format", () => {
    const before = Buffer.from(
      '\uFEFF{\r\n  "SCOOP_REPO": "https://old",\r\n  "last_update": "2026-01-01T00:00:00.0000000+08:00",\r\n  "10": true\r\n}\r\n',
    );
    const values = JSON.parse(before.toString('utf8').slice(1));
    const after = editScoopConfig(before, values, {
      scoop_repo: 'https://gitee.com/scoop',
      'aria2-split': 16,
    }).toString('utf8');
    expect(after).toBe(
      '\uFEFF{\r\n  "scoop_repo": "https://gitee.com/scoop",\r\n  "last_update": "2026-01-01T00:00:00.0000000+08:00",\r\n  "10": true,\r\n  "aria2-split": 16\r\n}\r\n',
    );
  });

  it('writes a new file as Scoop does (4 spaces, CRLF, UTF-8 without BOM), removes keys', () => {
    expect(editScoopConfig(undefined, undefined, { proxy: '127.0.0.1:7890', 'aria2-enabled': true }).toString()).toBe(
      '{\r\n    "proxy": "127.0.0.1:7890",\r\n    "aria2-enabled": true\r\n}',
    );
    expect(
      editScoopConfig(Buffer.from('{"a":1,"Root_Path":"x"}'), { a: 1, Root_Path: 'x' }, {}, ['root_path']).toString(),
    ).toBe('{\n    "a": 1\n}');
  });

  it('lists top-level keys in file order, skipping nested ones and escaped quotes', () => {
    expect(topLevelKeys('{"a\\"b": {"c": 1}, "2": [1, {"d": "x,y"}], "e": "}"}')).toEqual(['a"b', '2', 'e']);
  });

  it('compares values as Scoop uses them', () => {
    expect(sameConfigValue('true', true)).toBe(true);
    expect(sameConfigValue('16', 16)).toBe(true);
    expect(sameConfigValue(16, '16')).toBe(true);
    expect(sameConfigValue(undefined, false)).toBe(false);
    expect(sameConfigValue('1M', '1m')).toBe(false);
  });

  // Issue 15 kind 7: PowerShell's ConvertFrom-Json reads names case-insensitively; one key whatever its case.
  it.each([
    ['both spellings', '{\n    "SCOOP_REPO": "https://a",\n    "scoop_repo": "https://b"\n}'],
    [
      'three spellings, one between',
      '{\n    "Scoop_Repo": "https://a",\n    "proxy": "none",\n    "SCOOP_REPO": "x",\n    "scoop_repo": "y"\n}',
    ],
    ['the same name twice', '{\n    "scoop_repo": "https://a",\n    "scoop_repo": "https://a"\n}'],
  ])('one key for %s', (_name, text) => {
    const out = editScoopConfig(Buffer.from(text), JSON.parse(text), {
      scoop_repo: 'https://gitee.com/scoop',
    }).toString();
    expect(topLevelKeys(out).filter((k) => k.toLowerCase() === 'scoop_repo')).toEqual(['scoop_repo']);
    expect(JSON.parse(out).scoop_repo).toBe('https://gitee.com/scoop');
    expect(topLevelKeys(out).filter((k) => k.toLowerCase() !== 'scoop_repo')).toEqual(
      topLevelKeys(text).filter((k) => k.toLowerCase() !== 'scoop_repo'),
    );
  });

  it('a file holding both SCOOP_REPO and scoop_repo drifts once, and converges after one write', () => {
    const want = { scoop_repo: 'https://gitee.com/scoop' };
    const text = Buffer.from(
      '{\r\n    "SCOOP_REPO": "https://gitee.com/scoop",\r\n    "scoop_repo": "https://gitee.com/scoop"\r\n}',
    );
    const first = parseConfigBytes('C:\\config.json', text);
    expect(configChanges(first, want)).toEqual([
      {
        property: 'scoop_repo',
        before: 'SCOOP_REPO, scoop_repo (one setting written 2 times)',
        after: 'https://gitee.com/scoop',
      },
    ]);
    const written = editScoopConfig(first.bytes, first.values, want);
    expect(configChanges(parseConfigBytes('C:\\config.json', written), want)).toEqual([]);
  });
});
