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
 * error.
 */
export function coalesce<Op, Result>(send: (ops: Op[]) => Promise<Result[]>): (ops: readonly Op[]) => Promise<Result[]> {
  let pending: Pending<Op, Result>[] = [];
  let scheduled = false;

  async function flush(): Promise<void> {
    const batch = pending;
    pending = [];
    scheduled = false;
    try {
      const results = await send(batch.flatMap((p) => p.ops));
      let offset = 0;
      for (const p of batch) {
        p.resolve(results.slice(offset, offset + p.ops.length));
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
