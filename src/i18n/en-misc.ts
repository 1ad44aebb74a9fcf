/**
 * English words that were still literal outside the catalogue: the Scoop export's refusal, the
 * internal guards, probe failures, the joining of several fixes, the meanings given to Windows tools'
 * failures, YAML syntax errors (by the yaml library's error code), oclif's `[env: …]` label. Part of
 * the English catalogue (en.ts).
 */
export const enMisc = {
  'backup.schemaRoot': '(root)',
  'backup.scoopNotJson': 'is not valid JSON',
  'backup.scoopRefused': (p: { at: string; problem: string }) => `${p.at}: ${p.problem} (refused: not restored)`,

  'manifest.cannotReadExtended': (p: { file: string; why: string; from: string }) =>
    `cannot read manifest ${p.file}: ${p.why}; fix the path (a relative path is resolved from the folder of ${p.from})`,
  // A manifest's layers and remote manifests (src/manifest/load.ts).
  'manifest.empty':
    'the manifest is empty: nothing to set up. Start from the built-in setup with a first line ' +
    '`extends: builtin:default`, or run `devbox init` to write a manifest',
  'manifest.extendsNotString': 'must be a path or https:// URL (a string), or a list of them',
  'manifest.extendsCycle': (p: { chain: string }) => `extends cycle: ${p.chain}. Remove one of these extends`,
  'manifest.extendsTooDeep': (p: { max: number }) =>
    `extends chain is deeper than ${p.max} manifests: flatten some of them into one file`,
  'manifest.remoteNotPinned': (p: { file: string }) =>
    `remote manifest ${p.file} is not pinned: append #sha256=<sha256 of the file> to the URL, or pass --trust-remote`,
  'manifest.remoteCannotDownload': (p: { file: string; why: string }) => `cannot download manifest ${p.file}: ${p.why}`,
  'manifest.remoteTls':
    ": the server's TLS certificate is not trusted for this name. Check the host in the URL; " +
    'behind a TLS-inspecting proxy, add its CA with --ca-bundle FILE or DEVBOX_CA_BUNDLE',
  'manifest.remotePinMismatch': (p: { file: string; pin: string; actual: string }) =>
    `remote manifest ${p.file} does not match its pin: expected sha256 ${p.pin}, got ${p.actual}. ` +
    'The file changed; review it and update the pin',
  'manifest.remoteUnpinned': (p: { file: string; actual: string }) =>
    `remote manifest ${p.file} is trusted without a pin (sha256 ${p.actual}); pin it with #sha256=${p.actual}`,
  'manifest.remoteNotUtf8': (p: { file: string }) => `remote manifest ${p.file} is not UTF-8 text: save it as UTF-8`,

  // oclif's help label of a flag read from an environment variable (src/cli/help.ts).
  'help.env': (p: { name: string }) => `[env: ${p.name}]`,
  'help.defaultAndEnv': (p: { value: string; name: string }) => `[default: ${p.value}, env: ${p.name}]`,

  // A list of several items in one sentence (fixes, failures).
  'list.separator': '; ',

  // Why Scoop judges an app's install failed (Scoop's `installed`/`failed`, src/resources/scoop/facts.ts).
  'scoop.failedNoInstallJson': (p: { app: string }) => `no version folder of ${p.app} has an install.json`,
  'scoop.failedNoCurrent': (p: { app: string }) => `apps\\${p.app} has no "current"`,
  'scoop.failedFileMissing': (p: { file: string }) => `${p.file} is missing`,
  'scoop.failedFileNotJson': (p: { file: string }) => `${p.file} is not valid JSON`,
  'scoop.failedNoVersion': (p: { file: string }) => `${p.file} has no version`,

  // Guards of resources that need Windows or the network (a plane without them never reaches these).
  'guard.scoopWindowsOnly': 'Scoop can only be checked on Windows',
  'guard.scoopWindowsOnlyChange': 'Scoop can only be changed on Windows',
  'guard.hostsWindowsOnly': 'the hosts file can only be checked on Windows',
  'guard.hostsWindowsOnlyChange': 'the hosts file can only be changed on Windows',
  'guard.windowsOnly': 'Windows resources can only be checked on Windows',
  'guard.noNetSmallFiles': 'this run has no network access for small files',
  'guard.noNetScoop': 'this run has no network access to fetch the Scoop installer',
  'guard.noNetWsl': 'this run has no network access to fetch the WSL installer',
  'guard.noNetImage': 'this run has no network access to fetch the distribution image',

  // Probe failures.
  'probe.cannotListSysctl': (p: { detail: string }) => `cannot list the sysctl files: ${p.detail}`,
  'probe.cannotWrite': (p: { path: string; detail: string }) => `cannot write ${p.path}: ${p.detail}`,
  'probe.cannotSet': (p: { key: string; detail: string }) => `cannot set ${p.key}: ${p.detail}`,
  'probe.cannotRead': (p: { what: string; detail: string }) => `cannot read ${p.what}: ${p.detail}`,
  'probe.exit': (p: { code: number | null }) => `exit ${p.code}`,
  'probe.aptSources': 'the apt source files',
  'probe.dpkgArch': 'the dpkg architecture',
  'probe.noResult': (p: { what: string }) => `the Windows probe returned no result for ${p.what}`,
  'probe.cannotReadWindows': (p: { what: string; error: string }) => `cannot read ${p.what} on Windows: ${p.error}`,
  'probe.unexpected': (p: { what: string }) => `the Windows probe answered ${p.what} with an unexpected result`,
  'probe.windowsVersion': (p: { error: string }) => `cannot read Windows' version: ${p.error}`,
  'probe.noAnswer': 'no answer',

  // What a failed Windows tool meant to do (before "exited with code").
  'tool.dismFeature': 'cannot enable the Windows feature',
  'tool.regSet': (p: { value: string }) => `cannot set ${p.value}`,
  'tool.netshAdd': (p: { address: string; adapter: string }) => `cannot add ${p.address} to "${p.adapter}"`,
  'tool.schtasksCreate': (p: { name: string }) => `cannot create the scheduled task ${p.name}`,
  'tool.wslListRunning': 'cannot list the running WSL distributions',
  'tool.wslList': 'cannot list the WSL distributions',
  'tool.wslStop': 'cannot stop WSL',
  'tool.wslDefaultVersion': (p: { version: number }) => `cannot make WSL ${p.version} the default`,
  'tool.wslConvert': (p: { name: string; version: number }) => `cannot convert ${p.name} to WSL ${p.version}`,
  'tool.wslInstall': (p: { name: string }) => `cannot install ${p.name}`,
  'tool.wslImport': (p: { name: string; file: string }) => `cannot import ${p.name} from ${p.file}`,
  'tool.wslUpdate': 'cannot install or update the WSL package',
  'tool.wslStart': (p: { name: string }) => `cannot start ${p.name}`,
  'tool.wslFailed': 'wsl.exe failed',
  'tool.wslExitCode': (p: { code: number | null }) => `exit code ${p.code}`,
  'probe.what.drives': 'the drives',
  'probe.what.adapters': 'the network adapters',
  'probe.what.os': "Windows' version",
  'probe.what.task': (p: { name: string }) => `the scheduled task ${p.name}`,
  'probe.what.featureState': (p: { name: string }) => `the state of ${p.name}`,
  'probe.what.service': (p: { name: string }) => `the service ${p.name}`,
  'probe.what.wslVersion': 'the WSL package version',
  'probe.what.vmProcess': 'the WSL VM process',
  'probe.what.aFile': 'a file',
  'probe.what.distros': "WSL's registered distributions",
  'probe.what.restartPending': 'whether a restart is pending',
  // The place and path columns of a manifest problem that has no line, or is about the whole file.
  'manifest.wholeManifest': '(manifest)',
  'manifest.rootPath': '(root)',
} satisfies Record<string, string | ((params: never) => string)>;
