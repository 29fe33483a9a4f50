import { tf } from '../tf.js';

/**
 * A tiny residual CNN with seeded weights (8×8×3 input, 5 softmax classes):
 *
 *   image → stem → block_a → block_b ┐
 *            └────→ shortcut ────────┴→ block_add → block_out (relu) → avg_pool → predictions
 */
export function residualNet(): tf.LayersModel {
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
  const short = tf.layers.conv2d({ name: 'shortcut', filters: 4, kernelSize: 1, strides: 2, kernelInitializer: init(4) }).apply(stem) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'block_add' }).apply([b, short]) as tf.SymbolicTensor;
  const out = tf.layers.activation({ activation: 'relu', name: 'block_out' }).apply(sum) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({ name: 'avg_pool' }).apply(out) as tf.SymbolicTensor;
  const logits = tf.layers
    .dense({ units: 5, activation: 'softmax', name: 'predictions', kernelInitializer: init(5), biasInitializer: 'ones' })
    .apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits });
}
