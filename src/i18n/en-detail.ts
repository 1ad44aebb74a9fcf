/**
 * The English detail lines steps print while they run (`ctx.report` in src/resources/<area>/):
 * what a step did, one line each. Part of the English catalogue (en.ts). Paths, versions, names and
 * what other programs printed are values, passed in as they are.
 */
export const enDetail = {
  // The distro (src/resources/distro/).
  'detail.sysctl': (p: { count: number; written: string }) =>
    `set ${p.count} runtime value(s)${p.written ? `, wrote ${p.written}` : ''}`,
  'detail.wrote': (p: { file: string }) => `wrote ${p.file}`,
  'detail.resolvMutable': (p: { file: string; error: string }) =>
    `${p.file} left mutable: the filesystem refuses chattr +i (${p.error})`,
  'detail.resolvWritten': (p: { file: string; was: string; proved: string }) =>
    `wrote ${p.file} (was ${p.was})${p.proved ? `; ${p.proved} resolves` : ''}`,
  'detail.resolvImmutable': (p: { file: string }) => `made ${p.file} immutable`,
  'detail.aptPointed': (p: { count: number; mirror: string }) =>
    `pointed ${p.count} entr${p.count === 1 ? 'y' : 'ies'} at ${p.mirror}; apt-get update succeeded`,
  'detail.aptOthersFailed': (p: { others: string }) =>
    `apt-get update: other repositories failed (not changed by devbox): ${p.others}`,
  'detail.installed': (p: { what: string }) => `installed ${p.what}`,
  'detail.aptEntries': (p: { file: string; format: string; mirror: string }) =>
    `wrote ${p.file} (${p.format}): the distribution's entries at ${p.mirror}; apt-get update succeeded`,

  // Scoop (src/resources/scoop/).
  'detail.scoopFolders': (p: { file: string }) => `Scoop's folders written to ${p.file}`,
  'detail.scoopInstaller': (p: { cached: boolean; sha256: string }) =>
    `Scoop installer ${p.cached ? 'found in the cache' : 'downloaded'} and verified (sha256 ${p.sha256}…)`,
  'detail.scoopInstalled': (p: { root: string; output: string }) =>
    `installed Scoop into ${p.root}${p.output ? ` (${p.output})` : ''}`,
  'detail.bucketRemoved': (p: { name: string; url: string }) =>
    `removed bucket ${p.name}${p.url ? ` (was ${p.url})` : ''}`,
  'detail.bucketAdded': (p: { name: string; url: string }) => `added bucket ${p.name} from ${p.url}`,
  'detail.bucketTryMirror': (p: { url: string; mirror: string }) =>
    `${p.url} did not work; trying the mirror ${p.mirror}`,
  'detail.bucketFromMirror': (p: { name: string; mirror: string }) =>
    `added bucket ${p.name} from the mirror ${p.mirror}`,
  'detail.scoopConfig': (p: { count: number; file: string }) => `set ${p.count} key(s) in ${p.file}`,
  'detail.appUninstalled': (p: { name: string; version: string }) =>
    `uninstalled ${p.name}${p.version ? ` ${p.version}` : ''}`,
  'detail.appInstalled': (p: { repaired: boolean; name: string; version: string; bucket: string; global: boolean }) =>
    `${p.repaired ? 'repaired the failed install: ' : ''}installed ${p.name} ${p.version}` +
    `${p.bucket ? ` from ${p.bucket}` : ''}${p.global ? ' for all users' : ''}`,

  // The network (src/resources/network/).
  'detail.natPinned': (p: { network: string; hostAddress: string; distro: string; address: string }) =>
    `pinned WSL's NAT network to ${p.network} (Windows ${p.hostAddress}, ${p.distro} ${p.address})`,
  'detail.addressAdded': (p: { address: string; adapter: string }) => `added ${p.address} to "${p.adapter}"`,
  'detail.logonTask': (p: { task: string }) => `logon task \\${p.task} re-adds the address after each restart`,
  'detail.aliasAdded': (p: { cidr: string; iface: string; label: string }) =>
    `added ${p.cidr} to ${p.iface}${p.label ? ` as ${p.label}` : ''}`,

  // The hosts file (src/resources/hosts/entry.ts).
  'detail.hostsWritten': (p: { name: string; address: string; flushed: boolean; backup: string }) =>
    `${p.address ? `${p.name} → ${p.address} in` : `removed ${p.name} from`} devbox's block of the hosts file` +
    `${p.flushed ? '; DNS cache flushed' : ''}${p.backup ? ` (original kept as ${p.backup})` : ''}`,
  'detail.hostsChanged': 'the hosts file changed while devbox edited it; reading it again',

  // WSL (src/resources/wsl/).
  'detail.featureEnabled': (p: { name: string; restart: boolean; dism: string }) =>
    `enabled ${p.name}${p.restart ? '; Windows must restart to finish' : ''}${p.dism ? ` (DISM: ${p.dism})` : ''}`,
  'detail.wslInstaller': (p: { cached: boolean; path: string }) =>
    `${p.cached ? 'found the WSL installer in the cache' : 'downloaded the WSL installer'} (${p.path})`,
  'detail.wslInstalledFile': (p: { path: string; restart: boolean }) =>
    `installed ${p.path}${p.restart ? ' (Windows recommends a restart)' : ''}`,
  'detail.wslVersions': (p: { wsl: string; kernel: string }) => `WSL ${p.wsl}${p.kernel ? `, kernel ${p.kernel}` : ''}`,
  'detail.wslPackageInstalled': 'WSL package installed',
  'detail.wslDefaultVersion': (p: { version: number }) => `default WSL version ${p.version}`,
  'detail.wslOldSettings': (p: { stops: string; never: boolean }) =>
    `WSL keeps its old settings until you run \`wsl --shutdown\` (${p.stops}) or restart Windows` +
    `${p.never ? ' (wsl.shutdown: never)' : ''}`,
  'detail.wslStops': (p: { distros: string }) => `it stops the running distribution(s) ${p.distros}`,
  'detail.noDistroRunning': 'no distribution is running',
  'detail.wslShutdownQuestion': (p: { stops: string }) =>
    `The new .wslconfig settings apply after \`wsl --shutdown\` (${p.stops}). Run it now?`,
  'detail.wslNotRunning': 'WSL is not running: the new settings apply when it next starts',
  'detail.wslShutDown': (p: { stops: string }) => `ran wsl --shutdown so the new settings apply (${p.stops})`,
  'detail.distroInstalled': (p: { name: string; source: string }) => `installed ${p.name} ${p.source}`,
  'detail.distroFetched': (p: { cached: boolean; url: string; file: string }) =>
    `${p.cached ? 'found' : 'downloaded'} ${p.url} (${p.file})`,
  'detail.distroImported': (p: { name: string; file: string }) => `imported ${p.name} from ${p.file}`,
  'detail.distroConverted': (p: { name: string; version: number }) => `converted ${p.name} to WSL ${p.version}`,
  'detail.userCreated': (p: { user: string }) => `created the user ${p.user}`,
  'detail.defaultUser': (p: { user: string; uid: string }) => `default user ${p.user} (uid ${p.uid})`,

  // The cluster (src/resources/cluster/).
  'detail.dockerGroup': (p: { user: string }) => `${p.user} is in the docker group (new shells see it)`,
  'detail.dockerRunning': (p: { version: string; daemonJson: string }) =>
    `Docker Engine ${p.version} running${p.daemonJson ? `; ${p.daemonJson} updated` : ''}`,
  'detail.dockerRepository': (p: { url: string; key: string }) => `added Docker's repository ${p.url} (key ${p.key})`,
  'detail.runcVerified': 'the runc that runs containers is verified in every node',
  'detail.kindChecksum': (p: { version: string; sha256: string }) =>
    `kind ${p.version}: sha256 ${p.sha256} from the release's published checksum file ` +
    '(pin it with cluster.kind.sha256)',
  'detail.kindInstalled': (p: { version: string; path: string }) => `installed kind ${p.version} at ${p.path}`,
  'detail.cniUnread': (p: { source: string }) => `applied ${p.source}; its rollout is not read back here`,
  'detail.cniRolledOut': (p: { cni: string; version: string; sets: string }) =>
    `${p.cni} ${p.version} rolled out (${p.sets}); every node Ready`,
  'detail.imagePulled': (p: { image: string }) => `pulled ${p.image}`,
  'detail.imageLoaded': (p: { image: string; file: string }) => `loaded ${p.image} from ${p.file}`,
  'detail.runcPinned': (p: { version: string; sha256: string; dir: string }) =>
    `runc ${p.version} (sha256 ${p.sha256}…) in ${p.dir}`,
  'detail.clusterUp': (p: { name: string; nodes: number; state: string; kubeconfig: string }) =>
    `kind cluster "${p.name}" is up: ${p.nodes} node(s) ${p.state}, context kind-${p.name} in ${p.kubeconfig}`,
  'detail.readyOnce': (p: { cni: string }) => `registered (Ready once ${p.cni} runs)`,
  'detail.yourCni': 'your CNI',
  'detail.nodesStarted': (p: { nodes: string }) => `started ${p.nodes}; every node Ready`,
  'detail.nodesReady': 'every node Ready',
} satisfies Record<string, string | ((params: never) => string)>;
