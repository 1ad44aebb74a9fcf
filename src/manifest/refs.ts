/**
 * Manifest references that need no loader. Kept apart from load.ts so that commands which only
 * name the default (every command's flag definitions) do not load the schema and YAML parser.
 */

/** The reference that names the manifest built into devbox (`manifests/default.yaml`). */
export const builtinDefaultRef = 'builtin:default';
