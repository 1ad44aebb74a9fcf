/**
 * The hosts file on simulated Windows, as real files: every encoding and line ending a hosts file
 * is found in, tabs, comments and IPv6 lines, an entry devbox did not write, the read-only
 * attribute, another program writing or holding the file. Addresses are verified against real TLS
 * servers (scoop-sim.world.ts); only devbox's block ever changes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { runDevboxAsync, type CliResult } from '../rig/cli.js';
import { type WindowsMachine } from '../winsim/machine.js';
import { hostsFile } from '../winsim/net.js';
import { useScoopWorld } from './scoop-world.js';

const skip = missingPrerequisites('hosts file on simulated Windows', ['openssl']);

const sim = useScoopWorld(skip);

function windows(hosts: Buffer | undefined): WindowsMachine {
  const m = sim.machine();
  if (hosts) m.writeFile(hostsFile, hosts);
  return m;
}

const name = 'raw.githubusercontent.com';
const begin = '# devbox:begin - entries devbox verified; edit the devbox manifest, not these lines';
const end = '# devbox:end';

function manifest(m: WindowsMachine, entries: string, file = 'hosts.yaml'): string {
  const path = join(m.dir, file);
  writeFileSync(path, `version: 1\nhosts:\n  resolvers: ['${sim.world.honestDoh.wireUrl}']\n  entries:\n${entries}`);
  return path;
}

function devbox(m: WindowsMachine, args: string[]): Promise<CliResult> {
  return runDevboxAsync(args, { env: { ...m.env, ...sim.world.env } });
}

const hosts = (m: WindowsMachine) => m.readFile(hostsFile)!;

interface Variant {
  title: string;
  original: Buffer;
  /** The bytes after devbox added `line`. */
  withLine(line: string): Buffer;
}

const crlfText =
  '# Copyright (c) 1993-2009 Microsoft Corp.\r\n#\r\n#\t102.54.94.97\trhino.acme.com\t# source server\r\n127.0.0.1\tlocalhost\r\n::1\t\tlocalhost\t# IPv6\r\nfe80::1%12 router.lan\r\n';
const variants: Variant[] = [
  {
    title: 'CRLF with tabs, comments and IPv6 lines',
    original: Buffer.from(crlfText, 'latin1'),
    withLine: (l) => Buffer.from(`${crlfText}${begin}\r\n${l}\r\n${end}\r\n`, 'latin1'),
  },
  {
    title: 'UTF-8 with a BOM and Chinese comments',
    original: Buffer.from(`\uFEFF# 公司内网\r\n10.1.2.3 intranet.corp\r\n`, 'utf8'),
    withLine: (l) =>
      Buffer.from(`\uFEFF# 公司内网\r\n10.1.2.3 intranet.corp\r\n${begin}\r\n${l}\r\n${end}\r\n`, 'utf8'),
  },
  {
    title: 'UTF-8 without a BOM, no newline at the end',
    original: Buffer.from('# Café 日本\r\n10.1.2.3 intranet.corp', 'utf8'),
    withLine: (l) => Buffer.from(`# Café 日本\r\n10.1.2.3 intranet.corp\r\n${begin}\r\n${l}\r\n${end}\r\n`, 'utf8'),
  },
  {
    title: 'ANSI (GBK) bytes that are not UTF-8',
    original: Buffer.concat([
      Buffer.from('# '),
      Buffer.from([0xb9, 0xab, 0xcb, 0xbe]),
      Buffer.from('\r\n127.0.0.1 localhost\r\n'),
    ]),
    withLine: (l) =>
      Buffer.concat([
        Buffer.from('# '),
        Buffer.from([0xb9, 0xab, 0xcb, 0xbe]),
        Buffer.from(`\r\n127.0.0.1 localhost\r\n${begin}\r\n${l}\r\n${end}\r\n`),
      ]),
  },
  {
    title: 'UTF-16LE with a BOM',
    original: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# hosts\r\n127.0.0.1 localhost\r\n', 'utf16le')]),
    withLine: (l) =>
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`# hosts\r\n127.0.0.1 localhost\r\n${begin}\r\n${l}\r\n${end}\r\n`, 'utf16le'),
      ]),
  },
  {
    title: 'LF line endings',
    original: Buffer.from('127.0.0.1 localhost\n'),
    withLine: (l) => Buffer.from(`127.0.0.1 localhost\n${begin}\n${l}\n${end}\n`),
  },
];

describe.skipIf(Boolean(skip))('hosts.entry on real files', () => {
  for (const variant of variants) {
    it(`${variant.title}: adds devbox's block, keeps every other byte, converges, and removes it again`, async () => {
      const m = windows(variant.original);
      const file = manifest(m, `    - name: ${name}\n`);
      const up = await devbox(m, ['up', '--yes', '-m', file]);
      expect(up.code, up.stdout + up.stderr).toBe(0);
      expect(hosts(m).toString('hex')).toBe(variant.withLine(`${sim.world.good} ${name}`).toString('hex'));
      // The original is kept once, under the user's devbox folder.
      expect(
        m
          .readFile('C:\\Users\\dev\\AppData\\Local\\devbox\\backups\\C\\Windows\\System32\\drivers\\etc\\hosts')!
          .equals(variant.original),
      ).toBe(true);
      const again = await devbox(m, ['up', '--yes', '--json', '-m', file]);
      expect(JSON.parse(again.stdout).report).toBeUndefined();
      const removed = await devbox(m, [
        'up',
        '--yes',
        '-m',
        manifest(m, `    - name: ${name}\n      ensure: absent\n`, 'absent.yaml'),
      ]);
      expect(removed.code, removed.stderr).toBe(0);
      const after = hosts(m);
      // Back to the original; a file that did not end in a line break keeps the one devbox added.
      expect(
        after.equals(variant.original) || after.equals(Buffer.concat([variant.original, Buffer.from('\r\n')])),
      ).toBe(true);
    });
  }

  it('a missing hosts file is created with just the block', async () => {
    const m = windows(undefined);
    const up = await devbox(m, [
      'up',
      '--yes',
      '-m',
      manifest(m, `    - name: ${name}\n      address: ${sim.world.good}\n`),
    ]);
    expect(up.code, up.stderr).toBe(0);
    expect(hosts(m).toString()).toBe(`${begin}\r\n${sim.world.good} ${name}\r\n${end}\r\n`);
  });

  it('an entry for the name outside the block is reported and never doubled; a stale one fails with its line number', async () => {
    const good = Buffer.from(`127.0.0.1 localhost\r\n${sim.world.good}\t${name}  # mine\r\n`);
    const m = windows(good);
    const file = manifest(m, `    - name: ${name}\n`);
    const plan = await devbox(m, ['plan', '--json', '-m', file]);
    const step = JSON.parse(plan.stdout).steps[0];
    expect([step.action, step.notes]).toEqual([
      'noop',
      [
        `${name} already has an entry outside devbox's block (line 2: ${sim.world.good}); Windows uses it, devbox adds none`,
      ],
    ]);
    expect((await devbox(m, ['up', '--yes', '-m', file])).code).toBe(0);
    expect(hosts(m).equals(good)).toBe(true);

    const stale = Buffer.from(`127.0.0.1 localhost\r\n${sim.world.liar} ${name}\r\n`);
    m.writeFile(hostsFile, stale);
    const up = await devbox(m, ['up', '--yes', '-m', file]);
    expect(up.code).toBe(4);
    expect(up.stderr).toContain(
      `${name} has an entry outside devbox's block (line 2: ${sim.world.liar}) that does not prove to be ${name}: the certificate is not valid for ${name}.`,
    );
    expect(up.stderr).toContain('Remove line 2 of the hosts file (or fix its address)');
    expect(hosts(m).equals(stale)).toBe(true);
    const doctor = await devbox(m, ['doctor', '-m', file]);
    expect(doctor.code).toBe(5);
    expect(doctor.stdout).toContain(
      `✗ hosts.entry[${name}]: ${name} → ${sim.world.liar} (outside devbox's block, line 2) is stale: the certificate is not valid for ${name}`,
    );
  });

  it('keeps the read-only attribute', async () => {
    const m = windows(Buffer.from('127.0.0.1 localhost\r\n'));
    m.setReadOnly(hostsFile, true);
    const up = await devbox(m, ['up', '--yes', '-m', manifest(m, `    - name: ${name}\n`)]);
    expect(up.code, up.stderr).toBe(0);
    expect(hosts(m).toString()).toContain(`${sim.world.good} ${name}\r\n`);
    expect(m.isReadOnly(hostsFile)).toBe(true);
  });

  it('another program writing the file meanwhile: devbox reads it again, nothing is lost, nothing doubled', async () => {
    const m = windows(Buffer.from('127.0.0.1 localhost\r\n'));
    m.writeConcurrently(hostsFile, '10.9.9.9 vpn.corp\r\n');
    const up = await devbox(m, ['up', '--yes', '-m', manifest(m, `    - name: ${name}\n`)]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain('the hosts file changed while devbox edited it; reading it again');
    expect(hosts(m).toString()).toBe(
      `127.0.0.1 localhost\r\n10.9.9.9 vpn.corp\r\n${begin}\r\n${sim.world.good} ${name}\r\n${end}\r\n`,
    );
  });

  it('another program holding the file: retried until it lets go; given up after the retry time, the file unchanged', async () => {
    const m = windows(Buffer.from('127.0.0.1 localhost\r\n'));
    const file = manifest(m, `    - name: ${name}\n`);
    m.holdFile(hostsFile, 1500);
    const up = await devbox(m, ['up', '--yes', '-m', file]);
    expect(up.code, up.stderr).toBe(0);
    expect(hosts(m).toString()).toContain(`${sim.world.good} ${name}`);

    const m2 = windows(Buffer.from('127.0.0.1 localhost\r\n'));
    m2.holdFile(hostsFile, 120_000);
    const busy = await devbox(m2, ['up', '--yes', '-m', manifest(m2, `    - name: ${name}\n`)]);
    expect(busy.code).toBe(4);
    expect(busy.stderr).toContain('Another program holds the hosts file open (The process cannot access the file');
    expect(hosts(m2).toString()).toBe('127.0.0.1 localhost\r\n');
  });

  it('a fixed address is checked over TLS unless the manifest opts out (IPv6 too)', async () => {
    const m = windows(Buffer.from('127.0.0.1 localhost\r\n'));
    const refused = await devbox(m, [
      'up',
      '--yes',
      '-m',
      manifest(m, `    - name: ${name}\n      address: ${sim.world.liar}\n`),
    ]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(
      `The manifest pins ${name} to ${sim.world.liar}, but ${sim.world.liar} did not prove to be ${name}: the certificate is not valid for ${name}.`,
    );
    expect(hosts(m).toString()).toBe('127.0.0.1 localhost\r\n');
    const unchecked = await devbox(m, [
      'up',
      '--yes',
      '-m',
      manifest(
        m,
        `    - name: ${name}\n      address: '2001:db8::7'\n      verifyTls: false\n    - name: github.com\n      address: ${sim.world.good}\n`,
        'fixed.yaml',
      ),
    ]);
    expect(unchecked.code, unchecked.stderr).toBe(0);
    expect(hosts(m).toString()).toBe(
      `127.0.0.1 localhost\r\n${begin}\r\n2001:db8::7 ${name}\r\n${sim.world.good} github.com\r\n${end}\r\n`,
    );
    expect(m.state().uac.prompts).toBe(2);
  });
});
