// Runs every benchmark under bench/<name>/index.mjs (or only those named on the command line).
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'index.mjs')))
  .map((e) => e.name)
  .filter((n) => wanted.length === 0 || wanted.includes(n));
let failed = 0;
for (const name of names) {
  console.log(`\n== bench/${name} ==`);
  const result = spawnSync(process.execPath, [join(dir, name, 'index.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
