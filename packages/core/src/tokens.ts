/**
 * Container tokens, one per contract, named like the interface they bind.
 * `Symbol.for` makes them identical across copies of @visor/core (a plugin that bundles its
 * own copy still binds to the same token).
 */
export const TYPES = {
  Explainer: Symbol.for('visor/Explainer'),
  Renderer: Symbol.for('visor/Renderer'),
  Metric: Symbol.for('visor/Metric'),
  Engine: Symbol.for('visor/Engine'),
  ModelFormat: Symbol.for('visor/ModelFormat'),
  Plugin: Symbol.for('visor/Plugin'),
  VisorModel: Symbol.for('visor/VisorModel'),
  Logger: Symbol.for('visor/Logger'),
} as const;
