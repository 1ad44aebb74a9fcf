/**
 * The English texts of the smaller commands: `config`, `manifest validate`/`show`, `self-update`,
 * `cluster ps` and `cluster debug kubelet` (src/commands, src/app/settings.ts, src/app/self-update.ts,
 * src/resources/cluster/diagnose/chain.ts). Part of the English catalogue (en.ts).
 */
export const enCommands = {
  // devbox config (src/app/settings.ts, src/commands/config).
  'config.languageUnset': 'from LC_ALL / LANG (Windows: the display language); --lang wins',
  'config.languageSummary': "The language of devbox's messages.",
  'config.manifestSummary':
    'The manifest used when -m is not given: a file (stored as an absolute path), an https:// URL, or builtin:default.',
  'config.colorSummary': 'Colour in text output: auto (at a terminal, unless NO_COLOR is set), always, never.',
  'config.mustBeOneOf': (p: { values: string }) => `must be one of ${p.values}`,
  'config.notSet': (p: { key: string; whenUnset: string }) => `${p.key} is not set: ${p.whenUnset}.`,
  'config.listNotSet': (p: { whenUnset: string }) => `(not set: ${p.whenUnset})`,
  'config.storedIn': (p: { file: string }) => `Stored in ${p.file} (DEVBOX_CONFIG_DIR changes the folder).`,
  'config.unset': (p: { key: string }) => `${p.key} unset.`,
  'config.fileError': (p: { path: string; problem: string }) => `devbox's settings file ${p.path} ${p.problem}.`,
  'config.fixByUnset':
    'Run `devbox config unset KEY` for the key named above, or `devbox config set KEY VALUE` with a valid value.',
  'config.fixByHand':
    'Fix the file by hand (it is JSON: {"language": "en"}), or move it away; devbox then starts with no settings.',
  'config.validKeys': (p: { keys: string }) => `Valid keys: ${p.keys} (devbox config list).`,
  'config.cannotRead': (p: { code: string }) => `cannot be read (${p.code})`,
  'config.notJson': (p: { error: string }) => `is not valid JSON (${p.error})`,
  'config.notObject': 'must hold a JSON object such as {"language": "en"}',
  'config.unknownKey': (p: { key: string; meant: string }) =>
    `has an unknown key "${p.key}"${p.meant ? ` (did you mean "${p.meant}"?)` : ''}`,
  'config.badValue': (p: { key: string; value: string; problem: string }) =>
    `has ${p.key}: ${p.value}, which ${p.problem}`,
  'config.notASetting': (p: { key: string; meant: string }) =>
    `"${p.key}" is not a setting.${p.meant ? ` Did you mean "${p.meant}"?` : ''}`,
  'config.settings': (p: { keys: string }) => `Settings: ${p.keys} (devbox config list).`,
  'config.badSettingValue': (p: { key: string; value: string; problem: string; meant: string }) =>
    `${p.key}: "${p.value}" ${p.problem}.${p.meant ? ` Did you mean "${p.meant}"?` : ''}`,
  'config.notValid': 'is not valid',
  'config.manifestMissing': (p: { path: string }) => `manifest: file not found: ${p.path}.`,
  'config.manifestNotFile': (p: { path: string; kind: string }) =>
    `manifest: ${p.path} is a ${p.kind}, not a manifest file.`,
  'config.manifestFix': 'Give an existing manifest file, an https:// URL or builtin:default.',
  'config.cannotWrite': (p: { path: string; code: string }) =>
    `devbox cannot write its settings file ${p.path} (${p.code}).`,
  'config.cannotWriteFix': 'Make the folder writable, or point DEVBOX_CONFIG_DIR at a folder you can write.',

  // devbox manifest validate / show.
  'manifestCmd.valid': (p: { files: string }) => `Valid: ${p.files}`,
  'manifestCmd.resolvedFrom': (p: { files: string }) => `# Resolved from: ${p.files}`,

  // devbox self-update (src/app/self-update.ts).
  'selfUpdate.newest': (p: { version: string }) => `devbox ${p.version} is the newest release.`,
  'selfUpdate.available': (p: { to: string; from: string }) =>
    `devbox ${p.to} is available (running ${p.from}); run devbox self-update to install it.`,
  'selfUpdate.updated': (p: { executable: string; from: string; to: string; sha256: string }) =>
    `Updated ${p.executable} from ${p.from} to ${p.to} (sha256 ${p.sha256}).`,
  'selfUpdate.noExecutable': (p: { platform: string }) =>
    `There is no devbox executable for ${p.platform}; install with npm instead.`,
  'selfUpdate.noMetadata': (p: { problems: string }) => `No release metadata could be read:\n  ${p.problems}`,
  'selfUpdate.noMetadataFix': 'Check the network or pass --proxy; name another release location with --base-url.',
  'selfUpdate.downgrade': (p: { offered: string; current: string }) =>
    `The release metadata names devbox ${p.offered}, older than the running ${p.current}; nothing was changed.`,
  'selfUpdate.downgradeFix':
    'A mirror may be stale: try again later, or pass --force to install the older release anyway.',
  'selfUpdate.fromNpm': 'This devbox runs from its npm package, which self-update does not replace.',
  'selfUpdate.fromNpmFix': 'Update it with: npm install -g devbox@latest',
  'selfUpdate.noAsset': (p: { version: string; asset: string }) => `Release ${p.version} has no ${p.asset}.`,
  'selfUpdate.mismatch': (p: { version: string; sha256: string; asset: string; pinned: string }) =>
    `Release ${p.version} lists sha256 ${p.sha256} for ${p.asset}, not the ${p.pinned} you pinned; ` +
    'nothing was changed.',
  'selfUpdate.skipped': (p: { url: string; message: string }) => `  skipped ${p.url}: ${p.message}`,
  'selfUpdate.broken': (p: { asset: string; version: string; answer: string }) =>
    `The downloaded ${p.asset} does not run as devbox ${p.version} (it answered: ${p.answer}); nothing was changed.`,

  // devbox cluster ps (src/resources/cluster/diagnose/chain.ts).
  'clusterPs.none': 'No containerd, kubelet or runc processes found.',
  'clusterPs.distro': 'the distro itself',
  'clusterPs.node': (p: { name: string }) => `node ${p.name}`,
  'clusterPs.initPid': (p: { pid: number }) => `init pid ${p.pid}`,
  'clusterPs.inside': (p: { pid: number }) => `(${p.pid} inside)`,
  'clusterPs.noContainerd': '(no containerd process)',
  'clusterPs.transientRunc': (p: { command: string }) => `(transient runc: ${p.command})`,
  'clusterPs.descendants': (p: { count: number }) => `+${p.count} process(es)`,
  'clusterPs.strayRunc': (p: { command: string }) => `(runc outside a shim: ${p.command})`,

  // devbox cluster debug kubelet (src/commands/cluster/debug/kubelet.ts).
  'clusterDebug.restored': (p: { node: string }) =>
    `kubelet in ${p.node} runs as before (drop-in removed, kubelet restarted).`,
  'clusterDebug.built': (p: { path: string; settings: string }) => `Built ${p.path}: ${p.settings}.`,
  'clusterDebug.settingsChecked': 'Go recorded -gcflags "all=-N -l" and no -s/-w',
  'clusterDebug.settingsUnchecked': 'build settings not checked (no go in the distro)',
  'clusterDebug.listening': (p: { node: string; address: string }) =>
    `kubelet in ${p.node} runs under Delve, listening on ${p.address} (from the distro).`,
  'clusterDebug.forward': (p: { command: string }) =>
    `From Windows, forward it first, e.g. in the distro: ${p.command}`,
  'clusterDebug.commandLine': (p: { command: string }) => `Command line: ${p.command}`,
  'clusterDebug.vscode': 'VS Code (.vscode/launch.json):',
  'clusterDebug.undo': (p: { command: string }) => `Undo: ${p.command}`,
} satisfies Record<string, string | ((params: never) => string)>;
