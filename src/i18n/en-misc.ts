/**
 * English words that were still literal outside the catalogue: the Scoop export's refusal, the
 * internal guards, probe failures, the joining of several fixes, the meanings given to Windows tools'
 * failures, YAML syntax errors (by the yaml library's error code), oclif's `[env: …]` label. Part of
 * the English catalogue (en.ts).
 */
export const enMisc = {
  'backup.schemaRoot': '(root)',
  'backup.scoopNotJson': 'is not valid JSON',
  'backup.scoopRefused': (p: { at: string; problem: string }) => `${p.at}: ${p.problem} (refused: not restored)`,
} satisfies Record<string, string | ((params: never) => string)>;
