import { tf } from '@visor/core';
import type { VisorModel } from '@visor/core';
import type { CamHead } from './findCamLayer.js';
import type { TargetPair } from './targetPairs.js';

/** CAM maps of a batch, and what is needed to check them against the model's scores. */
export interface CamMapsResult {
  /** [P, h, w]: M_c(x, y) = Σ_k w_c^k f_k(x, y) for each pair, in pair order. Caller disposes. */
  maps: tf.Tensor3D;
  /** [N, classes]: the pre-softmax scores from the same forward pass. Caller disposes. */
  logits: tf.Tensor2D;
  /** Per pair, the Dense bias b_c of its class (0 for a Dense layer without bias). */
  bias: number[];
}

/**
 * CAM (Zhou et al. 2016) for every (input, class) pair at once: one forward pass to the feature
 * map f [N, h, w, K] and the logits, then one matrix product f [N·h·w, K] × W[:, classes] with
 * the Dense kernel columns of the requested classes (no bias). Since the head is
 * GAP → Dense, the logit of class c is mean_xy M_c(x, y) + b_c.
 */
export function camMaps(model: VisorModel, input: tf.Tensor4D, pairs: TargetPair[], head: CamHead): CamMapsResult {
  const kernel = model.weights(head.denseLayer).find((t) => t.rank === 2);
  if (!kernel) throw new Error(`cam: the layer ${head.denseLayer} of ${model.source} has no 2-D kernel`);
  const biasTensor = head.biasLayer
    ? model.weights(head.biasLayer).find((t) => t.rank === 1 && t.size === model.numClasses)
    : undefined;
  const classes = [...new Set(pairs.map((p) => p.classIndex))];
  const column = new Map(classes.map((c, j) => [c, j]));
  const biasAll = biasTensor ? (biasTensor.dataSync() as Float32Array) : null;
  const bias = pairs.map((p) => (biasAll ? biasAll[p.classIndex] : 0));
  const [maps, logits] = tf.tidy(() => {
    const [features, logits] = model.run(input, [head.featureLayer, 'logits']);
    const [n, h, w, k] = features.shape;
    if (kernel.shape[0] !== k) {
      throw new Error(
        `cam: the Dense layer ${head.denseLayer} has a kernel of shape [${kernel.shape.join(', ')}] but the ` +
          `feature map ${head.featureLayer} has ${k} channels`,
      );
    }
    const columns = tf.gather(kernel as tf.Tensor2D, tf.tensor1d(classes, 'int32'), 1);
    const product = tf.matMul(tf.reshape(features, [n * h * w, k]) as tf.Tensor2D, columns);
    // [N, h, w, C'] → [N, C', h, w] → [N·C', h, w]; pair (i, c) is row i·C' + column(c).
    const byPair = tf.reshape(tf.transpose(tf.reshape(product, [n, h, w, classes.length]), [0, 3, 1, 2]), [
      n * classes.length,
      h,
      w,
    ]);
    const rows = pairs.map((p) => p.inputIndex * classes.length + column.get(p.classIndex)!);
    return [tf.gather(byPair, tf.tensor1d(rows, 'int32')) as tf.Tensor3D, logits as tf.Tensor2D];
  });
  return { maps, logits, bias };
}
