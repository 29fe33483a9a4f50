// Test fixture (excluded from the build): the gapModel of tinyModels.ts written as a TF.js graph model.
import { tf, wrapGraphModel } from '@visor/core';
import type { VisorModel } from '@visor/core';
import { graphModelJson, graphOps as op } from '@visor/core/testing';

/**
 * image [-1, 4, 4, 1] → Conv2D 3×3 VALID (conv/kernel) → BiasAdd → Relu "conv/Relu" → Mean over [1, 2] "gap"
 * → MatMul "fc/MatMul" (fc/kernel [2, 3]) → BiasAdd "fc/BiasAdd" → Softmax → Identity.
 * Same numbers as gapModel(): filter 0 all ones (bias −50), filter 1 −1 at the centre (bias 8);
 * kernel columns [1, 0], [0, 1], [0.5, −2]; bias [0.1, 0.2, 0.3].
 */
function gapGraphJson() {
  const kernel = new Float32Array(18);
  for (let t = 0; t < 9; t++) kernel[t * 2] = 1;
  kernel[4 * 2 + 1] = -1;
  return graphModelJson(
    [op.placeholder('image', [-1, 4, 4, 1])],
    [
      { name: 'conv/kernel', shape: [3, 3, 1, 2], values: kernel },
      { name: 'conv/bias', shape: [2], values: [-50, 8] },
      { name: 'gap/axes', shape: [2], dtype: 'int32', values: [1, 2] },
      { name: 'fc/kernel', shape: [2, 3], values: [1, 0, 0.5, 0, 1, -2] },
      { name: 'fc/bias', shape: [3], values: [0.1, 0.2, 0.3] },
    ],
    [
      op.conv2d('conv/Conv2D', 'image', 'conv/kernel'),
      op.biasAdd('conv/BiasAdd', 'conv/Conv2D', 'conv/bias'),
      op.relu('conv/Relu', 'conv/BiasAdd'),
      op.mean('gap', 'conv/Relu', 'gap/axes'),
      op.matMul('fc/MatMul', 'gap', 'fc/kernel'),
      op.biasAdd('fc/BiasAdd', 'fc/MatMul', 'fc/bias'),
      op.softmax('fc/Softmax', 'fc/BiasAdd'),
      op.identity('Identity', 'fc/Softmax'),
    ],
  );
}

export async function gapGraphModel(): Promise<VisorModel> {
  const gm = await tf.loadGraphModel(tf.io.fromMemory(gapGraphJson()));
  return wrapGraphModel(gm, 'gap-graph-model');
}
