/**
 * The English wordings devbox gives a manifest problem found by the schema (src/manifest/validate.ts):
 * what is required, what a value must be, unknown keys. A rule's own message (written in the schema
 * or a check) stays as it is. Part of the English catalogue (en.ts).
 */
const englishPlural = new Intl.PluralRules('en');
const plural = (n: number, one: string, other: string) => `${n} ${englishPlural.select(n) === 'one' ? one : other}`;

export const enManifest = {
  'schema.nothing': 'nothing',
  'schema.aList': 'a list',
  'schema.aMap': 'a map',
  'schema.type.string': 'a string',
  'schema.type.number': 'a number',
  'schema.type.int': 'a whole number',
  'schema.type.boolean': 'true or false',
  'schema.type.object': 'a map (key: value lines)',
  'schema.type.array': 'a list',
  'schema.type.record': 'a map (key: value lines)',
  'schema.items': (p: { count: number }) => plural(p.count, 'item', 'items'),
  'schema.characters': (p: { count: number }) => plural(p.count, 'character', 'characters'),
  'schema.got': (p: { value: string }) => ` (got ${p.value})`,
  'schema.didYouMean': (p: { word: string }) => ` (did you mean "${p.word}"?)`,
  'schema.required': (p: { hint: string }) => `is required${p.hint ? `: ${p.hint}` : ''}`,
  'schema.mustBe': (p: { expected: string; value: string }) => `must be ${p.expected}, not ${p.value}`,
  'schema.oneOf': (p: { values: string }) => `one of ${p.values}`,
  'schema.atLeast': (p: { size: string }) => `must be at least ${p.size}`,
  'schema.atMost': (p: { size: string }) => `must be at most ${p.size}`,
  'schema.notValid': (p: { value: string }) => `is not valid (got ${p.value})`,
  'schema.invalidKey': 'has an invalid key',
  'schema.unknownKey': (p: { key: string; fix: string }) => `unknown key "${p.key}": ${p.fix}`,
  'schema.meantKey': (p: { word: string }) => `did you mean "${p.word}"?`,
  'schema.allowedHere': (p: { keys: string }) => `allowed here: ${p.keys}`,
  'schema.removeIt': 'remove it',
  'schema.keyProblem': (p: { key: string; problem: string }) => `key ${p.key} ${p.problem}`,
  'schema.keyNotAllowed': 'is not allowed',
} satisfies Record<string, string | ((params: never) => string)>;
