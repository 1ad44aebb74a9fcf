/**
 * `network.fixedIp` on Windows: the host side of a stable address for the distro, one strategy each.
 *
 * - `nat-registry` pins WSL's own NAT network through the (undocumented, implemented) Lxss registry
 *   values NatNetwork / NatGatewayIpAddress (HKLM) and NatIpAddress (HKCU). WSL reads them when it
 *   creates its network, which an existing network wins over: they take effect after a restart.
 * - `alias` adds the host address to WSL's adapter with netsh (the seed's approach) and registers a
 *   logon task that adds it again, because Windows drops it whenever it recreates the adapter.
 * - `mirrored` uses WSL's mirrored networking (Windows 11 22H2+, decided from the build number):
 *   the distro shares Windows' addresses, there is nothing to pin.
 * - `auto` resolves to `mirrored` when the manifest asks for mirrored networking, otherwise to
 *   `nat-registry`; and on a machine whose own .wslconfig already selects mirrored networking (and
 *   whose build supports it) it follows that instead of pinning a NAT network WSL does not use.
 */
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import {
  expectResult,
  type AdapterFacts,
  type HostPort,
  type OsFacts,
  type RegistryFacts,
  type TaskFacts,
} from '../../engine/ports/host.js';
import { addAddress } from '../../platform/windows/netsh.js';
import { scriptContent } from '../../platform/windows/powershell.js';
import { regAdd } from '../../platform/windows/reg.js';
import { createLogonTask } from '../../platform/windows/schtasks.js';
import { windowsCommandLine } from '../../platform/windows/text.js';
import { startDistro } from '../../platform/windows/wsl.js';
import { WslIniDocument } from '../../formats/wsl-ini/index.js';
import { ipv4ToInt, prefixMask, prefixToNetmask } from '../../util/ipv4.js';
import {
  applyHost,
  decodeWslConfig,
  lxssMachineKey,
  lxssUserKey,
  mirroredSupport,
  readHost,
  stringValue,
  wslAdapter,
  wslConfigPath,
} from '../wsl/index.js';
import { effectiveStrategy, type FixedIpStrategy } from './fixed-ip.js';
import { t } from '../../i18n/catalogue.js';

export type { FixedIpStrategy };

export interface FixedIpOptions {
  strategy: FixedIpStrategy;
  /** The distro's address with prefix, e.g. 192.168.50.2/24. */
  address: string;
  hostAddress: string;
  distro: string;
  /** networkingMode the manifest sets in .wslconfig, if any. */
  networkingMode?: string;
}

/** The strategy a manifest asks for, before looking at the machine: the same rule the guest side uses. */
export function plannedStrategy(
  options: Pick<FixedIpOptions, 'strategy' | 'networkingMode'>,
): Exclude<FixedIpStrategy, 'auto'> {
  return effectiveStrategy(options.strategy, options.networkingMode);
}

/** Where the alias strategy's logon task and its files live. */
export const aliasTask = { folder: '\\devbox', name: 'fixed-ip', fullName: 'devbox\\fixed-ip' } as const;
const taskScriptName = 'fixed-ip-task.ps1';
const taskSettingsName = 'fixed-ip.json';

function devboxDir(os: OsFacts): string {
  return `${os.env.LOCALAPPDATA ?? `${os.env.USERPROFILE}\\AppData\\Local`}\\devbox`;
}

/** The packaged logon-task script (copied next to devbox's state, where the task runs it from). */
const taskScript = () => scriptContent('fixed-ip-task');

/** The command line the logon task runs: a fixed script path, no manifest value. */
export function taskCommand(scriptPath: string): string {
  return windowsCommandLine([
    'powershell.exe',
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-WindowStyle',
    'Hidden',
    '-File',
    scriptPath,
  ]);
}

interface FixedIpActual {
  os: OsFacts;
  strategy: Exclude<FixedIpStrategy, 'auto'>;
  /** Why auto chose what it chose. */
  reason?: string;
  machine: RegistryFacts;
  user: RegistryFacts;
  adapters: AdapterFacts[];
  /** .wslconfig networkingMode as the file says now. */
  fileNetworkingMode?: string;
  task?: TaskFacts;
  taskScript?: Buffer;
  taskSettings?: string;
}

function splitAddress(address: string): { ip: string; prefix: number } {
  const [ip, prefix] = address.split('/') as [string, string];
  return { ip, prefix: Number(prefix) };
}

function networkOf(ip: string, prefix: number): string {
  const value = (ipv4ToInt(ip) & prefixMask(prefix)) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (value >>> s) & 0xff).join('.')}/${prefix}`;
}

function overlaps(a: string, aPrefix: number, b: string, bPrefix: number): boolean {
  const mask = prefixMask(Math.min(aPrefix, bPrefix));
  return (ipv4ToInt(a) & mask) >>> 0 === (ipv4ToInt(b) & mask) >>> 0;
}

export function fixedIpHostResource(
  options: FixedIpOptions,
  deps: { dependsOn: string[] },
): ManagedResource<FixedIpActual> {
  const { ip, prefix } = splitAddress(options.address);
  const planned = plannedStrategy(options);
  const desiredNetwork = networkOf(ip, prefix);
  const settings = `${JSON.stringify({ distro: options.distro, hostAddress: options.hostAddress, prefixLength: prefix }, null, 2)}\n`;

  function testNatRegistry(actual: FixedIpActual): TestResult {
    const changes: PropertyChange[] = [];
    const notes: string[] = [];
    const want: [RegistryFacts, string, string, string][] = [
      [actual.machine, lxssMachineKey, 'NatNetwork', desiredNetwork],
      [actual.machine, lxssMachineKey, 'NatGatewayIpAddress', options.hostAddress],
      [actual.user, lxssUserKey, 'NatIpAddress', ip],
    ];
    for (const [key, , name, value] of want) {
      const current = stringValue(key, name);
      if (current !== value) changes.push({ property: name, before: current ?? null, after: value });
    }
    for (const adapter of actual.adapters) {
      if (/^vEthernet \(WSL/.test(adapter.name)) continue;
      const clash = adapter.ipv4.find((a) => overlaps(a.address, a.prefixLength, ip, prefix));
      if (clash)
        notes.push(
          t('note.subnetOverlap', {
            subnet: desiredNetwork,
            adapter: adapter.name,
            address: `${clash.address}/${clash.prefixLength}`,
          }),
        );
    }
    const adapter = wslAdapter(actual.adapters);
    const effective = adapter?.ipv4.some((a) => a.address === options.hostAddress);
    if (changes.length === 0 && adapter && !effective) {
      // The registry is right, but WSL keeps the network it already created until Windows restarts.
      return {
        inDesiredState: false,
        action: 'update',
        changes: [
          {
            property: 'gateway',
            before: adapter.ipv4.map((a) => `${a.address}/${a.prefixLength}`).join(', ') || '(none)',
            after: `${options.hostAddress}/${prefix}`,
          },
        ],
        notes: [...notes, t('note.networkUntilRestart')],
        rebootRequired: true,
      };
    }
    if (changes.length > 0) notes.push(t('note.networkAfterRestart'));
    return { inDesiredState: changes.length === 0, action: 'update', changes, notes };
  }

  function testAlias(actual: FixedIpActual): TestResult {
    const changes: PropertyChange[] = [];
    const adapter = wslAdapter(actual.adapters);
    if (!adapter)
      changes.push({
        property: 'address',
        before: '(WSL adapter not up: WSL has not run since Windows started)',
        after: `${options.hostAddress}/${prefix}`,
      });
    else if (!adapter.ipv4.some((a) => a.address === options.hostAddress))
      changes.push({
        property: 'address',
        before: adapter.ipv4.map((a) => `${a.address}/${a.prefixLength}`).join(', ') || '(none)',
        after: `${options.hostAddress}/${prefix} on "${adapter.name}"`,
      });
    const dir = devboxDir(actual.os);
    const command = taskCommand(`${dir}\\${taskScriptName}`);
    const task = actual.task;
    const taskOk =
      task?.exists &&
      task.runLevel === 'highest' &&
      task.triggers.includes('logon') &&
      task.actions.length === 1 &&
      windowsCommandLine([task.actions[0]!.execute]) +
        (task.actions[0]!.arguments ? ` ${task.actions[0]!.arguments}` : '') ===
        command;
    if (!taskOk)
      changes.push({
        property: 'logonTask',
        before: task?.exists ? 'different' : null,
        after: `\\${aliasTask.fullName} re-adds the address at logon`,
      });
    if (!actual.taskScript || !actual.taskScript.equals(taskScript()))
      changes.push({
        property: 'taskScript',
        before: actual.taskScript ? 'different' : null,
        after: `${dir}\\${taskScriptName}`,
      });
    if (actual.taskSettings !== settings)
      changes.push({ property: 'taskSettings', before: actual.taskSettings ?? null, after: settings.trim() });
    return {
      inDesiredState: changes.length === 0,
      action: 'update',
      changes,
      notes: [t('note.aliasDropped')],
    };
  }

  function testMirrored(actual: FixedIpActual): TestResult {
    const support = mirroredSupport(actual.os);
    if (!support.supported) {
      return {
        inDesiredState: false,
        changes: [{ property: 'networkingMode', before: actual.fileNetworkingMode ?? 'nat', after: 'mirrored' }],
        notes: [t('note.noMirrored', { reason: support.reason })],
      };
    }
    if ((actual.fileNetworkingMode ?? '').toLowerCase() !== 'mirrored') {
      return {
        inDesiredState: false,
        changes: [{ property: 'networkingMode', before: actual.fileNetworkingMode ?? 'nat', after: 'mirrored' }],
        notes: [t('note.writesMirrored')],
      };
    }
    return {
      inDesiredState: true,
      changes: [],
      notes: [t('note.mirrored')],
    };
  }

  return {
    kind: 'managed',
    type: 'network.fixedIp',
    key: 'host',
    plane: 'host',
    needsElevation: planned !== 'mirrored',
    dependsOn: deps.dependsOn,
    summary: t('summary.fixedIp', {
      hostAddress: options.hostAddress,
      address: options.address,
      distro: options.distro,
      strategy: options.strategy === 'auto' ? `auto: ${planned}` : planned,
    }),

    async get(ctx) {
      const host = readHost(ctx);
      const [os, machine, user, adapters, config] = await host.probe([
        { op: 'os' },
        { op: 'registry', key: lxssMachineKey },
        { op: 'registry', key: lxssUserKey },
        { op: 'adapters' },
        { op: 'file', path: wslConfigPath },
      ]);
      const osFacts = expectResult(os, 'os', t('probe.what.os'));
      const file = expectResult(config, 'file', wslConfigPath);
      const fileNetworkingMode = file.exists
        ? firstNetworkingMode(WslIniDocument.parse(decodeWslConfig(file.content ?? Buffer.alloc(0)).text, '.wslconfig'))
        : undefined;
      let strategy = planned;
      let reason: string | undefined;
      if (
        options.strategy === 'auto' &&
        planned === 'nat-registry' &&
        options.networkingMode === undefined &&
        fileNetworkingMode?.toLowerCase() === 'mirrored' &&
        mirroredSupport(osFacts).supported
      ) {
        strategy = 'mirrored';
        reason = t('note.alreadyMirrored');
      }
      const actual: FixedIpActual = {
        os: osFacts,
        strategy,
        ...(reason ? { reason } : {}),
        machine: expectResult(machine, 'registry', lxssMachineKey),
        user: expectResult(user, 'registry', lxssUserKey),
        adapters: expectResult(adapters, 'adapters', t('probe.what.adapters')),
        ...(fileNetworkingMode !== undefined ? { fileNetworkingMode } : {}),
      };
      if (strategy === 'alias') {
        const dir = devboxDir(osFacts);
        const [task, script, json] = await host.probe([
          { op: 'task', folder: aliasTask.folder, name: aliasTask.name },
          { op: 'file', path: `${dir}\\${taskScriptName}` },
          { op: 'file', path: `${dir}\\${taskSettingsName}` },
        ]);
        actual.task = expectResult(task, 'task', t('probe.what.task', { name: `\\${aliasTask.fullName}` }));
        const scriptFile = expectResult(script, 'file', taskScriptName);
        if (scriptFile.exists) actual.taskScript = scriptFile.content ?? Buffer.alloc(0);
        const settingsFile = expectResult(json, 'file', taskSettingsName);
        if (settingsFile.exists) actual.taskSettings = (settingsFile.content ?? Buffer.alloc(0)).toString('utf8');
      }
      return actual;
    },

    test(actual): TestResult {
      const result =
        actual.strategy === 'alias'
          ? testAlias(actual)
          : actual.strategy === 'mirrored'
            ? testMirrored(actual)
            : testNatRegistry(actual);
      return actual.reason
        ? { ...result, notes: [t('note.auto', { reason: actual.reason }), ...(result.notes ?? [])] }
        : result;
    },

    async apply(actual, ctx) {
      const host = applyHost(ctx);
      if (actual.strategy === 'mirrored') {
        const support = mirroredSupport(actual.os);
        throw new Error(
          support.supported ? t('network.notMirrored') : t('network.noMirrored', { reason: support.reason }),
        );
      }
      if (actual.strategy === 'nat-registry') {
        if (stringValue(actual.machine, 'NatNetwork') !== desiredNetwork)
          await regAdd(host, lxssMachineKey, 'NatNetwork', 'REG_SZ', desiredNetwork, { elevated: true });
        if (stringValue(actual.machine, 'NatGatewayIpAddress') !== options.hostAddress)
          await regAdd(host, lxssMachineKey, 'NatGatewayIpAddress', 'REG_SZ', options.hostAddress, { elevated: true });
        if (stringValue(actual.user, 'NatIpAddress') !== ip)
          await regAdd(host, lxssUserKey, 'NatIpAddress', 'REG_SZ', ip);
        ctx.report(
          t('detail.natPinned', {
            network: desiredNetwork,
            hostAddress: options.hostAddress,
            distro: options.distro,
            address: ip,
          }),
        );
        return;
      }
      await applyAlias(host, actual, ctx.report);
    },
  };

  async function applyAlias(host: HostPort, actual: FixedIpActual, report: (m: string) => void): Promise<void> {
    const dir = devboxDir(actual.os);
    let adapter = wslAdapter(actual.adapters);
    if (!adapter) {
      // The adapter exists only while the WSL 2 VM runs: start the distribution.
      await startDistro(host, options.distro);
      const [adapters] = await host.probe([{ op: 'adapters' }]);
      adapter = wslAdapter(expectResult(adapters, 'adapters', t('probe.what.adapters')));
    }
    if (adapter && !adapter.ipv4.some((a) => a.address === options.hostAddress)) {
      await addAddress(host, adapter.name, options.hostAddress, prefixToNetmask(prefix));
      report(t('detail.addressAdded', { address: `${options.hostAddress}/${prefix}`, adapter: adapter.name }));
    }
    const script = taskScript();
    if (!actual.taskScript || !actual.taskScript.equals(script))
      await host.writeFile(`${dir}\\${taskScriptName}`, script);
    if (actual.taskSettings !== settings)
      await host.writeFile(`${dir}\\${taskSettingsName}`, Buffer.from(settings, 'utf8'));
    await createLogonTask(host, aliasTask.fullName, taskCommand(`${dir}\\${taskScriptName}`));
    report(t('detail.logonTask', { task: aliasTask.fullName }));
  }
}

/** networkingMode as WSL reads it: the first of [wsl2] or its old [experimental] spelling (WslCoreConfig.cpp). */
function firstNetworkingMode(doc: WslIniDocument): string | undefined {
  const found = doc.lookup('wsl2', 'networkingMode', [['experimental', 'networkingMode']]);
  return found.kind === 'set' ? found.pair.value : undefined;
}
