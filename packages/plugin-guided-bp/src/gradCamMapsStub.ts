// STUB until plugin-cam's engine-neutral port lands: the signature of its public `gradCamMaps`, so
// guided-grad-cam and its tests run meanwhile. guidedGradCam.ts is the only importer; when
// plugin-cam is ported, that import becomes `from '@visor/plugin-cam'` and this file goes.
import { pairGradients, VisorError, type NdArray, type ScoreKind, type TargetPair, type VisorModel } from '@visor/core';

/**
 * Grad-CAM maps (α_k = mean_xy ∂y_c/∂A_k, map = Σ_k α_k A_k, ReLU'd when `relu`) of every (input,
 * class) pair at `layer` (default: the last layer with a 4-D output), per pair h·w row-major, from one
 * `model.gradients` call w.r.t. the layer. The stub has only the `grad-cam` variant guided-grad-cam uses.
 */
export async function gradCamMaps(
  model: VisorModel,
  input: NdArray,
  pairs: TargetPair[],
  options: { variant: 'grad-cam' | 'grad-cam++'; layer?: string; score: ScoreKind; relu: boolean; signal?: AbortSignal },
): Promise<{ layer: string; size: [number, number]; maps: Float32Array[] }> {
  if (options.variant !== 'grad-cam') throw new Error(`gradCamMaps stub: variant ${options.variant} is plugin-cam's`);
  const maps4d = model.layers().filter((l) => l.outputShape.length === 4 && l.kind !== 'input');
  const layer = options.layer ?? maps4d[maps4d.length - 1]?.name;
  if (layer === undefined || model.layer(layer).outputShape.length !== 4) {
    const what = layer === undefined ? 'the model has no layer' : `layer '${layer}' is not a layer`;
    throw new VisorError(`${options.variant}: ${what} with a 4-D output [N, h, w, C]`, { code: 'config', file: model.source });
  }
  const { value, shape, gradients } = await pairGradients(model, input, pairs, { score: options.score, wrt: layer, signal: options.signal });
  const [h, w, k] = shape;
  const hw = h * w;
  const maps = pairs.map((pair, i) => {
    const a = value.data.subarray(pair.inputIndex * hw * k, (pair.inputIndex + 1) * hw * k);
    const g = gradients[i];
    const weights = new Float64Array(k);
    for (let p = 0; p < hw; p++) for (let c = 0; c < k; c++) weights[c] += g[p * k + c] / hw;
    const map = new Float32Array(hw);
    for (let p = 0; p < hw; p++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += weights[c] * a[p * k + c];
      map[p] = options.relu ? Math.max(s, 0) : s;
    }
    return map;
  });
  return { layer, size: [h, w], maps };
}
