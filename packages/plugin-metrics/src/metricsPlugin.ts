import { TYPES, type VisorPlugin } from '@visor/core';
import { deletionMetric } from './deletionMetric.js';
import { energyPointingGameMetric } from './energyPointingGameMetric.js';
import { insertionMetric } from './insertionMetric.js';
import { pointingGameMetric } from './pointingGameMetric.js';
import { roadMetric } from './roadMetric.js';
import { sanityLogitMetric } from './sanityLogitMetric.js';
import { sanityModelMetric } from './sanityModelMetric.js';

/** Every metric of the plugin, in the order `visor plugins` lists them. */
export const metrics = [deletionMetric, insertionMetric, roadMetric, pointingGameMetric, energyPointingGameMetric, sanityModelMetric, sanityLogitMetric];

/** The metrics plugin: binds each metric to the Metric token. */
export const metricsPlugin: VisorPlugin = {
  name: '@visor/plugin-metrics',
  version: '0.1.0',
  visorApi: '^2',
  register(bind) {
    for (const metric of metrics) bind(TYPES.Metric).toConstantValue(metric);
  },
};
