import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FakeHost } from '../../../test/fakes/fake-host.js';
import { FakeNet } from '../../../test/fakes/fake-net.js';
import { MemoryGuest } from '../../../test/fakes/memory-guest.js';
import type { ApplyContext, ReadContext } from '../../engine/resource.js';
import { hostsEntryResource, type HostsEntryOptions } from './entry.js';
import { blockBegin, blockEnd } from './file.js';

const platform = { os: 'windows' as const, guestDescription: 'test' };
const path = 'C:\\Windows\\System32\\drivers\\etc\\hosts';
const name = 'raw.githubusercontent.com';

function setup(content: string | undefined) {
  const host = new FakeHost();
  host.os.env.SystemRoot = 'C:\\Windows';
  if (content !== undefined) host.files.set(path, Buffer.from(content));
  const net = new FakeNet();
  const reports: string[] = [];
  const read: ReadContext = { platform, guest: new MemoryGuest(), host, net };
  const apply: ApplyContext = { platform, guest: new MemoryGuest(), host, net, report: (m) => reports.push(m) };
  return { host, net, read, apply, reports };
}

const entry = (options: Partial<HostsEntryOptions> = {}) =>
  hostsEntryResource({ name, address: 'auto', verifyTls: true, ensure: 'present', ...options });
const block = (line: string) => `${blockBegin}\r\n${line}\r\n${blockEnd}\r\n`;

describe('hosts.entry', () => {
  it('auto: resolves over DoH and writes the first verified IPv4 address, elevated, flushing DNS', async () => {
    const { host, net, read, apply, reports } = setup('127.0.0.1 localhost\r\n');
    net.doh.set(name, ['10.0.0.66', '2606:50c0::154', '185.199.108.133']);
    net.tls.set('10.0.0.66', false).set('2606:50c0::154', true).set('185.199.108.133', true);
    const resource = entry({ resolvers: ['https://doh.example/dns-query'] });
    const actual = await resource.get(read);
    const result = resource.test(actual);
    expect(result).toMatchObject({
      inDesiredState: false,
      action: 'create',
      changes: [{ property: 'address', before: null, after: '185.199.108.133' }],
    });
    expect(result.notes).toEqual(['10.0.0.66 refused: the certificate is not valid for raw.githubusercontent.com']);
    expect(net.resolved).toEqual([{ name, resolvers: ['https://doh.example/dns-query'] }]);
    await resource.apply(actual, apply);
    const original = createHash('sha256').update('127.0.0.1 localhost\r\n').digest('hex');
    expect(host.replaced.map((r) => [r.path, r.elevated, r.flushDns, r.expectedSha256])).toEqual([
      ['%SystemRoot%\\System32\\drivers\\etc\\hosts', true, true, original],
    ]);
    expect(host.files.get(path)!.toString()).toBe(`127.0.0.1 localhost\r\n${block(`185.199.108.133 ${name}`)}`);
    expect(reports[0]).toContain('raw.githubusercontent.com → 185.199.108.133');
  });

  it('keeps a valid address without asking DoH again; a stale one is replaced and named in doctor', async () => {
    const { net, read } = setup(block(`1.2.3.4 ${name}`));
    net.tls.set('1.2.3.4', true);
    const resource = entry();
    expect(resource.test(await resource.get(read)).inDesiredState).toBe(true);
    expect(net.resolved).toEqual([]);
    net.tls.set('1.2.3.4', false);
    net.doh.set(name, ['5.6.7.8']);
    net.tls.set('5.6.7.8', true);
    const stale = await resource.get(read);
    expect(resource.test(stale).changes).toEqual([
      {
        property: 'address',
        before: '1.2.3.4 (the certificate is not valid for raw.githubusercontent.com)',
        after: '5.6.7.8',
      },
    ]);
    expect(resource.diagnose!(stale)).toEqual([
      {
        severity: 'problem',
        message: `${name} → 1.2.3.4 (devbox's block, line 2) is stale: the certificate is not valid for ${name}`,
        fix: `refresh it: devbox up --only 'hosts.entry[${name}]'`,
      },
    ]);
  });

  it('writes nothing when no address proves the name, and says what each one did', async () => {
    const { host, net, read, apply } = setup('127.0.0.1 localhost\r\n');
    net.doh.set(name, ['10.0.0.66']);
    net.tls.set('10.0.0.66', false);
    const resource = entry();
    const actual = await resource.get(read);
    expect(resource.test(actual).changes[0]!.after).toBe(
      '(no verified address: No address for raw.githubusercontent.com proved to be raw.githubusercontent.com (a certificate valid for the name), so the hosts file was left exactly as it was.)',
    );
    await expect(resource.apply(actual, apply)).rejects.toThrow(
      '10.0.0.66: the certificate is not valid for raw.githubusercontent.com (from https://doh.test/dns-query)',
    );
    expect(host.replaced).toEqual([]);
  });

  it('never doubles a name that has an entry outside the block, and removes its own unused line', async () => {
    const { host, net, read, apply } = setup(`1.2.3.4 ${name}\r\n${block(`5.6.7.8 ${name}`)}`);
    net.tls.set('1.2.3.4', true).set('5.6.7.8', true);
    const resource = entry();
    const actual = await resource.get(read);
    const result = resource.test(actual);
    expect(result.changes).toEqual([
      { property: 'devboxLine', before: '5.6.7.8 (line 3, unused: the earlier entry wins)', after: null },
    ]);
    await resource.apply(actual, apply);
    expect(host.files.get(path)!.toString()).toBe(`1.2.3.4 ${name}\r\n`);
  });

  it('reads the file again when another program changed it, and gives up with a clear error when it is held', async () => {
    const { host, net, read, apply, reports } = setup('127.0.0.1 localhost\r\n');
    net.tls.set('9.9.9.9', true);
    const resource = entry({ address: '9.9.9.9' });
    const actual = await resource.get(read);
    let once = true;
    host.beforeReplace = (p, h) => {
      if (once) h.files.set(p, Buffer.from('127.0.0.1 localhost\r\n10.1.1.1 vpn\r\n'));
      once = false;
    };
    await resource.apply(actual, apply);
    expect(host.files.get(path)!.toString()).toBe(`127.0.0.1 localhost\r\n10.1.1.1 vpn\r\n${block(`9.9.9.9 ${name}`)}`);
    expect(reports).toContain('the hosts file changed while devbox edited it; reading it again');
    host.busyReplaces = 1;
    await expect(resource.apply(await resource.get(read), apply)).resolves.toBeUndefined(); // already in place: nothing to write
    const other = hostsEntryResource({ name: 'github.com', address: '9.9.9.9', verifyTls: true, ensure: 'present' });
    net.tls.set('9.9.9.9', true);
    await expect(other.apply(await other.get(read), apply)).rejects.toThrow(
      'Another program holds the hosts file open',
    );
  });

  it('a fixed address needs a valid certificate unless verifyTls is false; absent removes the line', async () => {
    const { net, read, apply, host } = setup('');
    net.tls.set('6.6.6.6', false);
    const strict = entry({ address: '6.6.6.6' });
    await expect(strict.apply(await strict.get(read), apply)).rejects.toThrow(
      'did not prove to be raw.githubusercontent.com',
    );
    const loose = entry({ address: '6.6.6.6', verifyTls: false });
    const actual = await loose.get(read);
    expect(net.probed).toEqual(['6.6.6.6']);
    await loose.apply(actual, apply);
    expect(host.files.get(path)!.toString()).toBe(block(`6.6.6.6 ${name}`));
    const gone = entry({ ensure: 'absent' });
    const present = await gone.get(read);
    expect(gone.test(present)).toMatchObject({
      action: 'delete',
      changes: [{ property: 'address', before: '6.6.6.6', after: null }],
    });
    await gone.apply(present, apply);
    expect(host.files.get(path)!.toString()).toBe('');
  });

  // Issue 15 kind 5: Windows uses the FIRST line for a name; devbox reasons by position.
  describe('by position in the file', () => {
    const head = Array.from({ length: 9 }, (_, i) => `# line ${i + 1}\r\n`).join('');
    const github520 = `\r\n# GitHub520 Host Start\r\n\r\n140.82.113.3 ${name}\r\n# GitHub520 Host End\r\n`;
    it.each([
      [
        "devbox's valid line 11 before another tool's stale line 16",
        `${head}${block(`185.199.110.133 ${name}`)}${github520}`,
        true,
        [16],
        `${head}${block(`185.199.110.133 ${name}`)}${github520}`,
      ],
      [
        "another tool's line before devbox's: devbox's is unused",
        `1.2.3.4 ${name}\r\n${block(`185.199.110.133 ${name}`)}`,
        false,
        [],
        `1.2.3.4 ${name}\r\n`,
      ],
      [
        'lines on both sides: the earlier one rules',
        `1.2.3.4 ${name}\r\n${block(`185.199.110.133 ${name}`)}140.82.113.3 ${name}\r\n`,
        false,
        [],
        `1.2.3.4 ${name}\r\n140.82.113.3 ${name}\r\n`,
      ],
    ] as const)('%s', async (_case, text, converged, dead, written) => {
      const { host, net, read, apply } = setup(text);
      net.tls.set('185.199.110.133', true).set('1.2.3.4', true).set('140.82.113.3', false);
      const resource = entry();
      const actual = await resource.get(read);
      const result = resource.test(actual);
      expect(result.inDesiredState).toBe(converged);
      for (const line of dead)
        expect(result.notes?.join('\n')).toContain(
          `line ${line} (140.82.113.3) also names ${name}, after devbox's line 11: Windows uses the first entry, so line ${line} is a dead duplicate`,
        );
      const findings = resource.diagnose!(actual);
      for (const line of dead)
        expect(findings).toContainEqual(
          expect.objectContaining({
            severity: 'warning',
            message: expect.stringContaining(`(line ${line}) is a dead duplicate`),
          }),
        );
      if (!converged) await resource.apply(actual, apply);
      expect(host.files.get(path)!.toString()).toBe(written);
    });
  });
});
