import { tf } from '@visor/engine-tfjs';

/**
 * A small ResNet-style functional model (seeded weights): conv3×3+relu → conv3×3 → BatchNorm,
 * added to a 1×1 projection shortcut (split + Add), ReLU layer, strided conv with relu6, GAP,
 * Dense(3, softmax). Input 8×8×3.
 */
export function residualCnn(seed = 1): tf.LayersModel {
  let s = seed;
  const init = () => tf.initializers.glorotNormal({ seed: s++ });
  const input = tf.input({ shape: [8, 8, 3] });
  const a = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(), biasInitializer: 'ones', name: 'a' })
    .apply(input) as tf.SymbolicTensor;
  const b = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', kernelInitializer: init(), name: 'b' }).apply(a) as tf.SymbolicTensor;
  const bn = tf.layers
    .batchNormalization({
      gammaInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: s++ }),
      betaInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: s++ }),
      movingMeanInitializer: tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2, seed: s++ }),
      movingVarianceInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 2, seed: s++ }),
      name: 'bn',
    })
    .apply(b) as tf.SymbolicTensor;
  const shortcut = tf.layers.conv2d({ filters: 4, kernelSize: 1, kernelInitializer: init(), name: 'shortcut' }).apply(input) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'add' }).apply([bn, shortcut]) as tf.SymbolicTensor;
  const out = tf.layers.reLU({ name: 'add_relu' }).apply(sum) as tf.SymbolicTensor;
  const c = tf.layers
    .conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu6', kernelInitializer: init(), name: 'c' })
    .apply(out) as tf.SymbolicTensor;
  const gap = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(c) as tf.SymbolicTensor;
  const head = tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(), name: 'head' }).apply(gap) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: head });
}
