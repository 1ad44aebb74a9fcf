/**
 * The English errors raised inside the cluster resources (src/resources/cluster/). Part of the
 * English catalogue (en.ts); what docker, kind and kubectl printed is passed in as it is.
 */
export const enErrorsCluster = {
  'cluster.engineConflict': (p: { other: string; wanted: string }) =>
    `${p.other} is installed, but the manifest asks for ${p.wanted}: the two conflict`,
  'cluster.engineConflictFix': (p: { other: string }) =>
    `set cluster.docker.engine: ${p.other}, or remove ${p.other} first (sudo apt-get remove ${p.other})`,
  'cluster.noSystemd': 'systemd is not running in the distro, and Docker Engine runs as a systemd service',
  'cluster.noSystemdFix':
    'set distro.wslConf.boot.systemd: true (devbox writes /etc/wsl.conf), ' +
    'then run `wsl --shutdown` and `devbox up` again',
  'cluster.dockerSilent': (p: { error: string }) => `Docker Engine does not answer after starting it: ${p.error}`,
  'cluster.noCodename': "cannot tell the distro release (VERSION_CODENAME in /etc/os-release) for Docker's repository",
  'cluster.keyNeedsNet': 'installing docker-ce needs network access from devbox for the repository key',
  'cluster.wrongKey': (p: { mirror: string; fingerprints: string; want: string }) =>
    `the key from ${p.mirror} is not Docker's (fingerprints ${p.fingerprints}, want ${p.want}); nothing was installed`,
  'cluster.none': 'none',
  'cluster.dockerNotRunning': (p: { error: string }) => `Docker Engine is not running in the distro (${p.error})`,
  'cluster.dockerInfoFailed': 'docker info failed',
  'cluster.dockerNotInstalled': 'Docker Engine is not installed in the distro',
  'cluster.dockerFix': 'run `devbox up --only cluster.docker`, or in the distro `sudo systemctl enable --now docker`',
  'cluster.pullFailed': (p: { image: string; error: string }) => `cannot pull ${p.image}: ${p.error}`,
  'cluster.pullFix':
    'set cluster.docker.registryMirrors to a Docker Hub mirror, or give cluster.nodeImageArchive ' +
    '(an offline docker save archive)',
  'cluster.archiveUnreadable': (p: { file: string; error: string }) =>
    `cluster.nodeImageArchive.path: ${p.file} cannot be read in the distro (${p.error})`,
  'cluster.archiveSha256': (p: { file: string; actual: string; pinned: string }) =>
    `${p.file} has sha256 ${p.actual}, not ${p.pinned} (cluster.nodeImageArchive.sha256): not loaded`,
  'cluster.kindNeedsNet': (p: { version: string }) => `downloading kind ${p.version} needs network access from devbox`,
  'cluster.kindChecksumNeedsNet': "this run cannot fetch kind's checksum file; set cluster.kind.sha256",
  'cluster.kindChecksumMissing': (p: { version: string }) =>
    `kind's checksum file for ${p.version} names no kind-linux-amd64`,
  'cluster.kindInstallFailed': (p: { path: string; error: string }) => `cannot install kind into ${p.path}: ${p.error}`,
  'cluster.userMissing': (p: { user: string }) =>
    `user "${p.user}" (cluster.docker.user) does not exist in the distro: create it or name another`,
  'cluster.runcBelowFloor': (p: { nodes: string; floors: string }) =>
    `the node image's runc is below the safety floor (${p.nodes}): set cluster.runc.version to a release at or ` +
    `above the floor (${p.floors}) or cluster.runc.path to a directory holding one`,
  'cluster.runcStillWrong': (p: { changes: string }) =>
    `runc still not as wanted after recreating the cluster: ${p.changes}`,
  'cluster.cniNeedsNet': (p: { cni: string; version: string }) =>
    `downloading ${p.cni} ${p.version} needs network access from devbox`,
  'cluster.cniNoCluster': (p: { cni: string; why: string }) => `cannot install ${p.cni}: ${p.why}`,
  'cluster.dockerDown': 'Docker is not running',
  'cluster.apiSilent': (p: { error: string }) => `the API does not answer (${p.error})`,
  'cluster.cniNotRolledOut': (p: { cni: string; version: string; seconds: number; left: string }) =>
    `${p.cni} ${p.version} is not rolled out within ${p.seconds} s: ${p.left}`,
  'cluster.cniPullFix':
    'an image that cannot be pulled shows as ErrImagePull/ImagePullBackOff: ' +
    'set cluster.registryMirrors for its registry',
} satisfies Record<string, string | ((params: never) => string)>;
