import { describe, expect, it } from 'vitest';
import { manifestSchema } from '../manifest/schema/index.js';
import type { DeclaredResource } from '../engine/resource.js';
import { areas, checkDependencies, UnknownDependencyError } from './registry.js';

function declaredResource(
  type: string,
  key: string,
  dependsOn: string[] = [],
  probeAfter?: string[],
): DeclaredResource {
  return {
    kind: 'declared',
    type,
    key,
    plane: 'guest',
    needsElevation: false,
    dependsOn,
    ...(probeAfter ? { probeAfter } : {}),
    summary: key,
    reason: 'test',
  };
}

describe('the area registry', () => {
  it('rejects a dependency on an id no compiled resource has, naming the resource and the id', () => {
    const a = declaredResource('test.a', 'one');
    const b = declaredResource('test.b', 'two', ['test.a[one]', 'test.a[typo]'], ['wsl.distro[Missing]']);
    expect(() => checkDependencies([a, b])).toThrow(UnknownDependencyError);
    expect(() => checkDependencies([a, b])).toThrow(
      'devbox wired a dependency on a resource that does not exist:\n  test.b[two] depends on test.a[typo]\n  test.b[two] depends on wsl.distro[Missing]',
    );
    expect(() => checkDependencies([a, declaredResource('test.b', 'two', ['test.a[one]'])])).not.toThrow();
  });

  it('has one area per folder, and every manifest section belongs to exactly one area', () => {
    expect(areas.map((a) => a.name)).toEqual(['wsl', 'distro', 'network', 'hosts', 'scoop', 'cluster']);
    const owned = areas.flatMap((a) => ('schema' in a && a.schema ? [a.schema.key] : []));
    const sections = Object.keys(manifestSchema.shape).filter(
      (k) => !['$schema', 'version', 'extends', 'vars'].includes(k),
    );
    expect([...owned].sort()).toEqual([...sections].sort());
    for (const area of areas) {
      // The manifest holds each section as `.optional()`: the area's schema is what it wraps.
      if ('schema' in area && area.schema)
        expect(manifestSchema.shape[area.schema.key].unwrap() === area.schema.section).toBe(true);
    }
  });
});
