// Test fixtures (excluded from the build): tiny tfjs models with hand-picked weights, wrapped as VisorModels.
import type { ExplainContext, NdArray, VisorModel } from '@visor/core';
import { explainContext as coreExplainContext } from '@visor/core/testing';
import { tf, wrapGraphModel, wrapLayersModel, type TfjsModel } from '@visor/engine-tfjs';
import { convGapGraphModelJson, residualNet } from '@visor/engine-tfjs/testing';

/**
 * The 4×4 input 0…15 (row-major, one channel), input n of the batch shifted by +n:
 *    0  1  2  3
 *    4  5  6  7
 *    8  9 10 11
 *   12 13 14 15
 */
export function rampInput(batch = 1): NdArray {
  const data = new Float32Array(batch * 16);
  for (let n = 0; n < batch; n++) for (let i = 0; i < 16; i++) data[n * 16 + i] = i + n;
  return { data, shape: [batch, 4, 4, 1] };
}

/** Conv "conv" kernel [3, 3, 1, 2]: filter 0 all ones, filter 1 −1 at the centre tap only. */
function convKernel(): Float32Array {
  const kernel = new Float32Array(3 * 3 * 1 * 2); // [kh, kw, cin, cout]
  for (let t = 0; t < 9; t++) kernel[t * 2] = 1;
  kernel[4 * 2 + 1] = -1; // centre tap (1, 1) of filter 1
  return kernel;
}

/**
 * conv "conv": 3×3, valid padding (4×4 → 2×2), 2 filters, ReLU.
 *   filter 0: all ones, bias −50  → window sum − 50. A 3×3 window sum of the ramp is 9 × its centre:
 *             centres 5, 6, 9, 10 → 45, 54, 81, 90 → −5, 4, 31, 40 → ReLU → f0 = [[0, 4], [31, 40]]
 *   filter 1: −1 at the centre tap only, bias 8 → 8 − centre: 3, 2, −1, −2 → ReLU → f1 = [[3, 2], [0, 0]]
 */
function conv(x: tf.SymbolicTensor): tf.SymbolicTensor {
  const layer = tf.layers.conv2d({ name: 'conv', filters: 2, kernelSize: 3, padding: 'valid', activation: 'relu' });
  const out = layer.apply(x) as tf.SymbolicTensor;
  const w = [tf.tensor4d(convKernel(), [3, 3, 1, 2]), tf.tensor1d([-50, 8])];
  layer.setWeights(w);
  tf.dispose(w);
  return out;
}

function denseWith(dense: tf.layers.Layer, kernel: number[][], bias: number[]): void {
  const w = [tf.tensor2d(kernel), tf.tensor1d(bias)];
  dense.setWeights(w);
  tf.dispose(w);
}

/**
 * conv → GlobalAveragePooling2D "gap" → Dropout → Dense "predictions" (3 classes, softmax).
 * Default kernel [2, 3]: class 0 = [1, 0], class 1 = [0, 1], class 2 = [0.5, −2]; bias [0.1, 0.2, 0.3].
 */
export function gapModel(
  kernel: number[][] = [
    [1, 0, 0.5],
    [0, 1, -2],
  ],
  bias: number[] = [0.1, 0.2, 0.3],
): TfjsModel {
  const input = tf.input({ shape: [4, 4, 1], name: 'image' });
  const pooled = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(conv(input)) as tf.SymbolicTensor;
  const dropped = tf.layers.dropout({ rate: 0.5, name: 'drop' }).apply(pooled) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: 3, activation: 'softmax', name: 'predictions' });
  const out = dense.apply(dropped) as tf.SymbolicTensor;
  denseWith(dense, kernel, bias);
  return wrapLayersModel(tf.model({ inputs: input, outputs: out }), 'gap-model', { owned: true });
}

/**
 * conv → AveragePooling2D(2) "avg_pool" (the whole 2×2 map → [N, 1, 1, 2]) → Flatten → Dense "predictions"
 * (3 classes, softmax), the gapModel kernel and bias: the same logits as gapModel, through a pooled 1×1 map.
 */
export function avgPoolFlattenModel(): TfjsModel {
  const input = tf.input({ shape: [4, 4, 1], name: 'image' });
  const pooled = tf.layers.averagePooling2d({ poolSize: 2, name: 'avg_pool' }).apply(conv(input)) as tf.SymbolicTensor;
  const flat = tf.layers.flatten({ name: 'flatten' }).apply(pooled) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: 3, activation: 'softmax', name: 'predictions' });
  const out = dense.apply(flat) as tf.SymbolicTensor;
  denseWith(
    dense,
    [
      [1, 0, 0.5],
      [0, 1, -2],
    ],
    [0.1, 0.2, 0.3],
  );
  return wrapLayersModel(tf.model({ inputs: input, outputs: out }), 'avgpool-flatten-model', { owned: true });
}

/**
 * conv → Flatten "flatten" (order (i, j, k) → index (2i + j)·2 + k) → Dense "predictions" (2 classes, linear).
 * Kernel column 0: [1, 4, 2, 0, 3, 0, 2, 0]   (channel 0 at the 4 cells: 1, 2, 3, 2; channel 1: 4, 0, 0, 0)
 * Kernel column 1: [−1, 2, −1, 2, −1, 2, −1, 2] (channel 0: all −1; channel 1: all 2). Bias 0.
 */
export function flattenModel(): TfjsModel {
  const input = tf.input({ shape: [4, 4, 1], name: 'image' });
  const flat = tf.layers.flatten({ name: 'flatten' }).apply(conv(input)) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: 2, name: 'predictions' });
  const out = dense.apply(flat) as tf.SymbolicTensor;
  const col0 = [1, 4, 2, 0, 3, 0, 2, 0];
  const col1 = [-1, 2, -1, 2, -1, 2, -1, 2];
  denseWith(
    dense,
    col0.map((v, i) => [v, col1[i]!]),
    [0, 0],
  );
  return wrapLayersModel(tf.model({ inputs: input, outputs: out }), 'flatten-model', { owned: true });
}

/** conv → flatten_1 (Flatten) → fc1 (Dense, 4) → predictions (Dense, 3, softmax): a VGG-style head. */
export function vggHeadModel(): TfjsModel {
  const input = tf.input({ shape: [4, 4, 1], name: 'image' });
  const flat = tf.layers.flatten({ name: 'flatten_1' }).apply(conv(input)) as tf.SymbolicTensor;
  const fc1 = tf.layers.dense({ units: 4, activation: 'relu', name: 'fc1' }).apply(flat) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 3, activation: 'softmax', name: 'predictions' }).apply(fc1) as tf.SymbolicTensor;
  return wrapLayersModel(tf.model({ inputs: input, outputs: out }), 'vgg-head-model', { owned: true });
}

/**
 * engine-tfjs's residual test net, 8×8×3 → 5 classes, seeded random weights:
 * stem conv (relu) → [block_a conv relu → block_b conv linear, stride 2] + shortcut(stem) → Activation relu
 * "block_out" (4×4×4) → GlobalAveragePooling2D "avg_pool" → Dense "predictions" (softmax).
 */
export function residualModel(): TfjsModel {
  return wrapLayersModel(residualNet(), 'residual-model', { owned: true });
}

/**
 * The gapModel written as a TF.js graph model:
 * image [-1, 4, 4, 1] → Conv2D 3×3 VALID (conv/kernel) → BiasAdd → Relu "conv/Relu" → Mean over [1, 2] "gap"
 * → MatMul "fc/MatMul" (fc/kernel [2, 3]) → BiasAdd "fc/BiasAdd" → Softmax → Identity.
 * Same numbers as gapModel(): filter 0 all ones (bias −50), filter 1 −1 at the centre (bias 8);
 * kernel columns [1, 0], [0, 1], [0.5, −2]; bias [0.1, 0.2, 0.3].
 */
export async function gapGraphModel(): Promise<TfjsModel> {
  return graphModel('gap-graph-model', [1, 2]);
}

/**
 * The same graph with the "gap" Mean over axes [1, 3] (height and channels) instead of [1, 2]: on the 2×2×2
 * map it still gives 2 values per input, so only its axes tell that it is not a global average pooling.
 */
export async function meanOverHeightAndChannelsGraphModel(): Promise<TfjsModel> {
  return graphModel('mean-1-3-graph-model', [1, 3]);
}

/** The conv → Mean → dense graph of gapGraphModel, its Mean over `gapAxes`. */
async function graphModel(name: string, gapAxes: [number, number]): Promise<TfjsModel> {
  const json = convGapGraphModelJson({
    input: { name: 'image', shape: [-1, 4, 4, 1] },
    convKernel: { shape: [3, 3, 1, 2], values: convKernel() },
    convBias: [-50, 8],
    fcKernel: { shape: [2, 3], values: [1, 0, 0.5, 0, 1, -2] },
    fcBias: [0.1, 0.2, 0.3],
    gapAxes,
  });
  return wrapGraphModel(await tf.loadGraphModel(tf.io.fromMemory(json)), name, { owned: true });
}

/** An ExplainContext as the pipeline builds it: predictions from one forward pass, labels the index as text. */
export function explainContext<O>(
  model: VisorModel,
  input: NdArray,
  targets: number[][],
  options: O,
  signal: AbortSignal = new AbortController().signal,
): Promise<ExplainContext<O>> {
  return coreExplainContext(model, input, { targets, options, signal });
}

/** The model with some of its members replaced (the rest, prototype methods included, still the model's). */
export function withOverrides<M extends VisorModel>(model: M, overrides: Partial<VisorModel>): M {
  return Object.create(model, Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, { value: v }])));
}
