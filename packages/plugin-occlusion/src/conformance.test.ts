import { afterAll, beforeAll } from 'vitest';
import { explainerConformance } from '@visor/core/testing';
import { tf, wrapLayersModel, type TfjsModel } from '@visor/engine-tfjs';
import { occlusionExplainer } from './occlusionExplainer.js';

let model: TfjsModel | undefined;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await model?.dispose();
});

// A tiny non-square CNN with a softmax head: conv → global average pool → dense(softmax), built once.
const tinyCnn = () => {
  const m = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 6, 3], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 5, activation: 'softmax' }),
    ],
  });
  return wrapLayersModel(m, 'tiny cnn', { owned: true });
};

explainerConformance(occlusionExplainer, {
  model: () => (model ??= tinyCnn()),
  options: { patch: [3, 2], stride: [2, 1], batchSize: 5 },
  invalidOptions: [
    { patch: 0 },
    { patch: 1.5 },
    { patch: [2, 2, 2] },
    { stride: -1 },
    { fill: 'grey' },
    { output: 'heat' },
    { score: 'softmax' },
    { batchSize: 0 },
    { memoryBudgetMB: 0 },
    { preview: 'yes' },
  ],
});

explainerConformance(occlusionExplainer, {
  model: () => (model ??= tinyCnn()),
  options: { patch: 4, fill: 'blur', blurRadius: 2, output: 'probability', score: 'logit' },
  invalidOptions: [{ blurRadius: -1 }],
  batch: 1,
  targetsPerInput: 3,
});
