/**
 * The English words devbox adds to YAML problems in a manifest (src/manifest/yaml-problem.ts, tree.ts):
 * the fix for each yaml library error code, and devbox's own refusals. The library's own description
 * stays its text in English (zh-CN-yaml.ts words it by code). Part of the English catalogue (en.ts).
 */
export const enYaml = {
  'yaml.syntax': (p: { what: string; fix: string }) => `YAML syntax: ${p.what}: ${p.fix}`,
  'yaml.multipleDocs':
    'a manifest is a single YAML document: remove the second "---" and what follows, or move it to its own file',
  'yaml.duplicateKey': (p: { key: string }) =>
    `duplicate key "${p.key}": a key may appear only once in a map; keep one of them (merge their values)`,
  'yaml.tabIndent': 'YAML does not allow tabs for indentation: indent with spaces',
  'yaml.fix.unclosed': (p: { bracket: string }) =>
    `close it with ${p.bracket} on the line where it started, or indent its continuation lines further than the key`,
  'yaml.fix.other': 'check the quotes, brackets and indentation here and on the line above',
  'yaml.fix.BAD_INDENT': 'indent with spaces so that items of one map or list start at the same column',
  'yaml.fix.MISSING_CHAR': 'add the missing character',
  'yaml.fix.BAD_DQ_ESCAPE': "in double quotes write a backslash as \\\\, or use single quotes ('D:\\Scoop')",
  'yaml.fix.BLOCK_AS_IMPLICIT_KEY': 'put the nested map on its own indented lines, or quote the value',
  'yaml.fix.MULTILINE_IMPLICIT_KEY': 'keep a key on one line, or quote the value that follows it',
  'yaml.fix.TAG_RESOLVE_FAILED': 'remove the tag: a manifest holds plain strings, numbers, booleans, lists and maps',
  'yaml.fix.BAD_ALIAS': 'define the anchor (&name) before using the alias (*name), or write the value out',
  'yaml.aliasNoAnchor': (p: { name: string; fix: string }) =>
    `alias *${p.name} has no anchor &${p.name} before it: ${p.fix}`,
  'yaml.aliasBomb': (p: { max: number }) =>
    `too many alias expansions (more than ${p.max}, as in a "billion laughs" file): write the values out instead`,
  'yaml.keyNotPlain': 'a map key must be a plain string: quote it, or replace the list or map used as a key',
  'yaml.unsupportedValue':
    'unsupported value: use a plain string, number, boolean or null (quote it to make it a string)',
  'yaml.unsupportedNode': 'unsupported YAML node: use plain strings, numbers, booleans, lists and maps',
  'yaml.notMapping': 'a manifest must be a YAML mapping (key: value lines) at the top level',
} satisfies Record<string, string | ((params: never) => string)>;
