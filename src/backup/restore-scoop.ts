/**
 * Scoop from a backup: buckets from their bundles (origin set back to the recorded URL, no
 * network), config.json values (secrets when opened), persist/ and the cache into the mapped roots,
 * then the recorded apps installed from those buckets (at the bundled commit, so at the recorded
 * versions) and `scoop reset *` to re-create `current`, shims and persist links.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { ExitCode, isUserError, UserError } from '../errors.js';
import { runScoop, scoopOutput, updateScoopConfig } from '../resources/scoop/run.js';
import { probeScoop, findApp } from '../resources/scoop/facts.js';
import type { BackupDeps } from './deps.js';
import type { BackupManifest } from './format.js';
import type { PartSource } from './part-source.js';
import { DamagedPartError, extractTree } from './restore-files.js';
import { declaredForScoop, type RestorePlan } from './restore-plan.js';
import { t } from '../i18n/catalogue.js';
import { zodParams } from '../i18n/zod.js';

// A backup may come from someone else: its names become folders under the Scoop root and
// arguments of git and `scoop install` (a path or URL there installs any manifest), so they must be
// plain names, the commit a hash, and nothing may start with "-" (taken for an option).
const plainName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+@-]*$/);
const notAnOption = z.string().regex(/^[^-]/);
const scoopJsonSchema = z.object({
  apps: z.array(
    z.object({ name: plainName, version: z.string(), source: z.string(), global: z.boolean().default(false) }),
  ),
  buckets: z.array(
    z.object({
      name: plainName,
      source: notAnOption.or(z.literal('')),
      mode: z.enum(['bundle', 'files']),
      commit: z
        .string()
        .regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/)
        .optional(),
    }),
  ),
  config: z.record(z.string(), z.unknown()).default({}),
});
type ScoopJson = z.infer<typeof scoopJsonSchema>;

/** The export part's JSON, checked: a damaged or forged one is refused before anything is restored. */
export function parseScoopJson(file: string, bytes: Buffer | undefined): ScoopJson {
  let json: unknown;
  try {
    json = JSON.parse(bytes?.toString('utf8') ?? '');
  } catch {
    throw new DamagedPartError(file, t('backup.scoopNotJson'));
  }
  const parsed = scoopJsonSchema.safeParse(json, zodParams());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DamagedPartError(file, t('backup.scoopRefused', { at: issue.path.join('.'), problem: issue.message }));
  }
  return parsed.data;
}

function coreIn(probe: Awaited<ReturnType<typeof probeScoop>>, root: string): boolean {
  return probe.roots.find((r) => r.path.toLowerCase() === root.toLowerCase())?.core === true;
}

async function git(deps: BackupDeps, args: string[]): Promise<{ ok: boolean; err: string }> {
  const run = deps.machine.spawn('git', args);
  run.stdout.resume();
  const ended = await run.done;
  return { ok: ended.exitCode === 0, err: ended.stderr.toString('utf8').trim() };
}

/**
 * A bucket from its git bundle, at the recorded commit, its origin set back to the recorded URL.
 * The bundle passed the part's sha256 and index checks, so git refusing it means a bundle devbox
 * did not make (or a commit it does not hold): a UserError naming the bucket, the folder removed.
 */
async function cloneBundle(
  deps: BackupDeps,
  bundle: string,
  target: string,
  b: ScoopJson['buckets'][number],
): Promise<void> {
  const steps = [
    ['clone', '--quiet', bundle, target],
    ...(b.commit ? [['-C', target, 'checkout', '--quiet', b.commit]] : []),
    ...(b.source ? [['-C', target, 'remote', 'set-url', 'origin', b.source]] : []),
  ];
  for (const args of steps) {
    const ran = await git(deps, args);
    if (ran.ok) continue;
    await deps.machine.remove(target);
    throw new UserError(
      t('restore.bucketGitFailed', { bucket: b.name, command: `git ${args.join(' ')}`, error: ran.err }),
      ExitCode.applyFailed,
      { code: 'restore.bucket-git', suggestions: [t('restore.bucketGitHint', { target })] },
    );
  }
}

export async function restoreScoop(
  deps: BackupDeps,
  manifest: BackupManifest,
  parts: PartSource,
  plan: RestorePlan,
  secrets: Record<string, unknown> | undefined,
  /** The restored manifest (paths mapped): its hosts entries, and Scoop itself when missing, come from it. */
  manifestPath: string | undefined,
  /** What the restore did so far: each step is added as it ends, so a failure later still names it. */
  done: string[] = [],
): Promise<{ done: string[]; notes: string[]; hosts: boolean }> {
  const notes: string[] = [];
  const roots = plan.roots;
  const part = (role: string) => manifest.parts.find((p) => p.kind === 'scoop' && p.role === role);
  const local = (token: 'SCOOP' | 'SCOOP_GLOBAL' | 'SCOOP_CACHE') => deps.machine.local(roots[token]!);
  const exportPart = part('export');
  const data = exportPart ? parseScoopJson(exportPart.file, await parts.read(exportPart.file)) : undefined;

  const layout = { root: roots.SCOOP!, globalRoot: roots.SCOOP_GLOBAL ?? roots.SCOOP! };
  // The hosts entries Scoop's and its apps' downloads need, whether or not Scoop is already there (a
  // machine whose DNS answers wrongly gets them back here), and Scoop itself when missing, as
  // `devbox up` converges them: the installer's own "main" bucket is then kept, and the backed-up
  // buckets, persist and apps go into that Scoop.
  let hosts = false;
  const saved = manifestPath && deps.convergeForScoop ? await deps.machine.readFile(manifestPath) : undefined;
  const wants = saved ? declaredForScoop(JSON.parse(saved.toString('utf8'))) : undefined;
  if (wants && (wants.scoop || wants.hostsEntries.length > 0)) {
    const withScoop = wants.scoop && !coreIn(await probeScoop(deps.host, layout), layout.root);
    // Attempted, so the closing status checks them: a failure shows there as drift, not hidden.
    hosts = wants.hostsEntries.length > 0;
    try {
      done.push(...(await deps.convergeForScoop!(manifestPath!, { withScoop })));
    } catch (error) {
      // The files are still restored; the notes say how to finish.
      if (!isUserError(error)) throw error;
      notes.push(
        withScoop
          ? t('restore.installScoopFailed', { error: error.message })
          : t('restore.hostsFailed', { error: error.message }),
      );
    }
  }
  const buckets = part('buckets');
  if (buckets && data) {
    // Staged beside the root, not in the temp folder: a bucket kept as files is then moved into place
    // by a rename, which fails across volumes (Scoop on E:, the temp folder on C:).
    const stage = join(local('SCOOP'), `.devbox-restore-${Date.now().toString(36)}`);
    await deps.machine.mkdir(stage);
    try {
      await extractTree(deps, buckets, () => parts.open(buckets.file), { SCOOP: stage });
      for (const b of data.buckets) {
        const target = join(local('SCOOP'), 'buckets', b.name);
        if (await deps.machine.exists(target)) {
          notes.push(t('restore.bucketKept', { bucket: b.name, scoop: String(roots.SCOOP) }));
          continue;
        }
        await deps.machine.mkdir(join(local('SCOOP'), 'buckets'));
        if (b.mode === 'bundle') await cloneBundle(deps, join(stage, 'buckets', `${b.name}.bundle`), target, b);
        else if (await deps.machine.exists(join(stage, 'buckets', b.name)))
          await deps.machine.rename(join(stage, 'buckets', b.name), target);
        else throw new DamagedPartError(buckets.file, t('restore.bucketMissing', { bucket: b.name }));
        done.push(
          b.mode === 'bundle'
            ? t('restore.bucketBundle', { bucket: b.name, commit: String(b.commit?.slice(0, 12)) })
            : t('restore.bucketFiles', { bucket: b.name }),
        );
      }
    } finally {
      await deps.machine.remove(stage);
    }
  }
  const persist = part('persist');
  if (persist) {
    const n = await extractTree(deps, persist, () => parts.open(persist.file), {
      SCOOP: local('SCOOP'),
      SCOOP_GLOBAL: local('SCOOP_GLOBAL'),
    });
    done.push(t('restore.persistFiles', { count: n }));
  }
  const cache = part('cache');
  if (cache) {
    const n = await extractTree(deps, cache, () => parts.open(cache.file), { SCOOP_CACHE: local('SCOOP_CACHE') });
    done.push(t('restore.cacheFiles', { count: n }));
  }

  if (data) {
    // config.json is the user's (%USERPROFILE%\.config\scoop), there before Scoop is: a Scoop
    // installed later keeps these values and adds its own.
    const values = { ...data.config, ...secrets };
    delete values.root_path;
    delete values.global_path;
    delete values.cache_path;
    // A config.json devbox cannot edit (not JSON, held open) is the user's to mend: the rest goes on.
    if (Object.keys(values).length > 0)
      await updateScoopConfig(deps.host, layout, () => ({ set: values as never })).then(
        (config) =>
          done.push(t('restore.scoopConfig', { keys: Object.keys(values).join(', '), file: String(config?.path) })),
        (error: unknown) => {
          if (!isUserError(error)) throw error;
          notes.push(t('restore.scoopConfigFailed', { keys: Object.keys(values).join(', '), error: error.message }));
        },
      );
  }
  const probe = await probeScoop(deps.host, layout);
  if (!coreIn(probe, layout.root)) {
    notes.push(t('restore.noScoop', { root: layout.root }));
    return { done, notes, hosts };
  }
  if (data) {
    const missing = data.apps.filter(
      (app) =>
        !findApp(
          probe.roots.find(
            (r) => r.path.toLowerCase() === (app.global ? layout.globalRoot : layout.root).toLowerCase(),
          ),
          app.name,
        ),
    );
    // Global apps install as administrator: one UAC prompt for all of them, before the first.
    const admin = missing.filter((app) => app.global).map((app) => `scoop.app[${app.name}]`);
    if (admin.length > 0) await deps.elevation?.prepare(admin);
    for (const app of missing) {
      const spec = app.source && plainName.safeParse(app.source).success ? `${app.source}/${app.name}` : app.name;
      const result = await runScoop(deps.host, layout, ['install', '-u', ...(app.global ? ['--global'] : []), spec], {
        global: app.global,
      });
      if (result.exitCode !== 0)
        notes.push(t('restore.scoopFailed', { command: `scoop install ${spec}`, output: scoopOutput(result, 4) }));
    }
    const after = await probeScoop(deps.host, layout);
    for (const app of data.apps) {
      const root = after.roots.find(
        (r) => r.path.toLowerCase() === (app.global ? layout.globalRoot : layout.root).toLowerCase(),
      );
      const version = findApp(root, app.name)?.current?.target?.split(/[\\/]/).pop();
      if (version !== app.version)
        notes.push(
          t('restore.appVersion', { app: app.name, was: app.version, now: version ?? t('restore.notInstalled') }),
        );
    }
    done.push(t('restore.appsChecked', { count: data.apps.length }));
    const reset = await runScoop(deps.host, layout, ['reset', '*']);
    if (reset.exitCode !== 0)
      notes.push(t('restore.scoopFailed', { command: 'scoop reset *', output: scoopOutput(reset, 4) }));
  }
  return { done, notes, hosts };
}
