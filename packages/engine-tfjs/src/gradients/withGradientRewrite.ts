import type { GradientOps, GradientRewrite } from '@visor/core';
import { tf } from '../tf.js';

type GradConfig = ReturnType<typeof tf.getGradient>;
type GradFunc = GradConfig['gradFunc'];

/**
 * The kernels through which a ReLU reaches the gradient tape in tfjs 4.x, whatever wrote it:
 * - `Relu`: tf.relu — `ReLU` and `Activation('relu')` layers, the `relu` activation of
 *   Conv2D/Dense/DepthwiseConv2D (in gradient mode tfjs-core's fused ops only fuse a linear
 *   activation, `shouldFuse`, so a fused relu runs as conv/matMul + Relu), `relu6`
 *   (`minimum(6, relu(x))`), and a GraphModel's `Relu` / `_FusedConv2D(relu)` / `_FusedMatMul(relu)`.
 * - `Relu6`: tf.relu6 — GraphModel `Relu6` ops and fused ops with a `relu6` activation.
 * - `ClipByValue` with a lower bound of exactly 0: `ReLU({maxValue})` (relu then clip(0, max)) and
 *   GraphModel `ClipByValue(x, 0, m)`, which is a ReLU with a ceiling. Clips with another lower
 *   bound are not ReLUs and keep their normal gradient.
 */
export const RELU_KERNELS = ['Relu', 'Relu6', 'ClipByValue'] as const;

/** The rewrite's element-wise vocabulary on tfjs tensors (0/1 masks as float32). */
export const tfGradientOps: GradientOps<tf.Tensor> = {
  mul: (a, b) => tf.mul(a, b),
  add: (a, b) => tf.add(a, b),
  positive: (a) => tf.cast(tf.greater(a, 0), 'float32'),
};

const asFloat = (t: tf.Tensor): tf.Tensor => tf.cast(t, 'float32');

function reluGrad(rewrite: GradientRewrite): GradConfig {
  return {
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: ((dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [x] = saved;
      return { x: () => tf.tidy(() => rewrite.relu(tfGradientOps, { dy, x, open: asFloat(tf.greater(x!, 0)), cap: null })) };
    }) as GradFunc,
  };
}

function relu6Grad(rewrite: GradientRewrite): GradConfig {
  return {
    kernelName: 'Relu6',
    inputsToSave: ['x'],
    gradFunc: ((dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [x] = saved;
      return {
        x: () =>
          tf.tidy(() => {
            const cap = tf.lessEqual(x!, 6);
            return rewrite.relu(tfGradientOps, { dy, x, open: asFloat(tf.logicalAnd(tf.greater(x!, 0), cap)), cap: asFloat(cap) });
          }),
      };
    }) as GradFunc,
  };
}

function clipGrad(rewrite: GradientRewrite, original: GradConfig | undefined): GradConfig {
  return {
    kernelName: 'ClipByValue',
    inputsToSave: ['x'],
    gradFunc: ((dy: tf.Tensor, saved: tf.Tensor[], attrs: Record<string, unknown>) => {
      const { clipValueMin, clipValueMax } = attrs as { clipValueMin: number; clipValueMax: number };
      if (clipValueMin !== 0) {
        if (original === undefined) throw new Error('engine-tfjs: tfjs has no ClipByValue gradient to fall back to');
        return original.gradFunc(dy, saved, attrs as never);
      }
      const [x] = saved;
      return {
        x: () =>
          tf.tidy(() => {
            const cap = tf.lessEqual(x!, clipValueMax);
            return rewrite.relu(tfGradientOps, { dy, x, open: asFloat(tf.logicalAnd(tf.greaterEqual(x!, 0), cap)), cap: asFloat(cap) });
          }),
      };
    }) as GradFunc,
  };
}

function isThenable(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/**
 * Runs `fn` with the gradients of every ReLU kernel (`RELU_KERNELS`) replaced by `rewrite.relu`,
 * then puts tfjs's own gradients back, also when `fn` throws. The moral equivalent of TensorFlow's
 * `gradient_override_map({'Relu': 'GuidedRelu'})`: the model is not touched, its forward pass is
 * unchanged, and every way a ReLU is applied is covered because tfjs looks gradients up per kernel.
 *
 * tfjs picks a kernel's gradient when the forward op is recorded on the tape (engine `addTapeNode`),
 * so `fn` must do the forward AND the backward pass (one `tf.grad` / `tf.grads` call) and must be
 * synchronous: a Promise is refused, since other code would run between its awaits with the
 * override in place. Nested calls are allowed (each restores what it found).
 */
export function withGradientRewrite<T>(rewrite: GradientRewrite | undefined, fn: () => T): T {
  if (rewrite === undefined) return fn();
  if (typeof rewrite.relu !== 'function') {
    throw new Error(`engine-tfjs: the gradient rewrite ${JSON.stringify(rewrite.id)} has no relu(ops, unit) function`);
  }
  const originals = new Map<string, GradConfig | undefined>();
  for (const kernel of RELU_KERNELS) originals.set(kernel, tf.getGradient(kernel));
  try {
    tf.registerGradient(reluGrad(rewrite));
    tf.registerGradient(relu6Grad(rewrite));
    tf.registerGradient(clipGrad(rewrite, originals.get('ClipByValue')));
    const result = fn();
    if (isThenable(result)) {
      throw new Error('engine-tfjs: withGradientRewrite needs a synchronous function (one tf.grad call); it returned a Promise');
    }
    return result;
  } finally {
    for (const [kernel, original] of originals) {
      if (original !== undefined) tf.registerGradient(original);
      else if (tf.getGradient(kernel) !== undefined) tf.unregisterGradient(kernel);
    }
  }
}
