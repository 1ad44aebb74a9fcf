/**
 * The ports one step is given, watched: their progress reaches the step's observer (the task
 * list), and the output of a command that fails is kept so the user sees its end.
 */
import type { GuestOp, GuestPort, OpResult } from './ports/guest.js';
import type { NetPort } from './ports/net.js';
import type { OutputTail, ProgressObserver } from './ports/progress.js';

/** Lines of a failing command's output kept for the user and the log. */
export const tailLines = 20;

function lines(buffer: Buffer): string[] {
  const text = buffer.toString('utf8').replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  return text === '' ? [] : text.split('\n');
}

/** The last `count` lines of a command's stdout then stderr. */
export function outputTail(argv: readonly string[], result: OpResult, count = tailLines): OutputTail {
  const all = [...lines(result.stdout), ...lines(result.stderr)];
  return { command: argv.join(' '), exitCode: result.code, lines: all.slice(-count), totalLines: all.length };
}

/** A step's guest port that reports progress and remembers the last failing command's output. */
export class WatchedGuest implements GuestPort {
  /** The output of the last command of this step that exited non-zero. */
  lastFailure: OutputTail | undefined;

  constructor(
    private readonly inner: GuestPort,
    private readonly observer: ProgressObserver,
  ) {}

  async run(ops: readonly GuestOp[], observer?: ProgressObserver): Promise<OpResult[]> {
    const both: ProgressObserver = {
      progress: (p) => {
        this.observer.progress(p);
        observer?.progress(p);
      },
    };
    const results = await this.inner.run(ops, both);
    ops.forEach((op, i) => {
      const result = results[i];
      if (op.op === 'run' && result && result.code !== 0) this.lastFailure = outputTail(op.argv, result);
    });
    return results;
  }
}

/** A step's network port whose downloads report to the step's observer. */
export function watchedNet(inner: NetPort, observer: ProgressObserver): NetPort {
  return new Proxy(inner, {
    get(target, key) {
      if (key === 'fetchFile')
        return (request: Parameters<NetPort['fetchFile']>[0], own?: ProgressObserver) =>
          target.fetchFile(request, {
            progress: (p) => {
              observer.progress(p);
              own?.progress(p);
            },
          });
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
