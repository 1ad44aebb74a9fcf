/**
 * `scoop.app`: an app installed by Scoop, for the user or (global) for all users, optionally from a
 * given bucket and at a given version. State is read from disk (`apps\<app>\current\manifest.json`
 * and `install.json`); a folder without a valid `current` is a failed install, which `scoop install`
 * repairs or purges before installing again. Installs run `scoop install -u` so Scoop does not
 * update itself and every bucket from GitHub in the middle of a run. A global app needs
 * administrator rights: it runs in the run's elevated helper; everything else runs as the user.
 */
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import type { Handle } from '../area.js';
import { readBack, type HostPort, type OsFacts } from '../../engine/ports/index.js';
import {
  appState,
  effectiveConfig,
  findRoot,
  noJunction,
  probeOs,
  probeScoop,
  scoopApplyHost,
  scoopReadHost,
  type AppState,
  type ScoopLayout,
} from './facts.js';
import { refuseElevated, runScoop, scoopFailed } from './run.js';
import { t } from '../../i18n/catalogue.js';

export interface ScoopAppOptions {
  layout: ScoopLayout;
  name: string;
  bucket?: string;
  global: boolean;
  version?: string;
  ensure: 'present' | 'absent';
}

interface AppActual {
  os: OsFacts;
  state: AppState;
  /** The same app in the other scope (user vs global), for a note. */
  other: AppState;
}

/**
 * Apps Scoop itself needs to install others (extraction, git for buckets, aria2 downloads), in the
 * order they are installed when a manifest lists them: 7zip first, it unpacks most of the others.
 */
export const helperApps: readonly string[] = ['7zip', 'git', 'aria2', 'innounp', 'dark', 'wixtoolset', 'lessmsi'];

export function isHelperApp(name: string): boolean {
  return helperApps.includes(name.toLowerCase());
}

function scopeRoot(layout: ScoopLayout, global: boolean): string {
  return global ? layout.globalRoot : layout.root;
}

/** What `scoop install` is given: [bucket/]app[@version]. */
export function installTarget(options: Pick<ScoopAppOptions, 'name' | 'bucket' | 'version'>): string {
  return `${options.bucket ? `${options.bucket}/` : ''}${options.name}${options.version ? `@${options.version}` : ''}`;
}

/** The handle of the app resource for `name` (what a bucket depends on before git's resource exists). */
export function scoopAppHandle(name: string): Handle {
  return { type: 'scoop.app', key: name };
}

export function scoopAppResource(options: ScoopAppOptions, deps: { dependsOn: string[] }): ManagedResource<AppActual> {
  const { layout, name } = options;
  const globalFlag = options.global ? ['--global'] : [];

  async function read(host: HostPort): Promise<AppState> {
    const probe = await probeScoop(host, layout);
    return appState(findRoot(probe, scopeRoot(layout, options.global)), name, {
      noJunction: noJunction(effectiveConfig(probe, layout.root)),
    });
  }

  function drift(state: AppState): PropertyChange[] {
    if (state.kind !== 'installed') return [];
    const changes: PropertyChange[] = [];
    if (options.version && state.version !== options.version)
      changes.push({ property: 'version', before: state.version, after: options.version });
    if (options.bucket && (state.bucket ?? '').toLowerCase() !== options.bucket.toLowerCase())
      changes.push({ property: 'bucket', before: state.bucket ?? state.url ?? null, after: options.bucket });
    return changes;
  }

  return {
    kind: 'managed',
    ...scoopAppHandle(name),
    plane: 'host',
    needsElevation: options.global,
    dependsOn: deps.dependsOn,
    summary:
      options.ensure === 'absent'
        ? t('summary.appRemoved', { name, global: options.global })
        : t('summary.app', { app: installTarget(options), global: options.global }),

    async get(ctx) {
      const host = scoopReadHost(ctx);
      const [os, probe] = await Promise.all([probeOs(host), probeScoop(host, layout)]);
      const junctionless = noJunction(effectiveConfig(probe, layout.root));
      return {
        os,
        state: appState(findRoot(probe, scopeRoot(layout, options.global)), name, { noJunction: junctionless }),
        other: appState(findRoot(probe, scopeRoot(layout, !options.global)), name, { noJunction: junctionless }),
      };
    },

    test(actual): TestResult {
      const { state } = actual;
      const notes: string[] = [];
      if (actual.other.kind === 'installed')
        notes.push(t('note.appAlsoInstalled', { name, global: options.global, version: String(actual.other.version) }));
      if (options.ensure === 'absent') {
        if (state.kind === 'absent') return { inDesiredState: true, changes: [], notes };
        return {
          inDesiredState: false,
          action: 'delete',
          changes: [
            {
              property: 'installed',
              before: state.kind === 'installed' ? state.version : 'failed install',
              after: false,
            },
          ],
          notes,
        };
      }
      switch (state.kind) {
        case 'absent':
          return {
            inDesiredState: false,
            action: 'create',
            changes: [{ property: 'installed', before: false, after: options.version ?? true }],
            notes,
          };
        case 'failed':
          return {
            inDesiredState: false,
            action: 'update',
            changes: [
              { property: 'installed', before: `failed install (${state.reason})`, after: options.version ?? true },
            ],
            notes: [...notes, t('note.appRepair')],
          };
        case 'installed': {
          const changes = drift(state);
          return { inDesiredState: changes.length === 0, action: 'update', changes, notes };
        }
      }
    },

    async apply(actual, ctx) {
      const host = scoopApplyHost(ctx);
      // A global app is Scoop's one elevated operation; everything else must run as the user.
      if (!options.global) refuseElevated(actual.os, `Scoop (${name})`);
      const { state } = actual;
      if (options.ensure === 'absent' || drift(state).length > 0) {
        const params = ['uninstall', ...globalFlag, name];
        const result = await runScoop(host, layout, params, { global: options.global });
        const gone = await readBack(ctx, () => read(host));
        if (gone && gone.kind !== 'absent') throw scoopFailed(t('scoop.uninstallFailed', { name }), params, result);
        ctx.report(t('detail.appUninstalled', { name, version: state.kind === 'installed' ? state.version : '' }));
        if (options.ensure === 'absent') return;
      }
      const params = ['install', '-u', ...globalFlag, installTarget(options)];
      const result = await runScoop(host, layout, params, { global: options.global });
      const after = await readBack(ctx, () => read(host));
      if (!after) return;
      if (after.kind !== 'installed' || drift(after).length > 0) {
        throw scoopFailed(
          t('scoop.appFailed', {
            app: installTarget(options),
            detail:
              after.kind === 'failed'
                ? t('scoop.leftFailed', { reason: after.because })
                : after.kind === 'installed'
                  ? describeDrift(drift(after))
                  : '',
          }),
          params,
          result,
          [t('scoop.blockedFix')],
        );
      }
      ctx.report(
        t('detail.appInstalled', {
          repaired: state.kind === 'failed',
          name,
          version: after.version,
          bucket: after.bucket ?? '',
          global: options.global,
        }),
      );
    },
  };
}

function describeDrift(changes: PropertyChange[]): string {
  return changes.map((c) => `${c.property} ${String(c.before)} instead of ${String(c.after)}`).join(', ');
}
