import type { VisorModel } from '@visor/core';

/** Which of the model's outputs the perturbation metrics score, and its name in words. */
export interface ScoreOutput {
  /** `probabilities` (the model's own output activation) or `logits` for a model without one. */
  output: 'probabilities' | 'logits';
  /** `probability` or `logit`, for meanings and labels. */
  word: 'probability' | 'logit';
}

/**
 * The target's score a perturbation metric records: its probability (softmax or sigmoid, whatever
 * the model's head applies), or its logit when the head is linear (a regression-style output has no
 * probability; see ScoreKind).
 */
export function scoreOutput(model: VisorModel): ScoreOutput {
  return model.finalActivation === 'linear' ? { output: 'logits', word: 'logit' } : { output: 'probabilities', word: 'probability' };
}
