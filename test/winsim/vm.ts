/**
 * The simulated WSL 2 VM: starting it (needs VirtualMachinePlatform), its NAT network (from the Lxss
 * registry values when they fit, written back after every start, kept until the restart like HNS
 * keeps it), its adapter (`vEthernet (WSL (Hyper-V firewall))`, hidden, on Windows 11 22H2+ with WSL
 * 2.x; `vEthernet (WSL)` before), mirrored networking where the build supports it, idle termination,
 * and running Linux commands in a distribution's real root filesystem through chroot.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getValue, lxssMachineKey, lxssUserKey, setValue, stringOf, subkeys } from './registry.js';
import type { SimState } from './state.js';
import { readWslConfig, timeoutMs, wsl2Key } from './wslconfig.js';
import { strings } from './strings.js';

/** A wsl.exe error: localized message plus the `Error code:` symbol. */
export class WslFailure extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** Windows 11 22H2 (22621.2428) or later, with WSL 2.0+. */
export function mirroredSupported(state: SimState): boolean {
  const { build, ubr } = state.windows;
  const windowsOk = build > 22631 || ((build === 22621 || build === 22631) && ubr >= 2428);
  return windowsOk && state.wsl.package !== null && versionAtLeast(state.wsl.package.version, '2.0.0');
}

/** The Hyper-V firewall exists on Windows 11 22H2+ with WSL 2.0+; `firewall` defaults to true. */
export function natAdapter(state: SimState, firewallSetting: string | undefined): { name: string; hidden: boolean } {
  const hyperVFirewall =
    state.windows.build >= 22621 && state.wsl.package !== null && versionAtLeast(state.wsl.package.version, '2.0.0');
  const firewall = hyperVFirewall && firewallSetting?.toLowerCase() !== 'false';
  return {
    name: firewall ? 'vEthernet (WSL (Hyper-V firewall))' : 'vEthernet (WSL)',
    hidden: state.windows.build >= 22621,
  };
}

const toInt = (ip: string) => ip.split('.').reduce((acc, p) => ((acc << 8) | Number(p)) >>> 0, 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 0xff).join('.');
const mask = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

function parseCidr(cidr: string | undefined): { network: number; prefix: number } | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(cidr ?? '');
  if (!m) return undefined;
  const prefix = Number(m[2]);
  if (prefix < 8 || prefix > 30) return undefined;
  return { network: (toInt(m[1]!) & mask(prefix)) >>> 0, prefix };
}

function inSubnet(ip: string | undefined, net: { network: number; prefix: number }): boolean {
  return ip !== undefined && /^\d+\.\d+\.\d+\.\d+$/.test(ip) && (toInt(ip) & mask(net.prefix)) >>> 0 === net.network;
}

/** Creates WSL's NAT network the way NatNetworking::CreateNetwork does, once per boot. */
function natNetwork(state: SimState, warnings: string[], firewallSetting: string | undefined): void {
  if (!state.hns) {
    const wantedSubnet = stringOf(getValue(state, lxssMachineKey, 'NatNetwork'));
    const wantedGateway = stringOf(getValue(state, lxssMachineKey, 'NatGatewayIpAddress'));
    const wantedVm = stringOf(getValue(state, lxssUserKey, 'NatIpAddress'));
    const net = parseCidr(wantedSubnet);
    const clash =
      net &&
      state.adapters.some(
        (a) =>
          !a.wsl &&
          a.ipv4.some(
            (addr) =>
              (toInt(addr.address) & mask(Math.min(addr.prefixLength, net.prefix))) >>> 0 ===
              (net.network & mask(Math.min(addr.prefixLength, net.prefix))) >>> 0,
          ),
      );
    if (net && !clash && inSubnet(wantedGateway, net)) {
      const vm = inSubnet(wantedVm, net) && wantedVm !== wantedGateway ? wantedVm! : toIp(toInt(wantedGateway!) + 1);
      state.hns = { subnet: `${toIp(net.network)}/${net.prefix}`, gateway: wantedGateway!, vmAddress: vm };
    } else {
      const base =
        (toInt('172.16.0.0') +
          (Math.floor(Math.random() * 15) + 1) * 0x10000 +
          Math.floor(Math.random() * 16) * 0x1000) >>>
        0;
      state.hns = {
        subnet: `${toIp(base)}/20`,
        gateway: toIp(base + 1),
        vmAddress: toIp(base + 2 + Math.floor(Math.random() * 200)),
      };
      if (wantedSubnet) warnings.push(strings(state.windows.locale).networkFallback(wantedSubnet, state.hns.subnet));
    }
  }
  // WSL saves the settings it used after every start (SaveNetworkingSettings).
  setValue(state, lxssMachineKey, 'NatNetwork', { type: 'REG_SZ', data: state.hns.subnet });
  setValue(state, lxssMachineKey, 'NatGatewayIpAddress', { type: 'REG_SZ', data: state.hns.gateway });
  setValue(state, lxssUserKey, 'NatIpAddress', { type: 'REG_SZ', data: state.hns.vmAddress });
  if (!state.adapters.some((a) => a.wsl)) {
    const { name, hidden } = natAdapter(state, firewallSetting);
    const prefix = Number(state.hns.subnet.split('/')[1]);
    state.adapters.push({
      name,
      ifIndex: 40 + state.boots,
      status: 'Up',
      hidden,
      wsl: true,
      ipv4: [{ address: state.hns.gateway, prefixLength: prefix }],
    });
  }
}

/** Stops what has been idle longer than .wslconfig allows (instanceIdleTimeout 15 s, vmIdleTimeout 60 s by default). */
export function applyIdle(dir: string, state: SimState, now = Date.now()): void {
  const config = readWslConfig(dir, state);
  const instanceIdle = timeoutMs(config, 'general.instanceidletimeout', 15_000);
  const vmIdle = timeoutMs(config, 'wsl2.vmidletimeout', 60_000);
  let lastStop = 0;
  for (const distro of Object.values(state.distros)) {
    distro.clients = distro.clients.filter(alive);
    if (
      distro.running &&
      distro.clients.length === 0 &&
      instanceIdle >= 0 &&
      distro.lastClientExit !== undefined &&
      now - distro.lastClientExit > instanceIdle
    ) {
      distro.running = false;
      lastStop = Math.max(lastStop, distro.lastClientExit + instanceIdle);
    }
  }
  const anyRunning = Object.values(state.distros).some((d) => d.running);
  if (
    state.vm.running &&
    !anyRunning &&
    vmIdle >= 0 &&
    state.vm.lastActivity !== undefined &&
    now - state.vm.lastActivity > vmIdle + instanceIdle
  ) {
    state.vm.running = false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts the VM if needed; returns `wsl:` warnings for stderr. Throws WslFailure when it cannot start. */
export function startVm(dir: string, state: SimState): string[] {
  const s = strings(state.windows.locale);
  const vmp = state.features.VirtualMachinePlatform?.state;
  if (vmp !== 'enabled' && vmp !== 'disable-pending')
    throw new WslFailure(s.enableVirtualization, 'Wsl/Service/CreateInstance/CreateVm/HCS/HCS_E_HYPERV_NOT_INSTALLED');
  const warnings: string[] = [];
  if (!state.vm.running) {
    const config = readWslConfig(dir, state);
    const mode = (wsl2Key(config, 'networkingMode') ?? 'nat').toLowerCase();
    let effective: 'nat' | 'mirrored' = 'nat';
    if (mode === 'mirrored') {
      if (mirroredSupported(state)) effective = 'mirrored';
      else warnings.push(s.mirroredFallback(`${state.windows.build}.${state.windows.ubr}`));
    }
    if (effective === 'nat') natNetwork(state, warnings, wsl2Key(config, 'firewall'));
    state.vm = { running: true, networkingMode: effective, lastActivity: Date.now() };
  }
  state.vm.lastActivity = Date.now();
  return warnings;
}

/** The registered distributions, from the registry as WSL keeps them. */
export function registered(state: SimState): { guid: string; name: string; defaultUid: number; version: number }[] {
  return subkeys(state, lxssUserKey)
    .filter((guid) => /^\{[0-9a-f-]{36}\}$/i.test(guid))
    .map((guid) => {
      const key = `${lxssUserKey}\\${guid}`;
      return {
        guid,
        name: stringOf(getValue(state, key, 'DistributionName')) ?? '',
        defaultUid: Number(getValue(state, key, 'DefaultUid')?.data ?? 0),
        version: Number(getValue(state, key, 'Version')?.data ?? 2),
      };
    });
}

export function findDistro(state: SimState, name: string) {
  return registered(state).find((d) => d.name.toLowerCase() === name.toLowerCase());
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export function passwd(rootfs: string): PasswdEntry[] {
  const file = join(rootfs, 'etc', 'passwd');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 7)
    .map((f) => ({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]!, shell: f[6]! }));
}

/** Mounts /proc in a distribution's root filesystem (as the VM would have it). */
export function ensureProc(rootfs: string, state: SimState): void {
  if (existsSync(join(rootfs, 'proc', 'self'))) return;
  const result = spawnSync('mount', ['-t', 'proc', 'proc', join(rootfs, 'proc')], { stdio: 'ignore' });
  if (result.status === 0) state.mounts.push(join(rootfs, 'proc'));
}

/** Runs a Linux command in a distribution with the caller's stdio (raw bytes, as WSL relays them). */
export function runLinux(
  rootfs: string,
  user: PasswdEntry,
  cwd: string,
  argv: readonly string[],
  linuxEnv: Record<string, string>,
): number {
  const envArgs = Object.entries(linuxEnv).map(([k, v]) => `${k}=${v}`);
  const result = spawnSync(
    'chroot',
    [`--userspec=${user.uid}:${user.gid}`, rootfs, '/usr/bin/env', '-i', '-C', cwd, ...envArgs, ...argv],
    { stdio: 'inherit' },
  );
  if (result.error) throw result.error;
  return result.status ?? 1;
}
