import { tf } from '@visor/core';
import { RELU_RULES, type ReluRule } from './ReluRule.js';

/**
 * The gradient a ReLU-like unit passes back under `rule`.
 *
 * @param dy    R, the gradient arriving at the unit's output.
 * @param open  The unit's own forward derivative as a 0/1 mask (for ReLU `[f > 0]`, for ReLU6
 *              `[f > 0]·[f ≤ 6]`, for clip(f, 0, m) `[f ≥ 0]·[f ≤ m]`): what `backprop` multiplies by.
 * @param cap   The part of `open` that is NOT the ReLU hinge (the `[f ≤ 6]` ceiling of ReLU6), or
 *              null for a plain ReLU. `deconvnet` ignores the hinge but keeps the ceiling, so a
 *              saturated unit passes nothing back under every rule.
 *
 * backprop: open · R;  deconvnet: cap · [R > 0] · R;  guided: open · [R > 0] · R.
 * Masks are applied by multiplication (not `where`), so `backprop` reproduces tfjs's own Relu,
 * Relu6 and ClipByValue gradients value for value.
 */
export function reluRuleGradient(rule: ReluRule, dy: tf.Tensor, open: tf.Tensor, cap: tf.Tensor | null): tf.Tensor {
  return tf.tidy(() => {
    const openF = tf.cast(open, 'float32');
    switch (rule) {
      case 'backprop':
        return tf.mul(dy, openF);
      case 'deconvnet': {
        const positive = tf.cast(tf.greater(dy, 0), 'float32');
        const passed = tf.mul(dy, positive);
        return cap === null ? passed : tf.mul(passed, tf.cast(cap, 'float32'));
      }
      case 'guided': {
        const positive = tf.cast(tf.greater(dy, 0), 'float32');
        return tf.mul(tf.mul(dy, positive), openF);
      }
      default:
        throw new Error(
          `plugin-guided-bp: unknown ReLU rule ${JSON.stringify(rule)}; accepted: ${RELU_RULES.join(', ')}`,
        );
    }
  });
}
