/** Scoop's known buckets (Scoop:buckets.json), which `scoop bucket add <name>` resolves without a URL. */
export const knownBucketNames: readonly string[] = [
  'main',
  'extras',
  'versions',
  'nirsoft',
  'sysinternals',
  'php',
  'nerd-fonts',
  'nonportable',
  'java',
  'games',
];
