import { beforeAll, describe, expect, it } from 'vitest';
import type { VisorModel } from '../contracts/VisorModel.js';
import { tf } from '../tf.js';
import { explainContext } from './explainContext.js';

/** Class k's logit is (k + 1) × the mean of the input; 3 classes; only classScores is implemented. */
function meanModel(): VisorModel {
  return {
    classScores: (x: tf.Tensor4D, kind: string) =>
      tf.tidy(() => {
        const l = tf.mul(tf.mean(x, [1, 2, 3]).expandDims(1), tf.tensor2d([[1, 2, 3]])) as tf.Tensor2D;
        return kind === 'logit' ? l : tf.softmax(l);
      }),
    numClasses: 3,
    run: () => {
      throw new Error('run is not used');
    },
  } as unknown as VisorModel;
}

describe('explainContext', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('computes logits and their softmax per input, and frees every tensor it made', () => {
    // Input 0 has mean 1 → logits [1, 2, 3]; input 1 has mean −1 → logits [−1, −2, −3].
    const input = tf.concat([tf.ones([1, 2, 2, 1]), tf.fill([1, 2, 2, 1], -1)]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const ctx = explainContext(meanModel(), input, { topK: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(ctx.predictions.logits[0])).toEqual([1, 2, 3]);
    expect(Array.from(ctx.predictions.logits[1])).toEqual([-1, -2, -3]);
    // softmax([1, 2, 3]) = e^k / (e + e² + e³) = [0.0900306, 0.2447285, 0.6652410]
    const z = Math.E + Math.E ** 2 + Math.E ** 3;
    [Math.E / z, Math.E ** 2 / z, Math.E ** 3 / z].forEach((p, k) => expect(ctx.predictions.probabilities[0][k]).toBeCloseTo(p, 6));
    expect(ctx.predictions.probabilities[1][0]).toBeCloseTo(Math.E ** 3 / z, 6);
    // Default targets: the 2 highest logits of each input, highest first.
    expect(ctx.targets).toEqual([
      [2, 1],
      [0, 1],
    ]);
    expect(ctx.input).toBe(input);
    expect(input.isDisposed).toBe(false);
    input.dispose();
  });

  it('defaults to the top class, {} options, index labels, a live signal; takes targets, options, label, signal as given', () => {
    const input = tf.ones([1, 1, 1, 1]) as tf.Tensor4D;
    const plain = explainContext(meanModel(), input);
    expect(plain.targets).toEqual([[2]]);
    expect(plain.options).toEqual({});
    expect(plain.label(7)).toBe('7');
    expect(plain.signal.aborted).toBe(false);
    expect(plain.backend).toBe('cpu');

    const controller = new AbortController();
    controller.abort();
    const given = explainContext(meanModel(), input, { targets: [[0, 2]], options: { gain: 2 }, label: (i) => `class ${i}`, signal: controller.signal });
    expect(given.targets).toEqual([[0, 2]]);
    expect(given.options).toEqual({ gain: 2 });
    expect(given.label(7)).toBe('class 7');
    expect(given.signal.aborted).toBe(true);
    input.dispose();
  });
});
