/** `status`: the plan of a converged machine is all `noop`; anything else is drift (exit 5). */
import type { Plan, PlanStep } from '../engine/plan.js';
import { openSession, planSession, type SessionDeps, type SessionRequest } from './session.js';

export interface StatusResult {
  plan: Plan;
  drifted: PlanStep[];
  inDesiredState: boolean;
}

export async function status(request: SessionRequest, deps: SessionDeps = {}): Promise<StatusResult> {
  const session = await openSession(request, deps);
  const { plan } = await planSession(session);
  const drifted = plan.steps.filter((s) => s.action !== 'noop' && s.action !== 'skip');
  return { plan, drifted, inDesiredState: drifted.length === 0 };
}
