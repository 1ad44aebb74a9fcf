/**
 * `${name}` reads a manifest variable, `${env:NAME}` the environment (`${env:NAME:-fallback}` with a
 * fallback), `$${` is a literal `${`. Substitution produces data only: nothing is ever evaluated.
 */
import { formatPath, type IssueList } from './issues.js';
import { didYouMean } from './schema-walk.js';
import type { LMap, LNode, ScalarValue } from './tree.js';

const reference = /\$\$\{|\$\{([^}]*)\}/g;

/** Where interpolation reads its values from. */
export interface InterpolationScope {
  vars: ReadonlyMap<string, ScalarValue>;
  env: Readonly<Record<string, string | undefined>>;
  /** Set while the values of `vars:` themselves are interpolated: their names, which they may not use. */
  varNames?: ReadonlySet<string>;
}

function lookup(expression: string, scope: InterpolationScope): { value: ScalarValue } | { error: string } {
  const env = /^env:([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s.exec(expression);
  if (env) {
    const value = scope.env[env[1]!];
    if (value !== undefined && value !== '') return { value };
    if (env[2] !== undefined) return { value: env[2] };
    return {
      error: `environment variable ${env[1]} is not set: set it, or give a fallback as \${env:${env[1]}:-value}`,
    };
  }
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(expression)) {
    if (scope.vars.has(expression)) return { value: scope.vars.get(expression)! };
    if (scope.varNames?.has(expression)) {
      return {
        error: `variable "${expression}" is used inside vars: a variable may use \${env:NAME} but not another variable; write its value out`,
      };
    }
    const known = [...scope.vars.keys()];
    const meant = didYouMean(expression, known);
    if (meant) return { error: `unknown variable "${expression}": did you mean "${meant}"?` };
    return {
      error: `unknown variable "${expression}": define it under vars:${known.length ? ` (defined: ${known.join(', ')})` : ''}`,
    };
  }
  return {
    error: `"\${${expression}}" is not a reference: use \${name} for a variable, \${env:NAME} for the environment, or $\${ for a literal \${`,
  };
}

function interpolateString(text: string, scope: InterpolationScope, report: (message: string) => void): ScalarValue {
  const whole = /^\$\{([^}]*)\}$/.exec(text);
  if (whole) {
    // A value that is exactly one reference keeps the variable's type (a number stays a number).
    const found = lookup(whole[1]!, scope);
    if ('error' in found) {
      report(found.error);
      return text;
    }
    return found.value;
  }
  return text.replace(reference, (match, expression: string | undefined) => {
    if (match === '$${') return '${';
    const found = lookup(expression!, scope);
    if ('error' in found) {
      report(found.error);
      return match;
    }
    return found.value === null ? '' : String(found.value);
  });
}

/** Returns a copy of the tree with every string scalar interpolated; problems go to `issues`. */
export function interpolate(
  node: LNode,
  scope: InterpolationScope,
  issues: IssueList,
  path: ReadonlyArray<string | number> = [],
): LNode {
  switch (node.kind) {
    case 'scalar':
      if (typeof node.value !== 'string' || !node.value.includes('${')) return node;
      return {
        ...node,
        value: interpolateString(node.value, scope, (message) => issues.error(formatPath(path), message, node.at)),
      };
    case 'seq':
      return { ...node, items: node.items.map((item, index) => interpolate(item, scope, issues, [...path, index])) };
    case 'map': {
      const entries: LMap['entries'] = new Map();
      for (const [key, entry] of node.entries) {
        entries.set(key, { keyAt: entry.keyAt, node: interpolate(entry.node, scope, issues, [...path, key]) });
      }
      return { ...node, entries };
    }
  }
}
