/**
 * docs/manifest.md, generated from the schema (its JSON Schema form, with every `.describe()`) and
 * the shipped manifests, which give the examples. `npm run docs` writes it; a unit test fails when
 * the committed file differs, so the reference cannot drift from the schema.
 */
import { parse, stringify } from 'yaml';
import { manifestJsonSchema } from './json-schema.js';

type Node = Record<string, unknown>;
/** A step of a key's path: a key, an item of a list, a name of a map, or a branch of a union. */
type Segment = { key: string } | { item: true } | { entry: string } | { branch: string; value: string };

interface Entry {
  path: Segment[];
  node: Node;
  required: boolean;
}

/** A manifest shipped with devbox, parsed for examples. */
export interface Sample {
  name: string;
  text: string;
}

function label(path: readonly Segment[]): string {
  let out = '';
  for (const s of path) {
    if ('key' in s) out += out ? `.${s.key}` : s.key;
    else if ('item' in s) out += '[]';
    else if ('entry' in s) out += `.<${s.entry}>`;
    else out += ` (${s.branch}: ${s.value})`;
  }
  return out;
}

function branches(node: Node): Node[] {
  return ((node.oneOf ?? node.anyOf ?? []) as Node[]).filter((b) => typeof b === 'object');
}

function collect(node: Node, path: Segment[], out: Entry[]): void {
  const required = new Set((node.required ?? []) as string[]);
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
    const childPath = [...path, { key }];
    out.push({ path: childPath, node: child, required: required.has(key) });
    collect(child, childPath, out);
  }
  if (node.type === 'array' && typeof node.items === 'object')
    collect(node.items as Node, [...path, { item: true }], out);
  if (typeof node.additionalProperties === 'object' && !node.properties) {
    const name = (node.propertyNames as Node | undefined)?.pattern?.toString().includes('_') ? 'name' : 'key';
    collect(node.additionalProperties as Node, [...path, { entry: name }], out);
  }
  for (const branch of branches(node)) {
    const [discriminator, constant] =
      Object.entries((branch.properties ?? {}) as Record<string, Node>).find(([, p]) => p.const !== undefined) ?? [];
    if (discriminator) collect(branch, [...path, { branch: discriminator, value: String(constant!.const) }], out);
  }
}

const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

function typeOf(node: Node): string {
  if (node.const !== undefined) return code(node.const);
  if (Array.isArray(node.enum)) return `one of ${node.enum.map(code).join(', ')}`;
  const options = branches(node);
  if (options.length) return [...new Set(options.map(typeOf))].join(' or ');
  if (node.type === 'array') return `list of ${typeOf((node.items ?? {}) as Node)}`;
  if (node.type === 'object') {
    if (node.properties) return 'section';
    if (typeof node.additionalProperties === 'object')
      return `map of name → ${typeOf(node.additionalProperties as Node)}`;
    return 'map';
  }
  if (Array.isArray(node.type)) return node.type.join(' or ');
  return typeof node.type === 'string' ? node.type : 'any';
}

/** The value at `path` in a sample, with the list item around it (for its `name`). */
function findIn(value: unknown, path: readonly Segment[]): { value: unknown; item?: Node } | undefined {
  if (path.length === 0) return value === undefined ? undefined : { value };
  const [head, ...rest] = path;
  if (value === null || typeof value !== 'object') return undefined;
  if ('key' in head!) return findIn((value as Node)[head.key], rest);
  if ('branch' in head!) return (value as Node)[head.branch] === head.value ? findIn(value, rest) : undefined;
  const candidates = 'item' in head! ? (Array.isArray(value) ? value : []) : Object.values(value as Node);
  for (const candidate of candidates) {
    const found = findIn(candidate, rest);
    if (found) return 'item' in head! && !found.item && rest.length > 0 ? { ...found, item: candidate as Node } : found;
  }
  return undefined;
}

function withKeys(sample: unknown, path: readonly Segment[], leaf: unknown, item?: Node): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if ('key' in head!) return { [head.key]: withKeys(sample, rest, leaf, item) };
  if ('branch' in head!) {
    const inner = withKeys(sample, rest, leaf, item) as Node;
    return { [head.branch]: head.value, ...inner };
  }
  if ('item' in head!) {
    const inner = withKeys(sample, rest, leaf, item) as Node;
    return [item?.name !== undefined && !('name' in inner) ? { name: item.name, ...inner } : inner];
  }
  return { [`my-${head.entry}`]: withKeys(sample, rest, leaf, item) };
}

/** A YAML fragment for the entry, from a shipped manifest, the schema's examples, its default or choices. */
function example(entry: Entry, samples: readonly { name: string; data: unknown }[]): string | undefined {
  let value: unknown;
  let item: Node | undefined;
  for (const sample of samples) {
    const found = findIn(sample.data, entry.path);
    // A value that is itself a reference (`${mirror}`) shows the syntax, not the key: look further.
    if (found && !(typeof found.value === 'string' && found.value.includes('${'))) {
      value = found.value;
      item = found.item;
      break;
    }
  }
  const node = entry.node;
  if (value === undefined && Array.isArray(node.examples)) value = node.examples[0];
  if (value === undefined && node.default !== undefined && !isEmpty(node.default)) value = node.default;
  if (value === undefined && node.const !== undefined) value = node.const;
  if (value === undefined && Array.isArray(node.enum)) value = node.enum[0];
  if (value === undefined && node.type === 'boolean') value = true;
  // zod leaves examples out of the JSON Schema of a value it transforms (sha256, sizes): a checksum
  // has one shape, and a size's description says "e.g. 8GB".
  if (value === undefined && node.pattern === '^[0-9a-fA-F]{64}$') value = exampleSha256;
  if (value === undefined) value = /\be\.g\. ([^\s,;]+?)[.,;]?(?:\s|$)/.exec(String(node.description ?? ''))?.[1];
  if (value === undefined) return undefined;
  // A long list from a shipped manifest: its first items show the shape.
  if (Array.isArray(value) && value.length > 2) value = value.slice(0, 2);
  const text = stringify(withKeys(undefined, entry.path, value, item), { lineWidth: 0 }).trimEnd();
  return text.split('\n').length <= 16 ? text : undefined;
}

/** sha256("test"): a checksum's shape. */
const exampleSha256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

function isEmpty(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function allowed(node: Node): string | undefined {
  const words = [node, ...branches(node)].flatMap((n) =>
    n.const !== undefined ? [n.const] : Array.isArray(n.enum) ? n.enum : n.type === 'boolean' ? [true, false] : [],
  );
  if (words.length === 0) return undefined;
  const open = branches(node).some((b) => b.const === undefined && !Array.isArray(b.enum));
  return `${words.map(code).join(', ')}${open ? ', or a value as described' : ''}`;
}

function renderEntry(entry: Entry, samples: readonly { name: string; data: unknown }[]): string[] {
  const node = entry.node;
  const facts = [`**Type:** ${typeOf(node)}`];
  if (entry.required) facts.push('**Required**');
  if (node.default !== undefined) facts.push(`**Default:** ${code(node.default)}`);
  const choices = allowed(node);
  if (choices && !typeOf(node).startsWith('one of')) facts.push(`**Allowed:** ${choices}`);
  const lines = [`### \`${label(entry.path)}\``, '', String(node.description ?? ''), '', facts.join(' · ')];
  const sample = example(entry, samples);
  if (sample) lines.push('', '```yaml', sample, '```');
  return [...lines, ''];
}

const intro = `# Manifest reference

<!-- Generated by \`npm run docs\` from the schema (src/manifest/schema/) and the shipped manifests. Do not edit:
     change the schema's .describe() texts instead. A unit test fails when this file is out of date. -->

Every key a devbox manifest may hold, with its type, default, allowed values and an example (from
\`manifests/default.yaml\` and \`manifests/examples/\` where they use the key). \`devbox manifest schema\` prints the
same schema as JSON Schema for editors; \`devbox manifest show\` prints a manifest with every default filled in.

## How manifests combine

- **\`extends\`**: a manifest builds on others (\`builtin:default\`, relative paths, \`https://\` URLs pinned with
  \`#sha256=<hex>\`; an unpinned URL needs \`--trust-remote\`). The child wins: maps merge key by key, a scalar or
  a plain list in the child replaces the base's, and \`key: null\` removes the base's value.
- **Merge by name**: lists of named things (\`scoop.buckets\`, \`scoop.apps\`, \`hosts.entries\`) merge item by item
  on \`name\` (case-insensitive): a child's item with the same name changes the base's, a new name is added.
- **\`ensure: absent\`** on such an item removes it: a personal manifest drops an app its team base installs.
- **\`vars\`** and interpolation: \`\${name}\` is a variable from \`vars:\`, \`\${env:NAME}\` the environment,
  \`\${env:NAME:-fallback}\` with a fallback when it is unset or empty, \`$\${\` a literal \`\${\`. A value that is exactly
  one reference keeps the variable's type. Values are substituted as data, never evaluated.
- **Examples**: \`manifests/examples/team-base.yaml\` (a team's base on top of \`builtin:default\`) and
  \`personal.yaml\` (one developer's layer on top of it); \`devbox manifest show -m manifests/examples/personal.yaml\`
  prints the result.
`;

/** The whole reference as Markdown. */
export function manifestReference(samples: readonly Sample[]): string {
  const complete = (manifestJsonSchema().$defs as Record<string, Node>).complete!;
  const entries: Entry[] = [];
  collect(complete, [], entries);
  const parsed = samples.map((s) => ({ name: s.name, data: parse(s.text) as unknown }));
  const out = [intro];
  let section = '';
  for (const entry of entries) {
    const top = 'key' in entry.path[0]! ? entry.path[0].key : '';
    if (entry.path.length > 1 && top !== section) {
      section = top;
      out.push(`## \`${top}\``, '');
    } else if (entry.path.length === 1 && entry.node.properties) {
      section = top;
      out.push(`## \`${top}\``, '');
    } else if (entry.path.length === 1 && section !== '(top)') {
      section = '(top)';
      out.push('## Top level', '');
    }
    out.push(...renderEntry(entry, parsed));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Keys whose schema has no description (the reference would say nothing about them). */
export function undescribedKeys(): string[] {
  const complete = (manifestJsonSchema().$defs as Record<string, Node>).complete!;
  const entries: Entry[] = [];
  collect(complete, [], entries);
  return entries.filter((e) => !e.node.description).map((e) => label(e.path));
}
