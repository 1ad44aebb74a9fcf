/**
 * A manifest as a tree of located nodes: every map entry, list item and scalar remembers the file,
 * line and column it came from. Merging (`extends`) and interpolation (`vars`) work on this tree, so
 * an error found after merging still points into the file that supplied the bad value.
 */
import { type Alias, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { t } from '../i18n/catalogue.js';
import { formatPath, type IssueList, type SourcePosition } from './issues.js';
import { yamlProblem } from './yaml-problem.js';

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
          issues.error(formatPath(path), t('yaml.aliasBomb', { max: maxAliasExpansions }), aliasAt);
        }
        return undefined;
      }
      const target = (node as Alias).resolve(doc) as YamlNode | undefined;
      if (target === undefined) {
        // The yaml library leaves an alias without an anchor to the caller; it must not silently become null.
        issues.error(
          formatPath(path),
          t('yaml.aliasNoAnchor', { name: (node as Alias).source, fix: t('yaml.fix.BAD_ALIAS') }),
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
          issues.error(formatPath(path), t('yaml.keyNotPlain'), keyAt);
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
      issues.error(formatPath(path), t('yaml.unsupportedValue'), at);
      return undefined;
    }
    issues.error(formatPath(path), t('yaml.unsupportedNode'), at);
    return undefined;
  };

  const root = convert(doc.contents as YamlNode | null, 0, []);
  if (root && root.kind === 'scalar' && root.value === null) {
    return { kind: 'map', entries: new Map(), at: root.at };
  }
  if (root && root.kind !== 'map') {
    issues.error('', t('yaml.notMapping'), root.at);
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
