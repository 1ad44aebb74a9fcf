/**
 * `devbox init` without a source: a new manifest from answers, asked by the wizard at a terminal or
 * given as flags. Either way the answers go through the same parsers and the same writer, and the
 * manifest is validated before it is written.
 */
import { resolve as resolvePath } from 'node:path';
import { UsageError } from '../errors.js';
import { parseResolver } from '../net/doh.js';
import { userFileExists, writeUserTextFile } from '../platform/files.js';
import { runInitWizard } from '../ui/init-wizard.js';
import {
  defaultAnswers,
  manifestFromAnswers,
  parseApps,
  parseFixedIp,
  parseMirror,
  parseWindowsFolder,
  type CniName,
  type InitAnswers,
} from './init-manifest.js';
import { hostFacts, measureMirrors, measureResolvers } from './init-measure.js';
import type { NetSettings } from './net-settings.js';
import { t } from '../i18n/catalogue.js';

/** The answers flags can give (`undefined`: not given). */
export interface AnswerFlags {
  mirror?: string;
  resolver?: string[];
  scoopRoot?: string;
  scoopGlobal?: string;
  apps?: string;
  fixedIp?: string;
  hostIp?: string;
  cluster?: boolean;
  clusterName?: string;
  cni?: CniName;
  yes?: boolean;
}

/** The flags that answer a question, as the usage error names them. */
export const answerFlagNames = [
  '--mirror',
  '--resolver',
  '--scoop-root',
  '--scoop-global',
  '--apps',
  '--fixed-ip',
  '--host-ip',
  '--cluster/--no-cluster',
  '--cluster-name',
  '--cni',
];

/** True when any flag answers a question (then nothing is asked). `--resolver` alone only says what to measure. */
export function answersGiven(flags: AnswerFlags, counting: { resolver: boolean }): boolean {
  const { resolver, ...rest } = flags;
  return Object.values(rest).some((v) => v !== undefined) || (counting.resolver && !!resolver?.length);
}

/** The flags' answers over the defaults, each checked; throws UsageError naming a bad one. */
export async function answersFromFlags(flags: AnswerFlags, env: NodeJS.ProcessEnv = process.env): Promise<InitAnswers> {
  const answers = defaultAnswers();
  if (flags.mirror !== undefined) answers.mirror = parseMirror(flags.mirror);
  if (flags.resolver?.length) answers.resolvers = flags.resolver.map((r) => (parseResolver(r), r));
  if (flags.scoopRoot !== undefined) answers.scoop.root = parseWindowsFolder(flags.scoopRoot);
  if (flags.scoopGlobal !== undefined) answers.scoop.globalRoot = parseWindowsFolder(flags.scoopGlobal);
  if (flags.apps !== undefined) answers.scoop.apps = parseApps(flags.apps);
  if (flags.hostIp !== undefined && (flags.fixedIp === undefined || flags.fixedIp === 'none'))
    throw new UsageError(t('init.hostIpWithoutFixedIp'));
  if (flags.fixedIp === 'none') delete answers.fixedIp;
  else {
    // The default subnet is checked as much as a given one: an adapter may already use it.
    const { adapters } = await hostFacts(env);
    answers.fixedIp = parseFixedIp(flags.fixedIp ?? answers.fixedIp!.address, flags.hostIp, adapters);
  }
  if (flags.cluster === false) delete answers.cluster;
  else answers.cluster = { name: flags.clusterName ?? 'devbox', cni: flags.cni ?? 'kindnet' };
  return answers;
}

export interface WrittenManifest {
  text: string;
  /** The file written, or undefined when the text goes to stdout. */
  output?: string;
  answers: InitAnswers;
}

/**
 * Writes `output` (as the user named it; relative to `cwd`) atomically; an existing file is replaced
 * only with `overwrite`. A path that exists, is a folder or cannot be written is a UsageError naming it.
 */
export async function writeManifestFile(output: string, text: string, overwrite: boolean, cwd: string): Promise<void> {
  try {
    await writeUserTextFile(resolvePath(cwd, output), text, { overwrite });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new UsageError(t('init.exists', { file: output }), { suggestions: [t('init.existsHint')] });
    if (code === 'EISDIR')
      throw new UsageError(t('init.isFolder', { file: output }), { suggestions: [t('init.outputHint')] });
    if (code === 'ENOTREGULAR')
      throw new UsageError(t('init.notAFile', { file: output }), { suggestions: [t('init.outputHint')] });
    if (code)
      throw new UsageError(t('init.cannotWrite', { file: output, code }), { suggestions: [t('init.outputHint')] });
    throw error;
  }
}

/** A manifest from flags: to `output` (replacing it only with `force`), else returned for stdout. */
export async function initFromFlags(
  flags: AnswerFlags,
  request: { output?: string; force: boolean; cwd?: string; env?: NodeJS.ProcessEnv },
): Promise<WrittenManifest> {
  const cwd = request.cwd ?? process.cwd();
  const answers = await answersFromFlags(flags, request.env);
  const text = await manifestFromAnswers(answers, cwd);
  if (request.output) await writeManifestFile(request.output, text, request.force, cwd);
  return { text, answers, ...(request.output ? { output: request.output } : {}) };
}

/** The wizard at a terminal: measures, asks, writes the file it agreed on. */
export async function initWizard(request: {
  output?: string;
  force: boolean;
  mirrorCandidates?: string[];
  resolvers?: string[];
  net: NetSettings;
  say(line: string): void;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<WrittenManifest> {
  const cwd = request.cwd ?? process.cwd();
  const env = request.env ?? process.env;
  const net = { ...request.net, env, cwd };
  const { drives, adapters } = await hostFacts(env);
  const result = await runInitWizard({
    measureMirrors: () => measureMirrors(request.mirrorCandidates, net),
    measureResolvers: () => measureResolvers(request.resolvers, net),
    drives,
    adapters,
    defaults: defaultAnswers(),
    output: request.output ?? 'devbox.yaml',
    exists: async (path) => !request.force && (await userFileExists(resolvePath(cwd, path))),
    say: request.say,
  });
  const text = await manifestFromAnswers(result.answers, cwd);
  await writeManifestFile(result.output, text, request.force || result.overwrite, cwd);
  return { text, output: result.output, answers: result.answers };
}
