/**
 * A manifest as a tree of located nodes: every map entry, list item and scalar remembers the file,
 * line and column it came from. Merging (`extends`) and interpolation (`vars`) work on this tree, so
 * an error found after merging still points into the file that supplied the bad value.
 */
import {
  type Alias,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from 'yaml';
import { formatPath, type IssueList, type SourcePosition } from './issues.js';

export type ScalarValue = string | number | boolean | null;

/** A located node of a manifest tree. */
export type LNode = LMap | LSeq | LScalar;

export interface LMap {
  kind: 'map';
  entries: Map<string, { keyAt: SourcePosition; node: LNode }>;
  at: SourcePosition;
}

export interface LSeq {
  kind: 'seq';
  items: LNode[];
  at: SourcePosition;
}

export interface LScalar {
  kind: 'scalar';
  value: ScalarValue;
  at: SourcePosition;
}

/** Beyond this many alias expansions a file is refused (the "billion laughs" pattern). */
const maxAliasExpansions = 1000;

/** The first line of a yaml library message, without its own "at line N, column M" suffix. */
function shortYamlMessage(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** How to fix each kind of YAML problem; the yaml library's own text says only what is wrong. */
const yamlFixes: Partial<Record<string, string>> = {
  BAD_INDENT: 'indent with spaces so that items of one map or list start at the same column',
  MISSING_CHAR: 'add the missing character',
  BAD_DQ_ESCAPE: "in double quotes write a backslash as \\\\, or use single quotes ('D:\\Scoop')",
  BLOCK_AS_IMPLICIT_KEY: 'put the nested map on its own indented lines, or quote the value',
  MULTILINE_IMPLICIT_KEY: 'keep a key on one line, or quote the value that follows it',
  TAG_RESOLVE_FAILED: 'remove the tag: a manifest holds plain strings, numbers, booleans, lists and maps',
  BAD_ALIAS: 'define the anchor (&name) before using the alias (*name), or write the value out',
};

/** The path of the map entry whose key starts at `offset`, for problems the yaml library reports by offset. */
function pathOfKeyAt(doc: Document, offset: number): (string | number)[] | undefined {
  const walk = (node: unknown, path: (string | number)[]): (string | number)[] | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        const name = isScalar(key) ? String(key.value) : '?';
        if (key?.range?.[0] === offset) return [...path, name];
        const found = walk(pair.value, [...path, name]);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        const found = walk(item, [...path, index]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(doc.contents, []);
}

/** What is wrong and how to fix it, for one problem the yaml library found. */
function yamlProblem(problem: YAMLError, text: string, doc: Document): { path: string; message: string } {
  const what = shortYamlMessage(problem.message);
  switch (problem.code) {
    case 'MULTIPLE_DOCS':
      return {
        path: '',
        message:
          'a manifest is a single YAML document: remove the second "---" and what follows, or move it to its own file',
      };
    case 'DUPLICATE_KEY': {
      const path = pathOfKeyAt(doc, problem.pos[0]) ?? [];
      const key = path.length ? String(path[path.length - 1]) : text.slice(problem.pos[0], problem.pos[1]);
      return {
        path: formatPath(path),
        message: `duplicate key "${key}": a key may appear only once in a map; keep one of them (merge their values)`,
      };
    }
    case 'TAB_AS_INDENT':
      return { path: '', message: 'YAML does not allow tabs for indentation: indent with spaces' };
    default: {
      // An unclosed [ or { is reported as BAD_INDENT at the line after it.
      const unclosed = /end with an? ([\]}])$/.exec(what);
      const fix = unclosed
        ? `close it with ${unclosed[1]} on the line where it started, or indent its continuation lines further than the key`
        : (yamlFixes[problem.code] ?? 'check the quotes, brackets and indentation here and on the line above');
      return { path: '', message: `YAML syntax: ${what.replace(/\.$/, '')}: ${fix}` };
    }
  }
}

/**
 * Parses YAML text into a located tree. Syntax errors, duplicate keys, unknown tags and multiple
 * documents are reported into `issues`; the result is undefined when the text cannot be used.
 */
export function parseManifestText(text: string, file: string, issues: IssueList): LNode | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: true,
    uniqueKeys: true,
    version: '1.2',
    schema: 'core',
    merge: false,
    keepSourceTokens: false,
  });
  const positionOf = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };

  for (const problem of [...doc.errors, ...doc.warnings]) {
    const at = problem.linePos?.[0];
    const { path, message } = yamlProblem(problem, text, doc);
    issues.error(path, message, at ? { file, line: at.line, col: at.col } : positionOf(problem.pos[0]));
  }
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;

  let expansions = 0;
  type Path = (string | number)[];
  const convert = (node: YamlNode | null | undefined, fallbackOffset: number, path: Path): LNode | undefined => {
    if (node === null || node === undefined) return { kind: 'scalar', value: null, at: positionOf(fallbackOffset) };
    if (isAlias(node)) {
      const aliasAt = positionOf(node.range?.[0] ?? fallbackOffset);
      if (++expansions > maxAliasExpansions) {
        // Once is enough: every later alias would repeat the same complaint.
        if (expansions === maxAliasExpansions + 1) {
          issues.error(
            formatPath(path),
            `too many alias expansions (more than ${maxAliasExpansions}, as in a "billion laughs" file): write the values out instead`,
            aliasAt,
          );
        }
        return undefined;
      }
      const target = (node as Alias).resolve(doc) as YamlNode | undefined;
      if (target === undefined) {
        // The yaml library leaves an alias without an anchor to the caller; it must not silently become null.
        issues.error(
          formatPath(path),
          `alias *${(node as Alias).source} has no anchor &${(node as Alias).source} before it: ${yamlFixes.BAD_ALIAS}`,
          aliasAt,
        );
        return undefined;
      }
      return convert(target, node.range?.[0] ?? fallbackOffset, path);
    }
    const at = positionOf(node.range?.[0] ?? fallbackOffset);
    if (isMap(node)) {
      const entries: LMap['entries'] = new Map();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const keyAt = positionOf(keyNode?.range?.[0] ?? node.range?.[0] ?? fallbackOffset);
        if (!isScalar(keyNode) || (typeof keyNode.value !== 'string' && typeof keyNode.value !== 'number')) {
          issues.error(
            formatPath(path),
            'a map key must be a plain string: quote it, or replace the list or map used as a key',
            keyAt,
          );
          continue;
        }
        const key = String(keyNode.value);
        const child = convert(pair.value as YamlNode | null, keyNode.range?.[1] ?? fallbackOffset, [...path, key]);
        if (child) entries.set(key, { keyAt, node: child });
      }
      return { kind: 'map', entries, at };
    }
    if (isSeq(node)) {
      const items: LNode[] = [];
      node.items.forEach((item, index) => {
        const child = convert(item as YamlNode | null, node.range?.[0] ?? fallbackOffset, [...path, index]);
        if (child) items.push(child);
      });
      return { kind: 'seq', items, at };
    }
    if (isScalar(node)) {
      const value = node.value;
      if (
        value === null ||
        typeof value === 'string' ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value))
      ) {
        return { kind: 'scalar', value, at };
      }
      issues.error(
        formatPath(path),
        'unsupported value: use a plain string, number, boolean or null (quote it to make it a string)',
        at,
      );
      return undefined;
    }
    issues.error(formatPath(path), 'unsupported YAML node: use plain strings, numbers, booleans, lists and maps', at);
    return undefined;
  };

  const root = convert(doc.contents as YamlNode | null, 0, []);
  if (root && root.kind === 'scalar' && root.value === null) {
    return { kind: 'map', entries: new Map(), at: root.at };
  }
  if (root && root.kind !== 'map') {
    issues.error('', 'a manifest must be a YAML mapping (key: value lines) at the top level', root.at);
    return undefined;
  }
  return root;
}

/** Converts a located tree to plain JSON-like data. */
export function toPlain(node: LNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map':
      return Object.fromEntries([...node.entries].map(([key, entry]) => [key, toPlain(entry.node)]));
  }
}

/**
 * Finds where a path points to in a tree: the node itself when it exists, otherwise the nearest
 * existing ancestor (a missing key is reported at the map that should hold it). With `atKey`, a map
 * entry is located by its key rather than its value (used for unknown keys).
 */
export function locate(root: LNode, path: ReadonlyArray<string | number>, atKey = false): SourcePosition {
  let node: LNode = root;
  let position = root.at;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (node.kind === 'map' && typeof segment === 'string') {
      const entry = node.entries.get(segment);
      if (!entry) return node.at;
      position = atKey && i === path.length - 1 ? entry.keyAt : entry.node.at;
      node = entry.node;
    } else if (node.kind === 'seq' && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) return node.at;
      position = item.at;
      node = item;
    } else {
      return position;
    }
  }
  return position;
}

/** Reads a child of a map node, if the node is a map and has it. */
export function child(node: LNode | undefined, key: string): LNode | undefined {
  return node?.kind === 'map' ? node.entries.get(key)?.node : undefined;
}
