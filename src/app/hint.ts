/**
 * Fix hints that work when pasted: every `devbox …` a message suggests carries the invocation's
 * manifest, plane, root and --trust-remote, quoted for the user's shell (PowerShell on Windows,
 * POSIX sh elsewhere). One function builds them all, so no hint drops the context it came from.
 */
import { builtinDefaultRef } from '../manifest/refs.js';
import type { SessionRequest } from './session.js';

export type HintShell = 'posix' | 'powershell';

/** What a hint must repeat of the command line that produced it. */
export interface Invocation {
  manifestRef?: string;
  trustRemote?: boolean;
  plane?: string;
  root?: string;
  shell: HintShell;
}

/** Builds a hint for `devbox ARGS` from this run's invocation. */
export type Hint = (args: readonly string[]) => string;

// Words either shell reads as themselves. PowerShell gives `,` `@` `{` `(` `$` and a leading `-`
// followed by digits meanings, POSIX sh gives `[` `*` `?` `~` and more: both quote anything else.
const plainPosix = /^[\w%+=:,./-]+$/;
const plainPowerShell = /^[A-Za-z_./\\][\w%+=:./\\-]*$|^--?[A-Za-z][\w-]*$/;

/** One argument, quoted so the shell passes it unchanged. */
export function quoteArg(word: string, shell: HintShell): string {
  if (shell === 'posix') return word !== '' && plainPosix.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
  // PowerShell single quotes: only the quote itself (and its typographic forms) is special; doubled.
  return word !== '' && plainPowerShell.test(word) ? word : `'${word.replace(/['‘’‚‛]/g, (q) => q + q)}'`;
}

/** `devbox ARGS` plus the invocation's context, each word quoted for the shell. */
export function hintCommand(invocation: Invocation, args: readonly string[]): string {
  const context = [
    ...(invocation.manifestRef && invocation.manifestRef !== builtinDefaultRef ? ['-m', invocation.manifestRef] : []),
    ...(invocation.trustRemote ? ['--trust-remote'] : []),
    // --root implies the guest plane: repeating it would only lengthen the line.
    ...(invocation.root ? ['--root', invocation.root] : invocation.plane ? ['--plane', invocation.plane] : []),
  ];
  return ['devbox', ...args, ...context].map((w, i) => (i === 0 ? w : quoteArg(w, invocation.shell))).join(' ');
}

/** The invocation of a session request on this OS (PowerShell quoting on Windows). */
export function invocationOf(request: SessionRequest, os: string): Invocation {
  return {
    ...(request.manifestRef ? { manifestRef: request.manifestRef } : {}),
    ...(request.trustRemote ? { trustRemote: true } : {}),
    ...(request.plane ? { plane: request.plane } : {}),
    ...(request.root ? { root: request.root } : {}),
    shell: os === 'windows' ? 'powershell' : 'posix',
  };
}

/** A Hint bound to an invocation. */
export function hintFor(invocation: Invocation): Hint {
  return (args) => hintCommand(invocation, args);
}
