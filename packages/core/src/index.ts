import 'reflect-metadata';

// Public API of @visor/core. Only re-exports: one export per file, named after it.
export { tf } from './tf.js';
export { TYPES } from './tokens.js';
export { VISOR_API_VERSION } from './apiVersion.js';
export type { JsonSchema } from './contracts/JsonSchema.js';
export type { ScoreKind } from './contracts/ScoreKind.js';
export type { LayerInfo } from './contracts/LayerInfo.js';
export type { VisorModel } from './contracts/VisorModel.js';
export type { ExplanationMap } from './contracts/ExplanationMap.js';
export type { Explanation, ExplanationTarget } from './contracts/Explanation.js';
export type { ProgressEvent, ProgressReporter } from './contracts/ProgressEvent.js';
export type { Predictions } from './contracts/Predictions.js';
export type { Explainer, ExplainContext } from './contracts/Explainer.js';
export type { RgbaImage } from './contracts/RgbaImage.js';
export type { RankedClass, InputReport, InputFailure, RunReport } from './contracts/RunReport.js';
export type { Renderer, RenderContext, Artifact } from './contracts/Renderer.js';
export type { VisorPlugin, PluginBind } from './contracts/VisorPlugin.js';
export { VisorError, isVisorError } from './errors/VisorError.js';
export type { VisorErrorCode, VisorErrorDetails } from './errors/VisorError.js';
export { makeMap } from './maps/makeMap.js';
