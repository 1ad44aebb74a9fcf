/**
 * Which resources the `devbox status` that closes a restore checks: only what the restore wrote.
 * The restored manifest also declares what a restore never touches (WSL's features, the fixed IP,
 * the guest's packages, the cluster): those are `devbox up`'s to converge, and
 * checking them would report drift for a restore that did everything it was asked to.
 */
import type { Restored } from './restore.js';

/** Resource types (`--only` patterns) that prove each restored piece. */
const proofs: Record<Restored, readonly string[]> = {
  wslconfig: ['wsl.config'],
  // The registration (default user included) and /etc/wsl.conf, which comes back inside the distro.
  distro: ['wsl.distro', 'distro.wslconf'],
  scoop: ['scoop.core', 'scoop.config', 'scoop.bucket', 'scoop.app'],
  // Converged before Scoop's files whenever the restored manifest has them: its downloads depend on them.
  hosts: ['hosts.entry'],
};

/**
 * The `--only` patterns for the closing status: the proofs of what was restored that the restored
 * manifest declares (`types`: the types of its compiled resources). Empty: nothing to check.
 */
export function closingSelection(restored: readonly Restored[], types: readonly string[]): string[] {
  const declared = new Set(types);
  return [...new Set(restored.flatMap((r) => proofs[r]))].filter((t) => declared.has(t));
}
