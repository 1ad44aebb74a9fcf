/**
 * Whether the guest runs under WSL, read in the guest itself: WSL's kernels name themselves in
 * their release ("5.15.167.4-microsoft-standard-WSL2", WSL 1: "4.4.0-19041-Microsoft"), WSL
 * registers its interop handler with binfmt_misc (`WSLInterop`, `WSLInterop-late` on newer builds),
 * and wsl.exe starts every process with WSL_DISTRO_NAME (research/wsl.md §6.1). One of them is
 * enough: `sudo` drops the variable, a custom kernel may not say "microsoft", interop can be off.
 */
import { fileText, stdoutText, type GuestReadOp, type OpResult } from '../../engine/ports/guest.js';

/** The read-only operations the answer needs, in the order `insideWslFrom` expects their results. */
export const insideWslProbeOps: readonly GuestReadOp[] = [
  { op: 'read', path: '/proc/sys/kernel/osrelease' },
  { op: 'read', path: '/proc/sys/fs/binfmt_misc/WSLInterop' },
  { op: 'read', path: '/proc/sys/fs/binfmt_misc/WSLInterop-late' },
  { op: 'run', argv: ['printenv', 'WSL_DISTRO_NAME'], readOnly: true },
];

/** What the guest showed of WSL. */
export interface WslFacts {
  insideWsl: boolean;
  /** The running kernel's release, when it could be read. */
  kernel?: string;
}

const present = (result: OpResult | undefined) => result?.code === 0 && result.file?.kind === 'file';

export function insideWslFrom([osrelease, interop, interopLate, distroName]: readonly OpResult[]): WslFacts {
  const kernel = osrelease && osrelease.code === 0 ? fileText(osrelease)?.trim() : undefined;
  const insideWsl =
    /microsoft/i.test(kernel ?? '') ||
    present(interop) ||
    present(interopLate) ||
    (distroName?.code === 0 && stdoutText(distroName).trim() !== '');
  return { insideWsl, ...(kernel ? { kernel } : {}) };
}
