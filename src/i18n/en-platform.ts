/**
 * The English texts of oclif's parse errors and help labels (src/cli/parse-errors.ts, src/cli/help.ts:
 * used for other languages; in English oclif's own text is printed, which these follow) and of
 * the errors raised inside src/platform and src/net. Part of the English catalogue (en.ts).
 */
const englishPlural = new Intl.PluralRules('en');
const s = (n: number) => (englishPlural.select(n) === 'one' ? '' : 's');

export const enPlatform = {
  // oclif's parse errors (@oclif/core lib/parser/errors.js and validate.js).
  // An empty or blank item of a list-valued flag (src/cli/list-flags.ts).
  'cli.listItemEmpty': (p: { flag: string; position: number; count: number }) =>
    `${p.flag}: item ${p.position} of ${p.count} is empty.`,
  'cli.listItemBlank': (p: { flag: string; position: number; count: number }) =>
    `${p.flag}: item ${p.position} of ${p.count} is only spaces.`,
  'cli.listItemFixDelimited': (p: { flag: string; delimiter: string }) =>
    `Give ${p.flag} names separated by "${p.delimiter}" with nothing empty between them ` +
    `(no doubled or trailing "${p.delimiter}"), or leave the flag out.`,
  'cli.listItemFixRepeated': (p: { flag: string }) =>
    `Give each ${p.flag} a value, or leave that ${p.flag} out (an unset shell variable gives an empty one).`,
  'cli.flagNotOneOf': (p: { given: string; options: string }) => `Expected ${p.given} to be one of: ${p.options}`,
  'cli.argNotOneOf': (p: { given: string; options: string }) => `Expected ${p.given} to be one of: ${p.options}`,
  'cli.flagNotInteger': (p: { given: string; range: string }) =>
    `Expected ${p.given} to be an integer${p.range ? ` in ${p.range}` : ''}`,
  'cli.unexpectedArgs': (p: { count: number; args: string }) => `Unexpected argument${s(p.count)}: ${p.args}`,
  'cli.missingArgs': (p: { count: number; args: string }) => `Missing ${p.count} required arg${s(p.count)}: ${p.args}`,
  'cli.missingFlag': (p: { flag: string }) => `Missing required flag ${p.flag}`,
  'cli.exclusiveFlags': (p: { flag: string; other: string }) =>
    `${p.other} cannot also be provided when using ${p.flag}`,
  'cli.flagErrors': (p: { count: number; reasons: string }) =>
    `The following error${s(p.count)} occurred:\n  ${p.reasons}`,
  // oclif's help labels (@oclif/core lib/help/command.js).
  'help.default': (p: { value: string }) => `[default: ${p.value}]`,
  'help.required': '(required)',
  'help.options': (p: { options: string }) => `<options: ${p.options}>`,

  // The state folder and the run lock (src/platform/state.ts).
  'state.unwritable': (p: { path: string; why: string }) =>
    `devbox cannot write its state folder: ${p.path} (${p.why}).`,
  'state.unwritableFix':
    'Make the folder writable, or point DEVBOX_STATE_DIR at a folder you can write ' +
    '(devbox keeps its journal and run lock there).',
  'state.locked': (p: { pid: number }) => `Another devbox run (pid ${p.pid}) is changing this machine.`,
  'state.lockedFix': (p: { path: string }) => `Wait for it to finish. If no devbox is running, remove ${p.path}.`,

  // Starting programs and reaching the guest (src/platform/process.ts, src/platform/guest, runtime.ts).
  'platform.notOnPath': (p: { file: string }) => `${p.file} was not found on PATH`,
  'platform.cannotStart': (p: { file: string; error: string }) => `${p.file} could not be started: ${p.error}`,
  'platform.cannotReach': (p: { guest: string; error: string }) => `Cannot reach ${p.guest}: ${p.error}.`,
  'platform.cannotRun': (p: { guest: string; file: string; exit: string }) =>
    `Cannot run commands in ${p.guest} (${p.file} exited with ${p.exit}).`,
  'platform.runAsRoot': 'Run devbox as root (sudo).',
  'platform.rootOnWindows':
    '--root applies to the guest plane on Linux; on Windows devbox reaches the distro through wsl.exe.',
  'platform.rootMissing': 'does not exist',
  'platform.rootNotDir': 'not a directory',
  'platform.rootNoBash':
    'has no bin/bash, so it is not a root filesystem devbox can enter (e.g. one made by debootstrap)',
  'platform.badRoot': (p: { root: string; why: string }) =>
    `--root ${p.root}: ${p.why}. It must be the directory of a root filesystem (the one chroot would enter).`,

  // Windows (src/platform/windows).
  'windows.toolMissing': (p: { tool: string; error: string }) =>
    `${p.tool} is not available on this Windows: ${p.error}.`,
  'windows.enableWslFirst': 'Enable WSL first (devbox up does it with the wsl.features step), then restart Windows.',
  'windows.powershellMissing': (p: { error: string }) =>
    `Windows PowerShell (powershell.exe) could not be started: ${p.error}.`,
  'windows.dismNotElevated': 'dism.exe needs administrator rights to enable Windows features, and did not get them.',
  'windows.dismNotElevatedFix': 'Run devbox from an elevated terminal, or accept the UAC prompt when devbox asks.',
  'windows.needsAdmin': (p: { steps: string }) => `devbox needs administrator rights for: ${p.steps}`,
  'windows.uacDeclined': (p: { what: string }) =>
    `${p.what}; the Windows UAC prompt was declined, so nothing was changed.`,
  'windows.uacDeclinedFix':
    'Run `devbox up` again and accept the prompt, or run it from a terminal opened with "Run as administrator".',
  'windows.uacSkip': (p: { steps: string }) => `Or leave those steps out: --skip ${p.steps}`,
  'windows.helperNotStarted': (p: { what: string; why: string }) =>
    `${p.what}, but the elevated helper could not be started (${p.why}); nothing was changed.`,
  'windows.helperNoAnswer': 'no answer',
  'windows.helperNotConnected': 'The elevated devbox helper was started but did not connect; nothing was changed.',
  'windows.resumeTooLong': (p: { length: number; max: number }) =>
    `devbox cannot register its resume command: it is ${p.length} characters long and Windows runs RunOnce ` +
    `commands of at most ${p.max}.`,
  'windows.resumeByHand': 'After restarting, run `devbox up --resume` yourself.',
  'windows.restartRefused': (p: { exit: string; output: string }) =>
    `Windows refused to schedule a restart (shutdown.exe exit code ${p.exit}): ${p.output}`,
  'windows.restartByHand': 'Restart Windows yourself; devbox continues after you log in.',
  'windows.scriptFailed': (p: { name: string; detail: string }) =>
    `devbox's PowerShell step ${p.name}.ps1 failed: ${p.detail}`,
  'platform.agentFailed': (p: { guest: string; error: string }) => `The devbox agent in ${p.guest} failed: ${p.error}`,
  'platform.agentTimedOut': 'timed out',
  'platform.agentStopped': (p: { exit: string }) => `stopped (exit ${p.exit})`,
  'platform.agentIncomplete': (p: { guest: string; why: string; at: number; of: number }) =>
    `The devbox agent in ${p.guest} ${p.why} at operation ${p.at} of ${p.of}.`,
  'platform.commandKilled': (p: { command: string }) => `${p.command} was killed`,
  'platform.commandExited': (p: { command: string; code: number }) => `${p.command} exited with code ${p.code}`,

  // Network (src/platform/net.ts, src/net).
  'net.caBundleFlagUnreadable': (p: { file: string; error: string }) =>
    `Cannot read the CA bundle ${p.file} (--ca-bundle or DEVBOX_CA_BUNDLE): ${p.error}`,
  'net.noPem': 'The CA bundle holds no PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----).',
  'net.proxyNotUrl': (p: { value: string }) => `The proxy "${p.value}" is not a URL: write it as http://HOST:PORT.`,
  'net.proxyScheme': (p: { value: string; scheme: string }) =>
    `The proxy "${p.value}" has an unsupported scheme ${p.scheme} (use http://, https:// or socks5://).`,
  'net.notResolver': (p: { spec: string }) =>
    `"${p.spec}" is not a DoH resolver URL (e.g. https://dns.alidns.com/dns-query).`,
  'net.resolverNotHttps': (p: { spec: string }) => `${p.spec}: a DoH resolver must be an https:// URL.`,
  'net.resolverFormat': (p: { spec: string }) => `${p.spec}: the format after # must be json or wire.`,
  'net.notHostName': (p: { name: string }) => `"${p.name}" is not a host name.`,
  'net.redirectLoop': (p: { chain: string }) => `redirect loop: ${p.chain}`,
  'net.tooManyRedirects': (p: { max: number; chain: string }) => `more than ${p.max} redirects: ${p.chain} → ...`,
  'net.insecureRedirect': (p: { target: string }) => `refusing a redirect from https to ${p.target}`,
  'net.allFailed': (p: { what: string; count: number; failures: string }) =>
    `could not download ${p.what} from any of its ${p.count} sources:\n${p.failures}`,
  'net.allFailedFix': 'Check the network or proxy (HTTPS_PROXY), or add a mirror that serves the same file.',
  // A checksum mismatch's hint, by where the expected hash came from (src/net/errors.ts, checksumHint).
  'net.checksumFixManifest':
    'The server sent different bytes than the manifest pins: a wrong pin, a changed file, or a tampering mirror. ' +
    'Check the sha256 in the manifest against the publisher.',
  'net.checksumFixFlag':
    'The server sent different bytes than --sha256 expects: a mistyped hash, a changed file, or a tampering ' +
    'mirror. Check the value given to --sha256 against the publisher.',
  'net.checksumFixPublisher':
    "The server sent different bytes than the publisher's checksum file lists: a broken or tampering mirror, " +
    'or a release changed after publication. Check the file, then pin its sha256 in the manifest.',
  'net.tlsFix':
    'If a proxy or antivirus inspects TLS, add its CA certificate with --ca-bundle FILE or DEVBOX_CA_BUNDLE ' +
    '(verification is never turned off).',
  'net.redirectsFix':
    'The server (or a captive portal) redirects in circles: try another mirror, or sign in to the network first.',
  'net.retryFix': 'The connection keeps failing: retry later, use another mirror, or set HTTPS_PROXY.',
  // How one source failed (src/net/errors.ts, src/net/download).
  'net.httpStatus': (p: { status: number; redirectedTo: string }) =>
    `answered HTTP ${p.status}${p.redirectedTo ? ` (redirected to ${p.redirectedTo})` : ''}`,
  'net.tlsFailed': (p: { why: string; code: string; detail: string }) =>
    `TLS verification failed: ${p.why} (${p.code}: ${p.detail})`,
  'net.timedOut': (p: { code: string }) => `timed out (${p.code})`,
  'net.noSuchHost': (p: { detail: string }) => `the host name does not resolve (${p.detail})`,
  'net.checksumMismatch': (p: { expected: string; actual: string; size: number; resumed: boolean }) =>
    `checksum mismatch: expected sha256 ${p.expected}, got ${p.actual} (${p.size} bytes` +
    `${p.resumed ? ', partly from an earlier interrupted run' : ''})`,
} satisfies Record<string, string | ((params: never) => string)>;
