// Test fixture (excluded from the build): the gapModel of tinyModels.ts written as a TF.js graph model.
import { tf, wrapGraphModel } from '@visor/core';
import type { VisorModel } from '@visor/core';
import { convGapGraphModelJson } from '@visor/core/testing';

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
  return convGapGraphModelJson({
    input: { name: 'image', shape: [-1, 4, 4, 1] },
    convKernel: { shape: [3, 3, 1, 2], values: kernel },
    convBias: [-50, 8],
    fcKernel: { shape: [2, 3], values: [1, 0, 0.5, 0, 1, -2] },
    fcBias: [0.1, 0.2, 0.3],
  });
}

export async function gapGraphModel(): Promise<VisorModel> {
  const gm = await tf.loadGraphModel(tf.io.fromMemory(gapGraphJson()));
  return wrapGraphModel(gm, 'gap-graph-model');
}
