/**
 * The English texts of plans: why a step is skipped or waits (src/engine/planner.ts,
 * src/resources/declared.ts) and each resource's one-line summary of its desired state
 * (src/resources/<area>/). Part of the English catalogue (en.ts). Paths, names, versions and
 * `key=value` settings are values, passed in as they are.
 */
export const enResources = {
  // Why a step is not probed (src/engine/planner.ts, src/resources/declared.ts).
  'plan.notOnWindows': 'not on Windows',
  'plan.notYetManaged': 'not managed by this version of devbox yet (see README, "Limits")',
  'plan.checkedAfter': (p: { ids: string }) => `checked after ${p.ids} is applied`,
  'plan.waitingForDependencies': 'waiting for dependencies',
  'plan.couldNotCheck': (p: { error: string }) => `could not check: ${p.error}`,
  'run.notCheckedDryRun': (p: { what: string; why: string }) =>
    `not checked: the dry run could not ${p.what} (${p.why}); a real run does this first, so its outcome is unknown`,
  // What a dry run could not read (src/platform/net.ts, RecordingNet): "the dry run could not <this>".
  'run.fetchWhat': (p: { urls: string }) => `fetch ${p.urls}`,
  'run.orSeparator': ' or ',
  // What a run says of a step it did not apply, or whose apply it judged (src/engine/executor.ts).
  'run.waitsForRestart': (p: { id: string }) => `not applied yet: waits for Windows to restart (${p.id})`,
  'run.dependencyFailed': (p: { id: string }) => `not applied: ${p.id} did not converge`,
  'run.checkedAfterDeps': (p: { ids: string }) => `not checked: ${p.ids} would be applied first`,
  'run.itsDependencies': 'its dependencies',
  'run.uncheckedAfterApply': (p: { reason: string }) => `applied, but could not be checked afterwards: ${p.reason}`,
  'run.completesOnRestart': (p: { changes: string }) => `applied; completes when Windows restarts: ${p.changes}`,
  'run.notConverged': (p: { changes: string }) => `applied, but still not in the desired state: ${p.changes}`,

  // WSL (src/resources/wsl/).
  'summary.wslPackage': (p: { version: string; update: boolean; defaultVersion: number }) =>
    `WSL package ${p.update ? `${p.version} or newer` : 'as installed'}, default version ${p.defaultVersion}`,
  'summary.feature': (p: { name: string; auto: boolean }) =>
    `optional feature ${p.name} ${p.auto ? 'enabled where WSL needs it' : 'enabled'}`,
  'summary.distro': (p: { name: string; version: number; source: string; user: string }) =>
    `distribution ${p.name} registered (WSL ${p.version}, ${p.source})${p.user ? `, default user ${p.user}` : ''}`,
  'summary.fromStore': 'from the Microsoft Store catalogue',
  'summary.webDownload': 'downloaded directly (--web-download)',
  'summary.importedFrom': (p: { source: string }) => `imported from ${p.source}`,

  // The distro (src/resources/distro/).
  'summary.dns': (p: { nameservers: string; search: string; immutable: boolean }) =>
    `nameservers ${p.nameservers}${p.search ? `, search ${p.search}` : ''}${p.immutable ? ', immutable' : ''}`,
  'summary.apt': (p: { mirror: string; officialSecurity: boolean; packages: string }) =>
    `apt on ${p.mirror}${p.officialSecurity ? ' (security from the official archive)' : ''}` +
    `${p.packages ? `; packages ${p.packages}` : ''}`,
  'summary.fastestMirror': 'the fastest mirror',

  // The network (src/resources/network/).
  'summary.fixedIp': (p: { hostAddress: string; address: string; distro: string; strategy: string }) =>
    `${p.hostAddress} for Windows, ${p.address} for ${p.distro} (${p.strategy})`,
  'summary.alias': (p: { cidr: string; iface: string; label: string; hostAddress: string; strategy: string }) =>
    `${p.cidr} on ${p.iface}${p.label ? ` as ${p.label}` : ''}, host side ${p.hostAddress} (${p.strategy})`,

  // The hosts file (src/resources/hosts/).
  'summary.hostsRemoved': (p: { name: string }) => `${p.name} removed from the hosts file`,
  'summary.hostsEntry': (p: { name: string; address: string; unverified: boolean }) =>
    `${p.name} → ${p.address}${p.unverified ? ' (not verified)' : ''}`,
  'summary.hostsAuto': 'auto (DoH, kept only with a valid certificate)',

  // Scoop (src/resources/scoop/).
  'summary.scoop': (p: { root: string; globalRoot: string; cache: string }) =>
    `Scoop in ${p.root} (global apps ${p.globalRoot}${p.cache ? `, cache ${p.cache}` : ''})`,
  'summary.bucketRemoved': (p: { name: string }) => `bucket ${p.name} removed`,
  'summary.bucket': (p: { name: string; url: string; mirror: string }) =>
    `bucket ${p.name} from ${p.url}${p.mirror ? ` (mirror ${p.mirror})` : ''}`,
  'summary.scoopConfig': (p: { values: string }) => `Scoop's config.json: ${p.values}`,
  'summary.appRemoved': (p: { name: string; global: boolean }) =>
    `${p.name} uninstalled (${p.global ? 'global' : 'user'})`,
  'summary.app': (p: { app: string; global: boolean }) => `${p.app} installed${p.global ? ' for all users' : ''}`,

  // The cluster (src/resources/cluster/).
  'summary.docker': (p: { engine: string; mirror: string }) =>
    `Docker Engine (${p.engine}${p.mirror ? ` from ${p.mirror}` : ''}), running, user in the docker group`,
  'summary.runc': (p: { pinned: string }) =>
    `${p.pinned}; the runc that runs containers in every node at or above the floor`,
  'summary.runcDownload': (p: { version: string }) => `runc ${p.version} pinned`,
  'summary.runcPinDir': (p: { dir: string }) => `runc from ${p.dir} pinned`,
  'summary.runcImage': "the node image's runc",
  'summary.kind': (p: { version: string; sha256: string }) =>
    `kind ${p.version}${p.sha256 ? ` (sha256 ${p.sha256}…)` : " (sha256 from the release's .sha256sum)"}`,
  'summary.cni': (p: {
    cni: string;
    version: string;
    script: boolean;
    sha256: string;
    mirrored: number;
    sets: string;
  }) =>
    `${p.cni} ${p.version} (${p.script ? 'install script' : 'manifest'} sha256 ${p.sha256}…, ` +
    `${p.mirrored ? `${p.mirrored} image(s) from registry mirrors` : 'images from their registries'}), ` +
    `DaemonSets ${p.sets} rolled out`,
  'summary.image': (p: { image: string }) => `node image ${p.image}`,
  'summary.imageArchive': (p: { image: string; path: string; sha256: string }) =>
    `node image ${p.image} from ${p.path} (sha256 ${p.sha256}…)`,
  'summary.cluster': (p: { name: string; workers: number; image: string }) =>
    `kind cluster "${p.name}": 1 control-plane + ${p.workers} worker(s), ${p.image}, context kind-${p.name}`,
} satisfies Record<string, string | ((params: never) => string)>;
