import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/catalogue.js';
import { executePlan, type ExecutorEvent } from './executor.js';
import { buildPlan } from './planner.js';
import { MemoryJournal } from './journal.js';
import { nothingToReadBack } from './ports/index.js';
import type { ManagedResource, ReadContext } from './resource.js';
import { counter } from '../../test/fakes/counter.js';
import { MemoryGuest } from '../../test/fakes/memory-guest.js';
import { RecordingGuest } from '../platform/guest/recording.js';
import { RecordingNet } from '../platform/net.js';
import type { NetPort, RecordedChange } from './ports/index.js';
import { wslConfResource } from '../resources/distro/wslconf.js';

function contexts(guest = new MemoryGuest()) {
  const platform = { os: 'linux' as const, guestDescription: 'test' };
  const read: ReadContext = { platform, guest };
  return { read, apply: { platform, guest } };
}

async function run(resources: ManagedResource[], options: { signal?: AbortSignal; events?: ExecutorEvent[] } = {}) {
  const ctx = contexts();
  const planned = await buildPlan(resources, ctx.read, {}, 'h');
  const journal = new MemoryJournal();
  const report = await executePlan(planned, {
    ...ctx,
    journal,
    runId: 'run-1',
    ...(options.signal ? { signal: options.signal } : {}),
    onEvent: (e) => options.events?.push(e),
  });
  return { report, journal, planned };
}

describe('executePlan', () => {
  it('applies in dependency order and journals each change after it happened', async () => {
    const state = new Map<string, number>();
    const order: string[] = [];
    const { report, journal } = await run([
      counter(state, { key: 'b', desired: 2, dependsOn: ['test.counter[a]'], onApply: () => order.push('b') }),
      counter(state, { key: 'a', desired: 1, onApply: () => order.push('a') }),
    ]);
    expect(order).toEqual(['a', 'b']);
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => [s.id, s.outcome])).toEqual([
      ['test.counter[a]', 'applied'],
      ['test.counter[b]', 'applied'],
    ]);
    expect(journal.entries.map((e) => [e.type, 'id' in e ? e.id : ''])).toEqual([
      ['step-start', 'test.counter[a]'],
      ['step-done', 'test.counter[a]'],
      ['step-start', 'test.counter[b]'],
      ['step-done', 'test.counter[b]'],
    ]);
  });

  it('fails a step that applies without error but does not converge, and blocks what depends on it', async () => {
    const state = new Map<string, number>();
    const { report, journal } = await run([
      counter(state, { key: 'liar', desired: 1, writes: 7 }),
      counter(state, { key: 'after', desired: 1, dependsOn: ['test.counter[liar]'] }),
      counter(state, { key: 'independent', desired: 1 }),
    ]);
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => [s.id, s.outcome, s.error])).toEqual([
      ['test.counter[liar]', 'failed', 'applied, but still not in the desired state: value: 7 → 1'],
      ['test.counter[after]', 'blocked', 'not applied: test.counter[liar] did not converge'],
      ['test.counter[independent]', 'applied', undefined],
    ]);
    expect(state.get('after')).toBeUndefined();
    expect(journal.entries.filter((e) => e.type === 'step-failed')).toHaveLength(1);
  });

  describe('in zh-CN', () => {
    afterEach(() => setLocale('en'));

    it('says why a step failed and why another was not applied in Chinese (ids and values kept)', async () => {
      setLocale('zh-CN');
      const state = new Map<string, number>();
      const { report } = await run([
        counter(state, { key: 'liar', desired: 1, writes: 7 }),
        counter(state, { key: 'after', desired: 1, dependsOn: ['test.counter[liar]'] }),
      ]);
      expect(report.steps.map((s) => [s.id, s.outcome, s.error, s.blockedBy])).toEqual([
        ['test.counter[liar]', 'failed', '已应用，但仍未达到期望状态：value: 7 → 1', undefined],
        [
          'test.counter[after]',
          'blocked',
          '未应用：test.counter[liar] 未收敛',
          { id: 'test.counter[liar]', cause: 'failure' },
        ],
      ]);
    });

    it('names a read a dry run could not make in Chinese (the URLs kept)', async () => {
      setLocale('zh-CN');
      const offline = { fetchText: async () => Promise.reject(new Error('ENOTFOUND')) } as unknown as NetPort;
      const changes: RecordedChange[] = [];
      const what = '获取 https://a.invalid/x 或 https://b.invalid/x';
      const net = new RecordingNet(offline, changes);
      await expect(net.fetchText(['https://a.invalid/x', 'https://b.invalid/x'])).rejects.toMatchObject({ what });
      expect(changes).toEqual([{ where: 'devbox', what, notRun: true }]);
    });
  });

  it('records an apply error and goes on with independent steps', async () => {
    const state = new Map<string, number>();
    const { report } = await run([
      counter(state, { key: 'x', desired: 1, failApply: 'disk full' }),
      counter(state, { key: 'y', desired: 1 }),
    ]);
    expect(report.steps.map((s) => [s.outcome, s.error])).toEqual([
      ['failed', 'disk full'],
      ['applied', undefined],
    ]);
  });

  it('re-checks a step whose dependency changed and skips it when that already converged it', async () => {
    const state = new Map<string, number>();
    let applied = 0;
    const parent = {
      ...counter(state, { key: 'p', desired: 1 }),
      apply: async () => void (state.set('p', 1), state.set('c', 1)),
    };
    const child = counter(state, { key: 'c', desired: 1, dependsOn: ['test.counter[p]'], onApply: () => applied++ });
    const { report } = await run([parent, child]);
    expect(applied).toBe(0);
    expect(report.steps.map((s) => s.outcome)).toEqual(['applied', 'unchanged']);
  });

  it('probes a pending step once its dependency is applied, then applies it', async () => {
    const state = new Map<string, number>();
    const { report, planned } = await run([
      counter(state, { key: 'distro', desired: 1 }),
      counter(state, { key: 'inside', desired: 3, probeAfter: ['test.counter[distro]'] }),
    ]);
    expect(planned.plan.steps[1]!.action).toBe('pending');
    expect(report.steps.map((s) => s.outcome)).toEqual(['applied', 'applied']);
    expect(state.get('inside')).toBe(3);
  });

  it('stops before the next step when interrupted, and says which were not applied', async () => {
    const state = new Map<string, number>();
    const controller = new AbortController();
    const { report } = await run(
      [
        counter(state, { key: 'a', desired: 1, onApply: () => controller.abort() }),
        counter(state, { key: 'b', desired: 1 }),
      ],
      { signal: controller.signal },
    );
    expect(report.interrupted).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => s.outcome)).toEqual(['applied', 'interrupted']);
    expect(state.has('b')).toBe(false);
  });

  it('emits start and end events for the UI', async () => {
    const events: ExecutorEvent[] = [];
    await run([counter(new Map(), { key: 'a', desired: 1 })], { events });
    expect(events.map((e) => e.type)).toEqual(['step-start', 'step-end']);
  });

  it('in a dry run, runs the real apply against a recording guest: nothing reaches the guest but reads', async () => {
    const memory = new MemoryGuest({ '/etc/wsl.conf': '[boot]\nsystemd = false\n' }).on((argv) =>
      argv[0] === 'printenv' ? { code: 1 } : undefined,
    );
    const recording = new RecordingGuest(memory, 'test');
    const platform = { os: 'linux' as const, guestDescription: 'test' };
    const resource = wslConfResource([{ section: 'boot', key: 'systemd', value: true }]);
    const planned = await buildPlan([resource], { platform, guest: memory }, {}, 'h');
    const report = await executePlan(planned, {
      read: { platform, guest: memory },
      apply: { platform, guest: recording, readBack: nothingToReadBack },
      journal: new MemoryJournal(),
      runId: 'r',
    });
    expect(report.steps[0]!.outcome).toBe('applied');
    expect(memory.mutations).toBe(0);
    expect(memory.text('/etc/wsl.conf')).toBe('[boot]\nsystemd = false\n');
    expect(recording.changes).toEqual([{ where: 'test', what: 'write /etc/wsl.conf (22 bytes)' }]);
  });

  it('ends a step that only a restart completes as reboot-required, and holds back what depends on it', async () => {
    const state = new Map<string, number>();
    let pending = false;
    const feature: ManagedResource<boolean> = {
      kind: 'managed',
      type: 'test.feature',
      key: 'f',
      plane: 'guest',
      needsElevation: false,
      dependsOn: [],
      summary: 'feature',
      get: async () => pending,
      test: (isPending) => ({
        inDesiredState: false,
        changes: [{ property: 'state', before: isPending ? 'pending' : 'off', after: 'on' }],
        ...(isPending ? { rebootRequired: true } : {}),
      }),
      apply: async () => void (pending = true),
    };
    const { report, journal } = await run([
      feature,
      counter(state, { key: 'needs-feature', desired: 1, dependsOn: ['test.feature[f]'] }),
      counter(state, { key: 'after-that', desired: 1, dependsOn: ['test.counter[needs-feature]'] }),
      counter(state, { key: 'independent', desired: 1 }),
    ]);
    expect(report.steps.map((s) => [s.id, s.outcome])).toEqual([
      ['test.feature[f]', 'reboot-required'],
      ['test.counter[needs-feature]', 'blocked'],
      ['test.counter[after-that]', 'blocked'],
      ['test.counter[independent]', 'applied'],
    ]);
    expect(report.steps[2]!.error).toBe('not applied yet: waits for Windows to restart (test.counter[needs-feature])');
    expect([report.ok, report.rebootRequired]).toEqual([false, true]);
    expect(journal.entries.map((e) => e.type)).toContain('step-reboot');
    expect(state.has('needs-feature')).toBe(false);
  });

  it('in a dry run, does not fail a step that cannot be checked because its dependency was only recorded', async () => {
    const state = new Map<string, number>();
    const platform = { os: 'linux' as const, guestDescription: 'test' };
    const inside = {
      ...counter(state, { key: 'inside', desired: 1, probeAfter: ['test.counter[distro]'] }),
      get: async () => Promise.reject(new Error('no such distribution')),
    };
    const resources = [counter(state, { key: 'distro', desired: 1 }), inside];
    const planned = await buildPlan(resources, { platform, guest: new MemoryGuest() }, {}, 'h');
    const recording = new RecordingGuest(new MemoryGuest(), 'test');
    const report = await executePlan(planned, {
      read: { platform, guest: new MemoryGuest() },
      apply: { platform, guest: recording, readBack: nothingToReadBack },
      journal: new MemoryJournal(),
      runId: 'r',
    });
    expect(report.steps.map((s) => [s.id, s.outcome, s.error ?? s.reason, s.reason !== undefined])).toEqual([
      ['test.counter[distro]', 'applied', undefined, false],
      ['test.counter[inside]', 'skipped', 'not checked: test.counter[distro] would be applied first', true],
    ]);
    expect(report.ok).toBe(true);
  });

  it('fails a step whose state apply cannot leave (plan: an error with the reason) without applying it', async () => {
    const state = new Map<string, number>([['other', 1]]);
    const applied: string[] = [];
    // Seen at plan time, and only when re-probed after its dependency (pending at plan time).
    const stuck = (key: string, probeAfter?: string[]): ManagedResource<number | undefined> => {
      const base = counter(state, { key, desired: 2, ...(probeAfter ? { probeAfter } : {}) });
      return {
        ...base,
        test: (actual) => ({ ...base.test(actual), cannotApply: 'other is installed; remove it first' }),
        apply: async () => void applied.push(key),
      };
    };
    const { report, planned } = await run([
      stuck('now'),
      counter(state, { key: 'distro', desired: 1 }),
      stuck('later', ['test.counter[distro]']),
    ]);
    expect(planned.plan.steps.map((s) => [s.action, s.reason])).toEqual([
      ['error', 'other is installed; remove it first'],
      ['create', undefined],
      ['pending', 'checked after test.counter[distro] is applied'],
    ]);
    expect(report.steps.map((s) => [s.outcome, s.error])).toEqual([
      ['failed', 'other is installed; remove it first'],
      ['applied', undefined],
      ['failed', 'other is installed; remove it first'],
    ]);
    expect(applied).toEqual([]);
    expect(report.ok).toBe(false);
  });

  it('in a dry run, a read it could not make (no network) leaves the step not checked, not failed', async () => {
    const state = new Map<string, number>();
    const platform = { os: 'linux' as const, guestDescription: 'test' };
    const offline = {
      fetchText: async () => Promise.reject(new Error('getaddrinfo ENOTFOUND release.invalid')),
    } as unknown as NetPort;
    const changes: RecordedChange[] = [];
    const kind = {
      ...counter(state, { key: 'kind', desired: 1 }),
      apply: async (_a: unknown, ctx: { net?: NetPort }) =>
        void (await ctx.net!.fetchText!(['https://r.invalid/k.sha'])),
    };
    const resources = [kind, counter(state, { key: 'after', desired: 1, dependsOn: ['test.counter[kind]'] })];
    const planned = await buildPlan(resources, { platform, guest: new MemoryGuest() }, {}, 'h');
    const report = await executePlan(planned, {
      read: { platform, guest: new MemoryGuest() },
      apply: {
        platform,
        guest: new RecordingGuest(new MemoryGuest(), 'test'),
        net: new RecordingNet(offline, changes),
        readBack: nothingToReadBack,
      },
      journal: new MemoryJournal(),
      runId: 'r',
    });
    expect(report.steps.map((s) => [s.outcome, s.reason])).toEqual([
      [
        'skipped',
        'not checked: the dry run could not fetch https://r.invalid/k.sha (getaddrinfo ENOTFOUND release.invalid); ' +
          'a real run does this first, so its outcome is unknown',
      ],
      ['applied', undefined],
    ]);
    expect(report.ok).toBe(true);
    expect(changes).toEqual([{ where: 'devbox', what: 'fetch https://r.invalid/k.sha', notRun: true }]);
  });
});
