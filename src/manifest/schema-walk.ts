/**
 * Reads the zod schema itself: which keys an object at a path accepts, and its description. Used to
 * turn "unknown key" into "did you mean …" and "is required" into a hint about the field.
 */
import type { z } from 'zod';
import { editDistance } from '../util/edit-distance.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips wrappers (optional, default, pipe, ...) down to the schema that decides the value's shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

/** The schemas a path can lead to (several where a union branches). */
export function schemasAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): z.ZodType[] {
  let current = [unwrap(schema)];
  for (const segment of path) {
    const next: z.ZodType[] = [];
    for (const candidate of current) {
      const def = defOf(candidate);
      if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment])
        next.push(unwrap(def.shape[segment]));
      else if (def.type === 'array' && typeof segment === 'number' && def.element) next.push(unwrap(def.element));
      else if (def.type === 'record' && def.valueType) next.push(unwrap(def.valueType));
      else if (def.type === 'union' && def.options) {
        for (const option of def.options) next.push(...schemasAt(option, [segment]));
      }
    }
    current = next;
  }
  const expand = (c: z.ZodType): z.ZodType[] => {
    const def = defOf(c);
    return def.type === 'union' && def.options ? [c, ...def.options.flatMap((option) => expand(unwrap(option)))] : [c];
  };
  return current.flatMap(expand);
}

/** The keys an object at `path` accepts. */
export function knownKeysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  const keys = new Set<string>();
  for (const candidate of schemasAt(schema, path)) {
    const def = defOf(candidate);
    if (def.type === 'object' && def.shape) for (const key of Object.keys(def.shape)) keys.add(key);
  }
  return [...keys];
}

/** The fixed words (enum members, string literals) a value at `path` may be, for "did you mean". */
export function allowedWordsAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  const words = new Set<string>();
  for (const candidate of schemasAt(schema, path)) {
    const def = defOf(candidate) as Def & { entries?: Record<string, unknown>; values?: unknown[] };
    if (def.type === 'enum' && def.entries)
      for (const value of Object.values(def.entries)) if (typeof value === 'string') words.add(value);
    if (def.type === 'literal' && def.values)
      for (const value of def.values) if (typeof value === 'string') words.add(value);
  }
  return [...words];
}

/** The description written on the field at `path`, if any. */
export function descriptionAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string | undefined {
  if (path.length === 0) return undefined;
  const parents = schemasAt(schema, path.slice(0, -1));
  const last = path[path.length - 1];
  for (const parent of parents) {
    const def = defOf(parent);
    if (def.type === 'object' && typeof last === 'string' && def.shape?.[last]) {
      let field: z.ZodType | undefined = def.shape[last];
      for (let i = 0; field && i < 20; i++) {
        if (field.description) return field.description;
        const fd: Def = defOf(field);
        field = fd.innerType ?? (fd.type === 'pipe' ? fd.in : undefined);
      }
    }
  }
  return undefined;
}

/** The closest known name to `word`, if one is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  // Replacing every letter of a short word is not a typo: "c" is not a misspelt "a".
  const plausible = bestDistance <= limit && bestDistance < word.length;
  return best !== undefined && (plausible || best.toLowerCase() === word.toLowerCase()) ? best : undefined;
}
