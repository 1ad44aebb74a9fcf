import { describe, expect, it } from 'vitest';
import { buildPlan, isSelected } from './planner.js';
import { counter } from '../../test/fakes/counter.js';
import type { ReadContext } from './resource.js';
import { declared } from '../resources/declared.js';
import { CoalescingGuest } from '../platform/guest/runner.js';
import { MemoryGuest } from '../../test/fakes/memory-guest.js';
import { PrerequisiteError } from '../errors.js';

const linux = (guest = new MemoryGuest()): ReadContext => ({
  platform: { os: 'linux', guestDescription: 'test guest' },
  guest,
});

describe('buildPlan', () => {
  it('turns test results into create / update / noop steps with the differing properties', async () => {
    const state = new Map([
      ['b', 5],
      ['c', 1],
    ]);
    const { plan } = await buildPlan(
      [
        counter(state, { key: 'a', desired: 1 }),
        counter(state, { key: 'b', desired: 1 }),
        counter(state, { key: 'c', desired: 1 }),
      ],
      linux(),
      {},
      'hash',
    );
    expect(plan.steps.map((s) => [s.id, s.action, s.changes])).toEqual([
      ['test.counter[a]', 'create', [{ property: 'value', before: null, after: 1 }]],
      ['test.counter[b]', 'update', [{ property: 'value', before: 5, after: 1 }]],
      ['test.counter[c]', 'noop', []],
    ]);
  });

  it('skips host resources off Windows and declared resources, with the reason', async () => {
    const state = new Map<string, number>();
    const { plan } = await buildPlan(
      [counter(state, { key: 'h', desired: 1, plane: 'host' }), declared('distro.apt', 'sources', 'guest', 'apt')],
      linux(),
      {},
      'hash',
    );
    expect(plan.steps.map((s) => [s.id, s.action, s.reason])).toEqual([
      ['test.counter[h]', 'skip', 'not on Windows'],
      ['distro.apt[sources]', 'skip', expect.stringContaining('not managed by this version')],
    ]);
  });

  it('probes every resource of a converged plan in one guest batch', async () => {
    const memory = new MemoryGuest({ '/a': 'x', '/b': 'y', '/c': 'z' });
    const guest = new CoalescingGuest(memory);
    const reader = (path: string) => ({
      kind: 'managed' as const,
      type: 'test.file',
      key: path,
      plane: 'guest' as const,
      needsElevation: false,
      dependsOn: path === '/c' ? ['test.file[/b]'] : [],
      summary: path,
      async get(ctx: ReadContext) {
        const [result] = await ctx.guest.run([{ op: 'read', path }]);
        return result!.file!.content!.toString();
      },
      test: () => ({ inDesiredState: true, changes: [] }),
      async apply() {},
    });
    const { plan } = await buildPlan([reader('/a'), reader('/b'), reader('/c')], { ...linux(), guest }, {}, 'h');
    expect(plan.steps.every((s) => s.action === 'noop')).toBe(true);
    expect(memory.calls).toHaveLength(1);
    expect(memory.calls[0]).toHaveLength(3);
  });

  it('marks a resource pending while what it must be probed after is not in desired state', async () => {
    const state = new Map<string, number>();
    const probed: string[] = [];
    const distro = counter(state, { key: 'distro', desired: 1 });
    const inside = {
      ...counter(state, { key: 'inside', desired: 1, probeAfter: ['test.counter[distro]'] }),
      get: async () => (probed.push('inside'), undefined),
    };
    const { plan } = await buildPlan([distro, inside], linux(), {}, 'h');
    expect(plan.steps.map((s) => [s.id, s.action, s.reason])).toEqual([
      ['test.counter[distro]', 'create', undefined],
      ['test.counter[inside]', 'pending', 'checked after test.counter[distro] is applied'],
    ]);
    expect(probed).toEqual([]);
  });

  it('probes normally once what it waits for is in desired state, or out of the selection', async () => {
    const state = new Map([['distro', 1]]);
    const resources = [
      counter(state, { key: 'distro', desired: 1 }),
      counter(state, { key: 'inside', desired: 2, probeAfter: ['test.counter[distro]'] }),
    ];
    expect((await buildPlan(resources, linux(), {}, 'h')).plan.steps[1]!.action).toBe('create');
    state.delete('distro');
    expect(
      (await buildPlan(resources, linux(), { only: ['test.counter[inside]'] }, 'h')).plan.steps.map((s) => s.action),
    ).toEqual(['create']);
  });

  it('reports a failed probe as an error step and keeps planning the rest', async () => {
    const state = new Map<string, number>();
    const { plan } = await buildPlan(
      [
        counter(state, { key: 'bad', desired: 1, failGet: 'cannot read /x' }),
        counter(state, { key: 'ok', desired: 1 }),
      ],
      linux(),
      {},
      'h',
    );
    expect(plan.steps.map((s) => [s.action, s.reason])).toEqual([
      ['error', 'could not check: cannot read /x'],
      ['create', undefined],
    ]);
  });

  it('stops the whole plan when the guest cannot be reached at all', async () => {
    const state = new Map<string, number>();
    const broken = {
      ...counter(state, { key: 'a', desired: 1 }),
      get: async () => Promise.reject(new PrerequisiteError('needs root')),
    };
    await expect(buildPlan([broken], linux(), {}, 'h')).rejects.toThrow('needs root');
  });

  it('selects by plane and by globs over ids and types', () => {
    const state = new Map<string, number>();
    const guest = counter(state, { key: 'g', desired: 1 });
    const host = counter(state, { key: 'h', desired: 1, plane: 'host' });
    expect(isSelected(guest, { plane: 'guest' })).toBe(true);
    expect(isSelected(host, { plane: 'guest' })).toBe(false);
    expect(isSelected(guest, { only: ['test.*'] })).toBe(true);
    expect(isSelected(guest, { only: ['test.counter[h]'] })).toBe(false);
    expect(isSelected(guest, { skip: ['test.counter'] })).toBe(false);
    expect(isSelected(guest, { only: ['distro.*'] })).toBe(false);
  });
});
