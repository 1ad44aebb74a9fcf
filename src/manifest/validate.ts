/**
 * Validates merged manifest data against the schema and turns zod's issues into manifest issues that
 * say where, what and how to fix, with "did you mean" for misspelt keys and values.
 */
import type { z } from 'zod';
import { manifestSchema, type Manifest } from './schema/index.js';
import { formatPath, type IssueList } from './issues.js';
import { locate, type LNode } from './tree.js';
import { allowedWordsAt, descriptionAt, didYouMean, knownKeysAt } from './schema-walk.js';
import { t, type MessageKey } from '../i18n/catalogue.js';

type Path = ReadonlyArray<PropertyKey>;

const defaultMessagePrefixes = [
  'Invalid input',
  'Invalid option',
  'Too big',
  'Too small',
  'Unrecognized key',
  'Invalid string',
  'Invalid key',
  'Invalid element',
  'Invalid',
];

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return t('schema.nothing');
  if (value === null) return 'null';
  if (Array.isArray(value)) return t('schema.aList');
  if (typeof value === 'object') return t('schema.aMap');
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

const typeWords: Record<string, Extract<MessageKey, `schema.type.${string}`>> = {
  string: 'schema.type.string',
  number: 'schema.type.number',
  int: 'schema.type.int',
  boolean: 'schema.type.boolean',
  object: 'schema.type.object',
  array: 'schema.type.array',
  record: 'schema.type.record',
};

function typeWord(expected: string): string {
  const key = typeWords[expected];
  return key ? t(key) : expected;
}

function sizeWord(origin: string | undefined, n: number | bigint): string {
  if (origin === 'array') return t('schema.items', { count: Number(n) });
  if (origin === 'string') return t('schema.characters', { count: Number(n) });
  return String(n);
}

/** A size counted in items or characters, where the value itself says nothing more. */
const counted = (origin: string | undefined) => origin === 'array' || origin === 'string';

function stringPath(path: Path): (string | number)[] {
  return path.map((p) => (typeof p === 'symbol' ? String(p) : p));
}

/** The user-facing message for one zod issue. */
function messageFor(issue: z.core.$ZodIssue, data: unknown): string {
  const value = valueAt(data, issue.path);
  const custom = !defaultMessagePrefixes.some((prefix) => issue.message.startsWith(prefix));
  if (
    value === undefined &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')
  ) {
    const hint = descriptionAt(manifestSchema, issue.path)?.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
    return t('schema.required', { hint: hint ?? '' });
  }
  // A misspelt word among fixed choices (enum members, literals such as "auto") gets a suggestion.
  const suggestion =
    typeof value === 'string' ? didYouMean(value, allowedWordsAt(manifestSchema, issue.path)) : undefined;
  const meant = suggestion && suggestion !== value ? t('schema.didYouMean', { word: suggestion }) : '';
  const got = () => t('schema.got', { value: describe(value) });
  switch (issue.code) {
    case 'invalid_type': {
      if (custom) return `${issue.message}${got()}`;
      return t('schema.mustBe', { expected: typeWord(issue.expected), value: describe(value) });
    }
    case 'invalid_value': {
      if (custom) return `${issue.message}${got()}${meant}`;
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const expected = allowed.length === 1 ? allowed[0]! : t('schema.oneOf', { values: allowed.join(', ') });
      return `${t('schema.mustBe', { expected, value: describe(value) })}${meant}`;
    }
    case 'too_small':
      if (custom) return issue.message;
      return (
        t('schema.atLeast', { size: sizeWord(issue.origin, issue.minimum) }) + (counted(issue.origin) ? '' : got())
      );
    case 'too_big':
      if (custom) return issue.message;
      return t('schema.atMost', { size: sizeWord(issue.origin, issue.maximum) }) + (counted(issue.origin) ? '' : got());
    case 'invalid_format':
    case 'custom':
    case 'invalid_union':
      return custom
        ? `${issue.message}${value !== undefined && typeof value !== 'object' ? got() : ''}${meant}`
        : `${t('schema.notValid', { value: describe(value) })}${meant}`;
    case 'invalid_key':
      return custom ? issue.message : t('schema.invalidKey');
    default:
      return custom ? issue.message : t('schema.notValid', { value: describe(value) });
  }
}

/**
 * Validates plain manifest data (already merged and interpolated). Problems go to `issues`, located
 * through `tree`; returns the typed manifest when there were none.
 */
export function validateManifestData(data: unknown, tree: LNode, issues: IssueList): Manifest | undefined {
  const result = manifestSchema.safeParse(data);
  if (result.success) return result.data;
  // A value of the wrong type gets one message: zod also runs length checks on it (a string given
  // where a list of at most 3 is expected fails "at most 3" by its character count).
  const wrongType = new Set(
    result.error.issues.filter((i) => i.code === 'invalid_type').map((i) => JSON.stringify(stringPath(i.path))),
  );
  for (const issue of result.error.issues) {
    if (issue.code !== 'invalid_type' && wrongType.has(JSON.stringify(stringPath(issue.path)))) continue;
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(manifestSchema, issue.path);
      for (const key of issue.keys) {
        const path = [...stringPath(issue.path), key];
        const suggestion = didYouMean(key, known);
        const fix = suggestion
          ? t('schema.meantKey', { word: suggestion })
          : known.length
            ? t('schema.allowedHere', { keys: known.filter((k) => k !== '$schema').join(', ') })
            : t('schema.removeIt');
        issues.error(formatPath(path), t('schema.unknownKey', { key, fix }), locate(tree, path, true));
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A record key that fails its pattern: point at the key, and report the key's own problem.
      const path = stringPath(issue.path);
      const inner = issue.issues[0];
      issues.error(
        formatPath(path),
        t('schema.keyProblem', {
          key: JSON.stringify(String(path[path.length - 1])),
          problem: inner ? inner.message : t('schema.keyNotAllowed'),
        }),
        locate(tree, path, true),
      );
      continue;
    }
    const path = stringPath(issue.path);
    issues.error(formatPath(path), messageFor(issue, data), locate(tree, path));
  }
  return undefined;
}

/**
 * The sections of `data` that are valid on their own, as a manifest without the others. Lets the
 * cross-field checks run on what can be checked while other sections have schema problems.
 */
export function validSections(data: unknown): Manifest {
  const record =
    data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const partial: Record<string, unknown> = { version: 1, vars: {} };
  for (const key of ['wsl', 'distro', 'scoop', 'hosts', 'cluster'] as const) {
    if (record[key] === undefined) continue;
    const result = manifestSchema.shape[key].safeParse(record[key]);
    if (result.success) partial[key] = result.data;
  }
  return partial as Manifest;
}
