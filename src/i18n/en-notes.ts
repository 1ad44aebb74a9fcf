/**
 * The English notes of plans: what the user should know about a step beyond its changes
 * (`TestResult.notes` of the resources in src/resources/<area>/). Part of the English catalogue
 * (en.ts). Paths, keys, addresses and what other programs said are values, passed in as they are.
 */
export const enNotes = {
  // The distro (src/resources/distro/).
  'note.sysctlNoSuchKey': (p: { name: string }) => `${p.name} does not exist in this kernel; check the name`,
  'note.sysctlOtherRoot':
    'not the running system (another root filesystem): only the files are written, never /proc/sys ' +
    '(that would be the host kernel); the values apply when this system boots',
  'note.sysctlNoProc': 'no /proc/sys here: only the files are written; the values apply when the system boots',
  'note.offWsl': (p: { where: string; kernel: string }) =>
    `wsl.conf keys take effect only inside WSL, and ${p.where} is not running under WSL ` +
    `(kernel ${p.kernel}, no WSLInterop, no WSL_DISTRO_NAME): the file is written, but nothing here reads it`,
  'note.unknown': 'unknown',
  'note.heldBack': (p: { setting: string; address: string }) =>
    `${p.setting} held back: WSL's DNS tunneling is on (${p.address}), and distro.dns does not replace it`,
  'note.noAttributes': (p: { file: string }) =>
    `the filesystem of /etc does not support file attributes: ${p.file} cannot be made immutable ` +
    '(not needed on current WSL builds)',
  'note.tunnelingStill': (p: { address: string }) =>
    `WSL still runs with DNS tunneling (${p.address} on lo); the manifest turns it off in .wslconfig, ` +
    'which takes effect after `wsl --shutdown`',
  'note.tunneling': (p: { address: string }) =>
    `WSL's DNS tunneling is on: WSL answers DNS at ${p.address} and resolves names through Windows, ` +
    'honouring VPN and NRPT policies. A fixed /etc/resolv.conf would bypass it, and WSL needs ' +
    'generateResolvConf to stay on while tunneling is on, so writing resolv.conf is the wrong fix. ' +
    'Either set wsl.config.wsl2.dnsTunneling: false in the manifest (it takes effect after `wsl --shutdown`), ' +
    'or remove distro.dns and let tunneling resolve names.',
  'note.aptNoEntries':
    'auto: the distribution has no entries yet, so none to measure mirrors with; its official archive is ' +
    'written first and mirrors are ranked on the next run',
  'note.aptLeftOut': (p: { mirror: string; error: string }) => `auto: ${p.mirror} left out: ${p.error}`,
  'note.aptStay': (p: { mirror: string }) => `auto: on ${p.mirror}, one of the candidates; not measured again`,
  'note.aptMeasured': (p: { count: number; ms: number; results: string }) =>
    `auto: measured ${p.count} mirror(s) in ${p.ms} ms: ${p.results}`,
  'note.aptMirrorSpeed': (p: { name: string; ms: number; speed: string }) =>
    `${p.name} ${p.ms} ms to first byte, ${p.speed} MB/s`,
  'note.aptMirrorFailed': (p: { failure: string }) => `${p.failure} (failed)`,
  'note.aptNotArchive': (p: { at: string; uri: string; distro: string }) =>
    `${p.at}: ${p.uri} is not recognised as the ${p.distro} archive; ` +
    'left as it is (give its URL as apt.mirror if it is one)',
  'note.aptMixedSuites': (p: { at: string }) =>
    `${p.at}: mixes security and other suites on one URI, which Debian serves from different archives; left as it is`,
  'note.aptSecurityKept': (p: { at: string; uri: string; target: string }) =>
    `${p.at}: security entry kept on ${p.uri}: ${p.target} has no security archive devbox knows`,

  // WSL (src/resources/wsl/, and how WSL reads its ini files: src/formats/wsl-ini/compare.ts).
  'note.iniSkipped': (p: { file: string; line: number; reason: string; setting: string }) =>
    `${p.file} line ${p.line}: WSL skips this line (${p.reason}), so ${p.setting} has its default`,
  'note.iniUnread': (p: { file: string; line: number; setting: string; stoppedAt: number }) =>
    `${p.file} line ${p.line}: WSL never reads ${p.setting}: it stops at the invalid line ${p.stoppedAt}`,
  'note.iniRepeats': (p: { file: string; lines: string; count: number; setting: string; first: number }) =>
    `${p.file} line ${p.lines}: WSL ignores ${p.count > 1 ? 'these repeats' : 'this repeat'} of ${p.setting}; ` +
    `the first, at line ${p.first}, counts`,
  'note.iniRejected': (p: { file: string; line: number; pair: string; kind: string }) =>
    `${p.file} line ${p.line}: WSL rejects ${p.pair} (it must be ${p.kind}) and uses the default`,
  'note.noFeature': (p: { name: string }) =>
    `Windows reports no optional feature ${p.name}; WSL 2 needs Windows 10 2004 or later with it available`,
  'note.featureNotNeeded': (p: { build: number }) => `not needed: Windows 11 (build ${p.build}) runs WSL 2 without it`,
  'note.restartToFinish': 'Windows must restart to finish enabling it',
  'note.restartMayComplete': 'Windows waits for a restart, which may complete this',
  'note.restartBeforeDistro': 'Windows waits for a restart; WSL installs distributions only after it',
  'note.userNotChecked': (p: { name: string }) =>
    `default user not checked: WSL 2 cannot start ${p.name} until VirtualMachinePlatform is enabled`,
  'note.oldSpelling': (p: { key: string }) =>
    `[experimental] ${p.key} is also set (its old spelling); remove it so only [wsl2] ${p.key} counts`,
  'note.afterShutdownOrRestart': 'takes effect after `wsl --shutdown` or a restart',
  'note.afterShutdown': 'takes effect after `wsl --shutdown`, which stops running distributions',

  // The network (src/resources/network/).
  'note.subnetOverlap': (p: { subnet: string; adapter: string; address: string }) =>
    `${p.subnet} overlaps "${p.adapter}" (${p.address}): WSL then silently picks another range; choose a free subnet`,
  'note.networkUntilRestart': 'WSL keeps its current network until Windows restarts',
  'note.networkAfterRestart': 'WSL uses the pinned network after Windows restarts',
  'note.aliasDropped': 'Windows drops the address when it recreates the WSL adapter; the logon task adds it again',
  'note.noMirrored': (p: { reason: string }) => `${p.reason}: use strategy nat-registry or alias on this machine`,
  'note.writesMirrored': 'wsl.config writes networkingMode = mirrored',
  'note.mirrored': "mirrored networking: the distro shares Windows' addresses; address and hostAddress are not pinned",
  'note.auto': (p: { reason: string }) => `auto: ${p.reason}`,
  'note.alreadyMirrored': '.wslconfig already selects mirrored networking',
  'note.mirroredSupported': (p: { build: string }) => `Windows build ${p.build} supports mirrored networking`,
  'note.mirroredUnsupported': (p: { build: string }) =>
    `mirrored networking needs Windows 11 22H2 build 22621.2428 or later; this Windows is build ${p.build}`,
  'note.pickSubnet':
    'pick a fixed address in a subnet nothing else in the distro uses (distro.network.fixedIp.address and hostAddress)',

  // The hosts file (src/resources/hosts/).
  'note.hostsBlock':
    'fix the "# devbox:begin" / "# devbox:end" lines of the hosts file by hand; ' +
    'devbox does not guess which lines are its own',
  'note.hostsShadowed': (p: { line: number; address: string; name: string; ours: number }) =>
    `line ${p.line} (${p.address}) also names ${p.name}, after devbox's line ${p.ours}: ` +
    'Windows uses the first entry, ' +
    `so line ${p.line} is a dead duplicate`,
  'note.hostsOutside': (p: { name: string; line: number; address: string }) =>
    `${p.name} already has an entry outside devbox's block (line ${p.line}: ${p.address}); ` +
    'Windows uses it, devbox adds none',
  'note.hostsPinnedStale': (p: { address: string; name: string }) =>
    `${p.address} no longer proves to be ${p.name}: pin another address, use auto, or set verifyTls: false`,
  'note.hostsRefreshing': (p: { address: string }) => `refreshing a stale address: ${p.address} failed the TLS check`,
  'note.hostsRefused': (p: { address: string; why: string }) => `${p.address} refused: ${p.why}`,

  // Scoop (src/resources/scoop/).
  'note.scoopElevated': 'devbox runs as administrator: Scoop steps refuse to run elevated',
  'note.scoopElsewhere': (p: { folders: string }) =>
    `Scoop is already installed in ${p.folders}: devbox does not install a second one; set scoop.root to that ` +
    'folder, or uninstall it first (scoop uninstall scoop)',
  'note.scoopEnv': (p: { scope: string; name: string; value: string; dir: string }) =>
    `the ${p.scope} environment variable ${p.name}=${p.value} decides Scoop's ${p.dir}; change or remove it ` +
    '(devbox leaves your environment alone)',
  'note.scoopNotOnPath': (p: { shims: string }) =>
    `${p.shims} is not on your PATH: new terminals will not find \`scoop\` (the installer adds it)`,
  'note.scoopAnother': (p: { folders: string }) => `another Scoop is installed in ${p.folders}`,
  'note.bucketMirror': (p: { mirror: string }) => `cloned from the mirror ${p.mirror}`,
  'note.configUnreadable': (p: { file: string }) =>
    `fix or delete ${p.file}: devbox does not overwrite a file it cannot read`,
  'note.configFile': (p: { file: string; portable: boolean }) => `${p.file}${p.portable ? ' (portable mode)' : ''}`,
  'note.appAlsoInstalled': (p: { name: string; global: boolean; version: string }) =>
    `${p.name} is also installed ${p.global ? 'for the user' : 'globally'} (${p.version})`,
  'note.appRepair': '`scoop install` repairs or purges the failed install first',

  // The cluster (src/resources/cluster/).
  'note.noSystemd':
    'systemd is not running in the distro: Docker needs it (wsl.conf [boot] systemd=true, then wsl --shutdown)',
  'note.engineRunc': (p: { reason: string; dockerIo: boolean }) =>
    `the Engine's own runc is below the safety floor: ${p.reason}` +
    (p.dockerIo ? '; engine: docker-ce brings a current runc (containerd.io)' : '; upgrade containerd.io'),
  'note.cgroupFix':
    'add `kernelCommandLine = cgroup_no_v1=all` under [wsl2] in %UserProfile%\\.wslconfig, then `wsl --shutdown`',
  'note.cgroupHybrid': (p: { fix: string }) =>
    `the distro runs hybrid cgroups (v1 + v2): kind warns and systemd ≥ 256 fails; ${p.fix}`,
  'note.cgroupV1': (p: { root: string; fix: string }) =>
    `the distro runs cgroup v1 only (/sys/fs/cgroup is ${p.root}, no cgroup2 mount): ${p.fix}`,
  'note.recreate':
    'these differences need the cluster recreated (its nodes are deleted): devbox asks first, or takes --yes',
} satisfies Record<string, string | ((params: never) => string)>;
