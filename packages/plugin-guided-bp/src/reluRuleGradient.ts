import type { GradientOps, ReluUnit } from '@visor/core';
import { RELU_RULES, type ReluRule } from './ReluRule.js';

/**
 * The gradient a ReLU-like unit passes back under `rule`, written with an engine's element-wise
 * `ops` (tfjs tensors while the tfjs engine takes the gradient, nodes of the ONNX engine's backward
 * graph, plain arrays in tests), so the same rule runs on every engine.
 *
 * The unit (`ReluUnit`, supplied by the engine):
 * - `dy`    R, the gradient arriving at the unit's output.
 * - `open`  The unit's own forward derivative as a 0/1 mask (for ReLU `[f > 0]`, for ReLU6
 *           `[f > 0]·[f ≤ 6]`, for clip(f, 0, m) `[f ≥ 0]·[f ≤ m]`): what `backprop` multiplies by.
 * - `cap`   The part of `open` that is NOT the ReLU hinge (the `[f ≤ 6]` ceiling of ReLU6), or
 *           null for a plain ReLU. `deconvnet` ignores the hinge but keeps the ceiling, so a
 *           saturated unit passes nothing back under every rule.
 *
 * backprop: open · R;  deconvnet: cap · [R > 0] · R;  guided: open · [R > 0] · R.
 * Masks are applied by multiplication (not `where`), so `backprop` reproduces the engine's own Relu,
 * Relu6 and ClipByValue gradients value for value.
 */
export function reluRuleGradient<T>(rule: ReluRule, ops: GradientOps<T>, unit: ReluUnit<T>): T {
  const { dy, open, cap } = unit;
  switch (rule) {
    case 'backprop':
      return ops.mul(dy, open);
    case 'deconvnet': {
      const passed = ops.mul(dy, ops.positive(dy));
      return cap === null ? passed : ops.mul(passed, cap);
    }
    case 'guided':
      return ops.mul(ops.mul(dy, ops.positive(dy)), open);
    default:
      throw new Error(`plugin-guided-bp: unknown ReLU rule ${JSON.stringify(rule)}; accepted: ${RELU_RULES.join(', ')}`);
  }
}
