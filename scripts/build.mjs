// Compiles src/ to dist/ and copies the non-TypeScript assets (guest shell scripts, PowerShell files)
// that the code reads at run time next to the modules that read them.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

const assetExtensions = new Set(['.sh', '.ps1', '.json', '.yaml']);
function copyAssets(dir) {
  for (const name of readdirSync(join(root, 'src', dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, 'src', rel)).isDirectory()) copyAssets(rel);
    else if (assetExtensions.has(extname(name))) cpSync(join(root, 'src', rel), join(root, 'dist', rel));
  }
}
copyAssets('');
