/**
 * Which class score a method differentiates or maps:
 * - `logit`: the head's pre-activation (the input of the model's final softmax or sigmoid; for a
 *   model without an output activation, its raw output);
 * - `probability`: the model's own output activation of that (softmax, sigmoid). Not defined for
 *   models with a linear (regression) output: asking for it there is refused.
 */
export type ScoreKind = 'logit' | 'probability';
