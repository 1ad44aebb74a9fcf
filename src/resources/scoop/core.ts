/**
 * `scoop.core`: Scoop itself in the manifest's folders, installed as the user (never elevated).
 *
 * Install: the pinned install.ps1 is fetched by devbox's network layer and checked against its
 * sha256 (never `irm | iex`), then run as a file with its own parameters (-ScoopDir,
 * -ScoopGlobalDir, -ScoopCacheDir, -Proxy) and `-ExecutionPolicy Bypass` for that one process. Its
 * exit code says little (0 or 1 for "already installed" depending on its age), so the result is
 * read from disk.
 *
 * Folders: the installer records a root or global folder that is not the default in config.json
 * (root_path, global_path, cache_path) — with an ASCII writer (Install:install.ps1 L523), which would
 * turn a non-ASCII path into question marks (inference from the code). devbox checks the folders as
 * Scoop will resolve them in a new terminal (environment, then config.json, then defaults) and
 * writes those keys itself, in UTF-8. An environment variable that points elsewhere wins over
 * config.json: devbox says so instead of changing the user's environment.
 *
 * An existing Scoop is detected wherever it is (environment, config.json, PATH, the defaults). One
 * in other folders is reported, never moved, and no second one is installed beside it (the
 * installer would refuse anyway: it checks PATH).
 */
import { ExitCode, UserError } from '../../errors.js';
import type { ManagedResource, PropertyChange, TestResult } from '../../engine/resource.js';
import { readBack, type HostPort, type OsFacts } from '../../engine/ports/index.js';
import type { ScoopProbe } from './probe.js';
import { installerCommand } from './commands.js';
import { proxyFromScoopSetting } from '../../net/proxy.js';
import {
  configValue,
  defaultDirs,
  effectiveConfig,
  findRoot,
  installedScoops,
  joinWindows,
  pathIncludes,
  persistentValue,
  probeOs,
  probeScoop,
  resolvedDirs,
  samePath,
  scoopApplyHost,
  scoopReadHost,
  type ResolvedDir,
  type ScoopLayout,
} from './facts.js';
import { refuseElevated, scoopFailed, scoopOutput, updateScoopConfig } from './run.js';
import { t } from '../../i18n/catalogue.js';

export interface ScoopCoreOptions {
  layout: ScoopLayout;
  installer: { url: string; sha256: string };
  /** Scoop's proxy setting (host:port, none, default, ...). */
  proxy?: string;
}

interface CoreActual {
  os: OsFacts;
  probe: ScoopProbe;
}

type DirName = 'root' | 'globalRoot' | 'cacheDir';
const configKeys: Record<DirName, string> = { root: 'root_path', globalRoot: 'global_path', cacheDir: 'cache_path' };
const envNames: Record<DirName, 'SCOOP' | 'SCOOP_GLOBAL' | 'SCOOP_CACHE'> = {
  root: 'SCOOP',
  globalRoot: 'SCOOP_GLOBAL',
  cacheDir: 'SCOOP_CACHE',
};

function wanted(layout: ScoopLayout): Record<DirName, string> {
  return {
    root: layout.root,
    globalRoot: layout.globalRoot,
    cacheDir: layout.cacheDir ?? joinWindows(layout.root, 'cache'),
  };
}

/** The config.json keys that make Scoop resolve the manifest's folders (set / remove). */
function configPlan(
  probe: ScoopProbe,
  layout: ScoopLayout,
): { set: Record<string, string>; remove: string[]; blockedByEnv: { dir: DirName; value: string; scope: string }[] } {
  const config = effectiveConfig(probe, layout.root);
  const want = wanted(layout);
  const defaults = defaultDirs(probe);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const blockedByEnv: { dir: DirName; value: string; scope: string }[] = [];
  for (const dir of ['root', 'globalRoot', 'cacheDir'] as const) {
    const env = persistentValue(probe.env[envNames[dir]]);
    if (env) {
      if (!samePath(env.value, want[dir])) blockedByEnv.push({ dir, value: env.value, scope: env.scope });
      continue;
    }
    const current = configValue(config.values, configKeys[dir])?.value;
    const isDefault =
      dir === 'root'
        ? samePath(want.root, defaults.root)
        : dir === 'globalRoot'
          ? samePath(want.globalRoot, defaults.globalRoot)
          : layout.cacheDir === undefined || samePath(want.cacheDir, joinWindows(want.root, 'cache'));
    if (isDefault) {
      // The default needs no key; a key naming another folder would be wrong.
      if (typeof current === 'string' && !samePath(current, want[dir])) remove.push(configKeys[dir]);
    } else if (typeof current !== 'string' || current !== want[dir]) {
      set[configKeys[dir]] = want[dir];
    }
  }
  return { set, remove, blockedByEnv };
}

function describe(dir: ResolvedDir): string {
  return `${dir.path} (${dir.source})`;
}

export function scoopCoreResource(
  options: ScoopCoreOptions,
  deps: { dependsOn: string[] },
): ManagedResource<CoreActual> {
  const { layout } = options;
  const want = wanted(layout);
  return {
    kind: 'managed',
    type: 'scoop.core',
    key: 'scoop',
    plane: 'host',
    needsElevation: false,
    dependsOn: deps.dependsOn,
    summary: t('summary.scoop', { root: layout.root, globalRoot: layout.globalRoot, cache: layout.cacheDir ?? '' }),

    async get(ctx) {
      const host = scoopReadHost(ctx);
      const [os, probe] = await Promise.all([probeOs(host), probeScoop(host, layout)]);
      return { os, probe };
    },

    test(actual): TestResult {
      const { probe } = actual;
      const changes: PropertyChange[] = [];
      const notes: string[] = [];
      const root = findRoot(probe, layout.root);
      const installed = root?.core === true && root.shim;
      const elsewhere = installedScoops(probe).filter((p) => !samePath(p, layout.root));
      if (actual.os.elevated) notes.push(t('note.scoopElevated'));
      if (!installed) {
        changes.push({
          property: 'installed',
          before: elsewhere.length ? `in ${elsewhere.join(', ')}` : root?.core ? 'without its shims' : false,
          after: layout.root,
        });
        if (elsewhere.length) notes.push(t('note.scoopElsewhere', { folders: elsewhere.join(', ') }));
        return { inDesiredState: false, action: 'create', changes, notes };
      }
      const config = effectiveConfig(probe, layout.root);
      const resolved = resolvedDirs(probe, config, layout.root);
      for (const dir of ['root', 'globalRoot', 'cacheDir'] as const) {
        if (!samePath(resolved[dir].path, want[dir]))
          changes.push({ property: dir, before: describe(resolved[dir]), after: want[dir] });
      }
      const plan = configPlan(probe, layout);
      for (const blocked of plan.blockedByEnv) {
        notes.push(
          t('note.scoopEnv', {
            scope: blocked.scope,
            name: envNames[blocked.dir],
            value: blocked.value,
            dir: blocked.dir,
          }),
        );
      }
      const shims = joinWindows(layout.root, 'shims');
      if (!pathIncludes(probe.path.user, shims) && !pathIncludes(probe.path.machine, shims))
        notes.push(t('note.scoopNotOnPath', { shims }));
      if (elsewhere.length) notes.push(t('note.scoopAnother', { folders: elsewhere.join(', ') }));
      return { inDesiredState: changes.length === 0, action: 'update', changes, notes };
    },

    async apply(actual, ctx) {
      const host = scoopApplyHost(ctx);
      refuseElevated(actual.os, 'Scoop');
      const root = findRoot(actual.probe, layout.root);
      if (!(root?.core && root.shim)) await install(host, actual.probe, ctx);
      const after = await probeScoop(host, layout);
      const plan = configPlan(after, layout);
      if (plan.blockedByEnv.length > 0) {
        const b = plan.blockedByEnv[0]!;
        throw new UserError(
          t('scoop.envDecides', {
            dir: b.dir,
            scope: b.scope,
            name: envNames[b.dir],
            value: b.value,
            want: want[b.dir],
          }),
          ExitCode.applyFailed,
          {
            code: 'scoop.env',
            suggestions: [
              t('scoop.envDecidesFix', { name: envNames[b.dir], want: want[b.dir], dir: b.dir, value: b.value }),
            ],
          },
        );
      }
      if (Object.keys(plan.set).length > 0 || plan.remove.length > 0) {
        const written = await updateScoopConfig(host, layout, (_config, fresh) => {
          const again = configPlan(fresh, layout);
          return Object.keys(again.set).length || again.remove.length
            ? { set: again.set, remove: again.remove }
            : undefined;
        });
        if (written) ctx.report(t('detail.scoopFolders', { file: written.path }));
      }
    },
  };

  async function install(
    host: HostPort,
    probe: ScoopProbe,
    ctx: Parameters<ManagedResource['apply']>[1],
  ): Promise<void> {
    const elsewhere = installedScoops(probe).filter((p) => !samePath(p, layout.root));
    if (elsewhere.length) {
      throw new UserError(
        t('scoop.elsewhere', { folders: elsewhere.join(', '), root: layout.root }),
        ExitCode.applyFailed,
        {
          code: 'scoop.elsewhere',
          suggestions: [t('scoop.elsewhereFix')],
        },
      );
    }
    if (!ctx.net) throw new Error(t('guard.noNetScoop'));
    const proxy = proxyFromScoopSetting(options.proxy);
    const installer = await ctx.net.fetchFile({
      urls: [options.installer.url],
      sha256: options.installer.sha256,
      name: 'install.ps1',
      ...(proxy ? { proxy } : {}),
    });
    ctx.report(
      t('detail.scoopInstaller', {
        cached: installer.source === 'cache',
        sha256: options.installer.sha256.slice(0, 12),
      }),
    );
    const command = installerCommand(installer.path, layout, options.proxy);
    const result = await host.exec(command);
    const probed = await readBack(ctx, () => probeScoop(host, layout));
    if (!probed) return;
    const after = findRoot(probed, layout.root);
    if (!(after?.core && after.shim)) {
      throw scoopFailed(
        t('scoop.installFailed', { root: layout.root }),
        ['(installer)', ...command.args.slice(6)],
        result,
        [
          'The installer downloads Scoop and its main bucket from github.com (git clone, else a zip): where GitHub is blocked, set scoop.proxy, or fix the name with a hosts entry.',
        ],
      );
    }
    const output = scoopOutput(result, 3);
    ctx.report(
      t('detail.scoopInstalled', { root: layout.root, output: output ? String(output.split('\n').pop()) : '' }),
    );
  }
}
