/**
 * The resource contract, after PowerShell DSC v3: `get` reads the actual state through read-only
 * ports, `test` compares it with the desired state and is pure, `apply` is the only mutation and is
 * safe to re-run. A plan is the test results; dry-run swaps the mutating ports, never a flag.
 */
import type { ApplyContext, Plane, ReadContext } from './ports/context.js';

export type { ApplyContext, Plane, PlatformFacts, ReadContext } from './ports/context.js';

/** One property that differs between actual and desired state. */
export interface PropertyChange {
  property: string;
  before: unknown;
  after: unknown;
}

/** The pure comparison of desired and actual state. */
export interface TestResult {
  inDesiredState: boolean;
  /** What `apply` would do; defaults to `update` when not in desired state. */
  action?: 'create' | 'update' | 'delete';
  changes: PropertyChange[];
  /** Things the user should know even when nothing changes (e.g. a setting WSL will override). */
  notes?: string[];
  /**
   * The resource differs from the desired state only until Windows restarts (e.g. a feature whose
   * enable is pending): applying again cannot help, a reboot will. The executor then ends the step
   * as `reboot-required` instead of failing it, and holds back what depends on it.
   */
  rebootRequired?: boolean;
  /**
   * Why `apply` cannot reach the desired state from this one, with what to do (e.g. a conflicting
   * package is installed): seen without changing anything, so `plan` shows the step as an error
   * with this reason, and no run (dry or real) tries to apply it.
   */
  cannotApply?: string;
}

interface ResourceIdentity {
  /** Namespaced type id, `area.noun` (e.g. `distro.sysctl`). */
  readonly type: string;
  /** Unique within the type (e.g. a path or a name). */
  readonly key: string;
  readonly plane: Plane;
  readonly needsElevation: boolean;
  /** Ids (`type[key]`) of resources that must be applied first. */
  readonly dependsOn: readonly string[];
  /** Ids whose desired state must exist before this resource can even be probed (e.g. the distro). */
  readonly probeAfter?: readonly string[];
  /** One line describing the desired state, for plans. */
  readonly summary: string;
}

/** One thing `devbox doctor` found about a resource, with what to do about it. */
export interface Finding {
  severity: 'ok' | 'warning' | 'problem';
  message: string;
  /** What fixes it (a command, a manifest change). */
  fix?: string;
}

/** A resource devbox can check and converge. */
export interface ManagedResource<A = unknown> extends ResourceIdentity {
  readonly kind: 'managed';
  get(ctx: ReadContext): Promise<A>;
  test(actual: A): TestResult;
  apply(actual: A, ctx: ApplyContext): Promise<void>;
  /**
   * What `devbox doctor` says beyond the plan (pure, like `test`): e.g. which hosts entries no
   * longer prove their name and must be refreshed. Optional; the plan's own drift is always shown.
   */
  diagnose?(actual: A, hint?: (args: readonly string[]) => string): Finding[];
}

/**
 * A resource the manifest asks for that this version of devbox cannot manage yet. It appears in
 * plans as skipped with the reason, so a plan never silently omits part of the manifest.
 */
export interface DeclaredResource extends ResourceIdentity {
  readonly kind: 'declared';
  readonly reason: string;
}

/**
 * Anything a manifest compiles to: managed (get → pure test → apply) or declared (shown as skipped).
 * Built by the areas (src/resources/<area>/index.ts); planned by engine/planner.ts and applied by
 * engine/executor.ts. `apply` must be safe to re-run; whether it worked is judged by probing again.
 */
export type Resource = ManagedResource<any> | DeclaredResource; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `type[key]`, the id used in dependsOn, plans and the journal. */
export function resourceId(resource: { type: string; key: string }): string {
  return `${resource.type}[${resource.key}]`;
}
