import { describe, expect, it } from 'vitest';
import { functionModel } from '../testing/functionModel.js';
import { pairGradients } from './pairGradients.js';
import { targetPairs } from './targetPairs.js';

// logit_k = w_k · x on a 1×1×2 input: d logit_k / d x = w_k, whatever x.
const W = [
  [1, 2],
  [-3, 4],
  [5, -6],
];
const model = functionModel({
  inputShape: [1, 1, 2],
  numClasses: 3,
  finalActivation: 'linear',
  logits: (x) => W.map((w) => w[0]! * x[0]! + w[1]! * x[1]!),
  gradient: (_x, seed) => Float32Array.from([0, 1].map((i) => W.reduce((s, w, k) => s + seed[k]! * w[i]!, 0))),
});

describe('pairGradients', () => {
  it('gives each (input, class) pair its own gradient, from one seed per target rank', async () => {
    const input = { data: Float32Array.of(1, 1, 2, -1), shape: [2, 1, 1, 2] };
    const pairs = targetPairs([[2, 0], [1]], 2, 3, 'test');
    let seeds = 0;
    const counting = { ...model, gradients: (x: typeof input, r: Parameters<typeof model.gradients>[1]) => ((seeds = r.seeds.length), model.gradients(x, r)) };
    const g = await pairGradients(counting, input, pairs, { score: 'logit', wrt: 'input' });
    expect(seeds).toBe(2); // ranks 0 and 1, not 3 pairs
    expect(g.shape).toEqual([1, 1, 2]);
    expect(g.gradients.map((a) => Array.from(a))).toEqual([W[2], W[0], W[1]]);
    expect(Array.from(g.value.data)).toEqual([1, 1, 2, -1]);
  });
});

describe('targetPairs', () => {
  it('orders pairs by input then target and refuses classes outside the model', () => {
    expect(targetPairs([[1, 0], [2]], 2, 3, 'm')).toEqual([
      { inputIndex: 0, classIndex: 1, rank: 0 },
      { inputIndex: 0, classIndex: 0, rank: 1 },
      { inputIndex: 1, classIndex: 2, rank: 0 },
    ]);
    expect(() => targetPairs([[3]], 1, 3, 'm')).toThrow(/m: target class 3 of input 0 is not a class index; accepted: an integer from 0 to 2/);
    expect(() => targetPairs([[0]], 2, 3, 'm')).toThrow(/got 1 target lists for a batch of 2 inputs/);
  });
});
