/**
 * `cluster debug kubelet`: kubelet under a headless Delve in one kind node, and `--restore`. One read
 * call, then one mutating call (plus the build, when asked for).
 */
import { openSession, type SessionDeps, type SessionRequest } from './session.js';
import { clusterNameOf } from './cluster-diagnose.js';
import { UserError, UsageError, PrerequisiteError, ExitCode } from '../errors.js';
import {
  debugDropIn,
  execStartBinary,
  ideConfigs,
  nodeDebugKubeletPath,
  originalExecStart,
  type IdeConfigs,
} from '../resources/cluster/debug/kubelet.js';
import { buildOp, enableOp, errorOf, readBuild, readOps, restoreOp, textOf } from '../resources/cluster/debug/ops.js';
import { dockerReachOp, dockerUnreachable } from '../resources/cluster/docker-reach.js';
import { t } from '../i18n/catalogue.js';

const makeKubelet = 'make all WHAT=cmd/kubelet DBG=1';

export interface DebugKubeletRequest {
  node?: string;
  cluster?: string;
  port: number;
  /** A kubelet built with optimisations off, in the distro. */
  binary?: string;
  /** A Kubernetes checkout in the distro to build kubelet from. */
  build?: string;
  /** Delve in the distro (default: dlv on PATH, e.g. Debian's `delve` package). */
  dlv?: string;
  restore?: boolean;
}

export interface DebugKubeletResult {
  node: string;
  action: 'debugging' | 'restored';
  /** The node's address on Docker's network, reachable from the distro. */
  address?: string;
  port?: number;
  kubelet?: string;
  /** --build: the kubelet it made, and whether Go's recorded build settings (-N -l, no -s -w) were checked. */
  built?: { path: string; settingsChecked: boolean };
  ide?: IdeConfigs;
}

export class DebugError extends UserError {
  constructor(message: string, suggestions: string[] = []) {
    super(message, ExitCode.applyFailed, { code: 'debug.failed', suggestions });
  }
}

export async function debugKubelet(
  session: SessionRequest,
  request: DebugKubeletRequest,
  deps: SessionDeps = {},
): Promise<DebugKubeletResult> {
  if (request.binary && request.build) throw new UsageError(t('debug.binaryOrBuild'));
  if (!Number.isInteger(request.port) || request.port < 1 || request.port > 65535)
    throw new UsageError(t('debug.badPort', { port: request.port }));
  const s = await openSession(session, deps);
  const cluster = request.cluster ?? clusterNameOf(s) ?? 'devbox';
  const node = request.node ?? `${cluster}-control-plane`;
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/.test(node)) throw new UsageError(t('debug.badNode', { node }));
  if (request.restore) {
    const [reach, r] = await s.runtime.apply.guest.run([dockerReachOp(), restoreOp(node)]);
    const down = dockerUnreachable(reach);
    if (down) throw down;
    if (!r || r.code !== 0) throw new DebugError(t('debug.restoreFailed', { node, error: errorOf(r) }));
    return { node, action: 'restored' };
  }
  const [reach, unit, dlvFound, inspect] = await s.runtime.read.guest.run([
    dockerReachOp(),
    ...readOps(node, request.dlv),
  ]);
  const down = dockerUnreachable(reach);
  if (down) throw down;
  if (!unit || unit.code !== 0)
    throw new DebugError(t('debug.unitUnreadable', { node, error: errorOf(unit) }), [
      t('debug.checkNode', { command: `docker ps --filter label=io.x-k8s.kind.cluster=${cluster}` }),
    ]);
  const dlv = request.dlv ?? textOf(dlvFound).trim();
  if (!dlvFound || dlvFound.code !== 0 || !dlv) {
    throw new PrerequisiteError(t('debug.noDlv', { path: request.dlv ?? '' }), {
      suggestions: [t('debug.noDlvFix')],
    });
  }
  const execStart = originalExecStart(textOf(unit));
  if (!execStart) throw new DebugError(t('debug.noExecStart', { node }));
  let binary = request.binary;
  let buildChecked: boolean | undefined;
  if (request.build) {
    const [built] = await s.runtime.apply.guest.run([buildOp(request.build)]);
    if (!built || built.code !== 0)
      throw new DebugError(
        t('debug.buildFailed', {
          command: makeKubelet,
          dir: request.build,
          error: errorOf(built).split('\n').slice(-8).join('\n'),
        }),
      );
    const found = readBuild(textOf(built));
    if (!found.path) throw new DebugError(t('debug.buildLeftNothing', { command: makeKubelet, dir: request.build }));
    if (found.problems.length)
      throw new DebugError(t('debug.notDebugBuild', { path: found.path, problems: found.problems.join('; ') }), [
        t('debug.notDebugBuildFix'),
      ]);
    binary = found.path;
    buildChecked = found.checked;
  }
  const kubelet = binary ? nodeDebugKubeletPath : execStartBinary(execStart);
  const dropIn = debugDropIn({ port: request.port, kubelet, execStart });
  const [enabled] = await s.runtime.apply.guest.run([enableOp(node, request.port, dlv, dropIn, binary)]);
  if (!enabled || enabled.code !== 0) {
    throw new DebugError(t('debug.notListening', { port: request.port, node, error: errorOf(enabled) }), [
      t('debug.restoreFix', { command: 'devbox cluster debug kubelet --restore' }),
    ]);
  }
  const address = textOf(inspect).trim().split(/\s+/)[0] || undefined;
  return {
    node,
    action: 'debugging',
    port: request.port,
    kubelet,
    ...(buildChecked !== undefined ? { built: { path: binary!, settingsChecked: buildChecked } } : {}),
    ...(address ? { address } : {}),
    ide: ideConfigs(address ?? node, request.port),
  };
}
