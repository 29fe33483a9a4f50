import { describe, expect, it } from 'vitest';
import type { LayerInfo, NdArray, VisorModel } from '../index.js';
import { functionModel } from '../testing/functionModel.js';
import { headView } from './headView.js';

// logit_k = w_k · x on a 1×1×2 input.
const W = [
  [1, 2],
  [-3, 4],
  [0.5, -1],
];
const linear = (rows: number[][], finalActivation: 'linear' | 'sigmoid' | 'softmax' = 'linear') =>
  functionModel({
    inputShape: [1, 1, 2],
    numClasses: rows.length,
    finalActivation,
    logits: (x) => rows.map((w) => w[0]! * x[0]! + w[1]! * x[1]!),
    gradient: (_x, seed) => Float32Array.from([0, 1].map((i) => rows.reduce((s, w, k) => s + seed[k]! * w[i]!, 0))),
  });
const x: NdArray = { data: Float32Array.of(0.3, -0.2), shape: [1, 1, 1, 2] };

/** Central difference of the view's score (kind, class c) at x. */
async function fd(model: VisorModel, kind: 'logits' | 'probabilities', c: number): Promise<number[]> {
  const h = 1e-3;
  return Promise.all(
    [0, 1].map(async (i) => {
      const at = (d: number) => {
        const data = Float32Array.from(x.data);
        data[i]! += d;
        return model.run({ data, shape: x.shape }, [kind]).then(([s]) => s!.data[c]!);
      };
      return ((await at(h)) - (await at(-h))) / (2 * h);
    }),
  );
}

describe('headView', () => {
  it('auto keeps the model as it is', () => {
    const m = linear(W, 'softmax');
    expect(headView(m)).toBe(m);
  });

  it('a linear (logit) output declared softmax: probabilities = softmax(logits), and their gradients are exact', async () => {
    const m = headView(linear(W), 'softmax');
    expect(m.finalActivation).toBe('softmax');
    const [z, p] = await m.run(x, ['logits', 'probabilities']);
    const zz = W.map((w) => w[0]! * 0.3 + w[1]! * -0.2); // [−0.1, −1.7, 0.35]
    zz.forEach((v, k) => expect(z!.data[k]!).toBeCloseTo(v, 6));
    const e = zz.map(Math.exp);
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((v, k) => expect(p!.data[k]!).toBeCloseTo(v / sum, 6));
    for (const c of [0, 2]) {
      const seed = Float32Array.from([0, 1, 2], (k) => (k === c ? 1 : 0));
      const g = await m.gradients(x, { score: 'probability', wrt: 'input', seeds: [seed] });
      const ref = await fd(m, 'probabilities', c);
      ref.forEach((v, i) => expect(g.gradients[0]!.data[i]).toBeCloseTo(v, 3)); // float32 central difference, h = 1e-3
      expect(g.scores.data[c]).toBeCloseTo(e[c]! / sum, 6);
    }
  });

  it('a linear output declared linear refuses probabilities (a regression head)', async () => {
    const base = linear(W);
    expect(headView(base, 'linear')).toBe(base);
    await expect(headView(linear(W, 'softmax'), 'linear').run(x, ['probabilities'])).rejects.toThrow(/not defined for a model with a linear output/);
  });

  it('one sigmoid output is two classes: 0 = the complement (−z, 1 − σ(z)), 1 = the positive class (z, σ(z))', async () => {
    const m = headView(linear([W[1]!], 'sigmoid'));
    expect(m.numClasses).toBe(2);
    const z = -3 * 0.3 + 4 * -0.2; // −1.7
    const [logits, p] = await m.run(x, ['logits', 'probabilities']);
    expect(Array.from(logits!.data)).toEqual([Math.fround(1.7), Math.fround(-1.7)].map((v) => expect.closeTo(v, 6)));
    expect(p!.data[1]!).toBeCloseTo(1 / (1 + Math.exp(-z)), 6);
    expect(p!.data[0]!).toBeCloseTo(1 - 1 / (1 + Math.exp(-z)), 6);
    for (const [kind, score] of [
      ['logits', 'logit'],
      ['probabilities', 'probability'],
    ] as const) {
      for (const c of [0, 1]) {
        const g = await m.gradients(x, { score, wrt: 'input', seeds: [Float32Array.from([0, 1], (k) => (k === c ? 1 : 0))] });
        const ref = await fd(m, kind, c);
        ref.forEach((v, i) => expect(g.gradients[0]!.data[i]).toBeCloseTo(v, 3)); // float32 central difference, h = 1e-3
      }
    }
  });

  it("the binary view shows the head's dense kernel with the complement's column negated", () => {
    const layers: LayerInfo[] = [
      { name: 'in', className: 'InputLayer', kind: 'input', outputShape: [null, 2, 2, 3], inbound: [] },
      { name: 'gap', className: 'GlobalAveragePooling2D', kind: 'global-avg-pool', outputShape: [null, 3], inbound: ['in'] },
      { name: 'out', className: 'Dense', kind: 'dense', outputShape: [null, 1], inbound: ['gap'], activation: 'sigmoid' },
    ];
    const base = linear([W[0]!], 'sigmoid');
    const stub: VisorModel = {
      ...base,
      outputLayer: 'out',
      layers: () => layers,
      layer: (n) => layers.find((l) => l.name === n)!,
      weights: (n) =>
        n === 'out'
          ? [
              { data: Float32Array.of(1, -2, 3), shape: [3, 1] },
              { data: Float32Array.of(0.5), shape: [1] },
            ]
          : [],
    };
    const [kernel, bias] = headView(stub).weights('out');
    expect(kernel!.shape).toEqual([3, 2]);
    expect(Array.from(kernel!.data)).toEqual([-1, 1, 2, -2, -3, 3]);
    expect(Array.from(bias!.data)).toEqual([-0.5, 0.5]);
    expect(headView(stub).weights('gap')).toEqual([]);
  });
});
