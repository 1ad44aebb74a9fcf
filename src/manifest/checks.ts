/**
 * Rules that span fields or sections, checked on the typed manifest after the schema passed. The
 * rules belong to the areas (each `src/resources/<area>/index.ts` exports its `check`); the loader
 * is given them, so this layer never imports resources. Each finding is located through the merged
 * tree so it points into the file that set the value.
 */
import type { Manifest } from './schema/index.js';
import { formatPath, type IssueList } from './issues.js';
import { locate, type LNode } from './tree.js';

/** Where a rule reports: a path into the manifest and a message. */
export interface CheckReport {
  error(path: readonly (string | number)[], message: string): void;
  warn(path: readonly (string | number)[], message: string): void;
}

/** One area's cross-field rules. Pure. */
export type ManifestCheck = (manifest: Manifest, report: CheckReport) => void;

/** Indexes of the items whose key an earlier item already had (for "listed twice" rules). */
export function duplicateIndexes<T>(items: readonly T[], keyOf: (item: T) => string): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) repeated.push(index);
    seen.add(key);
  });
  return repeated;
}

/** Runs every rule, reporting into `issues`. */
export function checkManifest(
  manifest: Manifest,
  tree: LNode,
  issues: IssueList,
  checks: readonly ManifestCheck[],
): void {
  const report: CheckReport = {
    error: (path, message) => issues.error(formatPath(path), message, locate(tree, path)),
    warn: (path, message) => issues.warn(formatPath(path), message, locate(tree, path)),
  };
  for (const check of checks) check(manifest, report);
}
