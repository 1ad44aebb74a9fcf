/**
 * Cluster diagnosis for `doctor` and `cluster ps`: one guest-agent call (the /proc scan of the
 * distro, the pipe canary, and one `docker exec` per kind node), then pure analysis. `--fix
 * runc-hang` ends the stuck inits it found, after confirmation, and nothing else.
 */
import type { GuestPort, GuestReadPort } from '../engine/ports/guest.js';
import { openSession, type Session, type SessionDeps, type SessionRequest } from './session.js';
import { probeCluster, endInits, type ClusterProbe, type EndedInit } from '../resources/cluster/diagnose/probe.js';
import { diagnoseHang, type HangReport } from '../resources/cluster/diagnose/hang.js';
import { buildChains, type NodeChain } from '../resources/cluster/diagnose/chain.js';
import { UserError, ExitCode } from '../errors.js';
import { dockerUnreachableError } from '../resources/cluster/docker-reach.js';
import { t } from '../i18n/catalogue.js';

export interface ClusterDiagnosis {
  /** The kind cluster looked at; undefined when the manifest has none enabled and none was named. */
  cluster?: string;
  report: HangReport;
  chains: NodeChain[];
  /**
   * What the checks cost: calls made to the guest port (the port may merge them with other reads of the
   * same moment into one agent process), `docker exec`s inside them, wall time until the answer.
   */
  cost: { guestCalls: number; dockerExecs: number; ms: number };
  dockerError?: string;
  canaryError?: string;
}

export interface DiagnoseOptions {
  stuckAfterSec?: number;
  /** A cluster name overriding the manifest's. */
  cluster?: string;
}

/** The kind cluster a session's manifest manages, if any. */
export function clusterNameOf(session: Session): string | undefined {
  const c = session.loaded.manifest.cluster;
  return c && c.enabled !== false ? c.name : undefined;
}

/** Reads and analyses; one call to `guest`. */
export async function diagnoseCluster(
  guest: GuestReadPort,
  cluster: string | undefined,
  options: DiagnoseOptions = {},
): Promise<ClusterDiagnosis> {
  const started = performance.now();
  let guestCalls = 0;
  const counted: GuestReadPort = { run: (ops) => (guestCalls++, guest.run(ops)) };
  const probe: ClusterProbe = await probeCluster(counted, cluster);
  const ms = Math.round(performance.now() - started);
  const report = diagnoseHang(probe.scan, probe.canaryBytes, probe.cluster, {
    stuckAfterSec: options.stuckAfterSec ?? 60,
  });
  return {
    ...(cluster !== undefined ? { cluster } : {}),
    report,
    chains: buildChains(probe.scan, probe.cluster),
    cost: { guestCalls, dockerExecs: probe.cluster?.nodes.length ?? 0, ms },
    ...(probe.cluster?.dockerError ? { dockerError: probe.cluster.dockerError } : {}),
    ...(probe.canaryError ? { canaryError: probe.canaryError } : {}),
  };
}

export interface FixResult {
  ended: EndedInit[];
  /** The diagnosis made right after, so the caller can show what is left. */
  after: ClusterDiagnosis;
}

/** The user declined, or could not be asked. */
export class NotConfirmedError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.interrupted, {
      code: 'fix.not-confirmed',
      suggestions: [t('fix.notConfirmedFix')],
    });
  }
}

/**
 * Ends the stuck runc inits of `diagnosis` once `confirm` agrees, then diagnoses again. Each pid is
 * checked again in the guest (same start time, still a runc init) right before SIGKILL.
 */
export async function fixRuncHang(
  ports: { read: GuestReadPort; apply: GuestPort },
  diagnosis: ClusterDiagnosis,
  confirm: (question: string) => Promise<boolean>,
  options: DiagnoseOptions = {},
): Promise<FixResult> {
  const stuck = diagnosis.report.stuck;
  if (stuck.length === 0) return { ended: [], after: diagnosis };
  const processes = stuck.map((p) => t('fix.process', { pid: p.pid, node: p.node ?? '' })).join(', ');
  const question = t('fix.question', { count: stuck.length, processes });
  if (!(await confirm(question))) throw new NotConfirmedError(t('fix.notConfirmed'));
  const ended = await endInits(ports.apply, stuck);
  const after = await diagnoseCluster(ports.read, diagnosis.cluster, options);
  return { ended, after };
}

/** `cluster ps`: the chain view of the manifest's cluster (or `options.cluster`), one guest call. */
export async function clusterPs(
  request: SessionRequest,
  deps: SessionDeps = {},
  options: DiagnoseOptions = {},
): Promise<ClusterDiagnosis> {
  const session = await openSession(request, deps);
  const diagnosis = await diagnoseCluster(
    session.runtime.read.guest,
    options.cluster ?? clusterNameOf(session),
    options,
  );
  // Without the engine there is no chain to show but the distro's own: that is a missing prerequisite.
  if (diagnosis.dockerError !== undefined) throw dockerUnreachableError(diagnosis.dockerError);
  return diagnosis;
}
