import { rankByDistance } from '../text/rankByDistance.js';

/** The closest candidate to `word` when it is plausibly a typo of it (case-insensitive), else undefined. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const [closest] = rankByDistance(word, candidates);
  if (!closest) return undefined;
  const best = closest.candidate;
  const w = word.toLowerCase();
  const allowed = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3));
  return closest.distance <= allowed || best.toLowerCase().startsWith(w) || w.startsWith(best.toLowerCase()) ? best : undefined;
}
