import { describe, expect, it } from 'vitest';
import type { LayerInfo, NdArray, VisorModel } from '@visor/core';
import { explainContext } from '@visor/core/testing';
import { cam } from './cam.js';
import { camDefaults } from './camOptions.js';
import { findCamLayer } from './findCamLayer.js';
import { findGradCamLayer } from './findGradCamLayer.js';

// ONNX graphs as an ONNX engine describes them (layers = tensors, shapes channels-last, Keras-oriented weights),
// without running ONNX Runtime: a stub model whose feature map is fixed, f0 = [[0, 4], [31, 40]] and
// f1 = [[3, 2], [0, 0]] (the numbers of the tfjs fixtures), and whose logits are GAP(f)·W + b by definition.
const F = [0, 3, 4, 2, 31, 0, 40, 0]; // [2, 2, 2] channels-last: cell (i, j) holds [f0, f1]
const KERNEL = [1, 0, 0.5, 0, 1, -2]; // [2, 3]: class 0 = [1, 0], class 1 = [0, 1], class 2 = [0.5, −2]
const BIAS = [0.1, 0.2, 0.3];

const layer = (name: string, className: string, kind: LayerInfo['kind'], outputShape: (number | null)[], inbound: string[]): LayerInfo => ({
  name,
  className,
  kind,
  outputShape,
  inbound,
});

function onnxLikeModel(layers: LayerInfo[], feature: string, weights: Record<string, NdArray[]>, finalActivation: 'linear' | 'softmax'): VisorModel {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const logitsOf = (): number[] => {
    const gap = [0, 1].map((k) => (F[k]! + F[2 + k]! + F[4 + k]! + F[6 + k]!) / 4);
    return [0, 1, 2].map((c) => gap[0]! * KERNEL[c]! + gap[1]! * KERNEL[3 + c]! + BIAS[c]!);
  };
  const repeat = (values: number[], n: number, shape: number[]): NdArray => ({
    data: Float32Array.from(Array.from({ length: n }, () => values).flat()),
    shape: [n, ...shape],
  });
  return {
    source: 'model.onnx',
    format: 'onnx',
    engine: 'stub',
    inputShape: [4, 4, 1],
    numClasses: 3,
    finalActivation,
    outputLayer: layers[layers.length - 1]!.name,
    layers: () => layers,
    layer: (name) => {
      const info = byName.get(name);
      if (!info) throw new Error(`stub: no layer ${name}`);
      return info;
    },
    weights: (name) => weights[name] ?? [],
    async run(x, outputs) {
      const n = x.shape[0]!;
      return outputs.map((o) => {
        if (o === feature) return repeat(F, n, [2, 2, 2]);
        const z = logitsOf();
        if (o === 'logits') return repeat(z, n, [3]);
        if (o === 'probabilities') {
          const e = z.map(Math.exp);
          return repeat(
            e.map((v) => v / (e[0]! + e[1]! + e[2]!)),
            n,
            [3],
          );
        }
        throw new Error(`stub: no output ${o}`);
      });
    },
    gradients: () => Promise.reject(new Error('stub: no gradients')),
    withRandomWeights: () => Promise.reject(new Error('stub')),
    memory: () => ({ tensors: 0, bytes: 0 }),
    dispose: async () => {},
  };
}

const input = { data: new Float32Array(16), shape: [1, 4, 4, 1] };
const kernel = { data: Float32Array.from(KERNEL), shape: [2, 3] };
const bias = { data: Float32Array.from(BIAS), shape: [3] };
const RELU = '/layer4/layer4.1/relu_1/Relu_output_0';

describe('heads of ONNX graphs, found from layer kinds', () => {
  it('torchvision ResNet: GlobalAveragePool [N, 1, 1, C] → Flatten → Gemm (bias inside), linear output', async () => {
    const layers = [
      layer('input', 'input', 'input', [null, 4, 4, 1], []),
      layer(RELU, 'Relu', 'activation', [null, 2, 2, 2], ['input']),
      layer('/avgpool/GlobalAveragePool_output_0', 'GlobalAveragePool', 'global-avg-pool', [null, 1, 1, 2], [RELU]),
      layer('/Flatten_output_0', 'Flatten', 'reshape', [null, 2], ['/avgpool/GlobalAveragePool_output_0']),
      layer('logits', 'Gemm', 'dense', [null, 3], ['/Flatten_output_0']),
    ];
    const model = onnxLikeModel(layers, RELU, { logits: [kernel, bias] }, 'linear');
    expect(findCamLayer(model)).toEqual({
      featureLayer: RELU,
      poolLayer: '/avgpool/GlobalAveragePool_output_0',
      denseLayer: 'logits',
      biasLayer: 'logits',
      description: '/avgpool/GlobalAveragePool_output_0 (GlobalAveragePool) → /Flatten_output_0 (Flatten) → logits (Gemm)',
    });
    // The pooled [N, 1, 1, C] output is 4-D but not a map: Grad-CAM's automatic layer is the ReLU before it.
    expect(findGradCamLayer(model)).toBe(RELU);
    const out = await cam.explain(await explainContext(model, input, { targets: [[2]], options: { ...camDefaults, upsample: 'none', normalize: 'none' } }));
    expect(Array.from(out[0]!.raw.data)).toEqual([-6, -2, 15.5, 20]);
    // mean(M_2) + b_2 = 6.875 + 0.3 = the logit 7.175 (the self-check passed)
    expect(out[0]!.stats!.bias).toBeCloseTo(0.3, 6);
    expect(out[0]!.stats!.logit).toBeCloseTo(7.175, 5);
  });

  it('a Keras export: ReduceMean (keepdims) → Reshape → MatMul → Add (bias) → Softmax', async () => {
    const layers = [
      layer('image', 'input', 'input', [null, 4, 4, 1], []),
      layer('conv_out', 'Relu', 'activation', [null, 2, 2, 2], ['image']),
      layer('gap', 'ReduceMean', 'global-avg-pool', [null, 1, 1, 2], ['conv_out']),
      layer('flat', 'Reshape', 'reshape', [null, 2], ['gap']),
      layer('fc', 'MatMul', 'dense', [null, 3], ['flat']),
      layer('fc_bias', 'Add', 'bias', [null, 3], ['fc']),
      layer('probs', 'Softmax', 'softmax', [null, 3], ['fc_bias']),
    ];
    const model = onnxLikeModel(layers, 'conv_out', { fc: [kernel], fc_bias: [bias] }, 'softmax');
    expect(findCamLayer(model)).toMatchObject({ featureLayer: 'conv_out', poolLayer: 'gap', denseLayer: 'fc', biasLayer: 'fc_bias' });
    expect(findGradCamLayer(model)).toBe('conv_out');
    const out = await cam.explain(await explainContext(model, input, { targets: [[0, 2]], options: { ...camDefaults, upsample: 'none', normalize: 'none' } }));
    expect(Array.from(out[0]!.raw.data)).toEqual([0, 4, 31, 40]);
    expect(Array.from(out[1]!.raw.data)).toEqual([-6, -2, 15.5, 20]);
    expect(out[1]!.stats).toMatchObject({ mapMean: 6.875 });
    expect(out[1]!.stats!.bias).toBeCloseTo(0.3, 6);
  });

  it('refuses a pooling that does not leave one value per channel', () => {
    const layers = [
      layer('image', 'input', 'input', [null, 4, 4, 1], []),
      layer('conv_out', 'Relu', 'activation', [null, 2, 2, 2], ['image']),
      layer('gap', 'GlobalAveragePool', 'global-avg-pool', [null, 2], ['conv_out']),
      layer('fc', 'Gemm', 'dense', [null, 3], ['gap']),
    ];
    const model = onnxLikeModel(layers, 'conv_out', { fc: [kernel, bias] }, 'linear');
    // fine as it is; a 3-value pooled output cannot be the 2 channel means
    expect(findCamLayer(model).poolLayer).toBe('gap');
    layers[2] = layer('gap', 'GlobalAveragePool', 'global-avg-pool', [null, 1, 3], ['conv_out']);
    expect(() => findCamLayer(onnxLikeModel(layers, 'conv_out', {}, 'linear'))).toThrow('gap (GlobalAveragePool) does not average over height and width');
  });
});
