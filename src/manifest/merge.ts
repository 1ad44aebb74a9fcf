/**
 * The merge rules of `extends`: maps merge deeply; lists of named things (every item a map with a
 * `name`) merge by name (ignoring case), keeping the base's order and appending new names; any other value in the
 * child replaces the base's; a child's `null` removes the base's value.
 */
import type { LMap, LNode, LSeq } from './tree.js';

function nameOf(node: LNode): string | undefined {
  if (node.kind !== 'map') return undefined;
  const name = node.entries.get('name')?.node;
  return name?.kind === 'scalar' && (typeof name.value === 'string' || typeof name.value === 'number')
    ? String(name.value)
    : undefined;
}

function isNamedList(node: LSeq): boolean {
  return node.items.length > 0 && node.items.every((item) => nameOf(item) !== undefined);
}

function mergeMaps(base: LMap, over: LMap): LMap {
  const entries: LMap['entries'] = new Map(base.entries);
  for (const [key, entry] of over.entries) {
    const existing = entries.get(key);
    if (entry.node.kind === 'scalar' && entry.node.value === null) {
      entries.delete(key);
    } else if (existing) {
      entries.set(key, { keyAt: entry.keyAt, node: mergeNodes(existing.node, entry.node) });
    } else {
      entries.set(key, entry);
    }
  }
  return { kind: 'map', entries, at: over.at };
}

function mergeNamedLists(base: LSeq, over: LSeq): LSeq {
  const items = [...base.items];
  // Names compare without case: every named list (Scoop buckets and apps, host names) is
  // case-insensitive where it is used, so `scoop-apps` in a child addresses the base's `Scoop-Apps`.
  const key = (item: LNode) => nameOf(item)!.toLowerCase();
  const indexByName = new Map(items.map((item, index) => [key(item), index]));
  const seenInOver = new Set<string>();
  for (const item of over.items) {
    const name = key(item);
    const index = indexByName.get(name);
    if (index === undefined || seenInOver.has(name)) {
      // A name listed twice in the child stays twice, so the duplicate check reports it instead of
      // the second entry silently winning.
      indexByName.set(name, items.length);
      items.push(item);
    } else {
      items[index] = mergeNodes(items[index]!, item);
    }
    seenInOver.add(name);
  }
  return { kind: 'seq', items, at: over.at };
}

/** Merges `over` (the child manifest) onto `base` (what it extends). Neither input is modified. */
export function mergeNodes(base: LNode, over: LNode): LNode {
  if (base.kind === 'map' && over.kind === 'map') return mergeMaps(base, over);
  if (base.kind === 'seq' && over.kind === 'seq' && isNamedList(base) && isNamedList(over))
    return mergeNamedLists(base, over);
  return over;
}
