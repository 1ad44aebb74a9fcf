/**
 * The error taxonomy of devbox. A UserError is something the user can fix (a bad manifest, a missing
 * prerequisite, a failed step with a reason); anything else that escapes is a bug. One handler
 * (`ui/handle-error.ts`) turns both into output and a fixed exit code.
 */
import { t } from './i18n/catalogue.js';

/** Fixed exit codes, published in every command's help. */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  manifestInvalid: 3,
  applyFailed: 4,
  driftFound: 5,
  interrupted: 6,
  prerequisiteMissing: 7,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Human descriptions of the exit codes, shown in `--help`, in the current locale. */
export function exitCodeDescriptions(): ReadonlyArray<readonly [ExitCode, string]> {
  return Object.values(ExitCode).map((code) => [code, t(`exit.${code}`)] as const);
}

/** Options shared by every UserError. */
export interface UserErrorOptions {
  /** Short stable identifier, e.g. `manifest.invalid`; part of the `--json` error output. */
  code?: string;
  /** What the user can do about it, one suggestion per entry. */
  suggestions?: string[];
  cause?: unknown;
}

/** An error the user caused or can fix. Never printed with a stack trace. */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;
  readonly suggestions: string[];
  readonly devboxUserError = true;

  constructor(message: string, exitCode: ExitCode, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.code = options.code ?? 'user';
    this.suggestions = options.suggestions ?? [];
  }
}

/** A bad command line: unknown flag value, incompatible flags. */
export class UsageError extends UserError {
  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, ExitCode.usage, { code: 'usage', ...options });
  }
}

/** Something the machine lacks before devbox can go on (root, elevation, WSL, a tool). */
export class PrerequisiteError extends UserError {
  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, ExitCode.prerequisiteMissing, { code: 'prerequisite', ...options });
  }
}

/** A run stopped before it finished: a signal, or the user declined to go on. */
export class InterruptedError extends UserError {
  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, ExitCode.interrupted, { code: 'interrupted', ...options });
  }
}

/**
 * The run stopped because Windows must restart before the remaining steps can go on (e.g. after
 * enabling an optional feature). Exit code 6: not a failure, and `devbox up --resume` continues.
 */
export class RebootRequiredError extends UserError {
  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, ExitCode.interrupted, { code: 'reboot.required', ...options });
  }
}

/**
 * A `net` command found nothing usable: no address passed the TLS check (`net resolve`), no mirror
 * served the file (`net rank`). Exit code 4, like a failed step; the `--json` output still carries
 * the full result under `result`.
 */
export class NothingUsableError extends UserError {
  constructor(
    message: string,
    readonly result: unknown,
    options: UserErrorOptions = {},
  ) {
    super(message, ExitCode.applyFailed, { code: 'net.nothing-usable', ...options });
  }
}

/** One or more steps failed to apply, or applied but did not converge. */
export class ApplyFailedError extends UserError {
  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, ExitCode.applyFailed, { code: 'apply.failed', ...options });
  }
}

/**
 * An external program failed in a way the caller did not expect. Carries the argv and the tail of
 * its output so the user can see what happened without re-running with debug flags.
 */
export class ExternalCommandError extends UserError {
  readonly argv: readonly string[];
  readonly commandExitCode: number | null;
  readonly output: string;

  constructor(argv: readonly string[], commandExitCode: number | null, output: string, meaning?: string) {
    const tail = output.trim().split(/\r*\n/).slice(-15).join('\n');
    const command = argv.join(' ');
    const what =
      commandExitCode === null
        ? t('platform.commandKilled', { command })
        : t('platform.commandExited', { command, code: commandExitCode });
    super(`${meaning ? `${meaning}: ` : ''}${what}${tail ? `\n${tail}` : ''}`, ExitCode.applyFailed, {
      code: 'command.failed',
    });
    this.argv = argv;
    this.commandExitCode = commandExitCode;
    this.output = output;
  }
}

/**
 * True for errors that carry their own exit code and user-facing message. Checked by a brand as well
 * as by class: a module loaded on demand (see scripts/build.mjs) has its own copy of this class.
 */
export function isUserError(error: unknown): error is UserError {
  return (
    error instanceof UserError ||
    (error instanceof Error && (error as { devboxUserError?: unknown }).devboxUserError === true)
  );
}

/**
 * The guest could not be reached, or its agent died part-way: the run's problem, not one step's (the
 * planner stops the plan on it rather than failing every guest step).
 */
export class GuestUnavailableError extends UserError {
  constructor(message: string, suggestions: string[] = []) {
    super(message, ExitCode.applyFailed, { code: 'guest.unavailable', suggestions });
  }
}
