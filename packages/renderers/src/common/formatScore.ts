import type { ScoreKind } from '@visor/core';

/** A short score label for tiles: `p=0.873` for probabilities, `logit=12.3` for logits. */
export function formatScore(score: number, kind: ScoreKind): string {
  if (!Number.isFinite(score)) return `${kind === 'probability' ? 'p' : 'logit'}=${score}`;
  return kind === 'probability' ? `p=${score.toFixed(3)}` : `logit=${Number(score.toPrecision(3))}`;
}
