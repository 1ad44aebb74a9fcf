#!/usr/bin/env node
// Runs benchmarks: `npm run bench` runs all of them, `npm run bench -- guest-converge` one. A
// benchmark is bench/<name>.mjs, or bench/<name>.ts (run through ts-hooks.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const helpers = new Set(['run.mjs', 'ts-hooks.mjs', 'ts-loader.mjs']);
const all = readdirSync(dir).filter((f) => /\.(mjs|ts)$/.test(f) && !helpers.has(f) && !f.endsWith('.d.ts'));
const wanted = process.argv.slice(2);
const files = wanted.length
  ? wanted.map((name) => all.find((f) => f.replace(/\.(mjs|ts)$/, '') === name) ?? name)
  : all;

let failed = false;
for (const file of files) {
  if (!existsSync(join(dir, file))) {
    console.error(`no benchmark ${file} (have: ${all.map((f) => f.replace(/\.(mjs|ts)$/, '')).join(', ')})`);
    failed = true;
    continue;
  }
  console.log(`\n== bench/${file}`);
  const args = file.endsWith('.ts') ? ['--import', join(dir, 'ts-hooks.mjs'), join(dir, file)] : [join(dir, file)];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
