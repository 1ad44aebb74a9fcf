/**
 * The standalone executables for the tests: `node scripts/dist.mjs` (cached: it rebuilds only when
 * its inputs changed) with the Node running the tests, which must be a Node 24 (as in CI).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../rig/cli.js';
import { systemTestsRequired } from '../rig/privileges.js';

export const distDir = join(repoRoot, 'dist-bin');
export const linuxBinary = join(distDir, 'devbox-linux-x64');
export const windowsExe = join(distDir, 'devbox-win-x64.exe');

/** Why the executables cannot be built here (Node too old), or undefined once they are built. */
export function buildStandalone(): string | undefined {
  if (Number(process.versions.node.split('.')[0]) < 24) {
    const message = `[dist] needs Node 24 to build the executables (running ${process.version}); see scripts/ci/install-node.sh`;
    if (systemTestsRequired) throw new Error(message);
    process.stderr.write(`\n*** ${message}. These tests are NOT running. ***\n\n`);
    return message;
  }
  if (!existsSync(join(repoRoot, 'dist', 'help', '_root.txt'))) execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'dist.mjs')], { stdio: 'inherit' });
  return undefined;
}
