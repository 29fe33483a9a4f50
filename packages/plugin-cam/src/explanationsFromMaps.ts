import { makeMap } from '@visor/core';
import type { ExplainContext, Explanation, tf } from '@visor/core';
import type { CamOptions } from './camOptions.js';
import { normalizeMap } from './normalizeMap.js';
import type { TargetPair } from './targetPairs.js';
import { upsampleMap } from './upsampleMap.js';

export interface MapsToExplain {
  ctx: ExplainContext<CamOptions>;
  method: string;
  layer: string;
  options: CamOptions;
  /** [P, h, w], one map per pair (not disposed here). */
  maps: tf.Tensor3D;
  pairs: TargetPair[];
  /** What one raw value means for a class, e.g. "Σ_k α_k·A_k(x, y) for 'cat' (class 3)". */
  valueMeaning(target: string): string;
  stats?(pair: TargetPair, index: number): Record<string, number>;
}

/**
 * Turns a stack of maps at feature-map resolution into Explanations: `raw` [h, w] as computed,
 * `extras.upsampledRaw` resized to the input size (per `upsample`), and `heatmap` = that, scaled per
 * `normalize`. Downloads the data once for the whole stack and frees what it allocates.
 */
export async function explanationsFromMaps(m: MapsToExplain): Promise<Explanation[]> {
  const { ctx, options, pairs } = m;
  const [, h, w] = m.maps.shape;
  const [, inH, inW] = m.ctx.input.shape;
  const size: [number, number] = options.upsample === 'none' ? [h, w] : [inH, inW];
  const up = upsampleMap(m.maps, size, options.upsample);
  let rawAll: Float32Array;
  let upAll: Float32Array;
  try {
    rawAll = (await m.maps.data()) as Float32Array;
    upAll = (await up.data()) as Float32Array;
  } finally {
    up.dispose();
  }
  const signed = !options.relu;
  const resized =
    options.upsample === 'none'
      ? `kept at the ${h}×${w} feature-map size`
      : h === inH && w === inW
        ? `at the ${inH}×${inW} input size (the feature map already has it)`
        : `${options.upsample === 'bilinear' ? 'bilinearly' : 'nearest-neighbour'} resized from ${h}×${w} to ` +
          `the ${inH}×${inW} input`;
  const num = (v: number): string => String(Number(v.toPrecision(6)));
  return pairs.map((pair, index) => {
    const { inputIndex, classIndex } = pair;
    const label = ctx.label(classIndex);
    const plain = label === String(classIndex) || label === `class ${classIndex}`;
    const target = plain ? `class ${classIndex}` : `'${label}' (class ${classIndex})`;
    const value = `${m.valueMeaning(target)}${options.relu ? ', clipped at 0 (ReLU)' : ''}`;
    const raw = makeMap(
      rawAll.slice(index * h * w, (index + 1) * h * w),
      [h, w],
      `${value}, at each cell of the ${h}×${w} output of layer ${m.layer}`,
      signed,
    );
    const upsampled = makeMap(
      upAll.slice(index * size[0] * size[1], (index + 1) * size[0] * size[1]),
      size,
      `${value}, ${resized}`,
      signed,
    );
    const heatmap = makeMap(
      normalizeMap(upsampled.data, options.normalize),
      size,
      options.normalize === 'minmax'
        ? `${value}, ${resized}, then min-max scaled to [0, 1] (0 = the map's minimum ` +
            `${num(upsampled.range[0])}, 1 = its maximum ${num(upsampled.range[1])})`
        : `${value}, ${resized}, not rescaled`,
      options.normalize === 'none' && signed,
    );
    const scoreKind = options.score;
    const scores = scoreKind === 'probability' ? ctx.predictions.probabilities : ctx.predictions.logits;
    const explanation: Explanation = {
      method: m.method,
      inputIndex,
      target: { classIndex, label, score: scores[inputIndex][classIndex], scoreKind },
      layer: m.layer,
      options: { ...options },
      raw,
      heatmap,
      extras: { upsampledRaw: upsampled },
    };
    const stats = m.stats?.(pair, index);
    if (stats) explanation.stats = stats;
    return explanation;
  });
}
