import { distance } from 'fastest-levenshtein';

/** The closest candidate to `word` when it is plausibly a typo of it (case-insensitive), else undefined. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3));
  return bestDistance <= allowed || best.toLowerCase().startsWith(w) || w.startsWith(best.toLowerCase()) ? best : undefined;
}
