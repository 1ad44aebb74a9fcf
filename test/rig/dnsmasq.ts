/**
 * A real DNS server for tests: dnsmasq bound to one address (the host end of the guest network),
 * answering only the names it is given, logging every query so a test can see who asked what.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Dnsmasq {
  address: string;
  /** Names queried so far (from dnsmasq's query log). */
  queries(): string[];
  close(): Promise<void>;
}

/** Starts dnsmasq on `address`:53 with `records` (name → IPv4). Needs root. */
export async function startDnsmasq(address: string, records: Record<string, string>): Promise<Dnsmasq> {
  const dir = mkdtempSync(join(tmpdir(), 'dbx-dnsmasq-'));
  const args = [
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    `--pid-file=${join(dir, 'pid')}`,
    '--user=root',
    `--listen-address=${address}`,
    '--bind-interfaces',
    '--port=53',
    '--no-resolv',
    '--no-hosts',
    '--log-queries',
    '--log-facility=-',
    ...Object.entries(records).map(([name, ip]) => `--host-record=${name},${ip}`),
  ];
  const child: ChildProcess = spawn('dnsmasq', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const collect = (chunk: Buffer) => {
    log += chunk.toString('utf8');
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dnsmasq did not start on ${address}:\n${log}`)), 10_000);
    const check = () => {
      if (/started, version/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dnsmasq exited with ${code}:\n${log}`));
    });
  });
  return {
    address,
    queries: () => [...log.matchAll(/query\[\w+\] (\S+) from/g)].map((m) => m[1]!),
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
