/**
 * What a backup or restore reads about Windows, in one probe batch (one PowerShell process): the
 * user's environment, Scoop, and WSL's registered distributions with their default users.
 */
import { expectResult, type HostPort, type OsFacts, type RegistryFacts } from '../engine/ports/host.js';
import { scoopProbeOp, scoopProbeResult, type ScoopProbe } from '../resources/scoop/probe.js';
import { interpretWsl, listVerbose } from '../platform/windows/wsl.js';
import { lxssUserKey } from '../resources/wsl/facts.js';
import { t } from '../i18n/catalogue.js';

export interface RegisteredDistro {
  guid: string;
  name: string;
  defaultUid: number;
  version: number;
  basePath?: string;
}

export interface MachineFacts {
  os: OsFacts;
  scoop: ScoopProbe;
  distros: RegisteredDistro[];
}

export function distrosOf(lxss: RegistryFacts): RegisteredDistro[] {
  return Object.entries(lxss.subkeys ?? {})
    .filter(([guid]) => /^\{[0-9a-f-]{36}\}$/i.test(guid))
    .map(([guid, key]) => {
      const v = key.values;
      return {
        guid,
        name: String(v.DistributionName?.data ?? ''),
        defaultUid: Number(v.DefaultUid?.data ?? 0),
        version: Number(v.Version?.data ?? 2),
        ...(v.BasePath ? { basePath: String(v.BasePath.data) } : {}),
      };
    });
}

export async function readMachineFacts(host: HostPort, scoopRoots: readonly string[]): Promise<MachineFacts> {
  const [os, scoop, lxss] = await host.probe([
    { op: 'os' },
    scoopProbeOp(scoopRoots, true),
    { op: 'registry', key: lxssUserKey, depth: 1 },
  ]);
  return {
    os: expectResult(os, 'os', t('probe.what.os')),
    scoop: scoopProbeResult(scoop),
    distros: distrosOf(expectResult(lxss, 'registry', t('probe.what.distros'))),
  };
}

/** What the installed wsl.exe can do, from `wsl --help` (research/backup.md: detect --format before using it). */
export async function wslAbilities(host: HostPort): Promise<{ format: boolean; manage: boolean }> {
  const outcome = interpretWsl(await host.exec({ tool: 'wsl.exe', args: ['--help'], readOnly: true }));
  const text = [...outcome.lines, ...outcome.stderrLines].join('\n');
  return { format: /--format\b/.test(text), manage: /--manage\b/.test(text) };
}

/** A distro's state from `wsl -l -v` (Running, Stopped, Exporting …), or undefined when not listed. */
export async function distroState(host: HostPort, name: string): Promise<string | undefined> {
  return (await listVerbose(host)).find((r) => r.name.toLowerCase() === name.toLowerCase())?.state;
}

/** The user name of a uid in the distro (`getent passwd UID`, argv only). */
export async function userName(host: HostPort, distro: string, uid: number): Promise<string | undefined> {
  if (uid === 0) return 'root';
  const result = await host.exec({
    tool: 'wsl.exe',
    args: ['-d', distro, '-u', 'root', '--exec', 'getent', 'passwd', String(uid)],
    readOnly: true,
  });
  if (result.exitCode !== 0) return undefined;
  return result.stdout.toString('utf8').split(':')[0] || undefined;
}
