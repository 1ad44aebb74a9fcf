/**
 * A guest network like WSL's NAT: the distro lives in its own network namespace with an `eth0`,
 * joined to the host by a veth pair whose host end stands in for the `vEthernet (WSL)` adapter. The
 * host end has the gateway address; the guest's default route points at it. Every name carries a
 * tag and random suffix, and the subnet is picked among those no route of this machine uses, so
 * tests of several helpers can run on one machine at once.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';

export interface GuestNetwork {
  /** The namespace name, for `ip netns exec`. */
  ns: string;
  /** The host end of the veth pair (the stand-in for vEthernet (WSL)). */
  hostIf: string;
  /** The host end's address: the guest's gateway. */
  hostIp: string;
  /** The guest's eth0 address (like the one WSL's DHCP hands out). */
  guestIp: string;
  prefix: number;
  /** argv prefix that runs a command inside the namespace. */
  wrap: string[];
  /** Runs a command inside the namespace. */
  exec(argv: readonly string[], options?: { input?: string; timeoutMs?: number }): SpawnSyncReturns<string>;
  /** Adds an address to the host end (what the Windows side does with netsh for a fixed IP). */
  addHostAddress(cidr: string): void;
  /** Like a WSL restart: the namespace and its interfaces are destroyed and created afresh. */
  restart(): void;
  dispose(): void;
}

function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Subnets (as "a.b.c") that some route of this machine already covers. */
function usedSubnets(): Set<string> {
  const used = new Set<string>();
  const routes = JSON.parse(ip('-j', '-4', 'route', 'show', 'table', 'all')) as { dst: string }[];
  for (const r of routes) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.\d+/.exec(r.dst);
    if (m) used.add(`${m[1]}.${m[2]}.${m[3]}`);
  }
  return used;
}

/** A random /24 under 10.0.0.0/8 that this machine does not route yet. */
export function freeSubnet(avoid: ReadonlySet<string> = new Set()): string {
  const used = usedSubnets();
  for (let i = 0; i < 200; i++) {
    const candidate = `10.${randomInt(160, 250)}.${randomInt(0, 256)}`;
    if (!used.has(candidate) && !avoid.has(candidate)) return candidate;
  }
  throw new Error('no free 10.x.y.0/24 subnet found for the test network');
}

/** Creates the namespace and veth pair. `tag` prefixes every name (e.g. dbx3). */
export function createGuestNetwork(tag: string): GuestNetwork {
  const suffix = randomBytes(3).toString('hex');
  const ns = `${tag}-${suffix}`;
  const hostIf = `${tag}h${suffix}`;
  const tempIf = `${tag}g${suffix}`;
  const subnet = freeSubnet();
  const hostIp = `${subnet}.1`;
  const guestIp = `${subnet}.2`;
  const prefix = 24;

  const up = () => {
    ip('netns', 'add', ns);
    ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', tempIf);
    ip('link', 'set', tempIf, 'netns', ns);
    ip('-n', ns, 'link', 'set', tempIf, 'name', 'eth0');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    ip('-n', ns, 'addr', 'add', `${guestIp}/${prefix}`, 'dev', 'eth0');
    ip('-n', ns, 'link', 'set', 'eth0', 'up');
    ip('-n', ns, 'route', 'add', 'default', 'via', hostIp);
    ip('addr', 'add', `${hostIp}/${prefix}`, 'dev', hostIf);
    ip('link', 'set', hostIf, 'up');
  };
  const down = () => {
    // Deleting the namespace destroys the guest end, and with it the host end of the pair.
    spawnSync('ip', ['netns', 'delete', ns], { stdio: 'ignore' });
    spawnSync('ip', ['link', 'delete', hostIf], { stdio: 'ignore' });
  };
  up();
  const wrap = ['ip', 'netns', 'exec', ns];
  return {
    ns,
    hostIf,
    hostIp,
    guestIp,
    prefix,
    wrap,
    exec: (argv, options = {}) =>
      spawnSync(wrap[0]!, [...wrap.slice(1), ...argv], {
        encoding: 'utf8',
        input: options.input ?? '',
        timeout: options.timeoutMs ?? 120_000,
      }),
    addHostAddress: (cidr) => {
      ip('addr', 'add', cidr, 'dev', hostIf);
    },
    restart: () => {
      down();
      up();
    },
    dispose: down,
  };
}
