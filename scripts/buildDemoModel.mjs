/**
 * The demo CNN: a small residual network whose head is conv → ReLU → GlobalAveragePooling2D →
 * Dense(softmax), so that CAM is exact on it (the class score is a linear function of the
 * pooled head activations). Keras-style layer names; about 40k parameters.
 *
 *   input 64×64×3 (pixels scaled to [-1, 1], Visor's `tf` preprocessing)
 *   downsample   AveragePooling2D 2×2                                      → 32×32×3
 *   conv1        3×3, 16, ReLU inside the conv (as Keras often hides it); pool1 (max 2×2) → 16×16×16
 *   conv2        3×3, 32 → conv2_bn → conv2_relu (ReLU layer); pool2 (max 2×2)          → 8×8×32
 *   block1_conv1 3×3, 32 → block1_bn1 → block1_relu1
 *   block1_conv2 3×3, 32 → block1_bn2
 *   block1_add   pool2 + block1_bn2 → block1_relu                                        → 8×8×32
 *   head_conv    3×3, 64 → head_bn → head_relu (ReLU layer)                              → 8×8×64 (CAM target)
 *   gap          GlobalAveragePooling2D                                                  → 64
 *   predictions  Dense(numClasses, softmax)
 * The early downsampling keeps a training step cheap enough for the single-threaded wasm backend.
 *
 * @param {typeof import('@tensorflow/tfjs')} tf
 * @param {number} numClasses
 * @param {number} [size=64]
 * @param {number} [seed=1] seed for the weight initialisers
 */
export function buildDemoModel(tf, numClasses, size = 64, seed = 1) {
  let s = seed;
  const init = () => tf.initializers.heNormal({ seed: s++ });
  const conv = (name, filters, activation) => tf.layers.conv2d({ name, filters, kernelSize: 3, padding: 'same', activation, kernelInitializer: init() });
  const bn = (name) => tf.layers.batchNormalization({ name, momentum: 0.9 });
  const relu = (name) => tf.layers.reLU({ name });
  const pool = (name) => tf.layers.maxPooling2d({ name, poolSize: 2 });

  const input = tf.input({ shape: [size, size, 3], name: 'input' });
  const x0 = tf.layers.averagePooling2d({ name: 'downsample', poolSize: 2 }).apply(input);
  const c1 = pool('pool1').apply(conv('conv1', 16, 'relu').apply(x0));
  const c2 = pool('pool2').apply(relu('conv2_relu').apply(bn('conv2_bn').apply(conv('conv2', 32, 'linear').apply(c1))));
  const b1 = relu('block1_relu1').apply(bn('block1_bn1').apply(conv('block1_conv1', 32, 'linear').apply(c2)));
  const b2 = bn('block1_bn2').apply(conv('block1_conv2', 32, 'linear').apply(b1));
  const add = tf.layers.add({ name: 'block1_add' }).apply([c2, b2]);
  const r = relu('block1_relu').apply(add);
  const head = relu('head_relu').apply(bn('head_bn').apply(conv('head_conv', 64, 'linear').apply(r)));
  const gap = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(head);
  const out = tf.layers
    .dense({ name: 'predictions', units: numClasses, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: s++ }) })
    .apply(gap);
  return tf.model({ inputs: input, outputs: out, name: 'visor_demo_cnn' });
}
