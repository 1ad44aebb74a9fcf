/** Scoop's known buckets (Scoop:buckets.json), which `scoop bucket add <name>` resolves without a URL. */
export const knownBuckets: Readonly<Record<string, string>> = {
  main: 'https://github.com/ScoopInstaller/Main',
  extras: 'https://github.com/ScoopInstaller/Extras',
  versions: 'https://github.com/ScoopInstaller/Versions',
  nirsoft: 'https://github.com/ScoopInstaller/Nirsoft',
  sysinternals: 'https://github.com/niheaven/scoop-sysinternals',
  php: 'https://github.com/ScoopInstaller/PHP',
  'nerd-fonts': 'https://github.com/matthewjberger/scoop-nerd-fonts',
  nonportable: 'https://github.com/ScoopInstaller/Nonportable',
  java: 'https://github.com/ScoopInstaller/Java',
  games: 'https://github.com/Calinou/scoop-games',
};

export const knownBucketNames: readonly string[] = Object.keys(knownBuckets);

/** The URL of a known bucket (names compare case-insensitively), or undefined. */
export function knownBucketUrl(name: string): string | undefined {
  return knownBuckets[name.toLowerCase()];
}
