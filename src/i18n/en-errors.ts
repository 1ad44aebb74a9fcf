/**
 * The English errors raised inside resources (src/resources/<area>/) and the values they put in a
 * plan's changes. Part of the English catalogue (en.ts). What other programs and servers said is
 * passed in as it is.
 */
export const enErrors = {
  // The hosts file (src/resources/hosts/entry.ts).
  'hosts.noVerifiedAddress': (p: { name: string; details: string }) =>
    `No address for ${p.name} proved to be ${p.name} (a certificate valid for the name), so the hosts file was ` +
    `left exactly as it was.${p.details ? `\n${p.details}` : ''}`,
  'hosts.rejected': (p: { address: string; why: string; resolvers: string }) =>
    `  ${p.address}: ${p.why} (from ${p.resolvers})`,
  'hosts.resolverFailed': (p: { resolver: string; error: string }) => `  resolver ${p.resolver}: ${p.error}`,
  'hosts.noAddresses': '  the resolvers returned no address',
  'hosts.useProxyFix':
    'Addresses that fail the TLS check are poisoned answers or blocked servers; a hosts entry cannot fix SNI ' +
    'filtering: use a proxy (scoop.proxy, HTTPS_PROXY) for such names.',
  'hosts.resolversFix': 'Other DoH resolvers can be set with hosts.resolvers (or DEVBOX_DOH_RESOLVERS).',
  'hosts.noVerifiedValue': (p: { error: string }) => `(no verified address: ${p.error})`,
  'hosts.pinnedUnproved': (p: { name: string; address: string; why: string }) =>
    `The manifest pins ${p.name} to ${p.address}, but ${p.address} did not prove to be ${p.name}: ${p.why}. ` +
    'devbox does not write an address it cannot prove.',
  'hosts.pinnedUnprovedFix': (p: { name: string }) =>
    `Use address: auto to find a verified address, pin another address, or set verifyTls: false for ${p.name} ` +
    'to write it unchecked.',
  'hosts.busy': (p: { error: string }) =>
    `Another program holds the hosts file open (${p.error}); devbox retried and gave up, and the file is unchanged.`,
  'hosts.busyFix':
    'Close editors that have the hosts file open (or let an antivirus scan finish), then run devbox up again.',
  'hosts.race':
    'Another program kept changing the hosts file while devbox edited it; devbox wrote nothing. Run devbox up again.',
  'hosts.blockBroken': (p: { error: string }) =>
    `${p.error}; fix it by hand, devbox does not guess which lines are its own.`,
  'hosts.outsideUnproved': (p: { name: string; line: number; address: string; why: string }) =>
    `${p.name} has an entry outside devbox's block (line ${p.line}: ${p.address}) that does not prove to be ` +
    `${p.name}: ${p.why}. Windows uses that line; devbox never edits lines outside its block and never adds a ` +
    'second entry for a name.',
  'hosts.outsideUnprovedFix': (p: { line: number; refresh: string }) =>
    `Remove line ${p.line} of the hosts file (or fix its address), then run ${p.refresh}.`,

  // WSL (src/resources/wsl/).
  'wsl.installerMissing': (p: { file: string }) => `The offline WSL installer ${p.file} does not exist.`,
  'wsl.installerSha256': (p: { file: string; actual: string; pinned: string }) =>
    `The offline WSL installer ${p.file} has sha256 ${p.actual}, not the ${p.pinned} the manifest pins; ` +
    'devbox does not run it.',
  'wsl.installerFailed': (p: { file: string; code: string; output: string }) =>
    `Installing ${p.file} failed: msiexec.exe exit code ${p.code}. ${p.output}`.trim(),
  'wsl.updateFailed': (p: { error: string }) =>
    `${p.error}\nIf github.com is unreachable here, set wsl.update.offlineInstaller to a WSL .msi ` +
    '(path or https URL with its sha256).',
  'wsl.imageMissing': (p: { file: string }) => `The distribution image ${p.file} does not exist.`,
  'wsl.imageSha256': (p: { file: string; actual: string; pinned: string }) =>
    `The distribution image ${p.file} has sha256 ${p.actual}, not the ${p.pinned} the manifest pins; ` +
    'devbox does not import it.',
  'wsl.userNotCreated': (p: { user: string; distro: string; error: string }) =>
    `cannot create the user ${p.user} in ${p.distro}: ${p.error}`,
  'wsl.oldWindows': (p: { minimum: number; build: string }) =>
    `WSL 2 needs Windows 10 version 2004 (build ${p.minimum}) or later; this Windows is build ${p.build}. ` +
    'Update Windows first.',
  'wsl.noFeature': (p: { name: string; build: number }) =>
    `Windows has no optional feature ${p.name} to enable (build ${p.build})`,

  // Scoop (src/resources/scoop/).
  'scoop.failed': (p: { what: string; command: string; code: string; timedOut: boolean; output: string }) =>
    `${p.what}: \`scoop ${p.command}\` (exit code ${p.code}${p.timedOut ? ', timed out' : ''}, which Scoop does not ` +
    `set reliably; devbox checked the files)${p.output ? `\n${p.output}` : ''}`,
  'scoop.none': 'none',
  'scoop.elevated': (p: { what: string }) =>
    `${p.what} must not run as administrator, and this devbox runs elevated: Scoop would install for the ` +
    'administrator account (its installer refuses outright).',
  'scoop.elevatedFix':
    'Run `devbox up` from a normal (not "Run as administrator") terminal; devbox asks for administrator rights ' +
    'itself where a step needs them.',
  'scoop.configInvalid': (p: { file: string; error: string }) =>
    `Scoop's ${p.file} cannot be edited: ${p.error}. devbox does not overwrite a file it cannot read.`,
  'scoop.configInvalidFix': (p: { file: string }) =>
    `Fix or delete ${p.file} (Scoop recreates it), then run devbox up again.`,
  'scoop.configBusy': (p: { file: string; error: string }) => `${p.file} is held open by another program: ${p.error}`,
  'scoop.configRace':
    "Another program kept changing Scoop's config.json while devbox edited it; nothing of devbox's change was " +
    'lost or half-written. Run devbox up again.',
  'scoop.installFailed': (p: { root: string }) => `Installing Scoop into ${p.root} did not work`,
  'scoop.bucketAddFailed': (p: { name: string; from: string }) => `Adding bucket ${p.name} from ${p.from} did not work`,
  'scoop.bucketRemoveFailed': (p: { name: string }) => `Removing bucket ${p.name} did not work`,
  'scoop.uninstallFailed': (p: { name: string }) => `Uninstalling ${p.name} did not work`,
  'scoop.appFailed': (p: { app: string; detail: string }) =>
    `Installing ${p.app} did not work${p.detail ? ` (${p.detail})` : ''}`,
  'scoop.leftFailed': (p: { reason: string }) => `left a failed install: ${p.reason}`,
  'scoop.blockedFix':
    'A download that fails where GitHub is blocked can often be fixed with a hosts entry ' +
    '(hosts.entries, address: auto) or scoop.proxy.',
} satisfies Record<string, string | ((params: never) => string)>;
