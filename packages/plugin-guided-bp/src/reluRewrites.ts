import type { GradientRewrite } from '@visor/core';
import type { ReluRule } from './ReluRule.js';
import { reluRuleGradient } from './reluRuleGradient.js';

function rewrite(rule: ReluRule): GradientRewrite {
  return { id: `relu:${rule}`, relu: (ops, unit) => reluRuleGradient(rule, ops, unit) };
}

/**
 * The three ReLU rules as GradientRewrites (ids `relu:guided`, `relu:deconvnet`, `relu:backprop`),
 * which every engine applies through `VisorModel.gradients({ rewrite })`: tfjs as a scoped override
 * of its Relu / Relu6 / ClipByValue gradients, the ONNX engine in the backward graph it builds.
 */
export const RELU_REWRITES: Readonly<Record<ReluRule, GradientRewrite>> = {
  guided: rewrite('guided'),
  deconvnet: rewrite('deconvnet'),
  backprop: rewrite('backprop'),
};

/**
 * The rewrite the explainers request for `rule`. `backprop` requests none: its rule `open·R` is each
 * unit's own derivative, i.e. the engine's plain gradient (backprop.test.ts checks that the two agree),
 * and the plain gradient is defined for every activation, where engines refuse any ReLU rewrite on a
 * model with LeakyReLU, PReLU, ELU, GELU or swish units.
 */
export function rewriteForRule(rule: ReluRule): GradientRewrite | undefined {
  return rule === 'backprop' ? undefined : RELU_REWRITES[rule];
}
