/** The plan: one step per resource with what would change. Also the `--json` shape of `plan` and `status`. */
import type { Plane, PropertyChange } from './resource.js';

/**
 * What a step would do. `create`/`update`/`delete` change the machine, `noop` is already in the
 * desired state, `pending` cannot be probed until a dependency is applied, `skip` is out of reach
 * (e.g. a host resource off Windows), `error` failed to probe.
 */
export type StepAction = 'create' | 'update' | 'delete' | 'noop' | 'pending' | 'skip' | 'error';

/** One resource's line of a plan: what the planner's get → test found. */
export interface PlanStep {
  /** `type[key]`, as in the journal and `--only`. */
  id: string;
  /** Namespaced type id, `area.noun` (the area is the folder under src/resources). */
  type: string;
  key: string;
  plane: Plane;
  /** Applying it needs administrator rights on Windows (the run's one UAC prompt). */
  needsElevation: boolean;
  /** Ids applied before it. */
  dependsOn: string[];
  /** One line describing the desired state. */
  summary: string;
  action: StepAction;
  /** What differs, property by property (empty for noop). */
  changes: PropertyChange[];
  /** What the user should know even when nothing changes. */
  notes: string[];
  /** Why a step is skipped, pending or failed to probe. */
  reason?: string;
}

/** What `devbox plan` shows and `up` applies: one step per selected resource, in dependency order. */
export interface Plan {
  /** Which manifest, by content hash. */
  manifestHash: string;
  /** Where guest resources apply, e.g. "the local system". */
  guest: string;
  steps: PlanStep[];
}

/** True for actions that change the machine. */
export function changesMachine(action: StepAction): boolean {
  return action === 'create' || action === 'update' || action === 'delete' || action === 'pending';
}

/** A property's value as every command prints it: `(absent)` for a missing one, strings bare. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '(absent)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Counts of steps by action. */
export function summarize(plan: Plan): Record<StepAction, number> {
  const counts: Record<StepAction, number> = {
    create: 0,
    update: 0,
    delete: 0,
    noop: 0,
    pending: 0,
    skip: 0,
    error: 0,
  };
  for (const step of plan.steps) counts[step.action]++;
  return counts;
}
