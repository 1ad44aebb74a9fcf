/**
 * distro.network.fixedIp (guest side) against a real network namespace: after `up` the host side
 * reaches the fixed address (ping and TCP), a second run changes nothing, and after a "restart" (the
 * namespace destroyed and created again, as `wsl --shutdown` does to eth0) the wsl.conf boot command
 * brings the address back. The user's own boot command survives beside devbox's.
 */
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../rig/privileges.js';
import { createTestGuest, runAsync, type TestGuest } from '../rig/guest.js';
import { freeSubnet } from '../rig/netns.js';
import type { Plan } from '../../src/engine/plan.js';

const missing = missingPrerequisites('guest fixed IP (netns, chroot)', ['ip', 'chroot', 'debootstrap', 'ping']);

/** The [boot] command of a wsl.conf. */
function bootCommand(wslConf: string): string {
  const boot = /^\[boot\]\n((?:(?!\[).*\n?)*)/m.exec(wslConf)?.[1] ?? '';
  return /^command = (.*)$/m.exec(boot)?.[1] ?? '';
}

function ping(address: string) {
  return runAsync('ping', ['-c', '1', '-W', '2', address], { timeoutMs: 10_000 });
}

/** Opens a TCP connection to address:port and reads the greeting. */
function tcpGreeting(address: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: address, port, timeout: 5000 });
    let data = '';
    socket.on('data', (c) => (data += c.toString('utf8')));
    socket.on('end', () => resolve(data));
    socket.on('timeout', () => socket.destroy(new Error(`timeout connecting to ${address}:${port}`)));
    socket.on('error', reject);
  });
}

describe.runIf(!missing)('distro.network.fixedIp on a real guest network', () => {
  let guest: TestGuest;
  let subnet: string;
  let fixed: string;
  let hostSide: string;

  beforeAll(() => {
    guest = createTestGuest('dbx3');
    subnet = freeSubnet(new Set([guest.net.hostIp.replace(/\.1$/, '')]));
    fixed = `${subnet}.2`;
    hostSide = `${subnet}.1`;
  });

  afterAll(() => guest?.dispose());

  const manifest = (extra = '') =>
    guest.manifest(`version: 1
distro:
  name: Debian
${extra}  network:
    fixedIp:
      strategy: alias
      address: ${fixed}/24
      hostAddress: ${hostSide}
`);

  it('puts the alias in place, reachable from the host by ping and TCP, idempotently, and restores it at boot', async () => {
    // A command the user put in wsl.conf by hand must survive devbox's own boot command.
    writeFileSync(guest.path('etc/wsl.conf'), '# my settings\n[boot]\ncommand = touch /run/user-boot-ran\n');
    const m = manifest();
    const up = await guest.devbox(['up', '--yes', '-m', m]);
    expect(up.code, `${up.stdout}\n${up.stderr}`).toBe(0);

    const addr = guest.net.exec(['ip', '-4', 'addr', 'show', 'dev', 'eth0']).stdout;
    expect(addr).toContain(`inet ${fixed}/24 brd ${subnet}.255 scope global eth0:1`);
    const command = bootCommand(guest.read('etc/wsl.conf'));
    expect(command).toBe(
      `/sbin/ip addr replace ${fixed}/24 broadcast + dev eth0 label eth0:1; touch /run/user-boot-ran`,
    );
    expect(guest.read('etc/wsl.conf')).toMatch(/^# my settings\n\[boot\]\ncommand = /);

    // The Windows side's part (netsh … add address on vEthernet (WSL)), played by the host end.
    guest.net.addHostAddress(`${hostSide}/24`);
    expect((await ping(fixed)).code).toBe(0);
    const server = spawn(
      'ip',
      [
        'netns',
        'exec',
        guest.net.ns,
        process.execPath,
        '-e',
        `require('net').createServer((s) => s.end('hello from the guest')).listen(8022, '${fixed}', () => console.log('ready'))`,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      await new Promise((resolve) => server.stdout.once('data', resolve));
      expect(await tcpGreeting(fixed, 8022)).toBe('hello from the guest');
    } finally {
      server.kill();
    }

    const second = await guest.devbox(['plan', '--json', '-m', m]);
    expect((JSON.parse(second.stdout) as Plan).steps.map((s) => `${s.id}:${s.action}`)).toEqual([
      'distro.wslconf[/etc/wsl.conf]:noop',
      'network.alias[eth0]:noop',
    ]);

    // Restart: eth0 comes back without the alias; WSL runs [boot] command as root at start.
    guest.net.restart();
    expect((await ping(fixed)).code).not.toBe(0);
    const boot = await guest.run(['/bin/sh', '-c', command]);
    expect(boot.code, boot.stderr).toBe(0);
    guest.net.addHostAddress(`${hostSide}/24`);
    expect((await ping(fixed)).code).toBe(0);
    expect((await guest.run(['test', '-e', '/run/user-boot-ran'])).code).toBe(0);
    const afterBoot = await guest.devbox(['plan', '--json', '-m', m]);
    expect((JSON.parse(afterBoot.stdout) as Plan).steps.every((s) => s.action === 'noop')).toBe(true);
  });

  it("runs the manifest's own boot command after the alias, in the one [boot] command", async () => {
    const m = manifest('  wslConf:\n    boot:\n      command: service cron start\n');
    const up = await guest.devbox(['up', '--yes', '-m', m]);
    expect(up.code, `${up.stdout}\n${up.stderr}`).toBe(0);
    expect(bootCommand(guest.read('etc/wsl.conf'))).toBe(
      `/sbin/ip addr replace ${fixed}/24 broadcast + dev eth0 label eth0:1; service cron start`,
    );
  });

  it('moves the alias when the address changes, and replaces its boot command part', async () => {
    const moved = `${subnet}.3`;
    writeFileSync(
      guest.path('etc/wsl.conf'),
      `[boot]\ncommand = /sbin/ip addr replace ${fixed}/24 broadcast + dev eth0 label eth0:1; touch /run/user-boot-ran\n`,
    );
    const m = guest.manifest(`version: 1
distro:
  name: Debian
  network:
    fixedIp:
      strategy: alias
      address: ${moved}/25
      hostAddress: ${hostSide}
`);
    const up = await guest.devbox(['up', '--yes', '-m', m]);
    expect(up.code, `${up.stdout}\n${up.stderr}`).toBe(0);
    const addr = guest.net.exec(['ip', '-4', 'addr', 'show', 'dev', 'eth0']).stdout;
    expect(addr).toContain(`inet ${moved}/25`);
    expect(addr).not.toContain(`inet ${fixed}/`);
    expect(bootCommand(guest.read('etc/wsl.conf'))).toBe(
      `/sbin/ip addr replace ${moved}/25 broadcast + dev eth0 label eth0:1; touch /run/user-boot-ran`,
    );
  });

  it('refuses a subnet that collides with a route of the distro, and says which', async () => {
    guest.net.exec(['ip', 'route', 'add', '172.31.0.0/16', 'dev', 'eth0']);
    const m = guest.manifest(`version: 1
distro:
  name: Debian
  network:
    fixedIp:
      strategy: alias
      address: 172.31.5.2/24
      hostAddress: 172.31.5.1
`);
    const up = await guest.devbox(['up', '--yes', '-m', m]);
    expect(up.code).toBe(4);
    expect(up.stderr).toContain("172.31.5.0/24 overlaps the distro's route to 172.31.0.0/16 on eth0");
    expect(guest.net.exec(['ip', '-4', 'addr', 'show', 'dev', 'eth0']).stdout).not.toContain('172.31.5.2');
  });
});
