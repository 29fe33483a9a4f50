// @visor/core/testing: the conformance suites plugin authors run against their explainers and renderers, and test fixtures.
export { explainerConformance } from './explainerConformance.js';
export type { ExplainerConformanceSetup } from './explainerConformance.js';
export { rendererConformance } from './rendererConformance.js';
export type { RendererConformanceSetup } from './rendererConformance.js';
export { sampleReport } from './sampleReport.js';
export { CONV2D_ATTRS, FLOAT_T, graphModelJson, graphOps, graphString } from './graphModelJson.js';
export type { GraphModelJson, GraphNode, GraphWeight, GraphWeightSpec } from './graphModelJson.js';
export { explainContext } from './explainContext.js';
export type { ExplainContextSetup } from './explainContext.js';
export { convGapGraphModelJson } from './convGapGraphModelJson.js';
export type { ConvGapGraphSpec } from './convGapGraphModelJson.js';
