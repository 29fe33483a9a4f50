import type { ScoreKind } from '@visor/core';
import type { TfjsNet } from './TfjsNet.js';
import { VisorError } from '@visor/core';
import type { tf } from '../tf.js';

/**
 * `VisorModel.classScores` on top of the model's `run`: `logit` → the special output `logits`,
 * `probability` → `probabilities`; any other kind is refused with the accepted ones.
 */
export function classScoresFromRun(run: TfjsNet['run']): TfjsNet['classScores'] {
  return (x: tf.Tensor4D, kind: ScoreKind) => {
    if (kind !== 'logit' && kind !== 'probability') {
      throw new VisorError(`unknown score kind "${String(kind)}"; accepted: logit, probability`, { code: 'usage' });
    }
    return run(x, [kind === 'logit' ? 'logits' : 'probabilities'])[0] as tf.Tensor2D;
  };
}
