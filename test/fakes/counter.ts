/** Small resources for engine tests: state lives in a Map the test controls. */
import type { ManagedResource, Plane, TestResult } from '../../src/engine/resource.js';

export interface CounterOptions {
  key: string;
  desired: number;
  dependsOn?: string[];
  probeAfter?: string[];
  plane?: Plane;
  /** apply() writes this value instead of the desired one (a step that "succeeds" without converging). */
  writes?: number;
  failApply?: string;
  failGet?: string;
  onApply?(): void;
}

/** A resource whose actual state is `state.get(key)`; apply sets it. */
export function counter(state: Map<string, number>, options: CounterOptions): ManagedResource<number | undefined> {
  return {
    kind: 'managed',
    type: 'test.counter',
    key: options.key,
    plane: options.plane ?? 'guest',
    needsElevation: false,
    dependsOn: options.dependsOn ?? [],
    ...(options.probeAfter ? { probeAfter: options.probeAfter } : {}),
    summary: `${options.key} = ${options.desired}`,
    async get() {
      if (options.failGet) throw new Error(options.failGet);
      return state.get(options.key);
    },
    test(actual): TestResult {
      return actual === options.desired
        ? { inDesiredState: true, changes: [] }
        : {
            inDesiredState: false,
            action: actual === undefined ? 'create' : 'update',
            changes: [{ property: 'value', before: actual ?? null, after: options.desired }],
          };
    },
    async apply() {
      options.onApply?.();
      if (options.failApply) throw new Error(options.failApply);
      state.set(options.key, options.writes ?? options.desired);
    },
  };
}
