/**
 * Reads the zod schema itself: which keys an object at a path accepts, and its description. Used to
 * turn "unknown key" into "did you mean …" and "is required" into a hint about the field.
 */
import type { z } from 'zod';

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
      if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment]) next.push(unwrap(def.shape[segment]));
      else if (def.type === 'array' && typeof segment === 'number' && def.element) next.push(unwrap(def.element));
      else if (def.type === 'record' && def.valueType) next.push(unwrap(def.valueType));
      else if (def.type === 'union' && def.options) {
        for (const option of def.options) next.push(...schemasAt(option, [segment]));
      }
    }
    current = next;
  }
  return current.flatMap((c) => {
    const def = defOf(c);
    return def.type === 'union' && def.options ? [c, ...def.options.map(unwrap)] : [c];
  });
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

/** Edit distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(previous[j]! + 1, previous[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
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
  return best !== undefined && (bestDistance <= limit || best.toLowerCase() === word.toLowerCase()) ? best : undefined;
}
