// The conformance suites run against toy contributions, so the suites themselves are exercised.
import { nhwc } from '../methods/nhwc.js';
import type { Explainer, Renderer } from '../index.js';
import { makeMap } from '../index.js';
import { explainerConformance } from './explainerConformance.js';
import { functionModel } from './functionModel.js';
import { rendererConformance } from './rendererConformance.js';

/** A model computing class k's logit as (k+1) × the mean of the input, for a 4×5×2 input and 3 classes. */
const toyModel = () =>
  functionModel({
    inputShape: [4, 5, 2],
    numClasses: 3,
    finalActivation: 'linear',
    logits: (x) => {
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      return [mean, 2 * mean, 3 * mean];
    },
  });

/** Heatmap = the input's channel mean, scaled by `gain`. */
const toyExplainer: Explainer<{ gain: number }> = {
  id: 'toy-mean',
  description: 'channel mean of the input',
  optionsSchema: { type: 'object', additionalProperties: false, properties: { gain: { type: 'number', exclusiveMinimum: 0 } } },
  defaults: { gain: 1 },
  async explain(ctx) {
    ctx.signal.throwIfAborted();
    const [n, h, w, c] = nhwc(ctx.input);
    const out = [];
    for (let i = 0; i < n; i++) {
      const data = new Float32Array(h * w);
      for (let p = 0; p < h * w; p++) {
        let s = 0;
        for (let k = 0; k < c; k++) s += ctx.input.data[(i * h * w + p) * c + k]!;
        data[p] = (s / c) * ctx.options.gain;
      }
      const map = makeMap(data, [h, w], 'mean of the channels', true);
      for (const cls of ctx.targets[i]!) {
        out.push({
          method: 'toy-mean',
          inputIndex: i,
          target: { classIndex: cls, score: ctx.predictions.logits[i]![cls]!, scoreKind: 'logit' as const },
          options: ctx.options,
          raw: map,
          heatmap: map,
        });
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

explainerConformance(toyExplainer, { model: toyModel, invalidOptions: [{ gain: 0 }, { gain: 'high' }] });
rendererConformance(toyRenderer, { invalidOptions: [{ indent: -1 }, { indent: 'tab' }] });
