/**
 * `devbox init --from-machine`, WSL and the distro: `.wslconfig` (the keys the schema knows), the
 * registered distributions and the default one, and inside the default one its wsl.conf, the apt
 * mirror its own entries use (one-line and deb822 sources) and its DNS. Read through the resources'
 * own `get` (wsl.config, distro.wslconf, distro.dns) and the apt area's probe, never by reading files
 * another way. Whatever a manifest cannot say is returned as a note, never dropped.
 */
import { isIP } from 'node:net';
import type { z } from 'zod';
import { expectResult, type HostReadPort } from '../engine/ports/host.js';
import type { ReadContext } from '../engine/ports/context.js';
import { WslIniDocument, type WslIniPair } from '../formats/wsl-ini/index.js';
import { distroName, wslConf as wslConfSchema } from '../manifest/schema/distro.js';
import { wslConfig as wslConfigSchema } from '../manifest/schema/wsl.js';
import { wslConfigResource } from '../resources/wsl/config.js';
import { lxssUserKey, registeredDistros, stringValue } from '../resources/wsl/facts.js';
import { wslConfResource } from '../resources/distro/wslconf.js';
import { dnsResource } from '../resources/distro/dns/resource.js';
import { isWslGenerated, parseResolvConf } from '../resources/distro/dns/resolv.js';
import { aptInUse } from '../resources/distro/apt/in-use.js';
import { createRuntime } from '../platform/runtime.js';
import type { ProcessRunner } from '../platform/process.js';
import { initText } from '../ui/init-text.js';

const note = initText.note;

/** The keys of a zod object, through the prefault/default wrappers around it. */
function objectKeys(schema: z.ZodType): string[] {
  let node = schema as unknown as { shape?: Record<string, unknown>; _zod: { def: { innerType?: unknown } } };
  for (let i = 0; i < 5 && !node.shape; i++) node = node._zod.def.innerType as typeof node;
  return Object.keys(node.shape ?? {});
}

/** A value as the manifest types it: true/false, whole numbers, else text. */
function typed(value: string): string | number | boolean {
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (/^-?\d{1,15}$/.test(value)) return Number(value);
  return value;
}

/** Lines WSL does not read, as notes (they are not settings, but they are the user's). */
function invalidLines(doc: WslIniDocument, text: string, file: string): string[] {
  const lines = text.split(/\r?\n/);
  return doc.problems().map((p) => note.invalidLine(file, p.line, (lines[p.line - 1] ?? '').trim(), p.reason));
}

/** .wslconfig's settings in manifest form; the rest as notes. */
export function wslConfigFromText(text: string): { config: Record<string, Record<string, unknown>>; notes: string[] } {
  const shape = (wslConfigSchema as unknown as { shape: Record<string, z.ZodType> }).shape;
  const config: Record<string, Record<string, unknown>> = {};
  const notes: string[] = [];
  const doc = WslIniDocument.parse(text, '.wslconfig');
  for (const pair of doc.settings()) {
    const section = Object.keys(shape).find((s) => s.toLowerCase() === pair.section.toLowerCase());
    const key = section
      ? objectKeys(shape[section]!).find((k) => k.toLowerCase() === pair.key.toLowerCase())
      : undefined;
    if (!section || !key) {
      notes.push(note.wslconfigKey(pair.section, pair.key, pair.raw));
      continue;
    }
    // A value is kept only when the schema takes it alone (memory=8GB yes, memory=lots no).
    const value = key === 'kernelCommandLine' || key === 'swapFile' ? pair.value : typed(pair.value);
    const alone = wslConfigSchema.safeParse({ [section]: { [key]: value } });
    if (alone.success) (config[section] ??= {})[key] = value;
    else notes.push(note.wslconfigValue(section, key, pair.raw, alone.error.issues[0]?.message ?? 'invalid'));
  }
  return { config, notes: [...notes, ...invalidLines(doc, text, '.wslconfig')] };
}

/** wsl.conf's settings in manifest form (names WSL reads, scalar values); the rest as notes. */
export function wslConfFromText(text: string): { wslConf: Record<string, Record<string, unknown>>; notes: string[] } {
  const wslConf: Record<string, Record<string, unknown>> = {};
  const notes: string[] = [];
  const doc = WslIniDocument.parse(text, 'wsl.conf');
  for (const pair of doc.settings() as WslIniPair[]) {
    const value = typed(pair.value);
    if (wslConfSchema.safeParse({ [pair.section]: { [pair.key]: value } }).success)
      (wslConf[pair.section] ??= {})[pair.key] = value;
    else notes.push(note.wslConfKey(pair.section, pair.key, pair.raw));
  }
  return { wslConf, notes: [...notes, ...invalidLines(doc, text, '/etc/wsl.conf')] };
}

interface DnsFacts {
  file: { kind: string; target?: string };
  content?: string;
  tunneling?: string;
}

/** The distro's DNS as a `distro.dns` section, when it is a fixed resolv.conf devbox can express. */
export function dnsFromFacts(facts: DnsFacts): { dns?: Record<string, unknown>; notes: string[] } {
  if (facts.tunneling) return { notes: [note.dnsTunneling(facts.tunneling)] };
  if (facts.file.kind === 'symlink')
    return {
      notes: [
        /\/mnt\/wsl\//.test(facts.file.target ?? '') ? note.dnsGenerated : note.dnsSymlink(facts.file.target ?? ''),
      ],
    };
  if (facts.file.kind !== 'file' || isWslGenerated(facts.content)) return { notes: [note.dnsGenerated] };
  const parsed = parseResolvConf(facts.content ?? '');
  const notes: string[] = [];
  const nameservers = parsed.nameservers.filter((n) => isIP(n) !== 0);
  if (nameservers.length !== parsed.nameservers.length || nameservers.length > 3)
    notes.push(note.dnsExtra(`nameserver ${parsed.nameservers.filter((n, i) => isIP(n) === 0 || i >= 3).join(', ')}`));
  if (nameservers.length === 0) return { notes: [...notes, note.dnsNone] };
  const options = parsed.options.filter((o) => /^[a-z][a-z0-9-]*(:\d{1,5})?$/.test(o));
  if (options.length !== parsed.options.length) notes.push(note.dnsExtra(`options ${parsed.options.join(' ')}`));
  const search = parsed.search.slice(0, 6);
  if (search.length !== parsed.search.length) notes.push(note.dnsExtra(`search ${parsed.search.join(' ')}`));
  return {
    dns: {
      nameservers: nameservers.slice(0, 3),
      ...(search.length ? { search } : {}),
      ...(options.length ? { options } : {}),
    },
    notes,
  };
}

export interface MachineWsl {
  wsl?: Record<string, unknown>;
  distro?: Record<string, unknown>;
  /** Registered distributions and the default one, for the manifest's comments. */
  distributions: { names: string[]; default?: string };
  notes: string[];
}

/** Reads WSL on Windows and the settings inside the default distribution. */
export async function wslFromMachine(
  read: ReadContext & { host: HostReadPort },
  deps: { processes?: ProcessRunner; env?: NodeJS.ProcessEnv },
): Promise<MachineWsl> {
  const notes: string[] = [];
  const host = read.host;
  const file = await wslConfigResource([], 'never').get(read);
  const { config, notes: configNotes } = wslConfigFromText(file.text);
  notes.push(...configNotes);
  const [lxssResult] = await host.probe([{ op: 'registry', key: lxssUserKey, depth: 1 }]);
  const lxss = expectResult(lxssResult, 'registry', lxssUserKey);
  const registered = registeredDistros(lxss);
  const defaultGuid = stringValue(lxss, 'DefaultDistribution');
  const chosen = registered.find((d) => d.guid.toLowerCase() === defaultGuid?.toLowerCase()) ?? registered[0];
  const wsl = Object.keys(config).length ? { config } : undefined;
  const distributions = { names: registered.map((d) => d.name), ...(chosen ? { default: chosen.name } : {}) };
  if (!chosen) return { ...(wsl ? { wsl } : {}), distributions, notes: [...notes, note.noDistro] };
  for (const other of registered.filter((d) => d !== chosen)) notes.push(note.otherDistro(other.name));
  if (!distroName.safeParse(chosen.name).success) return { ...(wsl ? { wsl } : {}), distributions, notes };

  const distro: Record<string, unknown> = { name: chosen.name };
  try {
    const runtime = createRuntime({ dryRun: true, distroName: chosen.name }, deps.processes, deps.env);
    const ctx = runtime.read;
    const [conf, apt, dnsActual] = await Promise.all([
      wslConfResource([]).get(ctx),
      aptInUse(ctx.guest),
      dnsResource({
        nameservers: ['127.0.0.1'],
        search: [],
        options: [],
        immutable: false,
        proveWith: false,
        tunnelingOffInManifest: false,
      }).get(ctx),
    ]);
    const { wslConf, notes: confNotes } = wslConfFromText(conf.text);
    notes.push(...confNotes);
    if (Object.keys(wslConf).length) distro.wslConf = wslConf;
    if (apt.mirror) {
      distro.apt = { mirror: apt.mirror, security: apt.securityOnMirror ? 'mirror' : 'official' };
      if (!apt.securityOnMirror) notes.push(note.aptSecurity(apt.security!));
    } else notes.push(note.aptNone);
    const dns = dnsFromFacts(dnsActual);
    notes.push(...dns.notes);
    if (dns.dns) distro.dns = dns.dns;
  } catch (error) {
    notes.push(note.distroUnreadable(chosen.name, (error as Error).message.split('\n')[0]!));
  }
  return { ...(wsl ? { wsl } : {}), distro, distributions, notes };
}
