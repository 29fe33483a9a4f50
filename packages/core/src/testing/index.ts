// @visor/core/testing: the conformance suites plugin authors run against their explainers and renderers, and test fixtures.
export { explainerChecks, explainerConformance, randomBatch } from './explainerConformance.js';
export type { ConformanceCheck, ExplainerConformanceSetup } from './explainerConformance.js';
export { rendererConformance } from './rendererConformance.js';
export type { RendererConformanceSetup } from './rendererConformance.js';
export { sampleReport } from './sampleReport.js';
export { explainContext } from './explainContext.js';
export type { ExplainContextSetup } from './explainContext.js';
export { functionModel } from './functionModel.js';
export type { FunctionModelSpec } from './functionModel.js';
export { CHROMIUM, CHROMIUM_LAUNCH } from './chromium.js';
