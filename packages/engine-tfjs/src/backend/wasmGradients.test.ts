import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { selectBackend } from './selectBackend.js';
import { randomTensor } from './kernelParity.testkit.js';
import { maxPoolGradConfig } from './kernels/MaxPoolGrad.js';

const tl = tf.layers;

/**
 * One small functional model with every layer kind the brief's architectures use: Conv2D relu and
 * linear (+BatchNorm+ReLU, ResNet), DepthwiseConv2D with multiplier 2 and stride 2 after
 * ZeroPadding2D, ReLU(maxValue 6) (MobileNetV2), Add, MaxPooling2D, AveragePooling2D, Concatenate,
 * GlobalAveragePooling2D, Flatten, Dense (VGG head). Weights are seeded, BatchNorm statistics non-trivial.
 */
function buildModel(): tf.LayersModel {
  const input = tf.input({ shape: [12, 10, 3] });
  const a = tl.conv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  let b = tl.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', useBias: false }).apply(a) as tf.SymbolicTensor;
  b = tl.batchNormalization().apply(b) as tf.SymbolicTensor;
  b = tl.reLU().apply(b) as tf.SymbolicTensor; // [6, 5, 8]
  let branch = tl.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', useBias: false }).apply(b) as tf.SymbolicTensor;
  branch = tl.batchNormalization().apply(branch) as tf.SymbolicTensor;
  branch = tl.reLU({ maxValue: 6 }).apply(branch) as tf.SymbolicTensor;
  branch = tl.conv2d({ filters: 8, kernelSize: 1 }).apply(branch) as tf.SymbolicTensor;
  const sum = tl.add().apply([b, branch]) as tf.SymbolicTensor; // [6, 5, 8]
  const padded = tl
    .zeroPadding2d({
      padding: [
        [1, 0],
        [1, 0],
      ],
    })
    .apply(sum) as tf.SymbolicTensor; // [7, 6, 8]
  let down = tl.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'valid' }).apply(padded) as tf.SymbolicTensor; // [3, 2, 8]
  down = tl.reLU({ maxValue: 6 }).apply(down) as tf.SymbolicTensor;
  const maxPool = tl.maxPooling2d({ poolSize: 2, strides: 2 }).apply(sum) as tf.SymbolicTensor; // [3, 2, 8]
  const avgPool = tl.averagePooling2d({ poolSize: 2, strides: 2 }).apply(sum) as tf.SymbolicTensor; // [3, 2, 8]
  const joined = tl.concatenate().apply([down, maxPool, avgPool]) as tf.SymbolicTensor; // [3, 2, 24]
  const gap = tl.globalAveragePooling2d({}).apply(joined) as tf.SymbolicTensor;
  const flat = tl.flatten().apply(joined) as tf.SymbolicTensor;
  const hidden = tl.dense({ units: 7, activation: 'relu' }).apply(flat) as tf.SymbolicTensor;
  const scores = tl.add().apply([tl.dense({ units: 4 }).apply(gap), tl.dense({ units: 4 }).apply(hidden)] as tf.SymbolicTensor[]);
  const model = tf.model({ inputs: input, outputs: scores as tf.SymbolicTensor });
  model.setWeights(
    model.weights.map((w, i) => {
      const r = randomTensor(w.shape as number[], 100 + i);
      const values = w.name.includes('moving_variance') ? r.values.map((v) => 0.5 + Math.abs(v)) : r.values.map((v) => 0.5 * v);
      return tf.tensor(values, w.shape as number[]);
    }),
  );
  return model;
}

function relDiff(a: Float32Array, b: Float32Array): { diff: number; scale: number } {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return { diff: diff / scale, scale };
}

describe('gradients through a CNN on wasm equal cpu', () => {
  let model: tf.LayersModel;
  const x = randomTensor([2, 12, 10, 3], 7);
  const target = 2;

  beforeAll(async () => {
    await selectBackend('wasm');
    model = buildModel();
  });

  async function inputGradient(backend: 'wasm' | 'cpu') {
    await tf.setBackend(backend);
    const input = tf.tensor(x.values, x.shape);
    const profile = await tf.profile(() => tf.grad((t: tf.Tensor) => (model.apply(t) as tf.Tensor).slice([0, target], [-1, 1]).sum())(input));
    const g = profile.result as tf.Tensor;
    const values = (await g.data()) as Float32Array;
    tf.dispose([input, g]);
    return { values, kernels: profile.kernelNames };
  }

  it('d(class score)/d(input)', async () => {
    const before = tf.memory().numTensors;
    const wasm = await inputGradient('wasm');
    const cpu = await inputGradient('cpu');
    await tf.setBackend('wasm');
    expect(tf.memory().numTensors).toBe(before);
    // The wasm run went through the kernels we added (a linear conv's fused gradient always asks for the filter gradient).
    expect(wasm.kernels).toContain(tf.Conv2DBackpropFilter);
    expect(wasm.kernels).toContain(tf.DepthwiseConv2dNativeBackpropInput);
    expect(wasm.kernels).toContain(tf.MaxPoolGrad); // ours: here the pool follows an Add, so windows can be all negative
    expect(tf.getKernel(tf.MaxPoolGrad, 'wasm')).toBe(maxPoolGradConfig);
    const { diff, scale } = relDiff(wasm.values, cpu.values);
    console.log(`tf.grad(score ${target}) w.r.t. input: max |wasm - cpu| / max |cpu| = ${diff.toExponential(2)} (max |grad| = ${scale.toFixed(3)})`);
    expect(scale).toBeGreaterThan(1e-3);
    expect(diff).toBeLessThan(1e-4);
  });

  it('d(class score)/d(weights), which needs both filter-gradient kernels', async () => {
    const weightGradients = async (backend: 'wasm' | 'cpu') => {
      await tf.setBackend(backend);
      const input = tf.tensor(x.values, x.shape);
      const profile = await tf.profile(() => tf.variableGrads(() => (model.apply(input) as tf.Tensor).slice([0, target], [-1, 1]).sum()).grads);
      const grads = profile.result as tf.NamedTensorMap;
      const names = Object.keys(grads).sort();
      const values = Float32Array.from(names.flatMap((n) => Array.from(grads[n]!.dataSync())));
      tf.dispose([input, ...Object.values(grads)]);
      return { values, names, kernels: profile.kernelNames };
    };
    const wasm = await weightGradients('wasm');
    const cpu = await weightGradients('cpu');
    await tf.setBackend('wasm');
    expect(wasm.names).toEqual(cpu.names);
    expect(wasm.names.length).toBeGreaterThan(10);
    expect(wasm.kernels).toContain(tf.Conv2DBackpropFilter);
    expect(wasm.kernels).toContain(tf.DepthwiseConv2dNativeBackpropFilter);
    const { diff } = relDiff(wasm.values, cpu.values);
    console.log(`tf.variableGrads(score ${target}): max |wasm - cpu| / max |cpu| = ${diff.toExponential(2)} over ${wasm.values.length} weights`);
    expect(diff).toBeLessThan(1e-4);
  });
});
