// The conformance suites run against toy contributions, so the suites themselves are exercised.
import type { Explainer, Renderer, VisorModel } from '../index.js';
import { makeMap, tf } from '../index.js';
import { explainerConformance } from './explainerConformance.js';
import { rendererConformance } from './rendererConformance.js';

/** A model computing class k's logit as (k+1) × the mean of the input, for a 4×5×2 input and 3 classes. */
function toyModel(): VisorModel {
  const scores = (x: tf.Tensor4D) => tf.tidy(() => tf.mul(tf.mean(x, [1, 2, 3]).expandDims(1), tf.tensor2d([[1, 2, 3]])) as tf.Tensor2D);
  return {
    source: 'toy',
    kind: 'layers',
    inputShape: [4, 5, 2],
    numClasses: 3,
    finalActivation: 'linear',
    outputLayer: 'out',
    layers: () => [],
    layer: () => {
      throw new Error('no layers');
    },
    weights: () => [],
    classScores: (x, kind) => (kind === 'logit' ? scores(x) : tf.tidy(() => tf.softmax(scores(x)))),
    run: () => {
      throw new Error('not needed');
    },
    tfModel: undefined as never,
    dispose: () => {},
  };
}

/** Heatmap = the input's channel mean, scaled by `gain`. */
const toyExplainer: Explainer<{ gain: number }> = {
  id: 'toy-mean',
  description: 'channel mean of the input',
  optionsSchema: { type: 'object', additionalProperties: false, properties: { gain: { type: 'number', exclusiveMinimum: 0 } } },
  defaults: { gain: 1 },
  async explain(ctx) {
    ctx.signal.throwIfAborted();
    const [n, h, w] = ctx.input.shape;
    const means = tf.tidy(() => tf.mul(tf.mean(ctx.input, 3), ctx.options.gain));
    const data = (await means.data()) as Float32Array;
    means.dispose();
    const out = [];
    for (let i = 0; i < n; i++) {
      const map = makeMap(data.slice(i * h * w, (i + 1) * h * w), [h, w], 'mean of the channels', true);
      for (const c of ctx.targets[i]) {
        out.push({ method: 'toy-mean', inputIndex: i, target: { classIndex: c, score: ctx.predictions.logits[i][c], scoreKind: 'logit' as const }, options: ctx.options, raw: map, heatmap: map });
      }
    }
    return out;
  },
};

const toyRenderer: Renderer<{ indent: number }> = {
  id: 'toy-json',
  description: 'writes the predictions',
  optionsSchema: { type: 'object', additionalProperties: false, properties: { indent: { type: 'integer', minimum: 0, maximum: 8 } } },
  defaults: { indent: 2 },
  async render(report, ctx) {
    for (const input of report.inputs) await ctx.write(`${input.stem}/predictions.json`, JSON.stringify(input.predictions, null, ctx.options.indent));
  },
};

explainerConformance(toyExplainer, { model: toyModel, backend: 'cpu', invalidOptions: [{ gain: 0 }, { gain: 'high' }] });
rendererConformance(toyRenderer, { invalidOptions: [{ indent: -1 }, { indent: 'tab' }] });
