#!/usr/bin/env node
// Development entry: rebuilds dist/ first, then runs the CLI from it.
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, [new URL('../scripts/build.mjs', import.meta.url).pathname], { stdio: 'inherit' });
const { execute } = await import('@oclif/core');
await execute({ development: true, dir: import.meta.url });
