/**
 * A session: a loaded manifest, its resources, and the ports for this machine. `plan`, `up` and
 * `status` all start here, so they always agree on what the manifest means.
 */
import { t } from '../i18n/catalogue.js';
import { loadManifest, type LoadedManifest } from '../manifest/load.js';
import { areaChecks, compileResources } from '../resources/index.js';
import { resourceId, type Resource, type Plane } from '../engine/resource.js';
import type { Selection } from '../engine/planner.js';
import { buildPlan, unmatchedPatterns, type PlannedRun } from '../engine/planner.js';
import { createRuntime, manifestSources, type RuntimeOptions } from '../platform/runtime.js';
import type { Runtime } from '../engine/ports/index.js';
import type { ProcessRunner } from '../platform/process.js';
import { UsageError } from '../errors.js';
import { checkNetSettings, envWithNet } from './net-settings.js';

/** What the user asked for, from flags (or from the journal when resuming). */
export interface SessionRequest {
  manifestRef: string;
  trustRemote?: boolean;
  plane?: Plane;
  root?: string;
  only?: string[];
  skip?: string[];
  dryRun?: boolean;
  /** `--ca-bundle` / `--proxy`: for the manifest's download and every step's. */
  net?: { caBundle?: string; proxy?: string };
}

export interface Session {
  request: SessionRequest;
  loaded: LoadedManifest;
  resources: Resource[];
  runtime: Runtime;
  selection: Selection;
}

/** A session's collaborators; absent ones are this machine's (platform/runtime.ts). */
export interface SessionDeps {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  processes?: ProcessRunner;
  /** Builds the ports of the run once the manifest says which distro the guest is. */
  runtime?: (options: RuntimeOptions) => Runtime;
}

/** Loads the manifest and prepares the ports. Throws ManifestError (exit 3) or UsageError (exit 2). */
export async function openSession(request: SessionRequest, deps: SessionDeps = {}): Promise<Session> {
  if (request.root !== undefined && request.root.trim() === '') {
    throw new UsageError(t('session.emptyRoot'));
  }
  // --root DIR is a guest root filesystem: it implies --plane guest, and contradicts --plane host.
  if (request.root !== undefined && request.plane === 'host') {
    throw new UsageError(t('session.rootWithHostPlane'));
  }
  if (request.root !== undefined) request = { ...request, plane: 'guest' };
  await checkNetSettings({ ...request.net, env: deps.env ?? process.env, ...(deps.cwd ? { cwd: deps.cwd } : {}) });
  const netEnv = envWithNet(deps.env ?? process.env, request.net, deps.cwd);
  const loaded = await loadManifest(request.manifestRef, {
    sources: manifestSources(deps.cwd, netEnv),
    env: deps.env ?? process.env,
    ...(request.trustRemote ? { trustRemote: true } : {}),
    checks: areaChecks,
  });
  const resources = compileResources(loaded.manifest);
  const selection: Selection = {
    ...(request.plane ? { plane: request.plane } : {}),
    ...(request.only?.length ? { only: request.only } : {}),
    ...(request.skip?.length ? { skip: request.skip } : {}),
  };
  const unmatched = unmatchedPatterns(resources, selection);
  if (unmatched.length > 0) {
    const ids = resources.map((r) => resourceId(r));
    throw new UsageError(
      t('session.unmatched', { patterns: unmatched.map((p) => `'${p}'`).join(', '), ids: ids.join('\n  ') }),
      {
        code: 'usage.selection',
        suggestions: [t('session.unmatchedFix')],
      },
    );
  }
  const options: RuntimeOptions = {
    dryRun: request.dryRun ?? false,
    ...(request.root ? { root: request.root } : {}),
    ...(loaded.manifest.distro ? { distroName: loaded.manifest.distro.name } : {}),
  };
  const runtime = deps.runtime ? deps.runtime(options) : createRuntime(options, deps.processes, netEnv);
  return { request, loaded, resources, runtime, selection };
}

/** Plans the session's resources against the machine. */
export function planSession(session: Session): Promise<PlannedRun> {
  return buildPlan(session.resources, session.runtime.read, session.selection, session.loaded.hash);
}
