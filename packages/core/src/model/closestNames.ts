import { rankByDistance } from '../text/rankByDistance.js';

/** The `count` names closest to `name` (Levenshtein distance, ties in the given order). */
export function closestNames(name: string, candidates: readonly string[], count = 3): string[] {
  return rankByDistance(name, candidates)
    .slice(0, count)
    .map((e) => e.candidate);
}
