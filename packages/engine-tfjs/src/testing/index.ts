// @visor/engine-tfjs/testing: tfjs test fixtures for engine and plugin tests (tiny models, graph-model JSON builders).
export { CONV2D_ATTRS, FLOAT_T, graphModelJson, graphOps, graphString } from './graphModelJson.js';
export type { GraphModelJson, GraphNode, GraphWeight, GraphWeightSpec } from './graphModelJson.js';
export { convGapGraphModelJson } from './convGapGraphModelJson.js';
export type { ConvGapGraphSpec } from './convGapGraphModelJson.js';
export { CONV_BIAS, CONV_KERNEL, HAND_WORKED_X, batch4x4, image4x4, logitsOf, tinyCnn } from './tinyCnn.js';
export type { ReluPlacement } from './tinyCnn.js';
export { residualNet } from './residualNet.js';
