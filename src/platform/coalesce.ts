/**
 * Batching of probes: the calls made in the same turn of the event loop go out as one request, so
 * probing N resources costs one process (a guest agent, a PowerShell probe), not N.
 */

interface Pending<Op, Result> {
  ops: readonly Op[];
  resolve: (results: Result[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Wraps `send` (one request for many operations, results in the same order) so that concurrent
 * callers share a request; each caller gets the results of its own operations, or the request's
 * error. Operations for which `sameAs` gives the same key (reads that several resources make) are
 * sent once and their result is shared; an undefined key (a write) is never merged, and no read
 * after it is merged with one before it.
 */
export function coalesce<Op, Result>(
  send: (ops: Op[]) => Promise<Result[]>,
  options: { sameAs?: (op: Op) => string | undefined } = {},
): (ops: readonly Op[]) => Promise<Result[]> {
  let pending: Pending<Op, Result>[] = [];
  let scheduled = false;

  async function flush(): Promise<void> {
    const batch = pending;
    pending = [];
    scheduled = false;
    try {
      const unique: Op[] = [];
      const firstByKey = new Map<string, number>();
      const slots = batch.flatMap((p) =>
        p.ops.map((op) => {
          const key = options.sameAs?.(op);
          // An operation that is not a pure read may change what later reads see: start afresh.
          if (key === undefined) firstByKey.clear();
          const seen = key === undefined ? undefined : firstByKey.get(key);
          if (seen !== undefined) return seen;
          if (key !== undefined) firstByKey.set(key, unique.length);
          return unique.push(op) - 1;
        }),
      );
      const results = await send(unique);
      let offset = 0;
      for (const p of batch) {
        p.resolve(slots.slice(offset, offset + p.ops.length).map((slot) => results[slot]!));
        offset += p.ops.length;
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  return (ops) => {
    if (ops.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      pending.push({ ops, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
  };
}
