/**
 * The English messages of `devbox init` (src/app/init*.ts, src/ui/init-wizard.ts): its errors,
 * the wizard's questions and what it says while measuring. Part of the English catalogue (en.ts);
 * the help and the comments written into manifests stay in src/ui/init-text.ts (see there why).
 */
export const enInit = {
  // Errors.
  'init.noTerminal': (p: { flags: string }) =>
    'devbox init asks its questions at a terminal, and this is not one (or --json was given). ' +
    `Give the answers as flags: ${p.flags} (or --yes for the defaults), ` +
    'or export a machine with --from-machine.',
  'init.answersWithSource':
    'Answer flags (--mirror, --apps, …) make a new manifest: not with --from-machine or --from-scoop-export.',
  'init.notAFixedIp': (p: { value: string }) =>
    `--fixed-ip ${p.value}: not an IPv4 address with a prefix such as 192.168.50.2/24 (or "none").`,
  'init.hostIpWithoutFixedIp': '--host-ip goes with --fixed-ip.',
  'init.subnetOverlap': (p: { subnet: string; adapter: string; address: string }) =>
    `${p.subnet} overlaps the adapter "${p.adapter}" (${p.address}): WSL would silently pick another range. ` +
    'Choose a subnet no adapter uses, such as 192.168.50.0/24 or 172.30.0.0/24.',
  'init.badApp': (p: { app: string }) =>
    `"${p.app}" is not a Scoop app name (letters, digits, ".", "_", "+", "-"; BUCKET/APP for a bucket).`,
  'init.badBucket': (p: { bucket: string; known: string }) =>
    `"${p.bucket}" is not a bucket devbox knows by name (${p.known}); add it to scoop.buckets with its URL.`,
  'init.badMirror': (p: { value: string }) =>
    `--mirror ${p.value}: a known mirror (tuna, aliyun, ustc, 163, huawei, official), an http(s) URL, or auto.`,
  'init.sameRoots': 'The Scoop folder for global apps must differ from the one for user apps.',
  'init.notWindowsPath': (p: { value: string }) =>
    `${p.value} is not an absolute Windows folder such as D:\\Scoop\\Apps.`,
  'init.exists': (p: { file: string }) => `${p.file} exists; devbox does not replace it.`,
  'init.existsHint': 'Pass --force to replace it, or choose another file.',
  'init.isFolder': (p: { file: string }) => `${p.file} is a folder; -o takes the manifest file to write.`,
  'init.notAFile': (p: { file: string }) =>
    `${p.file} is not a regular file (a device, pipe or socket), which devbox never replaces, --force or not; ` +
    '-o takes the manifest file to write.',
  'init.cannotWrite': (p: { file: string; code: string }) => `${p.file} cannot be written (${p.code}).`,
  'init.outputHint': 'Name a file in a folder you can write with -o, such as -o devbox.yaml.',
  'init.wrote': (p: { file: string }) =>
    `Wrote ${p.file}. Check it with \`devbox manifest validate -m ${p.file}\`, then \`devbox plan -m ${p.file}\`.`,

  // Measuring mirrors and resolvers: figures and failures shown beside each choice.
  'init.answeredIn': (p: { ms: number }) => `answered in ${p.ms} ms`,
  'init.firstByte': (p: { ms: number }) => `first byte ${p.ms} ms`,
  'init.notInRelease': 'not an InRelease file',
  'init.failed': 'failed',

  // The wizard.
  'init.welcome': 'devbox init: a few questions, then a commented manifest. Ctrl-C stops without writing anything.',
  'init.measuringMirrors': 'Measuring the apt mirrors from this machine…',
  'init.measuringResolvers': 'Measuring the DoH resolvers from this machine…',
  'init.badClusterName': 'lowercase letters, digits and "-", at most 50 characters',
  'init.askMirror': 'apt mirror for the distro (fastest first)',
  'init.choice': (p: { name: string; figure: string }) => `${p.name}  (${p.figure})`,
  'init.choiceFailed': (p: { name: string; error: string }) => `${p.name}  (failed: ${p.error})`,
  'init.mirrorAuto': 'auto: measure again at every `devbox up`',
  'init.askResolver': 'DoH resolver for the hosts entries (fastest first)',
  'init.resolverDefaults': "devbox's defaults (AliDNS, DNSPod, 360)",
  'init.askDrive': 'Drive for Scoop and its apps',
  'init.driveChoice': (p: { letter: string; freeGiB: string; label: string }) =>
    `${p.letter}  ${p.freeGiB} GiB free${p.label ? `  ${p.label}` : ''}`,
  'init.driveSystem': 'system drive',
  'init.askScoopRoot': 'Folder for Scoop and your apps (SCOOP)',
  'init.askScoopGlobal': 'Folder for global apps (SCOOP_GLOBAL)',
  'init.askApps': 'Apps to install with Scoop (space selects, enter confirms)',
  'init.askMoreApps': 'More apps (comma-separated, BUCKET/APP for a bucket; empty for none)',
  'init.askFixedIp': 'A fixed IP for the distro (address/prefix; empty for none)',
  'init.askCluster': 'A local Kubernetes cluster (kind) in the distro?',
  'init.askClusterName': 'Cluster name',
  'init.askCni': 'Network plugin (CNI)',
  'init.askOutput': 'Write the manifest to',
  'init.askOverwrite': (p: { file: string }) => `${p.file} exists. Replace it?`,
} satisfies Record<string, string | ((params: never) => string)>;
