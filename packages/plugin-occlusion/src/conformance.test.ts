import { beforeAll } from 'vitest';
import { tf, wrapLayersModel } from '@visor/core';
import { explainerConformance } from '@visor/core/testing';
import { occlusionExplainer } from './occlusionExplainer.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// A tiny non-square CNN with a softmax head: conv → global average pool → dense(softmax).
const tinyCnn = () => {
  const m = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 6, 3], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 5, activation: 'softmax' }),
    ],
  });
  return wrapLayersModel(m, 'tiny cnn');
};

explainerConformance(occlusionExplainer, {
  model: tinyCnn,
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
  model: tinyCnn,
  options: { patch: 4, fill: 'blur', blurRadius: 2, output: 'probability', score: 'logit' },
  invalidOptions: [{ blurRadius: -1 }],
  batch: 1,
  targetsPerInput: 3,
});
