/**
 * Where devbox's own files are when it runs from its package (npm, a checkout). Found by walking up
 * to devbox's package.json rather than by a fixed number of `..`, because the build bundles each
 * command into one file (scripts/build.mjs) and a module's location then depends on how it was
 * built. A standalone executable has no package folder: its files are SEA assets (assets.ts), and
 * nothing here runs there (hence lazy: the executable's bundle has no module URL).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'devbox')
      return dir;
    if (dirname(dir) === dir) throw new Error(`devbox's package.json was not found above ${start}`);
  }
}

let found: { here: string; root: string } | undefined;
function locate(): { here: string; root: string } {
  if (!found) {
    const here = fileURLToPath(import.meta.url);
    found = { here, root: findPackageRoot(dirname(here)) };
  }
  return found;
}

/** The directory holding devbox's package.json, manifests/ and dist/. */
export function packageRoot(): string {
  return locate().root;
}

/** A file shipped beside the code (agent.sh, the .ps1 scripts), by its path under src/: from dist/ when running built code. */
export function assetPath(pathUnderSrc: string): string {
  const { here, root } = locate();
  // Judged below the package root: the root's own path may contain a `dist` folder.
  const built = relative(root, here).startsWith(`dist${sep}`);
  return join(root, built ? 'dist' : 'src', pathUnderSrc);
}
