import type { GradientOps } from '@visor/core';
import { describe, expect, it } from 'vitest';
import { RELU_RULES, type ReluRule } from './ReluRule.js';
import { RELU_REWRITES, rewriteForRule } from './reluRewrites.js';
import { reluRuleGradient } from './reluRuleGradient.js';

/** A third "engine": element-wise ops on plain arrays, so the rules are checked without tfjs. */
const arrayOps: GradientOps<number[]> = {
  mul: (a, b) => a.map((v, i) => v * b[i]!),
  add: (a, b) => a.map((v, i) => v + b[i]!),
  positive: (a) => a.map((v) => (v > 0 ? 1 : 0)),
};

// The four units of the hand-worked tiny CNN (ruleGradient.test.ts): f = [1.5, 2.5, −0.5, −2.5], R = [2, −1, 3, −4].
//   unit   f      R    backprop [f>0]R   deconvnet [R>0]R   guided [f>0][R>0]R
//   00    1.5     2        2                 2                  2
//   01    2.5    −1       −1                 0                  0
//   10   −0.5     3        0                 3                  0
//   11   −2.5    −4        0                 0                  0
const F = [1.5, 2.5, -0.5, -2.5];
const R = [2, -1, 3, -4];
const RELU: Record<ReluRule, number[]> = { backprop: [2, -1, 0, 0], deconvnet: [2, 0, 3, 0], guided: [2, 0, 0, 0] };

// ReLU6 (ruleGradient.test.ts): f = [7.5, 2.5, −0.5, 3.5], R = [2, −1, 3, 4]; cap = [f ≤ 6], open = [0 < f ≤ 6].
//   unit   f     R   backprop [0<f≤6]R   deconvnet [f≤6][R>0]R   guided [0<f≤6][R>0]R
//   00    7.5    2        0                  0                       0
//   01    2.5   −1       −1                  0                       0
//   10   −0.5    3        0                  3                       0
//   11    3.5    4        4                  4                       4
const F6 = [7.5, 2.5, -0.5, 3.5];
const R6 = [2, -1, 3, 4];
const RELU6: Record<ReluRule, number[]> = { backprop: [0, -1, 0, 4], deconvnet: [0, 0, 3, 4], guided: [0, 0, 0, 4] };

const plus0 = (a: number[]) => a.map((v) => v + 0); // −0 → 0 (toEqual tells them apart)

describe('reluRuleGradient', () => {
  it('passes a ReLU unit by the table, for each rule', () => {
    const unit = { dy: R, x: F, open: F.map((f) => (f > 0 ? 1 : 0)), cap: null };
    for (const rule of RELU_RULES) expect(plus0(reluRuleGradient(rule, arrayOps, unit)), rule).toEqual(RELU[rule]);
  });

  it('keeps the ceiling of a ReLU6 under every rule: a saturated unit passes nothing', () => {
    const cap = F6.map((f) => (f <= 6 ? 1 : 0));
    const unit = { dy: R6, x: F6, open: F6.map((f, i) => (f > 0 ? cap[i]! : 0)), cap };
    for (const rule of RELU_RULES) expect(plus0(reluRuleGradient(rule, arrayOps, unit)), rule).toEqual(RELU6[rule]);
  });

  it('refuses an unknown rule naming the accepted ones', () => {
    const unit = { dy: R, x: F, open: [1, 1, 0, 0], cap: null };
    expect(() => reluRuleGradient('guidet' as ReluRule, arrayOps, unit)).toThrow(/unknown ReLU rule "guidet"; accepted: guided, deconvnet, backprop/);
  });
});

describe('RELU_REWRITES', () => {
  it('are GradientRewrites with ids relu:<rule> that apply the rule', () => {
    expect(Object.values(RELU_REWRITES).map((r) => r.id)).toEqual(['relu:guided', 'relu:deconvnet', 'relu:backprop']);
    const unit = { dy: R, x: F, open: F.map((f) => (f > 0 ? 1 : 0)), cap: null };
    for (const rule of RELU_RULES) expect(plus0(RELU_REWRITES[rule].relu(arrayOps, unit)), rule).toEqual(RELU[rule]);
  });

  it('the explainers ask for the plain gradient under backprop, and for the rewrite otherwise', () => {
    expect(rewriteForRule('backprop')).toBeUndefined();
    expect(rewriteForRule('guided')).toBe(RELU_REWRITES.guided);
    expect(rewriteForRule('deconvnet')).toBe(RELU_REWRITES.deconvnet);
  });
});
