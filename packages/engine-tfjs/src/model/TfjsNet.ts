import type { ScoreKind, VisorModel } from '@visor/core';
import type { tf } from '../tf.js';

/**
 * A tfjs LayersModel or GraphModel seen layer by layer, in tfjs tensors: what TfjsModel (the engine's
 * VisorModel) is built on. Internal to the engine.
 * Tensors it returns are owned by the caller; tensors it is given are never disposed by it.
 * Method-specific logic (CAM heads, ReLU rewrites) stays in the plugins. The description of the model (source,
 * input shape, classes, output activation and layer, layers) is VisorModel's.
 */
export interface TfjsNet extends Pick<VisorModel, 'source' | 'inputShape' | 'numClasses' | 'finalActivation' | 'outputLayer' | 'layers' | 'layer'> {
  readonly kind: 'layers' | 'graph';

  /** The layer's weights in tfjs-layers order (Dense: [kernel [C, K], bias [K]]). Owned by the model: do not dispose. */
  weights(layerName: string): tf.Tensor[];
  /** The names of the layer's weights in the model's weight manifest (what a save writes). */
  weightNames(layerName: string): string[];

  /** Class scores for a batch [N, H, W, C] → [N, K]. Differentiable (usable inside tf.grad). */
  classScores(x: tf.Tensor4D, kind: ScoreKind): tf.Tensor2D;
  /**
   * One forward pass that returns several named outputs: layer names, or the special names
   * `logits` and `probabilities`. `overrides` replaces the output of the named layers by the given
   * tensors (the rest of the graph is computed from `x`), which is how a method differentiates the
   * class score with respect to an intermediate activation. Differentiable.
   */
  run(x: tf.Tensor4D, outputs: string[], overrides?: Record<string, tf.Tensor>): tf.Tensor[];

  /** The wrapped tfjs model, for code that needs it (graph rewrites). */
  readonly tfModel: tf.LayersModel | tf.GraphModel;
  /** Frees the model's weights (only when the model was loaded by Visor). */
  dispose(): void;
}
