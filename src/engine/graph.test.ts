import { describe, expect, it } from 'vitest';
import { buildGraph, ResourceGraphError, transitiveDependencies } from './graph.js';
import { counter } from '../../test/fakes/counter.js';
import { resourceId } from './resource.js';
import { ExitCode } from '../errors.js';

const state = new Map<string, number>();
const r = (key: string, dependsOn: string[] = [], probeAfter?: string[]) =>
  counter(state, { key, desired: 1, dependsOn, ...(probeAfter ? { probeAfter } : {}) });
const ids = (keys: string[]) => keys.map((k) => `test.counter[${k}]`);

describe('buildGraph', () => {
  it('orders dependencies first and otherwise keeps manifest order', () => {
    const graph = buildGraph([r('c', ids(['b'])), r('a'), r('b', ids(['a'])), r('d')]);
    expect(graph.ordered.map(resourceId)).toEqual(ids(['a', 'b', 'c', 'd']));
  });

  it('treats probeAfter as a dependency for ordering', () => {
    const graph = buildGraph([r('x', [], ids(['y'])), r('y')]);
    expect(graph.ordered.map(resourceId)).toEqual(ids(['y', 'x']));
  });

  it('reports duplicate ids and missing dependencies together, as a manifest error', () => {
    let error: unknown;
    try {
      buildGraph([r('a'), r('a'), r('b', ids(['nope']))]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ResourceGraphError);
    expect((error as ResourceGraphError).exitCode).toBe(ExitCode.manifestInvalid);
    expect((error as ResourceGraphError).problems).toEqual([
      'test.counter[a] is declared twice',
      'test.counter[b] depends on test.counter[nope], which the manifest does not declare',
    ]);
  });

  it('names the resources of a cycle in order', () => {
    expect(() => buildGraph([r('a', ids(['c'])), r('b', ids(['a'])), r('c', ids(['b']))])).toThrow(
      'dependency cycle: test.counter[a] → test.counter[c] → test.counter[b] → test.counter[a]',
    );
  });

  it('finds a self-dependency', () => {
    expect(() => buildGraph([r('a', ids(['a']))])).toThrow('dependency cycle: test.counter[a] → test.counter[a]');
  });

  it('lists transitive dependencies', () => {
    const graph = buildGraph([r('a'), r('b', ids(['a'])), r('c', ids(['b'])), r('d')]);
    expect([...transitiveDependencies(graph, 'test.counter[c]')].sort()).toEqual(ids(['a', 'b']));
  });
});
