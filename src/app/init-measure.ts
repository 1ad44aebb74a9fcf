/**
 * What the wizard measures from this machine, with the code behind `devbox net rank` and `devbox net
 * resolve`: apt mirrors by time to first byte and throughput of the suite's InRelease, DoH resolvers
 * by the time each takes to answer one question. Also the host facts it offers (drives, adapters).
 */
import { createDispatcher } from '../net/http.js';
import { rankMirrors } from '../net/rank.js';
import { defaultResolvers, resolveDoh, type DohResolver } from '../net/doh.js';
import { namedMirrorRoots, ubuntuOfficial, mirrorHosts, type MirrorName } from '../resources/distro/apt/archives.js';
import { expectResult, type AdapterFacts, type DriveFacts } from '../engine/ports/host.js';
import { createRuntime } from '../platform/runtime.js';
import { figureText } from '../ui/init-text.js';
import { resolversFrom } from './net-resolve.js';
import { httpSettings, type NetSettings } from './net-settings.js';
import { t } from '../i18n/catalogue.js';

/** One measured choice: what goes into the manifest, and the figures shown beside it. */
export interface Measured {
  /** The manifest's value: a mirror name or URL, a resolver URL. */
  value: string;
  /** What the user sees (a name, or the URL). */
  label: string;
  /** The figures in English, for the manifest's comments. */
  figure?: string;
  /** The figures in the user's language, beside the choice. */
  shown?: string;
  error?: string;
}

export interface Measurement {
  /** Working choices, fastest first. */
  ranked: Measured[];
  failed: Measured[];
}

/** The release of the wizard's distro (Ubuntu-24.04): the suite whose InRelease is measured. */
export const measuredSuite = 'noble';

/** The mirror candidates: the URLs given, else the known mirrors and the official archive. */
function mirrorCandidates(urls: readonly string[] | undefined): { name: string; baseUrl: string }[] {
  if (urls?.length) return urls.map((u) => ({ name: u, baseUrl: u }));
  const distro = { family: 'ubuntu' as const, id: 'ubuntu', codename: measuredSuite, arch: 'amd64' };
  return [
    ...(Object.keys(mirrorHosts) as MirrorName[]).map((name) => ({
      name,
      baseUrl: namedMirrorRoots(name, distro, true).main,
    })),
    { name: 'official', baseUrl: ubuntuOfficial('amd64').main },
  ];
}

/** Ranks the apt mirrors from this machine (in parallel, within `budgetMs`). */
export async function measureMirrors(
  urls: readonly string[] | undefined,
  settings: NetSettings,
  budgetMs = 5000,
): Promise<Measurement> {
  const dispatcher = createDispatcher(await httpSettings(settings));
  try {
    const ranking = await rankMirrors(mirrorCandidates(urls), {
      probePath: `dists/${measuredSuite}/InRelease`,
      timeBudgetMs: budgetMs,
      dispatcher,
      // An InRelease file is a signed text: a mirror answering with an HTML error page is not serving it.
      validate: (body) =>
        /^-----BEGIN PGP SIGNED MESSAGE-----/.test(body.toString('latin1')) ? undefined : t('init.notInRelease'),
    });
    return {
      ranked: ranking.ranked.map((m) => ({
        value: m.name,
        label: m.name,
        figure: figureText({ ttfbMs: m.ttfbMs!, throughput: m.throughput! }, 'en'),
        shown: figureText({ ttfbMs: m.ttfbMs!, throughput: m.throughput! }),
      })),
      failed: ranking.failed.map((m) => ({ value: m.name, label: m.name, error: m.error ?? t('init.failed') })),
    };
  } finally {
    await dispatcher.destroy();
  }
}

/** How a resolver is written in the manifest (hosts.resolvers): JSON ones carry #json unless their path says so. */
function resolverValue(r: DohResolver): string {
  return r.format === 'json' && !/\/resolve\/?$/.test(new URL(r.url).pathname) ? `${r.url}#json` : r.url;
}

/** Times each DoH resolver answering one question for `name`, in parallel. */
export async function measureResolvers(
  specs: readonly string[] | undefined,
  settings: NetSettings,
  name = 'raw.githubusercontent.com',
  timeoutMs = 5000,
): Promise<Measurement> {
  const resolvers = resolversFrom(specs, settings.env) ?? [...defaultResolvers];
  const dispatcher = createDispatcher(await httpSettings(settings));
  try {
    const answers = await Promise.all(
      resolvers.map(async (r) => {
        const result = await resolveDoh(name, { dispatcher, resolvers: [r], timeoutMs, types: ['A'] });
        return { r, answer: result.answers[0]! };
      }),
    );
    const ok = answers.filter((a) => a.answer.ok).sort((a, b) => a.answer.ms - b.answer.ms);
    return {
      ranked: ok.map(({ r, answer }) => ({
        value: resolverValue(r),
        label: resolverValue(r),
        figure: figureText({ answerMs: answer.ms }, 'en'),
        shown: figureText({ answerMs: answer.ms }),
      })),
      failed: answers
        .filter((a) => !a.answer.ok)
        .map(({ r, answer }) => ({
          value: resolverValue(r),
          label: resolverValue(r),
          error: answer.error ?? t('init.failed'),
        })),
    };
  } finally {
    await dispatcher.destroy();
  }
}

/** This machine's drives and network adapters (none off Windows: there is no host to ask). */
export async function hostFacts(env: NodeJS.ProcessEnv = process.env): Promise<{
  drives: DriveFacts[];
  adapters: AdapterFacts[];
}> {
  const host = createRuntime({ dryRun: true }, undefined, env).read.host;
  if (!host) return { drives: [], adapters: [] };
  const [drives, adapters] = await host.probe([{ op: 'drives' }, { op: 'adapters' }]);
  return {
    drives: expectResult(drives, 'drives', t('probe.what.drives')),
    adapters: expectResult(adapters, 'adapters', t('probe.what.adapters')),
  };
}
