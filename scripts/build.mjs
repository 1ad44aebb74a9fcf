// Compiles src/ to dist/ and copies the non-TypeScript assets (guest shell scripts, PowerShell files)
// that the code reads at run time next to the modules that read them.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

// oclif.manifest.json lists every command's flags and help, so a run loads only the command it
// runs (without it oclif imports every command module at start: slower, and more memory).
const { Plugin } = await import('@oclif/core');
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true });
await plugin.load();
writeFileSync(join(root, 'oclif.manifest.json'), `${JSON.stringify(plugin.manifest, null, 2)}\n`);
