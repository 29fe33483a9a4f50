import { distance } from 'fastest-levenshtein';

/** The `count` names closest to `name` (Levenshtein distance, ties in the given order). */
export function closestNames(name: string, candidates: readonly string[], count = 3): string[] {
  return candidates
    .map((c, i) => ({ c, i, d: distance(name.toLowerCase(), c.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, count)
    .map((e) => e.c);
}
