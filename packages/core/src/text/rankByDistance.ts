import { distance } from 'fastest-levenshtein';

export interface RankedCandidate {
  candidate: string;
  /** Position in the candidates given. */
  index: number;
  /** Levenshtein distance between the normalised word and the normalised candidate. */
  distance: number;
}

const lower = (s: string) => s.toLowerCase();

/**
 * Candidates ordered by edit distance to `word` (closest first, ties in the given order), after `normalize`
 * (lower-casing by default) is applied to both sides. The one ranking behind every "did you mean".
 */
export function rankByDistance(word: string, candidates: readonly string[], normalize: (s: string) => string = lower): RankedCandidate[] {
  const w = normalize(word);
  return candidates
    .map((candidate, index) => ({ candidate, index, distance: distance(w, normalize(candidate)) }))
    .sort((a, b) => a.distance - b.distance || a.index - b.index);
}
