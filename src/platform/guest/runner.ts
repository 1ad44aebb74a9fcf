/**
 * Runs guest operations through the agent: one process per batch, results matched back by index.
 * `CoalescingGuest` merges the batches of concurrent callers (all probes of a plan) into one.
 */
import { t } from '../../i18n/catalogue.js';
import { GuestUnavailableError, PrerequisiteError } from '../../errors.js';
import type { ProcessRunner } from '../process.js';
import { SpawnError } from '../process.js';
import { coalesce } from '../coalesce.js';
import { isReadOnly, type GuestOp, type GuestPort, type OpResult } from '../../engine/ports/guest.js';
import type { ProgressObserver } from '../../engine/ports/progress.js';
import { isAptStatus, lineSplitter, parseAptStatus } from './apt-status.js';
import { decodeBatch, encodeBatch } from './protocol.js';
import type { GuestTransport } from './transports.js';

function tail(buffer: Buffer, lines = 8): string {
  return buffer
    .toString('utf8')
    .replace(/\u0000/g, '')
    .trim()
    .split(/\r*\n/)
    .filter((line) => !isAptStatus(line))
    .slice(-lines)
    .join('\n');
}

/** Runs batches in the guest through a transport. */
export class GuestRunner implements GuestPort {
  constructor(
    private readonly transport: GuestTransport,
    private readonly processes: ProcessRunner,
    private readonly options: { timeoutMs?: number; currentUid?: number } = {},
  ) {}

  get description(): string {
    return this.transport.description;
  }

  /** Why this process cannot change the guest (not root where that is needed), or undefined. */
  changeRefusal(): PrerequisiteError | undefined {
    if (this.transport.runsAsRoot || this.options.currentUid === undefined || this.options.currentUid === 0)
      return undefined;
    return new PrerequisiteError(t('guest.needsRoot', { guest: this.transport.description }), {
      suggestions: [t('guest.needsRootFix')],
    });
  }

  async run(ops: readonly GuestOp[], observer?: ProgressObserver): Promise<OpResult[]> {
    if (ops.length === 0) return [];
    const mutates = ops.some((op) => !isReadOnly(op));
    const refusal = mutates ? this.changeRefusal() : undefined;
    if (refusal) throw refusal;
    const { file, args, env } = this.transport.command();
    let result;
    try {
      result = await this.processes.run(file, args, {
        input: encodeBatch(ops),
        ...(env ? { env } : {}),
        timeoutMs: this.options.timeoutMs ?? 15 * 60_000,
        // The agent's stderr carries the commands' progress channel (fd 3): apt's status lines.
        ...(observer
          ? {
              onStderr: lineSplitter((line) => {
                const report = parseAptStatus(line);
                if (report) observer.progress(report);
              }),
            }
          : {}),
      });
    } catch (error) {
      if (error instanceof SpawnError)
        throw new PrerequisiteError(
          t('platform.cannotReach', { guest: this.transport.description, error: error.message }),
        );
      throw error;
    }
    const decoded = decodeBatch(result.stdout, ops.length);
    if (!decoded.started) {
      const detail = [tail(result.stderr), tail(result.stdout)].filter(Boolean).join('\n');
      const notPermitted = /Operation not permitted|Permission denied/i.test(detail);
      const cannot = t('platform.cannotRun', {
        guest: this.transport.description,
        file,
        exit: String(result.exitCode ?? result.signal),
      });
      const message = `${cannot}${detail ? `\n${detail}` : ''}`;
      if (notPermitted) throw new PrerequisiteError(message, { suggestions: [t('platform.runAsRoot')] });
      throw new GuestUnavailableError(message);
    }
    if (decoded.fatal)
      throw new GuestUnavailableError(
        t('platform.agentFailed', { guest: this.transport.description, error: decoded.fatal }),
      );
    const missing = decoded.results.findIndex((r) => r === undefined);
    if (missing !== -1) {
      const why = result.timedOut
        ? t('platform.agentTimedOut')
        : t('platform.agentStopped', { exit: String(result.exitCode ?? result.signal) });
      throw new GuestUnavailableError(
        t('platform.agentIncomplete', { guest: this.transport.description, why, at: missing + 1, of: ops.length }) +
          (tail(result.stderr) ? `\n${tail(result.stderr)}` : ''),
      );
    }
    return decoded.results as OpResult[];
  }
}

/**
 * Collects the run() calls made in the same turn of the event loop and sends them as one batch, so
 * probing N resources costs one agent process, not N.
 */
export class CoalescingGuest implements GuestPort {
  private readonly batched: (ops: readonly GuestOp[]) => Promise<OpResult[]>;
  /** Observers of the calls in flight: a shared batch's progress goes to each of them. */
  private readonly observers = new Set<ProgressObserver>();

  constructor(inner: GuestPort) {
    const everyone: ProgressObserver = { progress: (p) => this.observers.forEach((o) => o.progress(p)) };
    // Reads of one batch see the same moment: a file or command several probes read is read once.
    this.batched = coalesce((ops) => inner.run(ops, everyone), {
      sameAs: (op) => (isReadOnly(op) ? JSON.stringify(op) : undefined),
    });
  }

  async run(ops: readonly GuestOp[], observer?: ProgressObserver): Promise<OpResult[]> {
    if (observer) this.observers.add(observer);
    try {
      return await this.batched(ops);
    } finally {
      if (observer) this.observers.delete(observer);
    }
  }
}
