import type { ScoreKind } from '@visor/core';

/**
 * A short score label for tiles: `p=0.873` for probabilities (`p=2.1e-5` below 0.001, so small
 * ones do not all read 0.000), `logit=12.3` for logits (3 significant digits).
 */
export function formatScore(score: number, kind: ScoreKind): string {
  if (kind === 'probability') {
    if (!Number.isFinite(score)) return `p=${score}`;
    return score !== 0 && Math.abs(score) < 0.001 ? `p=${score.toExponential(1)}` : `p=${score.toFixed(3)}`;
  }
  return `logit=${Number.isFinite(score) ? Number(score.toPrecision(3)) : score}`;
}
