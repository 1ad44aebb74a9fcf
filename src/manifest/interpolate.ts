/**
 * `${name}` reads a manifest variable, `${env:NAME}` the environment (`${env:NAME:-fallback}` with a
 * fallback), `$${` is a literal `${`. Substitution produces data only: nothing is ever evaluated.
 */
import type { IssueList } from './issues.js';
import type { LMap, LNode, ScalarValue } from './tree.js';

const reference = /\$\$\{|\$\{([^}]*)\}/g;

/** Where interpolation reads its values from. */
export interface InterpolationScope {
  vars: ReadonlyMap<string, ScalarValue>;
  env: Readonly<Record<string, string | undefined>>;
}

function lookup(expression: string, scope: InterpolationScope): { value: ScalarValue } | { error: string } {
  const env = /^env:([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s.exec(expression);
  if (env) {
    const value = scope.env[env[1]!];
    if (value !== undefined && value !== '') return { value };
    if (env[2] !== undefined) return { value: env[2] };
    return { error: `environment variable ${env[1]} is not set: set it, or give a fallback as \${env:${env[1]}:-value}` };
  }
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(expression)) {
    if (scope.vars.has(expression)) return { value: scope.vars.get(expression)! };
    const known = [...scope.vars.keys()];
    return { error: `unknown variable "${expression}": define it under vars:${known.length ? ` (defined: ${known.join(', ')})` : ''}` };
  }
  return { error: `"\${${expression}}" is not a reference: use \${name} for a variable, \${env:NAME} for the environment, or $\${ for a literal \${` };
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
export function interpolate(node: LNode, scope: InterpolationScope, issues: IssueList, path = ''): LNode {
  switch (node.kind) {
    case 'scalar':
      if (typeof node.value !== 'string' || !node.value.includes('${')) return node;
      return { ...node, value: interpolateString(node.value, scope, (message) => issues.error(path, message, node.at)) };
    case 'seq':
      return { ...node, items: node.items.map((item, index) => interpolate(item, scope, issues, `${path}[${index}]`)) };
    case 'map': {
      const entries: LMap['entries'] = new Map();
      for (const [key, entry] of node.entries) {
        entries.set(key, { keyAt: entry.keyAt, node: interpolate(entry.node, scope, issues, path ? `${path}.${key}` : key) });
      }
      return { ...node, entries };
    }
  }
}
