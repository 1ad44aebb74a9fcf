/**
 * Manifest problems as data: where (file, line, column), which value (a dotted path), what is wrong
 * and how to fix it. A ManifestError carries all of them at once.
 */
import { t } from '../i18n/catalogue.js';
import { ExitCode, UserError } from '../errors.js';

/** A place in a manifest source file; line and column are 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/** One problem found in a manifest. */
export interface ManifestIssue {
  position?: SourcePosition;
  /** Dotted path of the value, e.g. `distro.network.fixedIp.address` or `scoop.apps[2].name`; empty for the whole file. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Formats a path of keys and indexes the way users write it: `a.b[2].c`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** `file:line:col  path  message`, the one line format of every manifest problem. */
export function formatIssue(issue: ManifestIssue): string {
  const where = issue.position
    ? `${issue.position.file}:${issue.position.line}:${issue.position.col}`
    : t('manifest.wholeManifest');
  const prefix = issue.severity === 'warning' ? t('manifest.warning') : '';
  return `${where}  ${issue.path || t('manifest.rootPath')}  ${prefix}${issue.message}`;
}

/** The manifest is invalid; every problem found is in `issues`. */
export class ManifestError extends UserError {
  readonly issues: ManifestIssue[];

  constructor(issues: ManifestIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(
      t('manifest.problems', { count: errors.length, issues: issues.map(formatIssue).join('\n') }),
      ExitCode.manifestInvalid,
      { code: 'manifest.invalid', suggestions: [t('manifest.problemsFix')] },
    );
    this.issues = issues;
  }
}

/** Collects issues while a manifest is loaded, so every problem is reported in one go. */
export class IssueList {
  readonly items: ManifestIssue[] = [];

  error(path: string, message: string, position?: SourcePosition): void {
    this.items.push({ path, message, severity: 'error', ...(position ? { position } : {}) });
  }

  warn(path: string, message: string, position?: SourcePosition): void {
    this.items.push({ path, message, severity: 'warning', ...(position ? { position } : {}) });
  }

  get hasErrors(): boolean {
    return this.items.some((i) => i.severity === 'error');
  }

  /** Throws a ManifestError when any error was collected. */
  throwIfErrors(fileOrder: readonly string[] = []): void {
    if (this.hasErrors) throw new ManifestError(this.sorted(fileOrder));
  }

  /**
   * The issues by position: files in `fileOrder` (the manifest first, then what it extends), other
   * files by name after them, then line and column. Issues without a position come first.
   */
  sorted(fileOrder: readonly string[] = []): ManifestIssue[] {
    const rank = (issue: ManifestIssue) => {
      if (!issue.position) return -1;
      const index = fileOrder.indexOf(issue.position.file);
      return index === -1 ? fileOrder.length : index;
    };
    return [...this.items].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.position?.file ?? '').localeCompare(b.position?.file ?? '') ||
        (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
        (a.position?.col ?? 0) - (b.position?.col ?? 0),
    );
  }
}
