/**
 * The `devbox init` wizard: questions at a terminal (@inquirer/prompts), each answer checked by the
 * same parsers the flags use, so what the wizard accepts the manifest accepts. Measuring is the
 * caller's (src/app): the wizard starts it first and shows the figures when it asks.
 */
import type { AdapterFacts, DriveFacts } from '../engine/ports/host.js';
import type { Measurement } from '../app/init-measure.js';
import type { CniName, InitAnswers } from '../app/init-manifest.js';
import { commonApps, parseApps, parseFixedIp, parseWindowsFolder } from '../app/init-manifest.js';
import { cniNames } from '../manifest/schema/cni.js';
import { InterruptedError, UsageError, UserError } from '../errors.js';
import { t } from '../i18n/catalogue.js';

export interface WizardDeps {
  measureMirrors(): Promise<Measurement>;
  measureResolvers(): Promise<Measurement>;
  drives: readonly DriveFacts[];
  adapters: readonly AdapterFacts[];
  defaults: InitAnswers;
  /** The default file name to write. */
  output: string;
  exists(path: string): Promise<boolean>;
  /** Where progress lines go (stderr). */
  say(line: string): void;
}

export interface WizardResult {
  answers: InitAnswers;
  output: string;
  /** The user agreed to replace an existing file. */
  overwrite: boolean;
}

/** A validator for inquirer: true, or the user error's message to show under the answer. */
function check(parse: (value: string) => unknown) {
  return (value: string): true | string => {
    try {
      parse(value);
      return true;
    } catch (error) {
      if (error instanceof UserError) return error.message;
      throw error;
    }
  };
}

/** A failure without the URL it repeats (the label shows it already). */
const short = (error: string | undefined) => (error ?? '').replace(/^[a-z]+:\/\/\S+: /, '');

const gib = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);

/** A subnet for the fixed IP that no adapter uses: the default's, else the next free one. */
function freeFixedIp(adapters: readonly AdapterFacts[]): string {
  for (const candidate of ['192.168.50.2/24', '172.30.50.2/24', '10.250.50.2/24', '192.168.77.2/24']) {
    try {
      parseFixedIp(candidate, undefined, adapters);
      return candidate;
    } catch {
      // taken: try the next
    }
  }
  return '';
}

/** Asks every question; throws InterruptedError when the user presses Ctrl-C. */
export async function runInitWizard(deps: WizardDeps): Promise<WizardResult> {
  try {
    return await ask(deps);
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError')
      throw new InterruptedError('devbox init stopped: nothing written.');
    throw error;
  }
}

async function ask(deps: WizardDeps): Promise<WizardResult> {
  const { select, checkbox, input, confirm } = await import('@inquirer/prompts');
  deps.say(t('init.welcome'));
  // Both measurements run while the first questions are read.
  const mirrors = deps.measureMirrors();
  const resolvers = deps.measureResolvers();
  mirrors.catch(() => undefined);
  resolvers.catch(() => undefined);

  deps.say(t('init.measuringMirrors'));
  const m = await mirrors;
  const mirrorChoices = [
    ...m.ranked.map((c) => ({
      name: t('init.choice', { name: c.label, figure: c.shown ?? c.figure ?? '' }),
      value: c.value,
    })),
    { name: t('init.mirrorAuto'), value: 'auto' },
    ...m.failed.map((c) => ({
      name: t('init.choiceFailed', { name: c.label, error: short(c.error) }),
      value: c.value,
      disabled: true,
    })),
  ];
  const mirror = await select({ message: t('init.askMirror'), choices: mirrorChoices, pageSize: 12 });
  const mirrorFigure = m.ranked.find((c) => c.value === mirror)?.figure;

  deps.say(t('init.measuringResolvers'));
  const r = await resolvers;
  const resolverChoices = [
    ...r.ranked.map((c) => ({
      name: t('init.choice', { name: c.label, figure: c.shown ?? c.figure ?? '' }),
      value: c.value,
    })),
    { name: t('init.resolverDefaults'), value: '' },
    ...r.failed.map((c) => ({
      name: t('init.choiceFailed', { name: c.label, error: short(c.error) }),
      value: c.value,
      disabled: true,
    })),
  ];
  const resolver = await select({ message: t('init.askResolver'), choices: resolverChoices, pageSize: 12 });
  const resolverFigure = r.ranked.find((c) => c.value === resolver)?.figure;

  // Non-system drives first: Scoop and its apps are better kept off C:.
  const drives = [...deps.drives].sort(
    (a, b) => Number(a.system) - Number(b.system) || a.letter.localeCompare(b.letter),
  );
  let drive = deps.defaults.scoop.root.slice(0, 2).toUpperCase();
  if (drives.length > 0) {
    drive = await select({
      message: t('init.askDrive'),
      choices: drives.map((d) => ({
        name: t('init.driveChoice', {
          letter: d.letter,
          freeGiB: gib(d.freeBytes),
          label: d.system ? t('init.driveSystem') : d.label,
        }),
        value: d.letter,
      })),
    });
  }
  const root = parseWindowsFolder(
    await input({
      message: t('init.askScoopRoot'),
      default: `${drive}\\Scoop\\Apps`,
      validate: check(parseWindowsFolder),
    }),
  );
  const globalRoot = parseWindowsFolder(
    await input({
      message: t('init.askScoopGlobal'),
      default: `${drive}\\Scoop\\GlobalApps`,
      validate: check((v) => {
        if (parseWindowsFolder(v).toLowerCase() === root.toLowerCase()) throw new UsageError(t('init.sameRoots'));
      }),
    }),
  );

  const picked = await checkbox({
    message: t('init.askApps'),
    choices: commonApps.map((a) => ({
      name: a.bucket ? `${a.name} (${a.bucket})` : a.name,
      value: a.name,
      checked: deps.defaults.scoop.apps.includes(a.name),
    })),
    pageSize: 12,
  });
  const more = parseApps(await input({ message: t('init.askMoreApps'), default: '', validate: check(parseApps) }));

  const fixedText = await input({
    message: t('init.askFixedIp'),
    default: freeFixedIp(deps.adapters),
    validate: check((v) => (v.trim() === '' ? undefined : parseFixedIp(v, undefined, deps.adapters))),
  });
  const fixedIp = fixedText.trim() === '' ? undefined : parseFixedIp(fixedText, undefined, deps.adapters);

  let cluster: InitAnswers['cluster'];
  if (await confirm({ message: t('init.askCluster'), default: true })) {
    const name = await input({
      message: t('init.askClusterName'),
      default: deps.defaults.cluster?.name ?? 'devbox',
      validate: (v) => /^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$/.test(v) || t('init.badClusterName'),
    });
    const cni = await select<CniName>({
      message: t('init.askCni'),
      choices: cniNames.map((n) => ({ name: n, value: n })),
      default: 'kindnet',
    });
    cluster = { name, cni };
  }

  let output = deps.output;
  let overwrite = false;
  for (;;) {
    output = await input({ message: t('init.askOutput'), default: output, validate: (v) => v.trim() !== '' });
    if (!(await deps.exists(output))) break;
    if (await confirm({ message: t('init.askOverwrite', { file: output }), default: false })) {
      overwrite = true;
      break;
    }
  }

  const apps = [...new Set([...picked, ...more])];
  return {
    answers: {
      distro: deps.defaults.distro,
      mirror,
      resolvers: resolver ? [resolver] : [],
      scoop: { root, globalRoot, apps },
      ...(fixedIp ? { fixedIp } : {}),
      ...(cluster ? { cluster } : {}),
      measured: {
        ...(mirrorFigure ? { mirror: mirrorFigure } : {}),
        ...(resolverFigure ? { resolver: resolverFigure } : {}),
      },
    },
    output,
    overwrite,
  };
}
