/**
 * The English text of the cluster's views and checks: the cluster block closing `devbox doctor` and
 * what `--fix runc-hang` did (src/resources/cluster/diagnose/render.ts), `cluster debug kubelet`'s
 * errors and IDE notes (src/app/cluster-debug.ts, src/resources/cluster/debug/), the runc safety
 * floor's reasons (src/resources/cluster/runc-floor.ts) and the manifest checks built on them
 * (checks.ts, runc-pin.ts). Part of the English catalogue (en.ts). Versions, paths, ids and what
 * the machine printed are passed in as they are.
 */
export const enClusterViews = {
  // The cluster block at the end of `devbox doctor` (diagnose/render.ts).
  'clusterView.heading': (p: { cluster: string }) => `Cluster${p.cluster ? ` ${p.cluster}` : ''}:`,
  'clusterView.pipes': (p: { soft: string; hard: string; canary: string }) =>
    `pipes: fs.pipe-user-pages-soft=${p.soft} fs.pipe-user-pages-hard=${p.hard}; ` +
    `canary (uid 0, no CAP_SYS_RESOURCE): ${p.canary}`,
  'clusterView.notMeasured': (p: { error: string }) => `not measured (${p.error})`,
  'clusterView.unknown': 'unknown',
  'clusterView.inits': (p: { stuck: number; created: number; other: number }) =>
    `runc inits: ${p.stuck} stuck on a pipe write, ${p.created} waiting on exec.fifo, ${p.other} other long sleeps`,
  'clusterView.nodesUnread': (p: { error: string }) => `nodes: not read (docker: ${p.error})`,
  'clusterView.noNodes': (p: { cluster: string }) => `nodes: none found for kind cluster ${p.cluster}`,
  'clusterView.node': (p: { name: string; ready: string; runc: string }) =>
    `node ${p.name}: Ready=${p.ready}; runc ${p.runc}`,
  'clusterView.nodeRunc': (p: { version: string; path: string; hang: string; floorOk: boolean }) =>
    `${p.version} at ${p.path}: hang ${p.hang}, floor ${p.floorOk ? 'ok' : 'below'}`,
  // runc-build.ts's verdict on the rc93 pipe hang, by name.
  'clusterView.hang.unaffected': 'unaffected',
  'clusterView.hang.signature': 'signature',
  'clusterView.hang.unknown': 'unknown',
  'clusterView.hang.fixed': 'fixed',
  'clusterView.cost': (p: { calls: number; execs: number; ms: number }) =>
    `cost: ${p.calls} guest-agent call, ${p.execs} docker exec(s), ${p.ms} ms`,
  // What `--fix runc-hang` did, one line per init.
  'clusterView.noneToEnd': 'No stuck runc init to end.',
  'clusterView.killed': (p: { pid: number }) => `runc init pid ${p.pid} ended (SIGKILL)`,
  'clusterView.gone': (p: { pid: number }) => `runc init pid ${p.pid} had already exited`,
  'clusterView.changed': (p: { pid: number }) => `runc init pid ${p.pid} is no longer the same stuck init: left alone`,
  'clusterView.failed': (p: { pid: number; detail: string }) =>
    `runc init pid ${p.pid} could not be ended${p.detail ? `: ${p.detail}` : ''}`,
  'clusterView.exit': (p: { code: number }) => `exit ${p.code}`,
  'clusterView.noResult': 'no result',
  'clusterView.notRun': 'not run',
  'clusterView.procUnreadable': (p: { error: string }) =>
    `Could not read the processes of the distro (/proc): ${p.error}`,
  'clusterView.procUnreadableFix': 'devbox needs perl (Debian/Ubuntu: perl-base) and root in the distro.',

  // `cluster debug kubelet` (src/app/cluster-debug.ts, debug/ops.ts, debug/kubelet.ts).
  'debug.binaryOrBuild': 'Give --binary or --build, not both.',
  'debug.badPort': (p: { port: number }) => `--port must be 1-65535, not ${p.port}.`,
  'debug.badNode': (p: { node: string }) => `"${p.node}" is not a container name.`,
  'debug.restoreFailed': (p: { node: string; error: string }) => `Could not restore kubelet in ${p.node}: ${p.error}`,
  'debug.unitUnreadable': (p: { node: string; error: string }) =>
    `Could not read kubelet's unit in node ${p.node}: ${p.error}`,
  'debug.checkNode': (p: { command: string }) => `Check the node's name: ${p.command}`,
  'debug.noDlv': (p: { path: string }) => `Delve (dlv) was not found in the distro${p.path ? ` at ${p.path}` : ''}.`,
  'debug.noDlvFix': 'apt-get install delve (Debian/Ubuntu), or pass --dlv PATH to a Delve binary.',
  'debug.noExecStart': (p: { node: string }) => `kubelet's unit in ${p.node} has no ExecStart.`,
  'debug.buildFailed': (p: { command: string; dir: string; error: string }) =>
    `${p.command} failed in ${p.dir}: ${p.error}`,
  'debug.buildLeftNothing': (p: { command: string; dir: string }) => `${p.command} in ${p.dir} left no kubelet.`,
  'debug.notDebugBuild': (p: { path: string; problems: string }) =>
    `${p.path} is not a debug build: ${p.problems}. Delve needs -gcflags "all=-N -l" and DWARF.`,
  'debug.notDebugBuildFix': "Check that the checkout's Makefile honours DBG=1 (kubernetes build/root/Makefile does).",
  'debug.optimised': 'optimisations are on (no -gcflags -N)',
  'debug.inlined': 'inlining is on (no -gcflags -l)',
  'debug.stripped': (p: { ldflags: string }) => `it is stripped (-ldflags ${p.ldflags})`,
  'debug.notListening': (p: { port: number; node: string; error: string }) =>
    `kubelet under Delve did not start listening on port ${p.port} in ${p.node}: ${p.error}`,
  'debug.restoreFix': (p: { command: string }) => `${p.command} puts the original kubelet back.`,
  'debug.golandDisconnect':
    '  On disconnect: Leave it running (kubelet keeps running; Delve was started with --accept-multiclient)',

  // The runc safety floor (runc-floor.ts): each release line's note, then the verdicts built on them.
  'runcFloor.line1.0': 'end of life; 1.0.0-rc93 has the runc init pipe hang (runc#2871)',
  'runcFloor.line1.1': 'end of life; 1.1.15 still has three High 2025 CVEs',
  'runcFloor.line1.2': 'unsupported upstream; CVE-2026-41579 (Low) is never fixed on this line',
  'runcFloor.line1.3': '1.3.0-1.3.5 can leave runc run/exec stuck (SIGCHLD race)',
  'runcFloor.line1.4': '1.4.0-1.4.1 share the SIGCHLD hang; 1.4.3 has every listed CVE fixed',
  'runcFloor.line1.5': '1.5.1 fixes 1.5.0 regressions (seccomp WAIT_KILLABLE_RECV, tmpfs nr_inodes)',
  'runcFloor.notVersion': (p: { version: string }) => `"${p.version}" is not a runc version`,
  'runcFloor.newer': (p: { line: string }) => `runc ${p.line} is newer than the safety table; assumed safe`,
  'runcFloor.endOfLife': (p: { line: string }) => `runc ${p.line} is end of life`,
  'runcFloor.rejected': (p: { line: string; note: string }) => `the runc ${p.line} line is rejected: ${p.note}`,
  'runcFloor.below': (p: { version: string; line: string; floor: string; note: string }) =>
    `runc ${p.version} is below the ${p.line} floor ${p.floor} (${p.note})`,
  'runcFloor.unsupported': (p: { line: string; note: string }) =>
    `runc ${p.line} is no longer supported upstream: ${p.note}`,
  'runcFloor.distroBuild': (p: { origin: string; name: string }) => `${p.origin} build ${p.name}`,
  'runcFloor.carries': (p: { fixes: string }) => `; it carries backported fixes for ${p.fixes}`,
  'runcFloor.hasHang': '; it has the runc init pipe hang (runc#2871)',
  'runcFloor.hangUnknown': '; its revision is unknown, so the rc93 pipe hang cannot be ruled out',
  'runcFloor.buildBelow': (p: { label: string; upstream: string; reason: string; carried: string; hang: string }) =>
    `${p.label} is built from runc ${p.upstream}: ${p.reason}${p.carried}, ` +
    `but no known backport brings it to the floor${p.hang}`,

  // The cluster's manifest checks (checks.ts) and a pin directory that cannot work (runc-pin.ts).
  'clusterCheck.kindUrlSha':
    'is required with kind.url: a file from your own URL has no published checksum devbox could trust; give its sha256',
  'clusterCheck.kindUnknown': (p: { version: string }) =>
    `has no checksum: ${p.version} is not one of the kind releases devbox knows; ` +
    'give kind.sha256 (the sha256 of kind-linux-amd64)',
  'clusterCheck.noImageDigest':
    'has no known default node image digest: set cluster.nodeImage to an image pinned with @sha256:',
  'clusterCheck.latest':
    'must not be :latest or untagged: name an exact Kubernetes version and pin it with @sha256:<digest>',
  'clusterCheck.unpinned':
    'must be pinned by digest (…@sha256:<64 hex>), or come from nodeImageArchive (pinned by its sha256)',
  'clusterCheck.archiveImage': 'is required with nodeImageArchive: name the image reference the archive holds',
  'clusterCheck.useFloor': (p: { floor: string }) => `${p.floor} or newer`,
  'clusterCheck.useLine': (p: { floors: string }) => `a supported line at or above its floor (${p.floors})`,
  'clusterCheck.unsafeRunc': (p: { reason: string; use: string }) =>
    `${p.reason}: use ${p.use} (or set allowUnsafe: true to accept the risk)`,
  'clusterCheck.unsafeAccepted': (p: { reason: string }) => `${p.reason}; accepted because allowUnsafe is true`,
  'clusterCheck.runcUrlSha': 'is required with runc.url: give the sha256 of the runc binary',
  'clusterCheck.pathAndVersion':
    'and runc.version both pin runc: keep one (path: your own directory; version: a download devbox verifies). ' +
    'A version set by the manifest you extend (builtin:default pins one) is dropped with `version: null`',
  'clusterCheck.pathIsFile':
    'looks like a file: give the DIRECTORY holding runc. A single-file bind mount over runc is refused: ' +
    'runc ≥ 1.2 re-executes itself through its directory and would silently run the file underneath',
  'clusterCheck.pinIsFile': (p: { where: string }) =>
    `${p.where} is a file. A single-file bind mount over runc is refused: runc ≥ 1.2 re-executes itself through ` +
    'an overlay of its directory and silently runs the file underneath as runc init. ' +
    'Give the directory that holds runc',
  'clusterCheck.pinMissing': (p: { where: string }) =>
    `${p.where} does not exist in the distro: create it with an executable runc inside, or fix the path`,
  'clusterCheck.pinEmpty': (p: { where: string }) => `${p.where} holds no executable file named runc`,
  'clusterCheck.runcNeedsNet': (p: { version: string }) =>
    `downloading runc ${p.version} needs network access from devbox`,
  'clusterCheck.runcChecksumNeedsNet': "this run cannot fetch runc's checksum file; set cluster.runc.sha256",
  'clusterCheck.runcChecksumMissing': (p: { version: string }) =>
    `runc's checksum file for ${p.version} names no runc.amd64`,
  'clusterCheck.runcInstallFailed': (p: { dir: string; error: string }) =>
    `cannot install runc into ${p.dir}: ${p.error}`,

  // The cluster's steps while they apply (cluster.ts, docker.ts, image.ts, cni/): the words around
  // the command that failed; the command and what it printed stay as they are.
  'clusterStep.failed': (p: { command: string; error: string }) => `${p.command} failed: ${p.error}`,
  'clusterStep.stepFailed': (p: { what: string; error: string }) => `${p.what}: ${p.error}`,
  'clusterStep.installing': (p: { what: string }) => `installing ${p.what}`,
  'clusterStep.writing': (p: { path: string }) => `writing ${p.path}`,
  'clusterStep.startingDocker': 'starting docker',
  'clusterStep.restartingDocker': 'restarting docker for daemon.json',
  'clusterStep.addingUser': (p: { user: string }) => `adding ${p.user} to the docker group`,
  'clusterStep.notReady': (p: { seconds: number; state: string }) => `not Ready within ${p.seconds} s: ${p.state}`,
  'clusterStep.clusterNotReady': (p: { name: string; seconds: number; state: string }) =>
    `kind cluster "${p.name}" is not Ready within ${p.seconds} s: ${p.state}`,
  'clusterStep.noAnswerYet': 'no answer yet',
  'clusterStep.noAnswer': 'no answer',
  'clusterStep.noNodes': 'no nodes registered',
  'clusterStep.createAborted': (p: { failure: string; logs: string; deleted: string }) =>
    `${p.failure}. ${p.logs} ${p.deleted}`,
  'clusterStep.logsKept': (p: { logs: string }) => `Logs: ${p.logs} (in the distro).`,
  'clusterStep.logsLost': (p: { error: string }) => `The logs could not be exported (${p.error}).`,
  'clusterStep.deleted': 'The half-made cluster was deleted.',
  'clusterStep.deleteFailed': (p: { error: string }) => `Deleting the half-made cluster failed too: ${p.error}`,
  'clusterStep.recreateQuestion': (p: { name: string; why: string }) =>
    `Recreate kind cluster "${p.name}" (${p.why})? Its nodes and everything in them are deleted.`,
  'clusterStep.recreateRefused': (p: { name: string; why: string }) =>
    `kind cluster "${p.name}" must be recreated (${p.why}), which deletes its nodes: not done without your agreement`,
  'clusterStep.recreateFix': 'run `devbox up --yes` (or answer yes) to recreate it',
  'clusterStep.archiveLacksImage': (p: { file: string; image: string }) =>
    `${p.file} does not hold ${p.image} (cluster.nodeImage)`,
  'clusterStep.probeFailed': (p: { error: string }) => `the cluster probe failed: ${p.error}`,
  'clusterStep.singleFileMounts': (p: { mounts: string }) =>
    `single-file bind mounts over runc found (${p.mounts}): ` +
    'devbox replaces them with a directory mount and containerd BinaryName',
  'clusterStep.restoredImage': (p: { image: string; id: string; backup: string }) =>
    `${p.image} is image ${p.id}…, restored from ${p.backup} (docker load keeps no repo digest): kind is given its id`,
  'clusterStep.notJsonObject': 'it is not a JSON object',
  'clusterStep.daemonJsonInvalid': (p: { file: string; why: string }) =>
    `${p.file} is not valid JSON (${p.why}): fix it by hand; devbox edits only valid files`,
  'clusterStep.exitCode': (p: { code: number }) => `exit code ${p.code}`,

  // The CNI (cni/): staging its file for the registry mirrors, the checks a dry run names, the kernel.
  'cni.staging': (p: { source: string; dir: string }) => `staging ${p.source} in ${p.dir}`,
  'cni.preparing': (p: { source: string }) => `preparing ${p.source} for the images' mirrors`,
  'cni.applying': (p: { source: string }) => `applying ${p.source}`,
  'cni.stepFailed': (p: { what: string; error: string }) => `${p.what} failed: ${p.error}`,
  'cni.checkSha256': (p: { file: string; sha256: string }) => `${p.file} has the pinned sha256 ${p.sha256}`,
  'cni.checkRegistryLine': (p: { file: string }) => `${p.file} names its registry in one known line`,
  'cni.badMirror': (p: { registry: string; image: string }) =>
    `the registry mirror for ${p.registry} gives the image name "${p.image}", which is not valid`,
  'cni.badMirrorFix': 'give cluster.registryMirrors endpoints as https://HOST[:PORT][/path] in lowercase',
  'cni.kernelLacks': (p: { cni: string; modules: string; kernel: string; loadable: boolean }) =>
    `${p.cni} needs ${p.modules} in the kernel, which ${p.kernel} lacks` +
    `${p.loadable ? '' : ' (it cannot load modules at all)'}. ` +
    'Run `wsl --update` (current WSL kernels build openvswitch and geneve as modules), ' +
    'or point `.wslconfig` [wsl2] kernel= at a kernel built with CONFIG_OPENVSWITCH and CONFIG_GENEVE, ' +
    'then `wsl --shutdown`.',
  'cni.and': ' and ',
} satisfies Record<string, string | ((params: never) => string)>;
