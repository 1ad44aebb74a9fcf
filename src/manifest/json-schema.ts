/** The JSON Schema of the manifest, generated from the zod schema, for editors (VS Code YAML). */
import { z } from 'zod';
import { manifestSchema } from './schema/index.js';

/** JSON Schema (draft 2020-12) describing what a user may write. */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(manifestSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://devbox.invalid/schema/manifest-v1.json',
    title: 'devbox manifest',
  };
}
