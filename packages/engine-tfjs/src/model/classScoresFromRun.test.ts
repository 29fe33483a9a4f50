import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { classScoresFromRun } from './classScoresFromRun.js';
import type { TfjsNet } from './TfjsNet.js';

describe('classScoresFromRun', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  /** A run() that records the outputs asked for and returns [[1, 2]] for 'logits', [[0.25, 0.75]] otherwise. */
  function fakeRun() {
    const asked: string[][] = [];
    const run: TfjsNet['run'] = (_x, outputs) => {
      asked.push(outputs);
      return outputs.map((o) => tf.tensor2d([o === 'logits' ? [1, 2] : [0.25, 0.75]]));
    };
    return { asked, run };
  }

  it("asks run for the special output 'logits' or 'probabilities' and returns it", async () => {
    const { asked, run } = fakeRun();
    const classScores = classScoresFromRun(run);
    const x = tf.zeros([1, 1, 1, 1]) as tf.Tensor4D;
    const logits = classScores(x, 'logit');
    const probs = classScores(x, 'probability');
    expect(asked).toEqual([['logits'], ['probabilities']]);
    expect(await logits.array()).toEqual([[1, 2]]);
    expect(await probs.array()).toEqual([[0.25, 0.75]]);
    tf.dispose([x, logits, probs]);
  });

  it('refuses any other score kind, naming it and the accepted kinds, without running the model', () => {
    const { asked, run } = fakeRun();
    const x = tf.zeros([1, 1, 1, 1]) as tf.Tensor4D;
    expect(() => classScoresFromRun(run)(x, 'softmax' as never)).toThrow('unknown score kind "softmax"; accepted: logit, probability');
    expect(asked).toEqual([]);
    x.dispose();
  });
});
