import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { youngGenerationFlag } from './v8-flags.js';

/**
 * The young generation's size after allocating objects that survive scavenges, in a fresh Node
 * process (a V8 flag is process-wide): with the flag given at run time, as bin/run.js does, or not.
 */
function newSpaceAfterSurvivors(flag: string | undefined): number {
  // After -e, node reads options up to the first other word: hence the placeholder before the flag.
  // Survivors made a batch per turn of the event loop, as module loading and a download make them
  // (in one synchronous loop V8 grows the young generation whatever the flag says).
  const script = `
    const v8 = require('node:v8');
    if (process.argv[2]) v8.setFlagsFromString(process.argv[2]);
    const kept = [];
    (async () => {
      for (let round = 0; round < 200; round++) {
        await new Promise((resolve) => setImmediate(resolve));
        for (let i = 0; i < 500; i++) kept.push({ i, s: 'x' + i + round, a: new Array(8).fill(i) });
      }
      const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      process.stdout.write(String(space.space_size));
    })();`;
  return Number(execFileSync(process.execPath, ['-e', script, 'placeholder', flag ?? ''], { encoding: 'utf8' }));
}

describe('keepYoungGenerationSmall', () => {
  it('keeps the young generation from growing when set at run time (V8 still honours the flag)', () => {
    const grown = newSpaceAfterSurvivors(undefined);
    const kept = newSpaceAfterSurvivors(youngGenerationFlag);
    expect(kept).toBeLessThan(grown / 2);
  });
});
