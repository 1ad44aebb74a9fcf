/**
 * The English messages of `devbox doctor` and `devbox cluster ps` (src/app/doctor.ts,
 * src/app/cluster-diagnose.ts, src/resources/cluster/diagnose/, the resources' own `diagnose`):
 * findings, their fixes, and the Docker Engine prerequisite. Part of the English catalogue (en.ts).
 * Values that come from the machine (kernel wchan names, kubelet's log lines, runc's version text)
 * are passed in as they are.
 */
export const enDoctor = {
  // src/app/doctor.ts: what the plan says, as findings.
  'doctor.dockerDown': (p: { error: string }) => `${p.error}: the cluster's nodes could not be checked`,
  'doctor.clusterUnchecked': (p: { error: string }) => `the cluster's processes could not be checked: ${p.error}`,
  'doctor.notChecked': 'could not be checked',
  'doctor.afterDependencies': 'checked after its dependencies',
  'doctor.differs': (p: { changes: string; notes: string }) =>
    `differs from the manifest: ${p.changes}${p.notes ? ` (${p.notes})` : ''}`,

  // --fix runc-hang (src/app/cluster-diagnose.ts).
  'fix.question': (p: { count: number; processes: string }) =>
    `End ${p.count} stuck runc init process(es) (${p.processes}) with SIGKILL? ` +
    'Nothing else is changed; kubelet creates the containers again.',
  'fix.process': (p: { pid: number; node: string }) => `pid ${p.pid}${p.node ? ` in ${p.node}` : ''}`,
  'fix.notConfirmed': 'Nothing was changed: ending the stuck runc inits was not confirmed.',
  'fix.notConfirmedFix': 'Run it again with --yes to confirm.',

  // Docker Engine, the cluster's prerequisite (src/resources/cluster/docker-reach.ts, docker.ts).
  'docker.unreachable': (p: { detail: string }) =>
    `Docker Engine is not running / not reachable in the distro (${p.detail})`,
  'docker.notInstalled': 'Docker Engine is not installed in the distro (no docker command)',
  'docker.startFix':
    'start it in the distro: `sudo systemctl start docker` (with systemd), or `sudo service docker start`',
  'docker.upFix': "`devbox up --only 'cluster.docker*'` installs, enables and starts it",
  'docker.hostFix': 'if DOCKER_HOST is set in the distro, check that it names the running engine',
  'docker.engineRunc': (p: { verdict: string }) => `Docker's runc: ${p.verdict}`,
  // By the engine installed and the one the manifest asks for (src/resources/cluster/docker.ts, diagnose).
  'docker.engineRuncFix': 'set cluster.docker.engine: docker-ce (containerd.io ships a current runc)',
  'docker.engineRuncFixRemove':
    'remove docker.io (sudo apt-get remove docker.io); `devbox up` then installs docker-ce as the manifest asks ' +
    '(containerd.io ships a current runc)',
  'docker.engineRuncFixUpgrade': 'upgrade containerd.io: sudo apt-get install --only-upgrade containerd.io',

  // The runc-hang diagnosis (src/resources/cluster/diagnose/hang.ts, runc-build.ts).
  'hang.pinRunc': "devbox up --only 'cluster.*' (cluster.runc policy safe-floor or a pinned version ≥ rc94)",
  'hang.stuck': (p: { count: number; inits: string; builds: string }) =>
    `${p.count} runc init(s) stuck writing a pipe (the runc rc93 pipe hang, runc#2828/#2871): ${p.inits}` +
    (p.builds ? `. Effective runc: ${p.builds}` : '') +
    `. A pipe's size is fixed when it is made: raising the sysctl now does not free them.`,
  'hang.stuckFix': (p: { pin: string }) =>
    `devbox doctor --fix runc-hang (ends only these inits; kubelet retries the containers), then ${p.pin}`,
  'hang.build': (p: { node: string; version: string; commit: string }) =>
    `${p.node}: runc ${p.version}${p.commit ? ` (commit ${p.commit})` : ''}`,
  'hang.init': (p: { pid: number; comm: string; node: string; state: string; seconds: number; wchan: string }) =>
    `pid ${p.pid} ${p.comm}${p.node ? ` in node ${p.node}` : ''}, ` +
    `state ${p.state} for ${p.seconds} s, wchan ${p.wchan}`,
  'hang.pipe': (p: { fd: number; inode: string; size: string }) => `fd ${p.fd} pipe:[${p.inode}] ${p.size}`,
  'hang.sizeUnknown': 'size unknown',
  'hang.otherInit': (p: { init: string }) => `runc init asleep but not on a pipe write: ${p.init}`,
  'hang.otherInitFix': 'inspect /proc/PID/stack as root; `kind export logs`',
  'hang.created': (p: { count: number; pids: string }) =>
    `${p.count} runc init(s) waiting on exec.fifo (created, not yet started; normal): pids ${p.pids}`,
  'hang.canaryShrunk': (p: { size: string; limits: string }) =>
    `a new pipe of root without CAP_SYS_RESOURCE holds ${p.size}: root is over the soft pipe limit now, ` +
    `so runc init's pipes are shrunk (${p.limits})`,
  'hang.canaryShrunkFix':
    'sysctl -w fs.pipe-user-pages-soft=0 (or raise it; persist in /etc/sysctl.d) — it helps new pipes only; ' +
    'a runc ≥ rc94 does not care',
  'hang.canary': (p: { size: string; limits: string }) =>
    `a new pipe of root without CAP_SYS_RESOURCE holds ${p.size} (${p.limits})`,
  'hang.unknownSize': 'an unknown size',
  'hang.lookForStuck': 'look for stuck runc processes: devbox cluster ps',
  'hang.kubeletLogged': (p: { line: string }) => `kubelet logged in the last 15 min: ${p.line}`,
  'hang.runcAt': (p: { version: string; pkg: string; path: string }) =>
    `runc ${p.version}${p.pkg ? ` (package ${p.pkg})` : ''} at ${p.path}`,
  'hang.belowFloor': (p: { what: string; reason: string; distro: boolean; fixed: string }) =>
    `${p.what} is below the safety floor: ${p.reason}` +
    (p.distro ? ' (a distro build may have backported fixes; the floor judges the upstream number)' : '') +
    (p.fixed ? `; ${p.fixed}` : ''),
  'hang.unaffected': (p: { upstream: string }) =>
    `runc ${p.upstream} does not have the rc93 pipe hang (introduced in rc93 by runc#2750, fixed in rc94 by runc#2871)`,
  'hang.upstreamRc93':
    'upstream runc 1.0.0-rc93: runc init can block forever writing the seccomp filter into a pipe shrunk by ' +
    'fs.pipe-user-pages-soft (runc#2828, fixed in rc94 by runc#2871)',
  'hang.unknownRevision': (p: { version: string; fixedFrom: string }) =>
    `a distro build of rc93 (${p.version}) whose package revision is unknown: Debian's carries the fix from ` +
    `${p.fixedFrom}; check its changelog for "Fix runc init stuck"`,
  'hang.laterRevision': 'a later revision',
  'hang.debianFixed': (p: { pkg: string; fixedFrom: string }) =>
    `Debian's ${p.pkg} carries the pipe fix (patch 0010, backport of runc#2871, from ${p.fixedFrom})`,
  'hang.debianUnfixed': (p: { pkg: string; fixedFrom: string }) =>
    `Debian's ${p.pkg} predates the pipe fix (carried from ${p.fixedFrom})`,

  // The hosts entries' own diagnosis (src/resources/hosts/entry.ts).
  'hosts.tlsNotChecked': 'not checked',
  'hosts.certificateValid': 'certificate valid',
  'hosts.tlsFailed': 'TLS check failed',
  'hosts.blockFix': 'fix the "# devbox:begin" / "# devbox:end" lines of the hosts file by hand',
  'hosts.inBlock': "devbox's block",
  'hosts.outsideBlock': "outside devbox's block",
  'hosts.unverified': (p: { name: string; address: string; where: string; line: number }) =>
    `${p.name} → ${p.address} (${p.where}, line ${p.line}); not verified (verifyTls: false)`,
  'hosts.valid': (p: { name: string; address: string; where: string; line: number; issuer: string; until: string }) =>
    `${p.name} → ${p.address} (${p.where}, line ${p.line}): certificate valid` +
    `${p.issuer ? `, issued by ${p.issuer}` : ''}${p.until ? `, until ${p.until}` : ''}`,
  'hosts.stale': (p: { name: string; address: string; where: string; line: number; why: string }) =>
    `${p.name} → ${p.address} (${p.where}, line ${p.line}) is stale: ${p.why}`,
  'hosts.pinAnotherFix': (p: { refresh: string }) =>
    `pin another address in the manifest or use address: auto, then ${p.refresh}`,
  'hosts.refreshFix': (p: { refresh: string }) => `refresh it: ${p.refresh}`,
  'hosts.fixLineFix': (p: { line: number; refresh: string }) =>
    `fix or remove line ${p.line} of the hosts file, then ${p.refresh}`,
  'hosts.duplicate': (p: { name: string; address: string; line: number; ours: number }) =>
    `${p.name} → ${p.address} (line ${p.line}) is a dead duplicate: Windows uses the first entry for a name, ` +
    `devbox's line ${p.ours}`,
  'hosts.duplicateFix': (p: { line: number }) =>
    `remove line ${p.line} of the hosts file (another tool's block may rewrite it)`,
  'hosts.noEntry': (p: { name: string; chosen: string }) =>
    `${p.name} has no hosts entry yet${p.chosen ? `; ${p.chosen} is verified and would be written` : ''}`,
} satisfies Record<string, string | ((params: never) => string)>;
