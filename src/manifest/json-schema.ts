/** The JSON Schema of the manifest, generated from the zod schema, for editors (VS Code YAML). */
import { z } from 'zod';
import { manifestSchema } from './schema/index.js';

type Json = Record<string, unknown>;

/**
 * The schema of a file that `extends` another: any value may come from the base, so nothing is
 * required except what identifies an item for the merge (a list item's `name`) or picks a union's
 * branch (a property whose schema is a `const`, such as `from` of distro.source).
 */
function withoutRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRequired);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === 'required' && Array.isArray(value)) {
      const properties = ((node as Json).properties ?? {}) as Record<string, Json>;
      const kept = value.filter((name: string) => name === 'name' || properties[name]?.const !== undefined);
      if (kept.length > 0) out.required = kept;
    } else {
      out[key] = withoutRequired(value);
    }
  }
  return out;
}

/**
 * JSON Schema (draft 2020-12) describing what a user may write. A manifest without `extends` must be
 * complete; one with `extends` is checked as a partial layer, since the base supplies the rest.
 * Defaults never make a field required (the schema describes zod's input, not its output).
 */
export function manifestJsonSchema(): Json {
  const { $schema, description, ...complete } = z.toJSONSchema(manifestSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Json;
  return {
    $schema,
    $id: 'https://devbox.invalid/schema/manifest-v1.json',
    title: 'devbox manifest',
    description,
    $defs: {
      complete: { ...complete, description },
      partial: {
        ...(withoutRequired(complete) as Json),
        description: `${String(description)} (a layer that extends another: any value may come from its base)`,
      },
    },
    if: { type: 'object', properties: { extends: true }, required: ['extends'] },
    then: { $ref: '#/$defs/partial' },
    else: { $ref: '#/$defs/complete' },
  };
}
