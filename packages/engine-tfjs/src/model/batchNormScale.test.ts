import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { artifactsOf } from './artifactsOf.js';
import { netFromArtifacts } from './netFromArtifacts.js';
import { TfjsModel } from './TfjsModel.js';
import { withBatchNormScale } from './batchNormScale.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** flatten(BN(scale: false)) → Dense(1, linear) with kernel ones: y = Σ (x − μ_c)/√(σ²_c + ε) + β_c. */
async function artifacts(): Promise<tf.io.ModelArtifacts> {
  const m = tf.sequential({
    layers: [
      tf.layers.batchNormalization({ inputShape: [1, 2, 2], scale: false, epsilon: 0.001, name: 'bn' }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({ units: 1, name: 'out', kernelInitializer: 'ones', biasInitializer: 'zeros' }),
    ],
  });
  m.getLayer('bn').setWeights([tf.tensor1d([0.5, -1]), tf.tensor1d([2, 3]), tf.tensor1d([4 - 0.001, 0.25 - 0.001])]);
  const saved = await artifactsOf(m);
  m.dispose();
  return saved;
}

describe('BatchNormalization without a scale (tfjs cannot differentiate it)', () => {
  it('tfjs 4.22 still fails on the gradient of tf.batchNorm without a scale (so the workaround is needed)', () => {
    const x = tf.ones([1, 2, 2, 3]);
    expect(() => tf.grad((t: tf.Tensor) => tf.batchNorm(t, tf.zeros([3]), tf.ones([3]), tf.zeros([3]), undefined, 0.001).sum())(x)).toThrow(/dataId/);
    x.dispose();
  });

  it('gets γ = 1: same outputs, and the input gradient is 1/√(σ² + ε) per channel, by hand', async () => {
    const a = await artifacts();
    const fixed = withBatchNormScale(a);
    expect(a.weightSpecs!.some((s) => s.name === 'bn/gamma')).toBe(false); // the given artifacts are untouched
    expect(fixed.weightSpecs!.find((s) => s.name === 'bn/gamma')!.shape).toEqual([2]);
    const model = new TfjsModel(await netFromArtifacts(a, 'bn.json'));
    const x = { data: Float32Array.of(1, 2, 3, 4), shape: [1, 1, 2, 2] };
    // channel 0: (x − 2)/2 + 0.5 at x = 1, 3 → 0, 1; channel 1: (x − 3)/0.5 − 1 at x = 2, 4 → −3, 1 → y = −1
    const [y] = await model.run(x, ['logits']);
    expect(y!.data[0]!).toBeCloseTo(-1, 5);
    const g = await model.gradients(x, { score: 'logit', wrt: 'input', seeds: [Float32Array.of(1)] });
    [0.5, 2, 0.5, 2].forEach((v, i) => expect(g.gradients[0]!.data[i]).toBeCloseTo(v, 5));
    await model.dispose();
  });
});
