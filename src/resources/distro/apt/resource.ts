/**
 * `distro.apt`: points the distro's own apt entries (one-line and deb822 alike) at a mirror, proves
 * the change with `apt-get update` (restoring the files when the mirror does not serve the distro),
 * and installs the manifest's packages.
 *
 * "official" means the distribution's own archive. For Ubuntu that is the Ubuntu project's archive
 * hosts; for Debian it is what the guest's apt package documents in
 * /usr/share/doc/apt/examples/sources.list, read at run time: devbox carries no Debian host name.
 */
import { distroEntriesFile, type DistroEntriesFile } from './entries.js';
import { ApplyFailedError } from '../../../errors.js';
import type { ApplyContext, ManagedResource, PropertyChange, TestResult } from '../../../engine/resource.js';
import type { NetReadPort } from '../../../engine/ports/index.js';
import { guestProgressFd, type GuestOp, type OpResult } from '../../../engine/ports/guest.js';
import {
  archiveKind,
  knownFamilyRoots,
  mirrorHosts,
  namedMirrorRoots,
  normalizeRoot,
  ubuntuOfficial,
  urlMirrorRoots,
  type ArchiveEvidence,
  type ArchiveRoots,
  type DistroInfo,
  type MirrorName,
} from './archives.js';
import { probeApt, aptExamplesPath, type AptProbe } from './probe.js';
import { findDistroUris, rewriteSources, type DistroEntries } from './rewrite.js';
import { parseSources } from './sources.js';
import { aptUpdateArgv, judgeUpdate } from './update.js';
import { proveOrUndo } from '../prove-or-undo.js';
import { t } from '../../../i18n/catalogue.js';

/** A mirror as the manifest names it: a known name, "official", or a URL. */
export type MirrorRef = string;

/** What the manifest asks of apt. */
export interface AptDesired {
  mirror: 'auto' | MirrorRef;
  candidates?: readonly MirrorRef[];
  security: 'mirror' | 'official';
  packages: readonly string[];
  rankTimeMs: number;
}

/** The mirror the sources should point at, and how it was chosen. */
interface Target {
  name: string;
  roots: ArchiveRoots;
  notes: string[];
}

interface AptActual {
  probe: AptProbe;
  distro: DistroInfo;
  found: DistroEntries;
  target: Target;
}

const defaultCandidates: MirrorRef[] = [...(Object.keys(mirrorHosts) as MirrorName[]), 'official'];

function distroLabel(distro: DistroInfo): string {
  return distro.family === 'ubuntu' ? 'Ubuntu' : 'Debian';
}

/** Debian's archives as the guest's own apt package documents them. */
export function debianOfficial(examples: string | undefined): ArchiveRoots | undefined {
  if (examples === undefined) return undefined;
  const entries = parseSources(examples, 'one-line').filter(
    (e) => e.types.includes('deb') && /^https?:/.test(e.uris[0]?.uri ?? ''),
  );
  const main = entries.find((e) => archiveKind(e) === 'main')?.uris[0]?.uri;
  const security = entries.find((e) => archiveKind(e) === 'security')?.uris[0]?.uri;
  return main ? { main, ...(security ? { security } : {}) } : undefined;
}

/** The roots of a mirror reference in this guest; throws when it cannot be known. */
function rootsOf(ref: MirrorRef, probe: AptProbe, distro: DistroInfo): ArchiveRoots {
  if (ref === 'official') {
    if (distro.family === 'ubuntu') return ubuntuOfficial(distro.arch);
    const roots = debianOfficial(probe.examples);
    if (!roots) {
      throw new Error(
        `cannot tell Debian's official archive in this distro: ${aptExamplesPath} (from the apt package) is missing or names none; give apt.mirror as a URL`,
      );
    }
    return roots;
  }
  if (ref in mirrorHosts) return namedMirrorRoots(ref as MirrorName, distro, probe.https);
  return urlMirrorRoots(ref, distro.family);
}

function nameOf(ref: MirrorRef): string {
  return ref === 'official' || ref in mirrorHosts ? ref : new URL(ref).host;
}

/** Applies `security: official`: security entries go to the distribution's own security archive. */
function withSecurity(roots: ArchiveRoots, desired: AptDesired, probe: AptProbe, distro: DistroInfo): ArchiveRoots {
  if (desired.security === 'mirror') return roots;
  const official = distro.family === 'ubuntu' ? ubuntuOfficial(distro.arch) : debianOfficial(probe.examples);
  return { main: roots.main, ...(official?.security ? { security: official.security } : {}) };
}

/** auto with no entries of the distribution to measure mirrors by: its official archive first, ranked on the next run. */
function noEntriesTarget(probe: AptProbe, distro: DistroInfo): Target {
  try {
    return {
      name: 'official',
      roots: rootsOf('official', probe, distro),
      notes: [t('note.aptNoEntries')],
    };
  } catch {
    return { name: 'the fastest mirror', roots: { main: 'the fastest mirror (not measured)' }, notes: [] };
  }
}

/** The suite to probe mirrors with: the one the distro's main entries really use. */
function probeSuite(found: DistroEntries, distro: DistroInfo): string {
  return found.uris.find((u) => u.kind === 'main')?.entry.suites[0] ?? distro.codename;
}

async function chooseAuto(
  desired: AptDesired,
  probe: AptProbe,
  distro: DistroInfo,
  found: DistroEntries,
  net: NetReadPort | undefined,
): Promise<Target> {
  const notes: string[] = [];
  const candidates: { ref: MirrorRef; roots: ArchiveRoots }[] = [];
  for (const ref of desired.candidates ?? defaultCandidates) {
    try {
      candidates.push({ ref, roots: rootsOf(ref, probe, distro) });
    } catch (error) {
      notes.push(t('note.aptLeftOut', { mirror: ref, error: (error as Error).message }));
    }
  }
  // Already on a candidate devbox chose: stay. Measuring again on every run would flip between
  // mirrors of nearly equal speed and rewrite the sources each time. The distro's own archive as it
  // came (no devbox backup of the files) was not chosen by anyone: measure.
  const mains = new Set(found.uris.filter((u) => u.kind === 'main').map((u) => normalizeRoot(u.uri)));
  const chosenBefore = found.uris.some((u) => probe.writtenByDevbox.has(u.path));
  const current = candidates.find(
    (c) => mains.size === 1 && mains.has(normalizeRoot(c.roots.main)) && (c.ref !== 'official' || chosenBefore),
  );
  if (current)
    return {
      name: nameOf(current.ref),
      roots: current.roots,
      notes: [...notes, t('note.aptStay', { mirror: nameOf(current.ref) })],
    };
  if (!net) throw new Error('apt.mirror is auto, but this run cannot measure mirrors');
  const suite = probeSuite(found, distro);
  const ranking = await net.rankMirrors(
    candidates.map((c) => ({ name: nameOf(c.ref), baseUrl: c.roots.main })),
    {
      probePath: `dists/${suite}/InRelease`,
      timeBudgetMs: desired.rankTimeMs,
      validate: (body) => {
        const text = body.toString('latin1');
        return new RegExp(`^(Suite|Codename): ${suite.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm').test(text)
          ? undefined
          : `does not serve the suite ${suite}`;
      },
    },
  );
  const failed = ranking.failed.map((m) => `${m.name}: ${m.error ?? 'failed'}`);
  const best = ranking.ranked[0];
  if (!best) {
    throw new Error(t('apt.noCandidate', { suite, ms: desired.rankTimeMs, failures: failed.join('; ') }));
  }
  const chosen = candidates.find((c) => nameOf(c.ref) === best.name && c.roots.main === best.baseUrl)!;
  const measured = ranking.ranked.map((m) =>
    t('note.aptMirrorSpeed', {
      name: m.name,
      ms: Math.round(m.ttfbMs ?? 0),
      speed: ((m.throughput ?? 0) / 1e6).toFixed(2),
    }),
  );
  const results = [...measured, ...failed.map((failure) => t('note.aptMirrorFailed', { failure }))].join('; ');
  notes.push(t('note.aptMeasured', { count: candidates.length, ms: Math.round(ranking.elapsedMs), results }));
  return { name: nameOf(chosen.ref), roots: chosen.roots, notes };
}

/** What marks an entry as the distro's own archive (known roots, the desired mirror, apt's cached origins). */
export function evidenceFor(probe: AptProbe, distro: DistroInfo, desired: AptDesired): ArchiveEvidence {
  const roots = new Set(knownFamilyRoots(distro.family));
  const add = (r: ArchiveRoots | undefined) => {
    if (!r) return;
    roots.add(normalizeRoot(r.main));
    if (r.security) roots.add(normalizeRoot(r.security));
  };
  if (distro.family === 'debian') add(debianOfficial(probe.examples));
  for (const ref of [desired.mirror, ...(desired.candidates ?? [])]) {
    if (ref !== 'auto' && !(ref in mirrorHosts) && ref !== 'official') add(urlMirrorRoots(ref, distro.family));
  }
  return { family: distro.family, knownRoots: roots, listOrigins: probe.listOrigins };
}

function missingPackages(desired: AptDesired, installed: ReadonlyMap<string, string | null>): string[] {
  return desired.packages.filter((spec) => {
    const [name, version] = spec.split('=') as [string, string | undefined];
    const have = installed.get(name);
    return have === null || have === undefined || (version !== undefined && have !== version);
  });
}

function failureText(result: { code: number; error?: string; stderr: Buffer; stdout: Buffer }): string {
  return (result.error ?? `${result.stderr.toString('utf8')}\n${result.stdout.toString('utf8')}`)
    .trim()
    .split('\n')
    .slice(-12)
    .join('\n');
}

/** Builds the apt resource. */
export function aptResource(desired: AptDesired, options: { probeAfter?: string[] } = {}): ManagedResource<AptActual> {
  const summary = t('summary.apt', {
    mirror: desired.mirror === 'auto' ? t('summary.fastestMirror') : desired.mirror,
    officialSecurity: desired.security === 'official',
    packages: desired.packages.join(' '),
  });
  return {
    kind: 'managed',
    type: 'distro.apt',
    key: 'sources',
    plane: 'guest',
    needsElevation: false,
    dependsOn: [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary,

    async get(ctx) {
      const probe = await probeApt(ctx.guest, desired.packages);
      if (!probe.distro) throw new Error(t('apt.unsupported', { id: String(probe.unsupportedId) }));
      const distro = probe.distro;
      const found = findDistroUris(probe.files, evidenceFor(probe, distro, desired), distro.codename);
      // With no entry of the distro to point anywhere, measuring mirrors would be wasted time.
      const target =
        desired.mirror !== 'auto'
          ? { name: nameOf(desired.mirror), roots: rootsOf(desired.mirror, probe, distro), notes: [] }
          : found.uris.length === 0
            ? noEntriesTarget(probe, distro)
            : await chooseAuto(desired, probe, distro, found, ctx.net);
      return { probe, distro, found, target: { ...target, roots: withSecurity(target.roots, desired, probe, distro) } };
    },

    test(actual): TestResult {
      const changes: PropertyChange[] = [];
      const notes = [...actual.target.notes];
      if (actual.found.uris.length === 0) {
        const entries = distroEntriesFile(actual.distro, actual.target.roots);
        const after = entries
          ? `${entries.path} (${entries.format}) with the ${actual.distro.codename} entries at ${actual.target.roots.main}`
          : 'cannot: /etc/os-release names no release codename';
        changes.push({ property: 'sources', before: `no entries of the ${distroLabel(actual.distro)} archive`, after });
        notes.push(...actual.found.notes);
      } else {
        const rewrite = rewriteSources(actual.probe.files, actual.found, actual.target.roots, actual.target.name);
        changes.push(...rewrite.changes);
        notes.push(...rewrite.notes);
      }
      const missing = missingPackages(desired, actual.probe.installed);
      if (missing.length > 0)
        changes.push({
          property: 'packages',
          before: desired.packages.filter((p) => !missing.includes(p)),
          after: [...desired.packages],
        });
      return { inDesiredState: changes.length === 0, action: 'update', changes, notes };
    },

    async apply(actual, ctx) {
      const { probe, found, target } = actual;
      const entries = found.uris.length === 0 ? distroEntriesFile(actual.distro, target.roots) : undefined;
      if (entries) {
        await writeDistroEntries(ctx, entries, target.name);
        return installMissing(actual, ctx, true);
      }
      if (found.uris.length === 0) {
        const where = probe.files.length ? probe.files.map((f) => f.path).join(', ') : t('apt.noSourceFiles');
        throw new ApplyFailedError(
          t('apt.noEntries', { distro: distroLabel(actual.distro), mirror: target.name, where }),
        );
      }
      const rewrite = rewriteSources(probe.files, found, target.roots, target.name);
      let updated = false;
      if (rewrite.files.length > 0) {
        const ops: GuestOp[] = [
          ...rewrite.files.map((f) => ({
            op: 'write' as const,
            path: f.path,
            content: Buffer.from(f.after, 'latin1'),
          })),
          { op: 'run', argv: aptUpdateArgv, check: `apt-get update succeeds through ${target.name}` },
        ];
        let verdict: ReturnType<typeof judgeUpdate> | undefined;
        await proveOrUndo(ctx.guest, {
          change: ops,
          judge: (results) => {
            const update = results[results.length - 1]!;
            const writeFailure = results.slice(0, -1).findIndex((r) => r.code !== 0);
            verdict = judgeUpdate(
              update.code,
              update.stdout.toString('utf8'),
              update.stderr.toString('utf8'),
              rewrite.written,
              rewrite.files.map((f) => f.path),
            );
            if (writeFailure !== -1)
              return t('apt.cannotWrite', {
                file: rewrite.files[writeFailure]!.path,
                error: failureText(results[writeFailure]!),
              });
            return verdict.ok
              ? undefined
              : t('apt.updateFailedAt', {
                  mirror: target.name,
                  root: target.roots.main,
                  lines: verdict.ours.join('\n  '),
                });
          },
          undo: () =>
            rewrite.files.map((f) => ({
              op: 'write' as const,
              path: f.path,
              content: Buffer.from(f.before, 'latin1'),
            })),
          failed: (why, restore) => {
            const notRestored = restore
              .map((r, i) => (r.code !== 0 ? `${rewrite.files[i]!.path} (${failureText(r)})` : ''))
              .filter(Boolean);
            const restored = notRestored.length
              ? t('apt.notRestored', { files: notRestored.join(', ') })
              : t('apt.restored', { files: rewrite.files.map((f) => f.path).join(', ') });
            return new ApplyFailedError(`${why}\n${restored}`, {
              code: 'apt.mirror',
              suggestions: [t('apt.mirrorFix')],
            });
          },
        });
        updated = true;
        ctx.report(t('detail.aptPointed', { count: rewrite.changes.length, mirror: target.name }));
        if (verdict && verdict.others.length > 0)
          ctx.report(t('detail.aptOthersFailed', { others: verdict.others.join('; ') }));
      }
      return installMissing(actual, ctx, updated);
    },
  };

  async function installMissing(actual: AptActual, ctx: ApplyContext, updated: boolean): Promise<void> {
    {
      const missing = missingPackages(desired, actual.probe.installed);
      if (missing.length > 0) {
        const install: GuestOp = {
          op: 'run',
          argv: [
            'env',
            'DEBIAN_FRONTEND=noninteractive',
            'apt-get',
            'install',
            '-y',
            '-o',
            'Dpkg::Options::=--force-confold',
            // apt's progress goes to the guest's progress channel, and from there to the task list.
            '-o',
            `APT::Status-Fd=${guestProgressFd}`,
            ...missing,
          ],
        };
        // Fresh lists first unless the mirror change just fetched them; a failing third-party
        // repository must not stop the install, so this update's verdict is the install's.
        const results = await ctx.guest.run(
          updated ? [install] : [{ op: 'run', argv: ['apt-get', 'update'] }, install],
        );
        const result = results[results.length - 1]!;
        if (result.code !== 0)
          throw new ApplyFailedError(
            t('apt.installFailed', { packages: missing.join(' '), output: failureText(result) }),
            {
              code: 'apt.install',
            },
          );
        ctx.report(t('detail.installed', { what: missing.join(' ') }));
      }
    }
  }
}

/** Writes the distribution's entries and proves them with apt-get update; removes the file again when that fails. */
async function writeDistroEntries(ctx: ApplyContext, entries: DistroEntriesFile, mirror: string): Promise<void> {
  const results = await ctx.guest.run([
    { op: 'write', path: entries.path, content: Buffer.from(entries.content, 'utf8'), mode: '644' },
    { op: 'run', argv: aptUpdateArgv },
  ]);
  const [write, update] = results as [OpResult, OpResult];
  const verdict = judgeUpdate(
    update.code,
    update.stdout.toString('utf8'),
    update.stderr.toString('utf8'),
    [],
    [entries.path],
  );
  if (write.code !== 0 || update.code !== 0 || !verdict.ok) {
    await ctx.guest.run([{ op: 'remove', path: entries.path }]);
    const why =
      write.code !== 0
        ? t('apt.cannotWrite', { file: entries.path, error: failureText(write) })
        : t('apt.updateFailed', { mirror, lines: [...verdict.ours, failureText(update)].join('\n  ') });
    throw new ApplyFailedError(`${why}\n${t('apt.removedAgain', { file: entries.path })}`, {
      code: 'apt.mirror',
      suggestions: [t('apt.mirrorFix')],
    });
  }
  ctx.report(t('detail.aptEntries', { file: entries.path, format: entries.format, mirror }));
}
