/**
 * The one error handler: user errors print their message and suggestions (never a stack), bugs
 * print the stack with a request to report them. Returns the exit code.
 */
import { ExitCode, isUserError } from '../errors.js';
import { ManifestError } from '../manifest/issues.js';
import { plain, type Palette } from './color.js';
import { t } from '../i18n/catalogue.js';

/** The `--json` form of an error. */
export function errorJson(error: unknown): Record<string, unknown> {
  if (isUserError(error)) {
    return {
      error: {
        code: error.code,
        exitCode: error.exitCode,
        message: error.message,
        suggestions: error.suggestions,
        ...(error instanceof ManifestError ? { issues: error.issues } : {}),
      },
      ...('result' in error ? { result: (error as { result: unknown }).result } : {}),
    };
  }
  return {
    error: {
      code: 'internal',
      exitCode: ExitCode.internal,
      message: error instanceof Error ? error.message : String(error),
    },
  };
}

/** Human text for an error. */
export function errorText(error: unknown, p: Palette = plain): string {
  if (isUserError(error)) {
    const suggestions = error.suggestions.map((s) => `  ${p.info('→')} ${s}`);
    return [p.bad(t('error.line', { message: error.message })), ...suggestions].join('\n');
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `${p.bad(t('error.internal'))}\n${stack}`;
}

export function exitCodeOf(error: unknown): number {
  return isUserError(error) ? error.exitCode : ExitCode.internal;
}
