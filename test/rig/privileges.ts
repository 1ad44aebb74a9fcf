/**
 * Real-environment tests need root (chroot, network namespaces, mounts) and tools from Debian's
 * packages. Where they cannot run they say so loudly; under CI (DEVBOX_REQUIRE_SYSTEM_TESTS=1, set by
 * .ci/run) a missing prerequisite is a failure, so a tier can never be skipped silently.
 */
import { execFileSync } from 'node:child_process';

export const systemTestsRequired = process.env.DEVBOX_REQUIRE_SYSTEM_TESTS === '1';

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why this tier cannot run here, or undefined when it can. Throws under CI instead of returning a reason.
 */
export function missingPrerequisites(
  tier: string,
  commands: readonly string[] = [],
  options: { needsRoot?: boolean } = {},
): string | undefined {
  const problems: string[] = [];
  if (options.needsRoot !== false && process.getuid?.() !== 0) problems.push('not running as root');
  const missing = commands.filter((c) => !hasCommand(c));
  if (missing.length > 0) problems.push(`missing commands: ${missing.join(', ')}`);
  if (problems.length === 0) return undefined;
  const message = `[${tier}] cannot run: ${problems.join('; ')}`;
  if (systemTestsRequired)
    throw new Error(`${message} (DEVBOX_REQUIRE_SYSTEM_TESTS=1: this tier must run; see .ci/run)`);
  process.stderr.write(
    `\n*** ${message}. These tests are NOT running. Run \`sudo npm test\` after .ci/run's installs to run them. ***\n\n`,
  );
  return message;
}
