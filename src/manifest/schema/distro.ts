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
  searchDomain,
  sha256,
  windowsPath,
} from './common.js';
import { isIPv4 } from 'node:net';
import { firstHost, sameSubnet, specialAddressKind } from '../../util/ipv4.js';

/** WSL's own rule for distribution names (LxssUserSession.cpp): no spaces, no shell metacharacters. */
export const distroName = z
  .string({ error: 'must be a distribution name such as Ubuntu-24.04' })
  .regex(/^[a-zA-Z0-9._-]{1,256}$/, {
    error:
      'must be a distribution name of letters, digits, ".", "_" and "-" only (no spaces or shell characters), such as Ubuntu-24.04',
  })
  .refine((s) => s.toLowerCase() !== 'legacy', { error: '"Legacy" is reserved by WSL; choose another name' });

const linuxUser = z.string({ error: 'must be a Linux user name such as dev' }).regex(/^[a-z_][a-z0-9_-]{0,31}$/, {
  error:
    'must be a Linux user name: lowercase letters, digits, "_" and "-", starting with a letter or "_", at most 32 characters',
});

/** WSL's parser reads a section or key name as a letter then letters and digits (configfile.cpp); others void the line. */
const iniName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, {
  error:
    'must be a wsl.conf name WSL reads: a letter followed by letters and digits only (WSL rejects "_", "." and "-")',
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
    { error: 'must have `from:` set to one of store, web, file, url' },
  )
  .prefault({ from: 'web' })
  .describe('Where the distribution comes from when it is not registered yet: store, web, file or url.');

export const fixedIp = z
  .strictObject({
    strategy: z
      .enum(['auto', 'alias', 'nat-registry', 'mirrored'], {
        error: 'must be one of auto, alias, nat-registry, mirrored',
      })
      .default('auto')
      .describe(
        "alias: extra addresses on both sides; nat-registry: pin WSL's NAT subnet; mirrored: share the host's addresses (Windows 11 22H2+).",
      ),
    address: ipv4WithPrefix.describe("The distro's fixed address with prefix, e.g. 192.168.50.2/24."),
    hostAddress: ipv4.describe("The Windows side's address in the same subnet, e.g. 192.168.50.1."),
    interface: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,15}$/, { error: 'must be a Linux interface name such as eth0' })
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
        message: `must be in the same subnet as address ${v.address}, such as ${firstHost(address, prefix, address)}`,
      });
    } else if (address === v.hostAddress) {
      ctx.addIssue({ code: 'custom', path: ['hostAddress'], message: 'must differ from the distro address' });
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
          message: `${value} is the ${kind} address of its /${prefix} subnet; pick a host address`,
        });
    }
  });

/** Mirror names devbox knows by heart; anything else is given as a URL. */
export const knownMirrorNames = ['official', 'tuna', 'aliyun', 'ustc', '163', 'huawei'] as const;

const knownMirrors = knownMirrorNames.join(', ');
const mirrorRef = z.union(
  [z.enum(knownMirrorNames), httpUrlChoice(`must be a known mirror (${knownMirrors}) or an http(s) URL`)],
  {
    error: `must be a known mirror (${knownMirrors}) or an http(s) URL`,
  },
);
const mirrorChoice = `must be a known mirror (${knownMirrors}), an http(s) URL, or "auto"`;

const aptPackage = z
  .string({ error: 'must be a Debian package name such as curl' })
  .regex(/^[a-z0-9][a-z0-9+.-]+(=[A-Za-z0-9.+~:-]+)?$/, {
    error: 'must be a Debian package name (lowercase letters, digits, "+", "-", "."), optionally with =version',
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
      .enum(['mirror', 'official'], { error: 'must be "mirror" or "official"' })
      .default('mirror')
      .describe('Point security entries at the mirror too, or keep the official security host.'),
    packages: z.array(aptPackage).default([]).describe('Packages to install once the mirror is in place.'),
    rankTimeMs: z
      .number({ error: 'must be a number of milliseconds such as 5000' })
      .int({ error: 'must be a whole number of milliseconds' })
      .min(500, { error: 'must be at least 500 ms: a mirror cannot be measured in less' })
      .max(60_000, { error: 'must be at most 60000 ms' })
      .default(5000)
      .describe('auto: how long measuring the candidates may take in total.'),
  })
  .describe('apt sources (one-line sources.list and deb822 .sources files alike).');

const resolvOption = z.string().regex(/^[a-z][a-z0-9-]*(:\d{1,5})?$/, {
  error: 'must be a resolv.conf option such as timeout:2, attempts:3, rotate or edns0',
});

export const dns = z
  .strictObject({
    nameservers: z
      .array(ipAddress)
      .min(1, { error: 'needs at least one nameserver' })
      .max(3, { error: 'may list at most 3 nameservers: the resolver ignores the rest' })
      .describe('The nameservers, in order: IPv4 or IPv6 addresses, at most 3.'),
    search: z
      .array(searchDomain)
      .max(6, { error: 'may list at most 6 search domains' })
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
      .union([hostName, z.literal(false)], { error: 'must be a host name such as github.com, or false' })
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

const sysctlKey = z
  .string()
  .regex(/^[a-z0-9_]+(\.[a-z0-9_-]+)+$/, { error: 'must be a sysctl key such as fs.inotify.max_user_watches' });

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
        z.union([
          z.number(),
          z.string().regex(/^[^\u0000-\u001f]*$/, { error: 'must not contain newlines or control characters' }),
        ]),
      )
      .default({})
      .describe('Kernel parameters, applied now and persisted in /etc/sysctl.d/99-devbox.conf.'),
  })
  .describe('The WSL distribution and what devbox manages inside it.');
