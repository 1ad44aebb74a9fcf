/**
 * The resource graph: explicit and implicit dependencies, checked for duplicate ids, dependencies on
 * resources that do not exist, and cycles. Order is topological and otherwise follows the manifest.
 */
import { ExitCode, UserError } from '../errors.js';
import { resourceId, type Resource } from './resource.js';

/** The resources of a manifest cannot be ordered. Exit code 3: the manifest is what needs fixing. */
export class ResourceGraphError extends UserError {
  constructor(readonly problems: string[]) {
    super(
      `The manifest's resources cannot be ordered:\n${problems.map((p) => `  ${p}`).join('\n')}`,
      ExitCode.manifestInvalid,
      { code: 'manifest.graph' },
    );
  }
}

/** Resources in dependency order, with lookups. */
export interface ResourceGraph {
  ordered: Resource[];
  byId: ReadonlyMap<string, Resource>;
}

/** Builds and checks the graph; throws ResourceGraphError listing every problem. */
export function buildGraph(resources: readonly Resource[]): ResourceGraph {
  const problems: string[] = [];
  const byId = new Map<string, Resource>();
  for (const resource of resources) {
    const id = resourceId(resource);
    if (byId.has(id)) problems.push(`${id} is declared twice`);
    else byId.set(id, resource);
  }
  for (const resource of byId.values()) {
    for (const dependency of [...resource.dependsOn, ...(resource.probeAfter ?? [])]) {
      if (!byId.has(dependency))
        problems.push(`${resourceId(resource)} depends on ${dependency}, which the manifest does not declare`);
    }
  }
  if (problems.length > 0) throw new ResourceGraphError(problems);

  // Depth-first topological sort in manifest order; the gray set finds cycles.
  const ordered: Resource[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    const current = state.get(id);
    if (current === 'done') return;
    if (current === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      problems.push(`dependency cycle: ${cycle.join(' → ')}`);
      return;
    }
    state.set(id, 'visiting');
    const resource = byId.get(id)!;
    for (const dependency of new Set([...resource.dependsOn, ...(resource.probeAfter ?? [])]))
      visit(dependency, [...path, id]);
    state.set(id, 'done');
    ordered.push(resource);
  };
  for (const id of byId.keys()) visit(id, []);
  if (problems.length > 0) throw new ResourceGraphError([...new Set(problems)]);
  return { ordered, byId };
}

/** Every id that `id` depends on, directly or not. */
export function transitiveDependencies(graph: ResourceGraph, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const resource = graph.byId.get(stack.pop()!);
    for (const dependency of [...(resource?.dependsOn ?? []), ...(resource?.probeAfter ?? [])]) {
      if (!seen.has(dependency)) {
        seen.add(dependency);
        stack.push(dependency);
      }
    }
  }
  return seen;
}
