/**
 * Lowering fs.pipe-user-pages-soft for a moment, always restored: on return, on throw, and on a
 * signal to the test process. The value is global to the machine, so the window stays short.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const path = '/proc/sys/fs/pipe-user-pages-soft';

export function readPipeSoftLimit(): number {
  return Number(readFileSync(path, 'utf8').trim());
}

/** Runs `body` with the soft limit at `pages`, then puts the original back whatever happens. */
export async function withPipeSoftLimit<T>(pages: number, body: () => Promise<T>): Promise<T> {
  const original = readPipeSoftLimit();
  const restore = () => writeFileSync(path, `${original}\n`);
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    writeFileSync(path, `${pages}\n`);
    return await body();
  } finally {
    restore();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
