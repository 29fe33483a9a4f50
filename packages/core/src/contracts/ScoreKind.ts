/**
 * Which class score a method differentiates or maps:
 * - `logit`: the pre-softmax score (the input of the model's final softmax; for a model without a
 *   softmax, its raw output);
 * - `probability`: the softmax output.
 */
export type ScoreKind = 'logit' | 'probability';
