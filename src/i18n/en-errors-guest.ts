/**
 * The English errors raised inside the distro and network resources (src/resources/distro/,
 * src/resources/network/) and the rest of Scoop's. Part of the English catalogue (en.ts); what
 * apt, getent and ip printed is passed in as it is.
 */
export const enErrorsGuest = {
  // apt (src/resources/distro/apt/resource.ts).
  'apt.noEntries': (p: { distro: string; mirror: string; where: string }) =>
    `found no entries of the ${p.distro} archive to point at ${p.mirror} (looked in ${p.where}); entries are ` +
    "recognised by a known archive host, the distribution's archive keyring, or apt's cached Origin. Add the " +
    "distribution's entries first, or give your archive's URL as apt.mirror.",
  'apt.noSourceFiles': 'no source files at all',
  'apt.cannotWrite': (p: { file: string; error: string }) => `cannot write ${p.file}: ${p.error}`,
  'apt.updateFailedAt': (p: { mirror: string; root: string; lines: string }) =>
    `apt-get update failed through ${p.mirror} (${p.root}):\n  ${p.lines}`,
  'apt.updateFailed': (p: { mirror: string; lines: string }) =>
    `apt-get update failed through ${p.mirror}:\n  ${p.lines}`,
  'apt.notRestored': (p: { files: string }) =>
    `Could NOT restore ${p.files}: the originals are under /var/backups/devbox.`,
  'apt.restored': (p: { files: string }) => `Restored ${p.files} as they were.`,
  'apt.removedAgain': (p: { file: string }) => `Removed ${p.file} again; the other source files were not touched.`,
  'apt.mirrorFix':
    'Check that the mirror serves your distribution and release, ' +
    'or choose another (apt.mirror: a name, a URL, or auto).',
  'apt.installFailed': (p: { packages: string; output: string }) =>
    `apt-get install ${p.packages} failed:\n${p.output}`,
  'apt.noCandidate': (p: { suite: string; ms: number; failures: string }) =>
    `no candidate mirror served dists/${p.suite}/InRelease within ${p.ms} ms: ${p.failures}`,
  'apt.unsupported': (p: { id: string }) =>
    `distro.apt manages Debian and Ubuntu based distributions; this one is ${p.id}`,

  // DNS and wsl.conf (src/resources/distro/dns/resource.ts, wslconf.ts).
  'dns.notResolved': (p: { name: string; nameservers: string }) =>
    `${p.name} did not resolve through ${p.nameservers} (getent -s dns ahosts ${p.name} found nothing)`,
  'dns.notPutBack': (p: { file: string; errors: string }) =>
    `Could NOT put the previous ${p.file} back (${p.errors}); the original is under /var/backups/devbox.`,
  'dns.putBack': (p: { file: string; was: string }) => `The previous ${p.file} (${p.was}) is back in place.`,
  'dns.failed': (p: { why: string; after: string }) => `${p.why}. ${p.after}`,
  'dns.nameserversFix': (p: { key: string }) =>
    `Check that the nameservers answer from inside the distro, or set ${p.key} to a name they resolve.`,
  'dns.notAFile': (p: { file: string; directory: boolean }) =>
    `${p.file} is a ${p.directory ? 'directory' : 'special file'}; move it away and run devbox again`,
  'wslconf.notAFile': (p: { file: string; directory: boolean }) =>
    `${p.file} is a ${p.directory ? 'directory' : 'special file'}, not a file`,
  'wslconf.cannotWrite': (p: { file: string; error: string }) => `cannot write ${p.file}: ${p.error}`,

  // The network (src/resources/network/).
  'network.noInterface': (p: { iface: string; interfaces: string }) =>
    `the distro has no interface ${p.iface} (it has ${p.interfaces}); set distro.network.fixedIp.interface`,
  'network.conflict': (p: { cidr: string; conflicts: string }) =>
    `the fixed IP ${p.cidr} cannot be used: ${p.conflicts}`,
  'network.conflictFix':
    'Choose distro.network.fixedIp.address and hostAddress in a subnet nothing else in the distro uses, ' +
    'e.g. 192.168.50.2/24 and 192.168.50.1.',
  'network.notMirrored': '.wslconfig does not select mirrored networking (see wsl.config)',
  'network.noMirrored': (p: { reason: string }) => `${p.reason}; choose strategy nat-registry or alias`,

  // Scoop (src/resources/scoop/core.ts, bucket.ts).
  'scoop.envDecides': (p: { dir: string; scope: string; name: string; value: string; want: string }) =>
    `Scoop's ${p.dir} is decided by the ${p.scope} environment variable ${p.name}=${p.value}, not ${p.want} as ` +
    'the manifest says. devbox does not change your environment.',
  'scoop.envDecidesFix': (p: { name: string; want: string; dir: string; value: string }) =>
    `Remove ${p.name} (or set it to ${p.want}) in your environment variables, or set scoop.${p.dir} to ${p.value} ` +
    'in the manifest.',
  'scoop.elsewhere': (p: { folders: string; root: string }) =>
    `Scoop is already installed in ${p.folders}; devbox does not install a second Scoop in ${p.root}.`,
  'scoop.elsewhereFix':
    'Set scoop.root (and globalRoot) in the manifest to the existing folders, or uninstall that Scoop first ' +
    '(scoop uninstall scoop).',
  'scoop.bucketBlockedFix': (p: { host: string }) =>
    `If ${p.host} is blocked here, give the bucket a mirror (scoop.buckets[].mirror, e.g. a Gitee copy), ` +
    'or set scoop.proxy.',
  'scoop.mirrorFailedToo': (p: { first: string; second: string }) =>
    `${p.first}\n\nThe mirror did not work either:\n${p.second}`,
} satisfies Record<string, string | ((params: never) => string)>;
