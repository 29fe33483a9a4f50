/**
 * Random-weight zoo models that behave like trained ones where it matters to an engine comparison.
 *
 * The zoo initialises BatchNormalization as an identity (γ 1, β 0, mean 0, variance 1) and biases as 0, which
 * hides a converter that drops or swaps them: `seedNormalization` draws them instead. In MobileNetV2 that is not
 * enough: glorot-initialised depthwise kernels shrink the activations every block (measured at 64×64: mean
 * |out_relu| 1.5e-12, every class probability exactly 0.1, occlusion drops at most one float32 ulp), so
 * occlusion and top-k targets would compare nothing. `calibrateBatchNorm` sets each BatchNormalization's moving
 * statistics to the batch statistics of its input on calibration images, as a trained model's are, and scales
 * the head to a moderate logit range.
 */
import { mulberry32, type NdArray } from '@visor/core';
import { tf } from '@visor/engine-tfjs';

/** Seeded uniform values in [lo, hi) (mulberry32). */
export function seededUniform(n: number, seed: number, lo: number, hi: number): Float32Array {
  const uniform = mulberry32(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * uniform());
}

/** Replaces the weights of `model` whose names match `which`, in place; `range(name)` gives each one's [lo, hi). */
function seedWeights(model: tf.LayersModel, seed: number, which: RegExp, range: (name: string) => [number, number]): void {
  let k = 0;
  for (const layer of model.layers) {
    const names = layer.weights.map((w) => w.originalName);
    if (!names.some((n) => which.test(n))) continue;
    const current = layer.getWeights(); // the variables' own values: not to be disposed
    const fresh = current.map((w, i) => (which.test(names[i]!) ? tf.tensor(seededUniform(w.size, seed + 7919 * k++, ...range(names[i]!)), w.shape) : w));
    layer.setWeights(fresh);
    tf.dispose(fresh.filter((t) => !current.includes(t)));
  }
}

/**
 * γ (and the moving variance) in [0.5, 1.5), β (and the moving mean) and every bias in [−0.2, 0.2), seeded; the
 * moving statistics only with `statistics` (leave them to `calibrateBatchNorm` otherwise).
 */
export function seedNormalization(model: tf.LayersModel, seed: number, statistics = true): void {
  const which = statistics ? /gamma|beta|moving_mean|moving_variance|bias/ : /gamma|beta|bias/;
  seedWeights(model, seed, which, (n) => (/gamma|variance/.test(n) ? [0.5, 1.5] : [-0.2, 0.2]));
}

interface BatchNormInternals {
  momentum: number;
}

/**
 * Each BatchNormalization's moving mean and variance become the batch statistics of its input on `calibration`
 * [N, H, W, C] (one training-mode forward pass with momentum 0: every BatchNormalization normalises by its
 * batch's statistics and stores them); then the head (the `predictions` Dense) is scaled so that the
 * calibration images' largest |logit| is `peak`. Changes `model` in place.
 */
export function calibrateBatchNorm(model: tf.LayersModel, calibration: NdArray, peak = 4): void {
  const norms = model.layers.filter((l) => l.getClassName() === 'BatchNormalization') as unknown as BatchNormInternals[];
  const momenta = norms.map((l) => l.momentum);
  norms.forEach((l) => (l.momentum = 0)); // moving ← batch statistics
  try {
    tf.tidy(() => {
      model.apply(tf.tensor(calibration.data, calibration.shape), { training: true });
    });
  } finally {
    norms.forEach((l, i) => (l.momentum = momenta[i]!));
  }
  const head = model.getLayer('predictions');
  const largest = tf.tidy(() => {
    const features = tf.model({ inputs: model.inputs, outputs: head.input }).predict(tf.tensor(calibration.data, calibration.shape)) as tf.Tensor;
    const [kernel, bias] = head.getWeights();
    return features.matMul(kernel!).add(bias!).abs().max().dataSync()[0]!;
  });
  const scaled = head.getWeights().map((w) => w.mul(peak / largest));
  head.setWeights(scaled);
  tf.dispose(scaled);
}
