import { describe, expect, it } from 'vitest';
import { explainContext } from './explainContext.js';
import { functionModel } from './functionModel.js';

/** Class k's logit is (k + 1) × the mean of the input; 3 classes. */
const meanModel = (finalActivation: 'softmax' | 'sigmoid' | 'linear' = 'softmax') =>
  functionModel({
    inputShape: [2, 2, 1],
    numClasses: 3,
    finalActivation,
    logits: (x) => {
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      return [mean, 2 * mean, 3 * mean];
    },
  });

const batch = (...means: number[]) => ({ data: Float32Array.from(means.flatMap((m) => [m, m, m, m])), shape: [means.length, 2, 2, 1] });

describe('explainContext', () => {
  it('computes logits and the model’s own probabilities per input (one forward pass)', async () => {
    // Input 0 has mean 1 → logits [1, 2, 3]; input 1 has mean −1 → logits [−1, −2, −3].
    const input = batch(1, -1);
    const ctx = await explainContext(meanModel(), input, { topK: 2 });
    expect(Array.from(ctx.predictions.logits[0]!)).toEqual([1, 2, 3]);
    expect(Array.from(ctx.predictions.logits[1]!)).toEqual([-1, -2, -3]);
    // softmax([1, 2, 3]) = e^k / (e + e² + e³) = [0.0900306, 0.2447285, 0.6652410]
    const z = Math.E + Math.E ** 2 + Math.E ** 3;
    [Math.E / z, Math.E ** 2 / z, Math.E ** 3 / z].forEach((p, k) => expect(ctx.predictions.probabilities[0]![k]).toBeCloseTo(p, 6));
    expect(ctx.predictions.probabilities[1]![0]).toBeCloseTo(Math.E ** 3 / z, 6);
    // Default targets: the 2 highest logits of each input, highest first.
    expect(ctx.targets).toEqual([
      [2, 1],
      [0, 1],
    ]);
    expect(ctx.input).toBe(input);
  });

  it('sigmoid heads get sigmoid probabilities; linear heads use the logits', async () => {
    const sig = await explainContext(meanModel('sigmoid'), batch(1));
    [1, 2, 3].forEach((z, k) => expect(sig.predictions.probabilities[0]![k]).toBeCloseTo(1 / (1 + Math.exp(-z)), 6));
    const lin = await explainContext(meanModel('linear'), batch(2));
    expect(Array.from(lin.predictions.probabilities[0]!)).toEqual([2, 4, 6]);
  });

  it('defaults to the top class, {} options, index labels, a live signal; takes targets, options, label, signal as given', async () => {
    const input = batch(1);
    const plain = await explainContext(meanModel(), input);
    expect(plain.targets).toEqual([[2]]);
    expect(plain.options).toEqual({});
    expect(plain.label(7)).toBe('7');
    expect(plain.signal.aborted).toBe(false);
    expect(plain.backend).toBe('js');

    const controller = new AbortController();
    controller.abort();
    const given = await explainContext(meanModel(), input, { targets: [[0, 2]], options: { gain: 2 }, label: (i) => `class ${i}`, signal: controller.signal });
    expect(given.targets).toEqual([[0, 2]]);
    expect(given.options).toEqual({ gain: 2 });
    expect(given.label(7)).toBe('class 7');
    expect(given.signal.aborted).toBe(true);
  });
});
