/**
 * `doctor`: what is broken and why, with what fixes it. It reads the machine like `status` (nothing
 * changes) and adds each resource's own diagnosis: hosts entries are checked again over TLS and the
 * stale ones named with the command that refreshes them; steps that could not be checked, and
 * drift, are listed with the step to run.
 */
import type { Finding } from '../engine/resource.js';
import { changesMachine, showValue, type Plan } from '../engine/plan.js';
import { hintFor, invocationOf } from './hint.js';
import { openSession, planSession, type SessionDeps, type SessionRequest } from './session.js';

export interface DoctorFinding extends Finding {
  /** The resource it is about. */
  id: string;
}

export interface DoctorResult {
  plan: Plan;
  findings: DoctorFinding[];
  /** No finding is a problem. */
  healthy: boolean;
}


export async function doctor(request: SessionRequest, deps: SessionDeps = {}): Promise<DoctorResult> {
  const session = await openSession(request, deps);
  const planned = await planSession(session);
  const hint = hintFor(invocationOf(session.request, session.runtime.platform.os));
  const findings: DoctorFinding[] = [];
  for (const step of planned.plan.steps) {
    const resource = planned.graph.byId.get(step.id);
    const probe = planned.probes.get(step.id);
    const own = resource?.kind === 'managed' && resource.diagnose && probe ? resource.diagnose(probe.actual, hint).map((f) => ({ id: step.id, ...f })) : [];
    findings.push(...own);
    if (step.action === 'error') {
      findings.push({ id: step.id, severity: 'problem', message: step.reason ?? 'could not be checked' });
    } else if (step.action === 'pending') {
      findings.push({ id: step.id, severity: 'warning', message: step.reason ?? 'checked after its dependencies', fix: hint(['up', '--only', step.id]) });
    } else if (changesMachine(step.action) && !own.some((f) => f.severity === 'problem')) {
      const changes = step.changes.map((c) => `${c.property}: ${showValue(c.before)} → ${showValue(c.after)}`);
      findings.push({ id: step.id, severity: 'problem', message: `differs from the manifest: ${changes.join('; ') || step.summary}${step.notes.length ? ` (${step.notes.join('; ')})` : ''}`, fix: hint(['up', '--only', step.id]) });
    }
  }
  return { plan: planned.plan, findings, healthy: !findings.some((f) => f.severity === 'problem') };
}
