// Test fixtures (excluded from the build): tiny models with hand-picked weights, and an ExplainContext builder.
import { tf, wrapLayersModel } from '@visor/core';
import type { ExplainContext, VisorModel } from '@visor/core';
import { explainContext as coreExplainContext } from '@visor/core/testing';

/**
 * The 4×4 input 0…15 (row-major, one channel):
 *    0  1  2  3
 *    4  5  6  7
 *    8  9 10 11
 *   12 13 14 15
 */
export function rampInput(batch = 1): tf.Tensor4D {
  return tf.tidy(() => {
    const one = tf.reshape(tf.range(0, 16, 1, 'float32'), [1, 4, 4, 1]);
    return tf.concat(Array.from({ length: batch }, (_, i) => tf.add(one, i)), 0) as tf.Tensor4D;
  });
}

/**
 * conv "conv": 3×3, valid padding (4×4 → 2×2), 2 filters, ReLU.
 *   filter 0: all ones, bias −50  → window sum − 50. A 3×3 window sum of the ramp is 9 × its centre:
 *             centres 5, 6, 9, 10 → 45, 54, 81, 90 → −5, 4, 31, 40 → ReLU → f0 = [[0, 4], [31, 40]]
 *   filter 1: −1 at the centre tap only, bias 8 → 8 − centre: 3, 2, −1, −2 → ReLU → f1 = [[3, 2], [0, 0]]
 */
function conv(x: tf.SymbolicTensor): tf.SymbolicTensor {
  const layer = tf.layers.conv2d({ name: 'conv', filters: 2, kernelSize: 3, padding: 'valid', activation: 'relu' });
  const out = layer.apply(x) as tf.SymbolicTensor;
  const kernel = new Float32Array(3 * 3 * 1 * 2); // [kh, kw, cin, cout]
  for (let t = 0; t < 9; t++) kernel[t * 2] = 1;
  kernel[4 * 2 + 1] = -1; // centre tap (1, 1) of filter 1
  layer.setWeights([tf.tensor4d(kernel, [3, 3, 1, 2]), tf.tensor1d([-50, 8])]);
  return out;
}

/**
 * conv → GlobalAveragePooling2D "gap" → Dropout → Dense "predictions" (3 classes, softmax).
 * Default kernel [2, 3]: class 0 = [1, 0], class 1 = [0, 1], class 2 = [0.5, −2]; bias [0.1, 0.2, 0.3].
 */
export function gapModel(
  kernel: number[][] = [[1, 0, 0.5], [0, 1, -2]],
  bias: number[] = [0.1, 0.2, 0.3],
): VisorModel {
  const input = tf.input({ shape: [4, 4, 1], name: 'image' });
  const pooled = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(conv(input)) as tf.SymbolicTensor;
  const dropped = tf.layers.dropout({ rate: 0.5, name: 'drop' }).apply(pooled) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: 3, activation: 'softmax', name: 'predictions' });
  const out = dense.apply(dropped) as tf.SymbolicTensor;
  dense.setWeights([tf.tensor2d(kernel), tf.tensor1d(bias)]);
  return wrapLayersModel(tf.model({ inputs: input, outputs: out }), 'gap-model');
}

/**
 * conv → Flatten "flatten" (order (i, j, k) → index (2i + j)·2 + k) → Dense "predictions" (2 classes, linear).
 * Kernel column 0: [1, 4, 2, 0, 3, 0, 2, 0]   (channel 0 at the 4 cells: 1, 2, 3, 2; channel 1: 4, 0, 0, 0)
 * Kernel column 1: [−1, 2, −1, 2, −1, 2, −1, 2] (channel 0: all −1; channel 1: all 2). Bias 0.
 */
export function flattenModel(): VisorModel {
  const input = tf.input({ shape: [4, 4, 1], name: 'image' });
  const flat = tf.layers.flatten({ name: 'flatten' }).apply(conv(input)) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: 2, name: 'predictions' });
  const out = dense.apply(flat) as tf.SymbolicTensor;
  const col0 = [1, 4, 2, 0, 3, 0, 2, 0];
  const col1 = [-1, 2, -1, 2, -1, 2, -1, 2];
  dense.setWeights([tf.tensor2d(col0.map((v, i) => [v, col1[i]])), tf.tensor1d([0, 0])]);
  return wrapLayersModel(tf.model({ inputs: input, outputs: out }), 'flatten-model');
}

/** conv → flatten_1 (Flatten) → fc1 (Dense, 4) → predictions (Dense, 3, softmax): a VGG-style head. */
export function vggHeadModel(): VisorModel {
  const input = tf.input({ shape: [4, 4, 1], name: 'image' });
  const flat = tf.layers.flatten({ name: 'flatten_1' }).apply(conv(input)) as tf.SymbolicTensor;
  const fc1 = tf.layers.dense({ units: 4, activation: 'relu', name: 'fc1' }).apply(flat) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 3, activation: 'softmax', name: 'predictions' }).apply(fc1) as tf.SymbolicTensor;
  return wrapLayersModel(tf.model({ inputs: input, outputs: out }), 'vgg-head-model');
}

/**
 * A small residual functional model, 8×8×3 → 5 classes, seeded random weights:
 * stem conv (relu) → [conv relu → conv linear] + stem → Activation relu "block_out"
 * → GlobalAveragePooling2D → Dense (softmax).
 */
export function residualModel(): VisorModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const input = tf.input({ shape: [8, 8, 3], name: 'image' });
  const stem = tf.layers
    .conv2d({ name: 'stem', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) })
    .apply(input) as tf.SymbolicTensor;
  const a = tf.layers
    .conv2d({ name: 'block_a', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) })
    .apply(stem) as tf.SymbolicTensor;
  const b = tf.layers
    .conv2d({ name: 'block_b', filters: 4, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: init(3) })
    .apply(a) as tf.SymbolicTensor;
  const short = tf.layers
    .conv2d({ name: 'shortcut', filters: 4, kernelSize: 1, strides: 2, kernelInitializer: init(4) })
    .apply(stem) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'block_add' }).apply([b, short]) as tf.SymbolicTensor;
  const out = tf.layers.activation({ activation: 'relu', name: 'block_out' }).apply(sum) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({ name: 'avg_pool' }).apply(out) as tf.SymbolicTensor;
  const logits = tf.layers
    .dense({ units: 5, activation: 'softmax', name: 'predictions', kernelInitializer: init(5), biasInitializer: 'ones' })
    .apply(pooled) as tf.SymbolicTensor;
  return wrapLayersModel(tf.model({ inputs: input, outputs: logits }), 'residual-model');
}

/** An ExplainContext as the pipeline builds it: predictions from the model, labels the index as text. */
export function explainContext<O>(
  model: VisorModel,
  input: tf.Tensor4D,
  targets: number[][],
  options: O,
  signal: AbortSignal = new AbortController().signal,
): ExplainContext<O> {
  return coreExplainContext(model, input, { targets, options, signal });
}
