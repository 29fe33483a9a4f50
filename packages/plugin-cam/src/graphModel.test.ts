import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, type TfjsModel } from '@visor/engine-tfjs';
import { cam } from './cam.js';
import { camDefaults, gradCamDefaults } from './camOptions.js';
import { findCamLayer } from './findCamLayer.js';
import { findGradCamLayer } from './findGradCamLayer.js';
import { gradCam } from './gradCam.js';
import { explainContext, gapGraphModel, meanOverHeightAndChannelsGraphModel, rampInput } from './testing/tinyModels.js';

let model: TfjsModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  model = await gapGraphModel();
});
afterAll(async () => {
  await model.dispose();
});

const flat = { upsample: 'none', normalize: 'none' } as const;

// The graph model computes the same numbers as gapModel(): f0 = [[0, 4], [31, 40]], f1 = [[3, 2], [0, 0]] at
// conv/Relu; M_0 = f0, M_1 = f1, M_2 = 0.5·f0 − 2·f1 = [[−6, −2], [15.5, 20]]; logits [18.85, 1.45, 7.175].
describe('cam and grad-cam on a TF.js graph model (Mean → MatMul → BiasAdd → Softmax)', () => {
  it('finds the head in the op graph from the nodes’ kinds', () => {
    expect(model.layers().map((l) => [l.name, l.kind])).toEqual([
      ['image', 'input'],
      ['conv/Conv2D', 'conv'],
      ['conv/BiasAdd', 'bias'],
      ['conv/Relu', 'activation'],
      ['gap', 'global-avg-pool'],
      ['fc/MatMul', 'dense'],
      ['fc/BiasAdd', 'bias'],
      ['fc/Softmax', 'softmax'],
      ['Identity', 'identity'],
    ]);
    expect(findCamLayer(model)).toEqual({
      featureLayer: 'conv/Relu',
      poolLayer: 'gap',
      denseLayer: 'fc/MatMul',
      biasLayer: 'fc/BiasAdd',
      description: 'gap (Mean) → fc/MatMul (MatMul) → fc/BiasAdd (BiasAdd) → fc/Softmax (Softmax) → Identity (Identity)',
    });
    expect(findGradCamLayer(model)).toBe('conv/Relu');
  });

  it('cam gives the hand-computed maps, with the bias from the BiasAdd node', async () => {
    const out = await cam.explain(await explainContext(model, rampInput(), [[2, 0]], { ...camDefaults, ...flat }));
    expect(Array.from(out[0]!.raw.data)).toEqual([-6, -2, 15.5, 20]);
    expect(Array.from(out[1]!.raw.data)).toEqual([0, 4, 31, 40]);
    expect(out[0]!.stats!.bias).toBeCloseTo(0.3, 6);
    expect(out[0]!.stats!.logit).toBeCloseTo(7.175, 4);
    expect(out[0]!.layer).toBe('conv/Relu');
  });

  it('grad-cam (logit, no ReLU) = CAM / 4, differentiating with respect to an op node', async () => {
    const out = await gradCam.explain(await explainContext(model, rampInput(), [[2, 0]], { ...gradCamDefaults, ...flat, relu: false }));
    expect(out[0]!.layer).toBe('conv/Relu');
    [-1.5, -0.5, 3.875, 5].forEach((v, i) => expect(out[0]!.raw.data[i]).toBeCloseTo(v, 5));
    [0, 1, 7.75, 10].forEach((v, i) => expect(out[1]!.raw.data[i]).toBeCloseTo(v, 5));
  });

  it('refuses a Mean whose constant axes are not height and width, though its output has the channel count', async () => {
    const other = await meanOverHeightAndChannelsGraphModel();
    try {
      expect(other.layer('gap')).toMatchObject({ kind: 'global-avg-pool', outputShape: [null, 2] });
      expect(() => findCamLayer(other)).toThrow('gap (Mean) does not average over height and width');
    } finally {
      await other.dispose();
    }
  });
});
