/**
 * Real PowerShell 7 for the tests. Missing pwsh is loud: under DEVBOX_REQUIRE_SYSTEM_TESTS=1 a
 * failure, otherwise a warning on stderr and the tests that need it fail with the reason.
 */
import { spawnSync } from 'node:child_process';
import { findPwsh } from '../winsim/pwsh.js';
import { systemTestsRequired } from '../rig/privileges.js';

const installHint = 'install it with `dotnet tool install --global PowerShell --version 7.6.9` (see .ci/run)';

/** The pwsh executable; throws (with how to install it) when there is none. */
export function requirePwsh(): string {
  const pwsh = findPwsh();
  if (pwsh) return pwsh;
  const message = `[pwsh] PowerShell 7 (pwsh) was not found in $DEVBOX_PWSH, ~/.dotnet/tools or PATH: ${installHint}`;
  if (!systemTestsRequired) process.stderr.write(`\n*** ${message}. The PowerShell tests FAIL without it. ***\n\n`);
  throw new Error(message);
}

/** Runs pwsh with argv (never a command string built from data) and returns its output. */
export function runPwsh(
  args: readonly string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {},
) {
  const result = spawnSync(requirePwsh(), ['-NoProfile', '-NonInteractive', ...args], {
    input: options.input,
    env: options.env ?? process.env,
    cwd: options.cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { exitCode: result.status ?? -1, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}
