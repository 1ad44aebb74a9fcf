/** The `distro` section: the Linux distribution inside WSL and everything devbox manages in it. */
import { z } from 'zod';
import {
  hostName,
  httpUrl,
  httpUrlChoice,
  iniScalar,
  ipAddress,
  ipv4,
  ipv4WithPrefix,
  rule,
  searchDomain,
  sha256,
  windowsPath,
} from './common.js';
import { isIPv4 } from 'node:net';
import { t } from '../../i18n/catalogue.js';
import { firstHost, sameSubnet, specialAddressKind } from '../../util/ipv4.js';

/**
 * WSL's own rule for distribution names (LxssUserSession.cpp): no spaces, no shell metacharacters;
 * and not a leading "-", which wsl.exe and the tools a name is passed to would read as an option.
 */
export const distroName = z
  .string({ error: rule('rule.distroName') })
  .regex(/^(?!-)[a-zA-Z0-9._-]{1,256}$/, {
    error: rule('rule.distroNameForm'),
  })
  .refine((s) => s.toLowerCase() !== 'legacy', { error: rule('rule.distroLegacy') });

const linuxUser = z.string({ error: rule('rule.linuxUser') }).regex(/^[a-z_][a-z0-9_-]{0,31}$/, {
  error: rule('rule.linuxUserForm'),
});

/** WSL's parser reads a section or key name as a letter then letters and digits (configfile.cpp); others void the line. */
const iniName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, {
  error: rule('rule.wslConfName'),
});

/** /etc/wsl.conf: section → key → value. Only the keys listed here are managed. */
export const wslConf = z
  .record(iniName, z.record(iniName, iniScalar))
  .describe(
    'Keys devbox manages in /etc/wsl.conf, by section, e.g. {boot: {systemd: true}}. Other sections and keys are left as they are.',
  );

const imageSha256 = sha256.describe(
  'sha256 of the image file, e.g. from `Get-FileHash FILE` (PowerShell) or `sha256sum FILE`.',
);

const installSource = z
  .discriminatedUnion(
    'from',
    [
      z
        .strictObject({ from: z.literal('store').describe('`store`: the online catalogue.') })
        .describe('`wsl --install <name> --no-launch` from the online catalogue.'),
      z
        .strictObject({ from: z.literal('web').describe('`web`: downloaded without the Microsoft Store.') })
        .describe('`wsl --install <name> --web-download --no-launch`: skips the Microsoft Store.'),
      z
        .strictObject({
          from: z.literal('file').describe('`file`: a local image.'),
          path: windowsPath
            .describe('The .wsl or .tar file, a Windows path.')
            .meta({ examples: ['D:\\Images\\ubuntu-24.04.wsl'] }),
          sha256: imageSha256,
        })
        .describe('Import a local .wsl or .tar file, verified by sha256.'),
      z
        .strictObject({
          from: z.literal('url').describe('`url`: an image devbox downloads.'),
          url: httpUrl
            .describe('Where the .wsl or .tar file is downloaded from (verified by sha256).')
            .meta({ examples: ['https://images.example.com/ubuntu-24.04.wsl'] }),
          sha256: imageSha256,
        })
        .describe('Download a .wsl or .tar file, verified by sha256, and import it.'),
    ],
    { error: rule('rule.from') },
  )
  .prefault({ from: 'web' })
  .describe('Where the distribution comes from when it is not registered yet: store, web, file or url.');

export const fixedIp = z
  .strictObject({
    strategy: z
      .enum(['auto', 'alias', 'nat-registry', 'mirrored'], {
        error: rule('rule.ipMode'),
      })
      .default('auto')
      .describe(
        "alias: extra addresses on both sides; nat-registry: pin WSL's NAT subnet; mirrored: share the host's addresses (Windows 11 22H2+).",
      ),
    address: ipv4WithPrefix.describe("The distro's fixed address with prefix, e.g. 192.168.50.2/24."),
    hostAddress: ipv4.describe("The Windows side's address in the same subnet, e.g. 192.168.50.1."),
    interface: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,15}$/, { error: rule('rule.interface') })
      .default('eth0')
      .describe("The distro's network interface that gets the address."),
  })
  .superRefine((v, ctx) => {
    // zod runs this even when a field failed its own check: compare addresses only once both are valid.
    if (typeof v.address !== 'string' || typeof v.hostAddress !== 'string') return;
    const [address, prefixText] = v.address.split('/') as [string, string | undefined];
    const prefix = Number(prefixText);
    if (!isIPv4(address) || !isIPv4(v.hostAddress) || !/^\d{1,2}$/.test(prefixText ?? '') || prefix < 1 || prefix > 32)
      return;
    if (!sameSubnet(address, v.hostAddress, prefix)) {
      ctx.addIssue({
        code: 'custom',
        path: ['hostAddress'],
        message: t('rule.sameSubnet', { address: v.address, example: firstHost(address, prefix, address) }),
      });
    } else if (address === v.hostAddress) {
      ctx.addIssue({ code: 'custom', path: ['hostAddress'], message: t('rule.differFromDistro') });
    }
    for (const [field, value] of [
      ['address', address],
      ['hostAddress', v.hostAddress],
    ] as const) {
      const kind = specialAddressKind(value, prefix);
      if (kind)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: t(kind === 'network' ? 'rule.networkAddress' : 'rule.broadcastAddress', { value, prefix }),
        });
    }
  });

/** Mirror names devbox knows by heart; anything else is given as a URL. */
export const knownMirrorNames = ['official', 'tuna', 'aliyun', 'ustc', '163', 'huawei'] as const;

const knownMirrors = knownMirrorNames.join(', ');
const mirrorRef = z.union([z.enum(knownMirrorNames), httpUrlChoice(rule('rule.mirror', { mirrors: knownMirrors }))], {
  error: rule('rule.mirror', { mirrors: knownMirrors }),
});
const mirrorChoice = rule('rule.mirrorOrAuto', { mirrors: knownMirrors });

const aptPackage = z.string({ error: rule('rule.debPackage') }).regex(/^[a-z0-9][a-z0-9+.-]+(=[A-Za-z0-9.+~:-]+)?$/, {
  error: rule('rule.debPackageForm'),
});

export const apt = z
  .strictObject({
    mirror: z
      .union([z.literal('auto'), z.enum(knownMirrorNames), httpUrlChoice(mirrorChoice)], { error: mirrorChoice })
      .describe(
        'The apt mirror: a known name, a URL, or auto (measure candidates and pick the fastest that serves the suite).',
      ),
    candidates: z
      .array(mirrorRef)
      .optional()
      .describe('Mirrors `auto` chooses among; defaults to the known mirrors.')
      .meta({ examples: [['tuna', 'aliyun', 'ustc']] }),
    security: z
      .enum(['mirror', 'official'], { error: rule('rule.security') })
      .default('mirror')
      .describe('Point security entries at the mirror too, or keep the official security host.'),
    packages: z.array(aptPackage).default([]).describe('Packages to install once the mirror is in place.'),
    rankTimeMs: z
      .number({ error: rule('rule.ms') })
      .int({ error: rule('rule.msInt') })
      .min(500, { error: rule('rule.msMin') })
      .max(60_000, { error: rule('rule.msMax') })
      .default(5000)
      .describe('auto: how long measuring the candidates may take in total.'),
  })
  .describe('apt sources (one-line sources.list and deb822 .sources files alike).');

const resolvOption = z.string().regex(/^[a-z][a-z0-9-]*(:\d{1,5})?$/, {
  error: rule('rule.resolvOption'),
});

export const dns = z
  .strictObject({
    nameservers: z
      .array(ipAddress)
      .min(1, { error: rule('rule.nameserverMin') })
      .max(3, { error: rule('rule.nameserverMax') })
      .describe('The nameservers, in order: IPv4 or IPv6 addresses, at most 3.'),
    search: z
      .array(searchDomain)
      .max(6, { error: rule('rule.searchMax') })
      .default([])
      .describe('Search domains for short names, at most 6.')
      .meta({ examples: [['corp.example.com']] }),
    options: z
      .array(resolvOption)
      .default([])
      .describe('resolv.conf options such as timeout:2, attempts:2, rotate, edns0.'),
    immutable: z
      .boolean()
      .default(false)
      .describe('chattr +i /etc/resolv.conf, for old WSL builds that rewrite it anyway.'),
    verify: z
      .union([hostName, z.literal(false)], { error: rule('rule.verifyName') })
      .default('github.com')
      .describe('A name that must resolve through the new nameservers after the change (false: do not check).'),
  })
  .describe('A fixed /etc/resolv.conf instead of the one WSL generates.');

/** Where the manifest names the host that proves new nameservers work (for messages). */
export const dnsProofKey = 'distro.dns.verify';

/**
 * `distro.dns` with its proof host under a name that says what it is for: the manifest's key stays
 * the user's word, resources read `proveWith` (a host name that must resolve, or false).
 */
export function dnsSettings(
  section: z.output<typeof dns>,
): Omit<z.output<typeof dns>, 'verify'> & { proveWith: string | false } {
  const { verify: proveWith, ...rest } = section;
  return { ...rest, proveWith };
}

const sysctlKey = z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_-]+)+$/, { error: rule('rule.sysctlKey') });

export const distroSection = z
  .strictObject({
    name: distroName
      .default('Ubuntu-24.04')
      .describe('The distribution as WSL names it (`wsl -d NAME`); for store and web, also its catalogue name.'),
    source: installSource,
    defaultUser: linuxUser
      .optional()
      .describe('Default user; created if missing. Without it the distro logs in as root.'),
    wslConf: wslConf.default({}),
    network: z
      .strictObject({
        fixedIp: fixedIp
          .optional()
          .describe('A fixed IPv4 address for the distro that survives restarts (both sides of the link).'),
      })
      .prefault({})
      .describe("The distro's network."),
    apt: apt.optional(),
    dns: dns.optional(),
    sysctl: z
      .record(
        sysctlKey,
        z.union([z.number(), z.string().regex(/^[^\u0000-\u001f]*$/, { error: rule('rule.noControl') })]),
      )
      .default({})
      .describe('Kernel parameters, applied now and persisted in /etc/sysctl.d/99-devbox.conf.'),
  })
  .describe('The WSL distribution and what devbox manages inside it.');
