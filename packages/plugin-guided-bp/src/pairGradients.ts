import { tf } from '@visor/core';
import type { ScoreKind, VisorModel } from '@visor/core';
import type { TargetPair } from '@visor/plugin-cam';
import type { ReluRule } from './ReluRule.js';
import { ruleGradient } from './ruleGradient.js';

/**
 * The input gradient of every (input, class) pair under `rule`, as [P, H, W, C] in pair order
 * (caller disposes). One backward pass per target rank r (the r-th class of every input at once),
 * so R passes for R targets per input, not one per pair. Checks `signal` between passes.
 */
export function pairGradients(
  model: VisorModel,
  input: tf.Tensor4D,
  pairs: TargetPair[],
  rule: ReluRule,
  score: ScoreKind,
  signal?: AbortSignal,
  onRank?: (done: number, total: number) => void,
): tf.Tensor4D {
  const n = input.shape[0];
  const ranks = pairs.reduce((m, p) => Math.max(m, p.rank + 1), 0);
  const perRank: tf.Tensor4D[] = [];
  try {
    for (let r = 0; r < ranks; r++) {
      signal?.throwIfAborted();
      const classes = new Array<number>(n).fill(-1);
      for (const p of pairs) if (p.rank === r) classes[p.inputIndex] = p.classIndex;
      perRank.push(ruleGradient((x) => model.classScores(x, score), input, classes, rule));
      onRank?.(r + 1, ranks);
    }
    return tf.tidy(() => {
      if (perRank.length === 0) return tf.zeros([0, input.shape[1], input.shape[2], input.shape[3]]) as tf.Tensor4D;
      const all = tf.concat(perRank, 0); // row r·N + i is input i at rank r
      return tf.gather(all, tf.tensor1d(pairs.map((p) => p.rank * n + p.inputIndex), 'int32')) as tf.Tensor4D;
    });
  } finally {
    perRank.forEach((t) => t.dispose());
  }
}
