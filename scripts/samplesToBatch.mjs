/**
 * Generator samples → the model's input batch and one-hot labels. Pixels are scaled to [-1, 1]
 * (x / 127.5 − 1, Visor's `tf` preprocessing), which is what the demo models were trained on.
 *
 * @param {typeof import('@tensorflow/tfjs')} tf
 * @param {{ size: number, image: Uint8Array, classIndex: number }[]} samples all of one size
 * @param {number} numClasses
 * @returns {{ xs: import('@tensorflow/tfjs').Tensor4D, ys: import('@tensorflow/tfjs').Tensor2D }}
 */
export function samplesToBatch(tf, samples, numClasses) {
  if (samples.length === 0) throw new Error('samplesToBatch: no samples');
  const size = samples[0].size;
  const px = size * size * 3;
  const x = new Float32Array(samples.length * px);
  const y = new Float32Array(samples.length * numClasses);
  samples.forEach((s, n) => {
    if (s.size !== size) throw new Error(`samplesToBatch: sample ${n} is ${s.size}px, expected ${size}px like the first`);
    for (let i = 0; i < px; i++) x[n * px + i] = s.image[i] / 127.5 - 1;
    y[n * numClasses + s.classIndex] = 1;
  });
  return { xs: tf.tensor4d(x, [samples.length, size, size, 3]), ys: tf.tensor2d(y, [samples.length, numClasses]) };
}
