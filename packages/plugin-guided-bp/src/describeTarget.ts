import type { ExplainContext, ScoreKind } from '@visor/core';
import type { ReluRule } from './ReluRule.js';

/** "'tabby' (class 281)", or "class 281" when the label is only the index. */
export function describeTarget(ctx: Pick<ExplainContext, 'label'>, classIndex: number): string {
  const label = ctx.label(classIndex);
  return label === String(classIndex) ? `class ${classIndex}` : `'${label}' (class ${classIndex})`;
}

const RULE_TEXT: Record<ReluRule, string> = {
  guided: 'guided backprop: ReLUs pass [f>0]·[R>0]·R',
  deconvnet: 'deconvnet: ReLUs pass [R>0]·R',
  backprop: 'plain gradient: ReLUs pass [f>0]·R',
};

/** What one attribution value means, e.g. "∂(logit of 'cat' (class 3)) / ∂(input value), guided backprop: …". */
export function attributionMeaning(target: string, score: ScoreKind, rule: ReluRule, activation = 'softmax'): string {
  const y = score === 'probability' ? `probability (the model's ${activation} output)` : 'logit (the head before its activation)';
  return `∂(${y} of ${target}) / ∂(input value at this pixel and channel), ${RULE_TEXT[rule]}`;
}
