// @visor/core/testing: the conformance suites plugin authors run against their explainers and renderers.
export { explainerConformance } from './explainerConformance.js';
export type { ExplainerConformanceSetup } from './explainerConformance.js';
export { rendererConformance } from './rendererConformance.js';
export type { RendererConformanceSetup } from './rendererConformance.js';
export { sampleReport } from './sampleReport.js';
