/**
 * `doctor`: what is broken and why, with what fixes it. It reads the machine like `status` (nothing
 * changes) and adds each resource's own diagnosis: hosts entries are checked again over TLS and the
 * stale ones named with the command that refreshes them; steps that could not be checked, and
 * drift, are listed with the step to run.
 */
import type { Finding } from '../engine/resource.js';
import { changesMachine, showValue, type Plan } from '../engine/plan.js';
import { hintFor, invocationOf } from './hint.js';
import { openSession, planSession, type Session, type SessionDeps, type SessionRequest } from './session.js';
import {
  clusterNameOf,
  diagnoseCluster,
  fixRuncHang,
  type ClusterDiagnosis,
  type DiagnoseOptions,
  type FixResult,
} from './cluster-diagnose.js';
import { UserError } from '../errors.js';
import { dockerUnreachableError } from '../resources/cluster/docker-reach.js';
import { t } from '../i18n/catalogue.js';

export interface DoctorFinding extends Finding {
  /** The resource it is about. */
  id: string;
}

export interface DoctorResult {
  plan: Plan;
  findings: DoctorFinding[];
  /** No finding is a problem. */
  healthy: boolean;
  /** The kind cluster's processes and nodes (when the manifest has a cluster and the guest plane is in scope). */
  cluster?: ClusterDiagnosis;
  /** Processes devbox started, by program (`bash` is the guest agent on Linux, `wsl.exe` on Windows). */
  processStarts: Record<string, number>;
  /** What `--fix runc-hang` did; `cluster` and the findings are then the state after it. */
  fixed?: FixResult;
  /** Docker Engine did not answer, so the cluster could not be checked: exit 7 (prerequisite missing). */
  dockerUnreachable?: boolean;
}

export interface DoctorOptions extends DiagnoseOptions {
  /** `--fix runc-hang`: end the stuck runc inits found, once `confirm` agrees. */
  fix?: 'runc-hang';
  confirm?: (question: string) => Promise<boolean>;
}

/** The cluster checks run unless the selection leaves the guest plane or every cluster resource out. */
function wantsCluster(session: Session, options: DoctorOptions): boolean {
  const { request } = session;
  if (options.fix === 'runc-hang') return true;
  if (request.plane === 'host' || clusterNameOf(session) === undefined) return false;
  return !request.only?.length || request.only.some((glob) => glob === '*' || glob.startsWith('cluster'));
}

async function clusterPart(
  session: Session,
  options: DoctorOptions,
): Promise<{ cluster?: ClusterDiagnosis; fixed?: FixResult; findings: DoctorFinding[] }> {
  if (!wantsCluster(session, options)) return { findings: [] };
  const name = options.cluster ?? clusterNameOf(session);
  const diagnoseOptions = { ...options, ...(name !== undefined ? { cluster: name } : {}) };
  if (options.fix === 'runc-hang') {
    // A fix that cannot see the processes must fail loudly, not report a healthy cluster.
    const before = await diagnoseCluster(session.runtime.read.guest, name, diagnoseOptions);
    const fixed = await fixRuncHang(
      { read: session.runtime.read.guest, apply: session.runtime.apply.guest },
      before,
      options.confirm ?? (async () => false),
      diagnoseOptions,
    );
    return { cluster: fixed.after, fixed, findings: fixed.after.report.findings.filter((f) => f.severity !== 'ok') };
  }
  try {
    const cluster = await diagnoseCluster(session.runtime.read.guest, name, diagnoseOptions);
    // "ok" findings stay in the cluster section: the list is for what needs attention.
    const findings: DoctorFinding[] = cluster.report.findings.filter((f) => f.severity !== 'ok');
    if (cluster.dockerError !== undefined) {
      const down = dockerUnreachableError(cluster.dockerError);
      findings.unshift({
        id: 'cluster.docker',
        severity: 'problem',
        message: t('doctor.dockerDown', { error: down.message }),
        fix: down.suggestions.join(t('list.separator')),
      });
    }
    return { cluster, findings };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return {
      findings: [
        {
          id: 'cluster.diagnose',
          severity: 'warning',
          message: t('doctor.clusterUnchecked', { error: error.message }),
        },
      ],
    };
  }
}

export async function doctor(
  request: SessionRequest,
  deps: SessionDeps = {},
  options: DoctorOptions = {},
): Promise<DoctorResult> {
  const session = await openSession(request, deps);
  // Started together, so the guest port sends the plan's reads and the cluster scan as one batch.
  const [planned, clusterResult] = await Promise.all([planSession(session), clusterPart(session, options)]);
  const hint = hintFor(invocationOf(session.request, session.runtime.platform.os));
  const findings: DoctorFinding[] = [];
  for (const step of planned.plan.steps) {
    const resource = planned.graph.byId.get(step.id);
    const probe = planned.probes.get(step.id);
    const own =
      resource?.kind === 'managed' && resource.diagnose && probe
        ? resource.diagnose(probe.actual, hint).map((f) => ({ id: step.id, ...f }))
        : [];
    findings.push(...own);
    if (step.action === 'error') {
      findings.push({ id: step.id, severity: 'problem', message: step.reason ?? t('doctor.notChecked') });
    } else if (step.action === 'pending') {
      findings.push({
        id: step.id,
        severity: 'warning',
        message: step.reason ?? t('doctor.afterDependencies'),
        fix: hint(['up', '--only', step.id]),
      });
    } else if (changesMachine(step.action) && !own.some((f) => f.severity === 'problem')) {
      const changes = step.changes.map((c) => `${c.property}: ${showValue(c.before)} → ${showValue(c.after)}`);
      findings.push({
        id: step.id,
        severity: 'problem',
        message: t('doctor.differs', {
          changes: changes.join(t('list.separator')) || step.summary,
          notes: step.notes.join(t('list.separator')),
        }),
        fix: hint(['up', '--only', step.id]),
      });
    }
  }
  findings.push(...clusterResult.findings);
  return {
    plan: planned.plan,
    findings,
    healthy: !findings.some((f) => f.severity === 'problem'),
    processStarts: Object.fromEntries(session.runtime.processes.started),
    ...(clusterResult.cluster ? { cluster: clusterResult.cluster } : {}),
    ...(clusterResult.fixed ? { fixed: clusterResult.fixed } : {}),
    ...(clusterResult.cluster?.dockerError !== undefined ? { dockerUnreachable: true } : {}),
  };
}
