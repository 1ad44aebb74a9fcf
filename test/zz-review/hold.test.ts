import { existsSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { WindowsMachine } from '../winsim/machine.js';
it('holds a simulated machine', async () => {
  const m = WindowsMachine.create({ preset: 'win11' });
  try {
    writeFileSync('/tmp/r4/env.json', JSON.stringify(m.env));
    for (let i = 0; i < 1500 && !existsSync('/tmp/r4/done'); i++) await new Promise((r) => setTimeout(r, 1000));
  } finally {
    m.dispose();
  }
}, 1_700_000);
