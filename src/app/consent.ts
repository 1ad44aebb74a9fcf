/**
 * Consent: devbox changes the machine only after a yes at a terminal prompt or with `--yes`. Every
 * confirmation (the plan, stopping running distros, ...) goes through one Consent so the rule holds
 * everywhere: where nobody can answer and `--yes` was not given, the run stops as a usage error
 * (exit 2) before anything changed.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';

/** Who answers the questions of a run. */
export interface ConsentSource {
  /** `--yes`: every question is answered yes without asking. */
  yes: boolean;
  /** Asks at a terminal; absent when nobody can answer (stdin/stdout not a TTY, or `--json`). */
  ask?: (question: string) => Promise<boolean>;
}

/** The text every refusal carries, so scripts and users learn the one way to go on. */
export function passYes(): string {
  return t('consent.passYes');
}

/** Thrown when a change needs a yes and nobody can give it. Exit code 2. */
export class ConsentRequiredError extends UsageError {
  constructor(question: string) {
    super(t('consent.required', { question }), {
      code: 'consent.required',
      suggestions: [t('consent.requiredFix')],
    });
  }
}

/**
 * Answers a question: true with `--yes`, the user's answer at a terminal, else throws
 * ConsentRequiredError (nothing may change without a yes).
 */
export async function confirmWith(source: ConsentSource, question: string): Promise<boolean> {
  if (source.yes) return true;
  if (source.ask) return source.ask(question);
  throw new ConsentRequiredError(question);
}
