import { describe, expect, it } from 'vitest';
import { blockBegin, blockEnd, blockEntries, entriesFor, parseEntry, parseHosts, setHostsEntry } from './file.js';

const crlf = '# comment\r\n127.0.0.1\tlocalhost loopback\r\n::1 localhost # v6\r\n';

describe('hosts file', () => {
  it('parses entries with tabs, several names, comments and IPv6 (with a zone)', () => {
    expect(parseEntry('  10.0.0.1\ta.example  b.example # c.example')).toEqual({
      address: '10.0.0.1',
      names: ['a.example', 'b.example'],
    });
    expect(parseEntry('fe80::1%12 router.lan')).toEqual({ address: 'fe80::1%12', names: ['router.lan'] });
    expect(parseEntry('# 1.2.3.4 commented.example')).toBeUndefined();
    expect(parseEntry('not-an-ip name')).toBeUndefined();
    expect(parseEntry('1.2.3.4')).toBeUndefined();
  });

  it('adds a block at the end, then edits only inside it', () => {
    const once = setHostsEntry(Buffer.from(crlf), 'Raw.Example.com', '1.1.1.1');
    expect(once.toString()).toBe(`${crlf}${blockBegin}\r\n1.1.1.1 Raw.Example.com\r\n${blockEnd}\r\n`);
    const twice = setHostsEntry(once, 'other.example', '2.2.2.2');
    expect(twice.toString()).toBe(
      `${crlf}${blockBegin}\r\n1.1.1.1 Raw.Example.com\r\n2.2.2.2 other.example\r\n${blockEnd}\r\n`,
    );
    const changed = setHostsEntry(twice, 'raw.example.com', '3.3.3.3');
    expect(changed.toString()).toBe(
      `${crlf}${blockBegin}\r\n3.3.3.3 raw.example.com\r\n2.2.2.2 other.example\r\n${blockEnd}\r\n`,
    );
    expect(setHostsEntry(changed, 'raw.example.com', '3.3.3.3').equals(changed)).toBe(true);
    const hosts = parseHosts(changed);
    expect(entriesFor(hosts, 'RAW.example.com').ours.map((l) => [l.address, l.number])).toEqual([['3.3.3.3', 5]]);
    expect(blockEntries(hosts)).toEqual([
      { name: 'raw.example.com', address: '3.3.3.3', number: 5 },
      { name: 'other.example', address: '2.2.2.2', number: 6 },
    ]);
    // Removing the last line removes the markers: the original comes back byte for byte.
    expect(
      setHostsEntry(setHostsEntry(changed, 'raw.example.com', undefined), 'other.example', undefined).toString(),
    ).toBe(crlf);
  });

  it('keeps bytes that are not UTF-8, and a BOM, and writes UTF-16 files as UTF-16', () => {
    const gbk = Buffer.concat([Buffer.from('# '), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from('\r\n')]);
    const out = setHostsEntry(gbk, 'a.example', '1.1.1.1');
    expect(out.subarray(0, gbk.length).equals(gbk)).toBe(true);
    const bom = Buffer.from('\uFEFF1.2.3.4 x.example\n', 'utf8');
    expect(setHostsEntry(bom, 'a.example', '1.1.1.1').toString('utf8')).toBe(
      `\uFEFF1.2.3.4 x.example\n${blockBegin}\n1.1.1.1 a.example\n${blockEnd}\n`,
    );
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# 主机\r\n', 'utf16le')]);
    const edited = setHostsEntry(utf16, 'a.example', '1.1.1.1');
    expect(edited.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(edited.subarray(2).toString('utf16le')).toBe(
      `# 主机\r\n${blockBegin}\r\n1.1.1.1 a.example\r\n${blockEnd}\r\n`,
    );
    const be = Buffer.from([0xfe, 0xff, 0x00, 0x23, 0x00, 0x0a]);
    expect(parseHosts(be).encoding).toBe('utf16be');
    expect(setHostsEntry(be, 'a.example', '1.1.1.1').subarray(0, 6)).toEqual(be);
  });

  it('adds a line break to a last line without one, and treats an empty file as CRLF', () => {
    expect(setHostsEntry(Buffer.from('127.0.0.1 localhost'), 'a.example', '1.1.1.1').toString()).toBe(
      `127.0.0.1 localhost\r\n${blockBegin}\r\n1.1.1.1 a.example\r\n${blockEnd}\r\n`,
    );
    expect(setHostsEntry(Buffer.alloc(0), 'a.example', '::1').toString()).toBe(
      `${blockBegin}\r\n::1 a.example\r\n${blockEnd}\r\n`,
    );
    expect(setHostsEntry(Buffer.from(crlf), 'a.example', undefined).toString()).toBe(crlf);
  });

  it("tells entries outside the block from devbox's, and refuses a damaged block", () => {
    const text = `1.1.1.1 a.example\r\n${blockBegin}\r\n2.2.2.2 a.example\r\n${blockEnd}\r\n`;
    const { ours, outside } = entriesFor(parseHosts(Buffer.from(text)), 'a.example');
    expect([ours.map((l) => l.number), outside.map((l) => l.number)]).toEqual([[3], [1]]);
    const damaged = Buffer.from(`${blockBegin}\r\n2.2.2.2 a.example\r\n`);
    expect(parseHosts(damaged).blockError).toBe(
      'devbox\'s block in the hosts file is damaged (1 "# devbox:begin" and 0 "# devbox:end" line(s))',
    );
    expect(() => setHostsEntry(damaged, 'a.example', '1.1.1.1')).toThrow('damaged');
    expect(parseHosts(Buffer.from(`${blockEnd}\r\n${blockBegin}\r\n`)).blockError).toContain('in the wrong order');
  });
});
