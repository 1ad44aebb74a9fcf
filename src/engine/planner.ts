/**
 * The planner: get → test for every selected resource, probing independent resources concurrently
 * (so the guest probes of a whole plan travel in one agent process), and nothing else. It never
 * calls `apply`: `plan` and `--dry-run` are safe by construction.
 */
import { GuestUnavailableError, isUserError, PrerequisiteError } from '../errors.js';
import { buildGraph, type ResourceGraph } from './graph.js';
import type { Plan, PlanStep } from './plan.js';
import {
  resourceId,
  type ManagedResource,
  type Plane,
  type ReadContext,
  type Resource,
  type TestResult,
} from './resource.js';
import { t } from '../i18n/catalogue.js';

/** Which resources a run covers. */
export interface Selection {
  plane?: Plane;
  /** Glob patterns over ids or types (`distro.*`, `distro.sysctl[99-devbox]`); empty means all. */
  only?: readonly string[];
  skip?: readonly string[];
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\[/g, '\\[')
      .replace(/\]/g, '\\]')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}

function matches(resource: Resource, patterns: readonly string[]): boolean {
  const id = resourceId(resource);
  return patterns.some((p) => {
    const re = globToRegExp(p);
    return re.test(id) || re.test(resource.type);
  });
}

/**
 * The `only`/`skip` patterns that match no resource id or type: a typo would otherwise select
 * nothing and look like a clean bill of health.
 */
export function unmatchedPatterns(resources: readonly Resource[], selection: Selection): string[] {
  const patterns = [...(selection.only ?? []), ...(selection.skip ?? [])];
  return patterns.filter((p) => !resources.some((r) => matches(r, [p])));
}

/** True when the resource is part of the selection. */
export function isSelected(resource: Resource, selection: Selection): boolean {
  if (selection.plane && resource.plane !== selection.plane) return false;
  if (selection.only && selection.only.length > 0 && !matches(resource, selection.only)) return false;
  if (selection.skip && selection.skip.length > 0 && matches(resource, selection.skip)) return false;
  return true;
}

/** The actual state and test result behind a planned step, kept for the executor. */
export interface Probe {
  actual: unknown;
  result: TestResult;
}

/** A plan plus what the executor needs to apply it without probing again. */
export interface PlannedRun {
  plan: Plan;
  graph: ResourceGraph;
  probes: Map<string, Probe>;
}

function baseStep(resource: Resource): Omit<PlanStep, 'action'> {
  return {
    id: resourceId(resource),
    type: resource.type,
    key: resource.key,
    plane: resource.plane,
    needsElevation: resource.needsElevation,
    dependsOn: [...resource.dependsOn],
    summary: resource.summary,
    changes: [],
    notes: [],
  };
}

/** Turns a test result into a step. */
export function stepFromTest(resource: Resource, result: TestResult): PlanStep {
  return {
    ...baseStep(resource),
    action: result.inDesiredState ? 'noop' : result.cannotApply ? 'error' : (result.action ?? 'update'),
    ...(!result.inDesiredState && result.cannotApply ? { reason: result.cannotApply } : {}),
    // A missing value is `null` in every JSON (text shows it as "(absent)", plan.ts showValue): an
    // `undefined` would drop the key from the JSON instead.
    changes: result.inDesiredState
      ? []
      : result.changes.map((c) => ({ property: c.property, before: c.before ?? null, after: c.after ?? null })),
    notes: result.notes ?? [],
  };
}

function errorText(error: unknown): string {
  return isUserError(error) || error instanceof Error ? error.message : String(error);
}

/** Probes one resource: get then test. Probe failures become `error` steps, never exceptions. */
export async function probe(
  resource: ManagedResource,
  ctx: ReadContext,
): Promise<{ step: PlanStep; probe?: Probe; error?: unknown }> {
  try {
    const actual = await resource.get(ctx);
    const result = resource.test(actual);
    return { step: stepFromTest(resource, result), probe: { actual, result } };
  } catch (error) {
    return {
      step: { ...baseStep(resource), action: 'error', reason: t('plan.couldNotCheck', { error: errorText(error) }) },
      error,
    };
  }
}

/**
 * Builds the plan for the selected resources. Off Windows, host resources are skipped ("not on
 * Windows"); resources this version cannot manage are skipped with their reason; a resource whose
 * `probeAfter` dependencies are not yet in desired state is `pending`.
 */
export async function buildPlan(
  resources: readonly Resource[],
  ctx: ReadContext,
  selection: Selection,
  manifestHash: string,
): Promise<PlannedRun> {
  const graph = buildGraph(resources);
  const steps = new Map<string, PlanStep>();
  const probes = new Map<string, Probe>();
  const selected = graph.ordered.filter((r) => isSelected(r, selection));
  const selectedIds = new Set(selected.map(resourceId));

  const toProbe: ManagedResource[] = [];
  for (const resource of selected) {
    const id = resourceId(resource);
    if (resource.plane === 'host' && ctx.platform.os !== 'windows') {
      steps.set(id, { ...baseStep(resource), action: 'skip', reason: t('plan.notOnWindows') });
    } else if (resource.kind === 'declared') {
      steps.set(id, { ...baseStep(resource), action: 'skip', reason: resource.reason });
    } else {
      toProbe.push(resource);
    }
  }

  // Probe in waves: everything whose probeAfter dependencies are settled goes in the same wave, so a
  // plan on a converged machine is a single wave (and a single guest agent process).
  let remaining = toProbe;
  while (remaining.length > 0) {
    const ready: ManagedResource[] = [];
    const waiting: ManagedResource[] = [];
    for (const resource of remaining) {
      const blockers = (resource.probeAfter ?? []).filter((dep) => selectedIds.has(dep));
      const unsettled = blockers.filter((dep) => !steps.has(dep));
      if (unsettled.length > 0) {
        waiting.push(resource);
        continue;
      }
      const notReady = blockers.filter((dep) => steps.get(dep)!.action !== 'noop' && steps.get(dep)!.action !== 'skip');
      if (notReady.length > 0) {
        steps.set(resourceId(resource), {
          ...baseStep(resource),
          action: 'pending',
          reason: t('plan.checkedAfter', { ids: notReady.join(', ') }),
        });
      } else {
        ready.push(resource);
      }
    }
    if (ready.length === 0 && waiting.length === remaining.length) {
      for (const resource of waiting)
        steps.set(resourceId(resource), {
          ...baseStep(resource),
          action: 'pending',
          reason: t('plan.waitingForDependencies'),
        });
      break;
    }
    const outcomes = await Promise.all(ready.map((resource) => probe(resource, ctx)));
    // A guest that cannot be reached at all is the run's problem, not N resources' problems.
    const fatal = outcomes.find(
      (o) => o.error instanceof PrerequisiteError || o.error instanceof GuestUnavailableError,
    );
    if (fatal) throw fatal.error;
    outcomes.forEach((outcome, index) => {
      const id = resourceId(ready[index]!);
      steps.set(id, outcome.step);
      if (outcome.probe) probes.set(id, outcome.probe);
    });
    remaining = waiting;
  }

  return {
    plan: { manifestHash, guest: ctx.platform.guestDescription, steps: selected.map((r) => steps.get(resourceId(r))!) },
    graph,
    probes,
  };
}
