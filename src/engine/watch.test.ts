import { describe, expect, it } from 'vitest';
import { executePlan, type ExecutorEvent } from './executor.js';
import { buildPlan } from './planner.js';
import { MemoryJournal } from './journal.js';
import type { ManagedResource, ReadContext } from './resource.js';
import type { NetPort, ProgressObserver } from './ports/index.js';
import { MemoryGuest } from '../../test/fakes/memory-guest.js';
import { outputTail } from './watch.js';

/** A resource that runs one command in the guest and downloads one file when applied. */
function step(key: string, argv: string[]): ManagedResource<boolean> {
  let done = false;
  return {
    kind: 'managed',
    type: 'test.step',
    key,
    plane: 'guest',
    needsElevation: false,
    dependsOn: [],
    summary: key,
    get: () => Promise.resolve(done),
    test: (done) =>
      done
        ? { inDesiredState: true, changes: [] }
        : { inDesiredState: false, action: 'update', changes: [{ property: 'done', before: false, after: true }] },
    async apply(_actual, ctx) {
      await ctx.net!.fetchFile({ urls: ['https://example.invalid/f'], sha256: 'ab', name: 'f' });
      const [result] = await ctx.guest.run([{ op: 'run', argv }]);
      if (result!.code !== 0) throw new Error(`${argv[0]} failed`);
      done = true;
    },
  };
}

/** A network port whose one download reports two progress events; anything else throws. */
const net = {
  fetchFile: (_request: unknown, observer?: ProgressObserver) => {
    observer?.progress({ kind: 'transfer', name: 'f', bytes: 10, total: 20, rate: 5, etaSeconds: 2, done: false });
    observer?.progress({ kind: 'transfer', name: 'f', bytes: 20, total: 20, rate: 5, done: true });
    return Promise.resolve({ path: '/cache/f', source: 'network' as const });
  },
} as unknown as NetPort;

describe('a step under watch', () => {
  it('reports its downloads as progress events of that step, and a failing command leaves its last 20 lines', async () => {
    const guest = new MemoryGuest().on((argv) =>
      argv[0] === 'noisy'
        ? {
            code: 3,
            stdout: Array.from({ length: 30 }, (_, i) => `out ${i + 1}`).join('\n'),
            stderr: 'E: it broke\n',
          }
        : undefined,
    );
    const platform = { os: 'linux' as const, guestDescription: 'test' };
    const read: ReadContext = { platform, guest };
    const planned = await buildPlan([step('a', ['noisy', '--flag'])], read, {}, 'h');
    const events: ExecutorEvent[] = [];
    const report = await executePlan(planned, {
      read,
      apply: { platform, guest, net },
      journal: new MemoryJournal(),
      runId: 'r',
      onEvent: (e) => events.push(e),
    });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.map((e) => [e.id, e.progress.kind])).toEqual([
      ['test.step[a]', 'transfer'],
      ['test.step[a]', 'transfer'],
    ]);
    const failed = report.steps[0]!;
    expect(failed.outcome).toBe('failed');
    expect(failed.outputTail).toEqual({
      command: 'noisy --flag',
      exitCode: 3,
      lines: [...Array.from({ length: 19 }, (_, i) => `out ${i + 12}`), 'E: it broke'],
      totalLines: 31,
    });
  });

  it('keeps no tail for a step that succeeds', async () => {
    const guest = new MemoryGuest().on((argv) => (argv[0] === 'quiet' ? { code: 0, stdout: 'fine' } : undefined));
    const platform = { os: 'linux' as const, guestDescription: 'test' };
    const read: ReadContext = { platform, guest };
    const planned = await buildPlan([step('b', ['quiet'])], read, {}, 'h');
    const report = await executePlan(planned, {
      read,
      apply: { platform, guest, net },
      journal: new MemoryJournal(),
      runId: 'r',
    });
    expect(report.steps[0]).toMatchObject({ outcome: 'applied' });
    expect(report.steps[0]!.outputTail).toBeUndefined();
  });

  it('an output tail counts CRLF lines once and an empty output as none', () => {
    const tail = outputTail(['x'], { code: 1, stdout: Buffer.from('a\r\nb\r\n'), stderr: Buffer.alloc(0) });
    expect(tail).toEqual({ command: 'x', exitCode: 1, lines: ['a', 'b'], totalLines: 2 });
    expect(outputTail(['y'], { code: 1, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) }).lines).toEqual([]);
  });
});
