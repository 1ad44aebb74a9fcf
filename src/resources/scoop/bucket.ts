/**
 * `scoop.bucket`: a bucket in `<root>\buckets\<name>`, cloned from its URL (a known bucket's own URL
 * when the manifest gives none), or from the mirror when the URL does not answer (e.g. a Gitee copy
 * where GitHub is blocked). State comes from disk: the folder, its .git, and remote.origin.url in
 * .git\config; never from `scoop bucket list`'s table.
 */
import { ExitCode, UserError } from '../../errors.js';
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { readBack, type ApplyContext, type HostPort, type OsFacts } from '../../engine/ports/index.js';
import {
  bucketState,
  findRoot,
  probeOs,
  probeScoop,
  repositoryKey,
  sameRepository,
  scoopApplyHost,
  scoopReadHost,
  type BucketState,
  type ScoopLayout,
} from './facts.js';
import { knownBucketUrl } from './known-buckets.js';
import { refuseElevated, runScoop, scoopFailed } from './run.js';
import { t } from '../../i18n/catalogue.js';

export interface ScoopBucketOptions {
  layout: ScoopLayout;
  name: string;
  url?: string;
  mirror?: string;
  ensure: 'present' | 'absent';
}

interface BucketActual {
  os: OsFacts;
  state: BucketState;
}

/** The URL a bucket comes from: the manifest's, or Scoop's known one. */
export function bucketUrl(options: Pick<ScoopBucketOptions, 'name' | 'url'>): string {
  const url = options.url ?? knownBucketUrl(options.name);
  if (!url) throw new Error(`bug: bucket ${options.name} has no URL (the manifest check requires one)`);
  return url;
}

export function scoopBucketResource(
  options: ScoopBucketOptions,
  deps: { dependsOn: string[] },
): ManagedResource<BucketActual> {
  const { layout, name } = options;
  const url = options.ensure === 'present' ? bucketUrl(options) : (options.url ?? knownBucketUrl(name) ?? '');
  const acceptable = (remote: string | undefined) =>
    sameRepository(remote, url) || sameRepository(remote, options.mirror);

  async function read(host: HostPort): Promise<BucketState> {
    return bucketState(findRoot(await probeScoop(host, layout), layout.root), name);
  }

  async function add(host: HostPort, from: string, ctx: ApplyContext): Promise<{ ok: boolean; failure?: UserError }> {
    const params = ['bucket', 'add', name, from];
    const result = await runScoop(host, layout, params);
    const state = await readBack(ctx, () => read(host));
    if (!state) return { ok: true };
    if (state.kind === 'present' && state.git && sameRepository(state.url, from)) return { ok: true };
    return { ok: false, failure: scoopFailed(t('scoop.bucketAddFailed', { name, from }), params, result) };
  }

  return {
    kind: 'managed',
    type: 'scoop.bucket',
    key: name,
    plane: 'host',
    needsElevation: false,
    dependsOn: deps.dependsOn,
    summary:
      options.ensure === 'absent'
        ? t('summary.bucketRemoved', { name })
        : t('summary.bucket', { name, url, mirror: options.mirror ?? '' }),

    async get(ctx) {
      const host = scoopReadHost(ctx);
      const [os, probe] = await Promise.all([probeOs(host), probeScoop(host, layout)]);
      return { os, state: bucketState(findRoot(probe, layout.root), name) };
    },

    test(actual): TestResult {
      const { state } = actual;
      if (options.ensure === 'absent') {
        return state.kind === 'absent'
          ? { inDesiredState: true, changes: [] }
          : { inDesiredState: false, action: 'delete', changes: [{ property: 'present', before: true, after: false }] };
      }
      if (state.kind === 'absent')
        return { inDesiredState: false, action: 'create', changes: [{ property: 'url', before: null, after: url }] };
      const changes: PropertyChange[] = [];
      const notes: string[] = [];
      if (!state.git)
        changes.push({
          property: 'git',
          before: 'not a git clone (a zip copy or a failed clone)',
          after: `cloned from ${url}`,
        });
      else if (!acceptable(state.url))
        changes.push({ property: 'url', before: state.url ?? '(no origin remote)', after: url });
      else if (options.mirror && sameRepository(state.url, options.mirror) && !sameRepository(state.url, url))
        notes.push(t('note.bucketMirror', { mirror: options.mirror }));
      return { inDesiredState: changes.length === 0, action: 'update', changes, notes };
    },

    async apply(actual, ctx) {
      const host = scoopApplyHost(ctx);
      refuseElevated(actual.os, `Scoop (bucket ${name})`);
      if (actual.state.kind === 'present') {
        const params = ['bucket', 'rm', name];
        const result = await runScoop(host, layout, params);
        const after = await readBack(ctx, () => read(host));
        if (after && after.kind !== 'absent')
          throw scoopFailed(t('scoop.bucketRemoveFailed', { name }), params, result);
        ctx.report(t('detail.bucketRemoved', { name, url: actual.state.url ?? '' }));
      }
      if (options.ensure === 'absent') return;
      const first = await add(host, url, ctx);
      if (first.ok) {
        ctx.report(t('detail.bucketAdded', { name, url }));
        return;
      }
      if (!options.mirror || repositoryKey(options.mirror) === repositoryKey(url)) {
        throw new UserError(first.failure!.message, ExitCode.applyFailed, {
          code: 'scoop.bucket',
          suggestions: [
            t('scoop.bucketBlockedFix', {
              host: new URL(url.replace(/^[^@\s/]+@([^:/\s]+):/, 'https://$1/')).host,
            }),
          ],
        });
      }
      ctx.report(t('detail.bucketTryMirror', { url, mirror: options.mirror }));
      // A clone that failed half-way may have left the folder behind.
      if ((await read(host)).kind === 'present') await runScoop(host, layout, ['bucket', 'rm', name]);
      const second = await add(host, options.mirror, ctx);
      if (!second.ok)
        throw new UserError(
          t('scoop.mirrorFailedToo', { first: first.failure!.message, second: second.failure!.message }),
          ExitCode.applyFailed,
          { code: 'scoop.bucket' },
        );
      ctx.report(t('detail.bucketFromMirror', { name, mirror: options.mirror }));
    },
  };
}
