/** "Did you mean …?" for unknown commands and flags: the candidate nearest by edit distance. */
import { editDistance } from '../util/edit-distance.js';

/**
 * The candidate closest to `input`, when it is close enough to be a typo (at most a third of its
 * length, and at least 1, edits away), or one that starts with it; else undefined.
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate.startsWith(input) && input.length >= 2 ? 0.5 : editDistance(input, candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(input.length / 3)) ? best.candidate : undefined;
}
