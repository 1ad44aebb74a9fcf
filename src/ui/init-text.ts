/**
 * The English texts of `devbox init` that stay out of the message catalogue (its prompts and errors
 * are there, `init.*`): the help, which the help tables translate by its English text, and what goes
 * into the manifest it writes, comments and --from-machine's notes (also printed on stderr, so both
 * say the same). A manifest is shared by a team and kept in version control: its comments should not
 * depend on the language of whoever ran `devbox init`, so they are English. Pure: strings and
 * functions returning strings.
 */
import { currentLocale, tIn } from '../i18n/catalogue.js';
import type { Locale } from '../i18n/locale.js';

/** Figures of a measured mirror or resolver, for prompts and manifest comments. */
export interface MeasuredFigure {
  ttfbMs?: number;
  /** Bytes per second. */
  throughput?: number;
  /** Milliseconds to answer (a DoH resolver). */
  answerMs?: number;
}

const mib = (bytesPerSecond: number) => `${(bytesPerSecond / (1024 * 1024)).toFixed(1)} MiB/s`;

/**
 * "first byte 12 ms, 8.0 MiB/s" / "answered in 40 ms", in `locale`: the current one beside a
 * wizard's choice, English in a manifest's comments.
 */
export function figureText(f: MeasuredFigure, locale: Locale = currentLocale()): string {
  if (f.answerMs !== undefined) return tIn(locale, 'init.answeredIn', { ms: Math.round(f.answerMs) });
  const parts = [];
  if (f.ttfbMs !== undefined) parts.push(tIn(locale, 'init.firstByte', { ms: Math.round(f.ttfbMs) }));
  if (f.throughput !== undefined) parts.push(mib(f.throughput));
  return parts.join(', ');
}

export const initText = {
  // The command's help.
  summary: 'Write a manifest: answer a few questions, pass the answers as flags, or export what exists.',
  description: [
    'With no flags at a terminal, a wizard measures the apt mirrors and DoH resolvers from this machine',
    '(fastest first), asks for the Scoop folders (offering drives that exist), the apps, a fixed IP (checked',
    'against the adapters) and the cluster, and writes a commented manifest that validates (-o FILE, default',
    'devbox.yaml; an existing file is replaced only after you confirm). Without a terminal, give the answers',
    'as flags (--mirror, --resolver, --scoop-root, --scoop-global, --apps, --fixed-ip, --cluster/--no-cluster,',
    '--cni) or --yes for the defaults. --from-machine reads this Windows machine: WSL (.wslconfig, the',
    "distributions and the default one), the default distribution's wsl.conf, apt mirror and DNS, Scoop",
    "(folders, buckets, apps, config.json) and devbox's hosts entries; with --format scoop-export it writes",
    "Scoop's own export JSON instead. --from-scoop-export FILE turns a `scoop export` file into manifest form.",
    'Values devbox cannot express become comments in the manifest and notes on stderr.',
  ].join(' '),
  flags: {
    mirror: 'apt mirror: a known name (tuna, aliyun, ustc, 163, huawei, official), a URL, or auto (measured at `up`).',
    mirrorCandidates: 'Mirror URLs the wizard measures instead of the known mirrors (repeatable).',
    resolver:
      'DoH resolver for hosts entries (repeatable); the wizard measures these, ' +
      'else DEVBOX_DOH_RESOLVERS or the defaults.',
    scoopRoot: 'Folder for Scoop and user apps (SCOOP), e.g. D:\\Scoop\\Apps.',
    scoopGlobal: 'Folder for global apps (SCOOP_GLOBAL), e.g. D:\\Scoop\\GlobalApps.',
    apps: 'Scoop apps, comma-separated; BUCKET/APP picks a bucket (e.g. git,extras/vscode).',
    fixedIp: 'The distro\'s fixed address with prefix, e.g. 192.168.50.2/24 ("none": no fixed IP).',
    hostIp: "Windows' address in that subnet (default: the subnet's first host address).",
    cluster: 'A kind cluster in the distro (--no-cluster: none).',
    clusterName: "The cluster's name.",
    cni: "The cluster's network plugin.",
    yes: 'Take the default for every answer no flag gives (no questions asked).',
    output: 'Write to FILE (the wizard: default devbox.yaml) instead of stdout.',
    force: 'Replace FILE when it exists.',
    fromMachine: "Read this machine (WSL, the distro's settings, Scoop, devbox's hosts entries).",
    fromScoopExport: 'Read a `scoop export` JSON file.',
    format: "What --from-machine writes: a devbox manifest, or Scoop's export JSON.",
  },

  /** A command line to paste (the hint under init.noTerminal); `quote` quotes one word for the user's shell. */
  noTerminalHint: (quote: (word: string) => string) =>
    ['devbox init --yes --scoop-root', quote('D:\\Scoop\\Apps'), '--scoop-global', quote('D:\\Scoop\\GlobalApps')]
      .concat('-o devbox.yaml')
      .join(' '),

  // Comments of the generated manifest.
  header: {
    wizard: [
      'Written by `devbox init`. Check it with `devbox manifest validate -m FILE`, see what `devbox up` would',
      'change with `devbox plan -m FILE`, then apply it with `devbox up -m FILE`. Every key: `devbox manifest schema`.',
    ],
    machine: [
      'Written by `devbox init --from-machine`: this machine as devbox sees it. Values devbox cannot',
      'express are kept below as comments ("not expressible"). Apps are not pinned to versions.',
    ],
  },
  comment: {
    wsl: 'WSL 2 itself: Windows features, the WSL package and %UserProfile%\\.wslconfig (other keys there stay).',
    wslClusterKeys: 'kind needs a pure cgroup v2 kernel and a VM that stays up when the terminal closes.',
    distro: 'The Linux distribution, installed without its first-run prompt, and what devbox manages inside it.',
    wslConf: 'Keys devbox manages in /etc/wsl.conf; systemd is needed by Docker and kind.',
    fixedIp: "A stable address instead of a new one at every boot; auto: pin WSL's NAT network (after one restart).",
    apt: "apt sources point at this mirror (the distro's own entries only; third-party ones stay).",
    mirrorMeasured: (figure: string) => `measured by devbox init: ${figure}`,
    scoop: 'Scoop in folders you chose (not C:), its buckets and apps. The installer is pinned by sha256.',
    hosts:
      'Hosts-file entries for names DNS poisoning breaks; auto: resolved over DoH and kept only when TLS checks out.',
    resolverMeasured: (figure: string) => `measured by devbox init: ${figure}`,
    cluster: 'Docker Engine in the distro and a kind cluster whose runc is at or above a safe version.',
    cni: "kindnet is kind's own; calico and kube-ovn are recognised, not installed yet (see README, Limits).",
    notes: 'Not expressible in a manifest (kept here so nothing is lost):',
    distributions: (names: readonly string[], chosen: string | undefined) =>
      `Registered distributions: ${names.join(', ')}; ` +
      `the default one${chosen ? ` (${chosen})` : ''} is described here.`,
  },

  // --from-machine notes.
  note: {
    wslconfigKey: (section: string, key: string, value: string) =>
      `.wslconfig [${section}] ${key}=${value}: not a key devbox manages`,
    wslconfigValue: (section: string, key: string, value: string, why: string) =>
      `.wslconfig [${section}] ${key}=${value}: ${why}`,
    invalidLine: (file: string, line: number, text: string, reason: string) =>
      `${file} line ${line} "${text}": ${reason}; WSL does not read it`,
    otherDistro: (name: string) => `distribution ${name} is installed too: a manifest describes one distribution`,
    noDistro: 'no WSL distribution is registered: the manifest has no distro settings',
    distroUnreadable: (name: string, why: string) => `the settings inside ${name} could not be read: ${why}`,
    wslConfKey: (section: string, key: string, value: string) =>
      `/etc/wsl.conf [${section}] ${key}=${value}: not a key WSL reads, or a value devbox cannot write`,
    aptNone: "apt: no entries of the distribution's archive were found, so no mirror is exported",
    aptSecurity: (uri: string) => `apt: security entries use ${uri}; the manifest keeps security: official`,
    dnsGenerated: 'DNS: WSL generates /etc/resolv.conf, so the manifest has no dns section (WSL keeps doing it)',
    dnsTunneling: (address: string) => `DNS: WSL's DNS tunneling answers on ${address}; the manifest leaves DNS to WSL`,
    dnsSymlink: (target: string) => `DNS: /etc/resolv.conf links to ${target}; the manifest leaves DNS as it is`,
    dnsExtra: (what: string) => `DNS: ${what} in /etc/resolv.conf cannot be expressed`,
    dnsNone: 'DNS: /etc/resolv.conf names no nameserver',
  },
} as const;
