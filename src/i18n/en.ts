/**
 * The English catalogue: every message devbox prints that has been moved here (see README "Limits"
 * for those not yet). Keys are `area.what`; a message with values is a function of a typed
 * parameter object, so a caller cannot forget one. zh-CN.ts must have the same keys (a compile error
 * otherwise) and use the same parameters (i18n.test.ts).
 */

import { joinParts } from './join-parts.js';
import { enDetail } from './en-detail.js';
import { enDoctor } from './en-doctor.js';
import { enErrors } from './en-errors.js';
import { enErrorsCluster } from './en-errors-cluster.js';
import { enErrorsGuest } from './en-errors-guest.js';
import { enInit } from './en-init.js';
import { enNotes } from './en-notes.js';
import { enResources } from './en-resources.js';
import { enCommands } from './en-commands.js';
import { enBackup } from './en-backup.js';
import { enPlatform } from './en-platform.js';
import { enManifest } from './en-manifest.js';
import { enNetDownload } from './en-net-download.js';
import { enMisc } from './en-misc.js';
import { enYaml } from './en-yaml.js';
import { enSchemaRules } from './en-schema-rules.js';
import { enNetViews } from './en-net-views.js';
import { enClusterViews } from './en-cluster-views.js';

/** `1 resource`, `2 resources`: the plural category from Intl (CLDR's rules for English). */
const englishPlural = new Intl.PluralRules('en');
function count(n: number, one: string, other: string): string {
  return `${n} ${englishPlural.select(n) === 'one' ? one : other}`;
}

/** The messages not in a part of their own. */
export const enCore = {
  // Exit codes, published in every command's help.
  'exit.0': 'success',
  'exit.1': 'internal error (a bug in devbox: please report it)',
  'exit.2': 'usage error (unknown flag, bad argument)',
  'exit.3': 'the manifest is invalid',
  'exit.4':
    'a step failed to apply or did not converge (net resolve: no verified address; net rank: no working mirror)',
  'exit.5': 'drift found: the machine differs from the manifest',
  'exit.6': 'interrupted (signal, declined confirmation, or Windows must restart to go on)',
  'exit.7': 'a prerequisite is missing (not elevated, not root, WSL absent, ...)',

  // Section headers of --help (oclif's, and devbox's EXIT CODES).
  'help.USAGE': 'USAGE',
  'help.ARGUMENTS': 'ARGUMENTS',
  'help.FLAGS': 'FLAGS',
  'help.GLOBAL FLAGS': 'GLOBAL FLAGS',
  'help.DESCRIPTION': 'DESCRIPTION',
  'help.EXAMPLES': 'EXAMPLES',
  'help.FLAG DESCRIPTIONS': 'FLAG DESCRIPTIONS',
  'help.ALIASES': 'ALIASES',
  'help.VERSION': 'VERSION',
  'help.TOPICS': 'TOPICS',
  'help.COMMANDS': 'COMMANDS',
  'help.EXIT CODES': 'EXIT CODES',

  // The one error handler (src/ui/handle-error.ts) and the CLI shell (src/cli).
  'error.line': (p: { message: string }) => `Error: ${p.message}`,
  'error.internal': 'Internal error (a bug in devbox; please report it with the text below):',
  'error.seeHelp': 'See --help.',
  'error.seeCommandHelp': (p: { command: string }) => `See devbox ${p.command} --help.`,
  'cli.unknownFlag': (p: { flags: string }) => `Unknown flag: ${p.flags}.`,
  'cli.unknownFlags': (p: { flags: string }) => `Unknown flags: ${p.flags}.`,
  'cli.didYouMean': (p: { guess: string }) => ` Did you mean ${p.guess}?`,
  'cli.flagDidYouMean': (p: { flag: string; guess: string }) => ` ${p.flag}: did you mean ${p.guess}?`,
  'cli.unknownCommand': (p: { typed: string }) => `Unknown command "${p.typed}".`,
  'cli.didYouMeanCommand': (p: { guess: string }) => ` Did you mean "${p.guess}"?`,
  'cli.listCommands': 'devbox --help lists the commands.',
  'cli.flagBeforeCommand': (p: { flag: string }) =>
    `No command given: ${p.flag} is a flag, and flags follow the command (devbox plan ${p.flag} …).`,

  // Consent (src/app/consent.ts) and the questions asked through it.
  'consent.passYes': 'pass --yes to apply without asking',
  'consent.required': (p: { question: string }) =>
    `devbox would ask "${p.question}", but it is not running at a terminal (or --json was given): ` +
    `pass --yes to apply without asking.`,
  'consent.requiredFix': 'Run it from a terminal to answer, or add --yes.',
  'consent.applyChanges': (p: { count: number }) => `Apply ${p.count} change(s)?`,

  // Sessions: the command line as a whole (src/app/session.ts).
  'session.emptyRoot':
    '--root is empty: give the directory of a root filesystem, or leave --root out to act on this system.',
  'session.rootWithHostPlane':
    '--root DIR targets the guest plane only: drop --plane host (--root implies --plane guest).',
  'session.unmatched': (p: { patterns: string; ids: string }) =>
    `--only/--skip: ${p.patterns} matches no resource of this manifest. Valid ids:\n  ${p.ids}`,
  'session.unmatchedFix': 'Use an id above, its type (e.g. distro.apt), or a glob such as distro.*',

  // Manifests (src/manifest): the summary and the -m argument; each issue's own text is not here yet.
  'manifest.problems': (p: { count: number; issues: string }) =>
    `The manifest has ${count(p.count, 'problem', 'problems')}:\n${p.issues}`,
  'manifest.problemsFix': 'Fix each line above, then run `devbox manifest validate` again.',
  'manifest.fileNotFound': 'file not found',
  'manifest.isDirectory': 'it is a directory',
  'manifest.permissionDenied': 'permission denied',
  'manifest.unreadable': (p: { why: string; file: string }) => `${p.why}: ${p.file}`,
  'manifest.unreadableFix': 'Check the path given with -m/--manifest.',
  'manifest.emptyFlag':
    '-m/--manifest is empty: give a manifest file or https URL, or leave -m out for the built-in one.',
  'manifest.warning': 'warning: ',

  // The guest a run acts on (src/platform/guest), as plans and errors name it.
  'guest.local': 'the local system',
  'guest.chroot': (p: { root: string }) => `the root filesystem ${p.root} (chroot)`,
  'guest.wsl': (p: { distro: string }) => `the WSL distribution ${p.distro}`,
  'guest.needsRoot': (p: { guest: string }) => `Changing ${p.guest} needs root.`,
  'guest.needsRootFix': 'Run devbox with sudo, or as root inside the distro.',

  // devbox up (src/app/up.ts, src/commands/up.ts).
  'up.nothingToResume': 'There is no interrupted run to resume: the last `devbox up` finished (or none ran yet).',
  'up.nothingToResumeFix': 'Run `devbox up` without --resume.',
  'up.resumeCap': (p: { origin: string; attempts: number }) =>
    `The run ${p.origin} was already started ${p.attempts} times and did not finish; devbox stops resuming it ` +
    `so a failing step cannot loop.`,
  'up.resumeCapFix':
    'Look at the failed step in `devbox status`, fix its cause, then run `devbox up` (without --resume).',
  'up.rebootCap': (p: { waiting: string; attempt: number; cap: number; failures: string }) =>
    `${p.waiting} still waits for Windows to restart, and this run was already started ${p.attempt} times ` +
    `(the limit is ${p.cap}). devbox does not schedule another resume, so a step that never completes cannot ` +
    `restart the machine in a loop.${p.failures}`,
  'up.rebootCapFix':
    'Look at the step above (Windows Update or a BIOS virtualization setting are common causes), fix it, then run `devbox up`.',
  'up.restartByHand': (p: { waiting: string; failures: string }) =>
    `Restart the machine to finish: ${p.waiting}. Then run \`devbox up --resume\`.${p.failures}`,
  'up.restartScheduled': (p: { waiting: string; next: string; attempt: number; cap: number; failures: string }) =>
    `Windows must restart to finish: ${p.waiting}. ${p.next} After you log in again, devbox continues by itself ` +
    `(it registered \`devbox up --resume\` to run once at your next logon; attempt ${p.attempt} of at most ${p.cap}).` +
    p.failures,
  'up.restartScheduledFix': 'To continue by hand after restarting instead: devbox up --resume',
  'up.failuresList': (p: { steps: string }) => `\nThese steps failed:\n${p.steps}`,
  'up.restartIn': (p: { seconds: number }) =>
    `Windows restarts in ${p.seconds} seconds (\`shutdown /a\` cancels that).`,
  'up.restartNow': 'Restart Windows now.',
  'up.notConfirmed': 'Nothing was changed: the plan was not confirmed.',
  'up.interrupted': 'Interrupted: the remaining steps were not applied. Run `devbox up --resume` to continue.',
  'up.notConverged': (p: { count: number; steps: string }) => `${p.count} step(s) did not converge:\n${p.steps}`,
  'up.wouldFail': (p: { count: number; steps: string }) =>
    `${p.count} step(s) would fail (the dry run changed nothing):\n${p.steps}`,
  'up.wouldFailFix': (p: { plan: string; up: string }) =>
    `Fix the cause above (\`${p.plan}\` shows it too), then run \`${p.up}\`.`,
  'up.notConvergedFix': (p: { command: string }) =>
    `Fix the cause above and run \`${p.command}\` again (or \`devbox up --resume\`).`,
  'up.stopping': 'Stopping after the current step (press Ctrl-C again to quit now)...',
  'up.nothingToDo': 'Nothing to do: the machine is in the desired state.',

  // Network commands (src/app/net-*.ts).
  'net.noFileName': (p: { url: string }) => `${p.url} has no file name to save it as.`,
  'net.noFileNameFix': 'Name the output file with -o FILE.',
  'net.notUrl': (p: { url: string }) => `${p.url} is not a URL: give an http:// or https:// address.`,
  'net.notUrlFix': (p: { example: string }) => `e.g. ${p.example}`,
  'net.noMirror': (p: { failed: number }) => `No mirror worked: all ${p.failed} failed or served the wrong file.`,
  'net.noMirrorFix': 'Check the URLs and --path (and --sha256), or raise --budget on a slow network.',
  'net.notHttpUrl': (p: { url: string }) => `"${p.url}" is not an http(s) URL.`,
  'net.destIsFolder': (p: { path: string }) => `${p.path} is a folder: give the file to write with -o FILE.`,
  'net.destNotAFile': (p: { path: string }) =>
    `${p.path} is not a regular file (a device, pipe or socket), which a download never replaces: ` +
    'give the file to write with -o FILE.',
  'net.destUnderFile': (p: { path: string; file: string }) =>
    `${p.path} cannot be written: ${p.file} is a file, not a folder.`,
  'net.alreadyInPlace': (p: { what: string }) => `Already in place: ${p.what}`,
  'net.fromCache': (p: { what: string }) => `From the cache: ${p.what}`,
  'net.saved': (p: { what: string; url: string; seconds: string; rate: string; resumed: string }) =>
    `Saved ${p.what}\n  from ${p.url} in ${p.seconds}s${p.rate ? ` (${p.rate})` : ''}` +
    `${p.resumed ? `, resumed from ${p.resumed}` : ''}`,
  'net.gaveUp': (p: { count: number }) => `gave up after ${p.count} attempts`,
  'settings.manifestEmpty': 'must not be empty: give a file path, an https:// URL or builtin:default',
  'settings.manifestControl': 'must not contain control characters',
  'settings.manifestHttp': 'must be an https:// URL: devbox never fetches a manifest over http',
  'net.notSha256': (p: { value: string }) => `"${p.value}" is not a sha256: it must be 64 hexadecimal digits.`,
  'net.noVerifiedAddress': (p: { name: string; rejected: number }) =>
    `No address of ${p.name} passed the TLS check (${p.rejected} rejected): none is fit for the hosts file.`,
  'net.noVerifiedAddressFix':
    'Try other resolvers (--resolver), or reach the name through a proxy (--proxy) when it is blocked by SNI filtering.',
  'net.caBundleUnreadable': (p: { file: string; reason: string }) => `Cannot read the CA bundle ${p.file}: ${p.reason}`,
  'net.caBundleUnreadableFix': 'Pass a PEM file with --ca-bundle FILE or DEVBOX_CA_BUNDLE.',
  'net.caBundleNotPem': (p: { file: string; marker: string }) =>
    `The CA bundle ${p.file} holds no PEM certificate (no "${p.marker}" line).`,
  // The task list of `devbox up` and its live progress (src/ui/step-text.ts); values come formatted.
  'task.running': (p: { elapsed: string }) => `running ${p.elapsed}`,
  'task.changed': 'changed',
  'task.wouldChange': 'would change',
  'task.unchanged': 'already in desired state',
  'task.failed': 'failed',
  // The engine's reason already says it was not applied (run.dependencyFailed, run.waitsForRestart).
  'task.blocked': (p: { why: string }) => p.why || 'not applied',
  'task.interrupted': 'not applied (interrupted)',
  'task.skipped': (p: { why: string }) => `skipped (${p.why})`,
  'task.reboot': 'changed; completes when Windows restarts',
  'task.transfer': (p: { done: string; total: string; percent: number }) => `${p.done} / ${p.total} (${p.percent}%)`,
  'task.eta': (p: { left: string }) => `ETA ${p.left}`,
  'task.aptDownloading': 'apt: downloading',
  'task.aptInstalling': 'apt: installing',
  'task.outputTailPart': (p: { step: string; command: string; shown: number; total: number }) =>
    `${p.step}: last ${p.shown} of ${p.total} lines of the output of ${p.command}:`,
  'task.outputTail': (p: { step: string; command: string }) => `${p.step}: output of ${p.command}:`,

  // The run log (src/ui/run-log.ts, src/cli/base.ts): its path, and the labels of its entries.
  'log.written': (p: { path: string }) => `The log of this run: ${p.path}`,
  'log.unwritable': (p: { folder: string; why: string }) =>
    `Note: devbox cannot write its run log under ${p.folder} (${p.why}); carrying on without one.`,
  'log.header': 'devbox run log',
  'log.argv': 'command',
  'log.cwd': 'folder',
  'log.version': 'devbox',
  'log.plan': 'plan',
  'log.start': 'start',
  'log.end': 'end',
  'log.detail': 'detail',
  'log.exit': 'exit code',

  // Plans, run reports and findings (src/ui/render.ts).
  'render.skipped': (p: { reason: string }) => `skipped: ${p.reason}`,
  'render.skippedGroup': (p: { reason: string; types: string }) => `  skipped, ${p.reason}: ${p.types}`,
  'render.note': (p: { note: string }) => `note: ${p.note}`,
  'render.inDesiredState': (p: { checked: number }) => `In desired state: ${p.checked} resource(s) checked, no drift.`,
  'render.driftFound': (p: { guest: string }) => `Drift found on ${p.guest}:`,
  'render.planTitle': 'Plan',
  'render.dryRunTitle': 'Dry run',
  'render.planFor': (p: { title: string; guest: string }) => `${p.title} for ${p.guest}:`,
  'render.planCounts': (p: {
    create: number;
    update: number;
    remove: number;
    pending: number;
    noop: number;
    skip: number;
    error: number;
  }) =>
    `${p.create} to create, ${p.update} to update, ${p.remove} to remove, ${p.pending} to check after their ` +
    `dependencies, ${p.noop} in desired state, ${p.skip} skipped` +
    `${p.error ? `, ${p.error} with a problem (could not be checked, or cannot be applied)` : ''}.`,
  'render.wouldChange': 'would change',
  'render.changed': 'changed',
  'render.unchanged': 'already in desired state',
  'render.failed': (p: { error: string }) => `FAILED: ${p.error}`,
  'render.blocked': (p: { error: string }) => `not applied (${p.error})`,
  'render.dependencyFailed': 'dependency failed',
  'render.interrupted': 'not applied (interrupted)',
  'render.skippedOutcome': 'skipped',
  'render.rebootRequired': 'changed; completes when Windows restarts',
  'render.duration': (p: { ms: number }) => ` (${p.ms} ms)`,
  'render.dryRunSummary': (p: { applied: number; failed: number }) =>
    `Dry run: would change ${p.applied}${p.failed ? `, ${p.failed} would fail` : ''}; nothing was changed.`,
  'render.done': (p: { applied: number }) => `Done: ${p.applied} changed.`,
  'render.partly': (p: { applied: number; failed: number; waiting: number; reboot: boolean }) =>
    `${p.applied} changed, ${p.failed} failed${p.reboot ? `, ${p.waiting} waiting for Windows to restart` : ''}.`,
  'render.nothingWritten': 'Dry run: nothing would be written.',
  'render.dryRunWould': 'Dry run: devbox would',
  'render.would': (p: { what: string; notRun: boolean }) => `  would ${p.what}${p.notRun ? ' — not run' : ''}`,
  'render.nothingToReport': (p: { checked: number }) =>
    `Nothing to report: ${p.checked} resource(s) checked, all in their desired state.`,
  'render.fix': (p: { fix: string }) => `    fix: ${p.fix}`,
  'render.problems': (p: { count: number }) => `${p.count} problem(s) found.`,
  'render.noProblems': 'No problems found.',
} satisfies Record<string, string | ((params: never) => string)>;

export const en = joinParts(
  enCore,
  enInit,
  enDoctor,
  enResources,
  enNotes,
  enErrors,
  enDetail,
  enErrorsGuest,
  enErrorsCluster,
  enCommands,
  enBackup,
  enPlatform,
  enManifest,
  enNetDownload,
  enMisc,
  enYaml,
  enSchemaRules,
  enNetViews,
  enClusterViews,
);
