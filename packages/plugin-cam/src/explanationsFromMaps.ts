import { makeMap, upsampleMaps, nhwc } from '@visor/core';
import type { ExplainContext, Explanation, TargetPair } from '@visor/core';
import type { CamOptions } from './camOptions.js';
import { normalizeMap } from './normalizeMap.js';

export interface MapsToExplain {
  ctx: ExplainContext<CamOptions>;
  method: string;
  layer: string;
  options: CamOptions;
  /** One map per pair, each h·w values row-major. */
  maps: Float32Array[];
  /** [h, w] of the maps. */
  size: [number, number];
  pairs: TargetPair[];
  /** What one raw value means for a class, e.g. "Σ_k α_k·A_k(x, y) for 'cat' (class 3)". */
  valueMeaning(target: string): string;
  stats?(pair: TargetPair, index: number): Record<string, number>;
}

/**
 * Turns maps at feature-map resolution into Explanations: `raw` [h, w] as computed,
 * `extras.upsampledRaw` resized to the input size (per `upsample`, with core's `upsampleMaps`), and
 * `heatmap` = that, scaled per `normalize`.
 */
export function explanationsFromMaps(m: MapsToExplain): Explanation[] {
  const { ctx, options, pairs } = m;
  const [h, w] = m.size;
  const [, inH, inW] = nhwc(m.ctx.input);
  const stack = new Float32Array(pairs.length * h * w);
  m.maps.forEach((map, i) => stack.set(map, i * h * w));
  const up = upsampleMaps(stack, pairs.length, [h, w], [inH, inW], options.upsample);
  const size = up.size;
  const signed = !options.relu;
  const resized =
    options.upsample === 'none'
      ? `kept at the ${h}×${w} feature-map size`
      : h === inH && w === inW
        ? `at the ${inH}×${inW} input size (the feature map already has it)`
        : `${options.upsample === 'bilinear' ? 'bilinearly' : 'nearest-neighbour'} resized from ${h}×${w} to ` + `the ${inH}×${inW} input`;
  const num = (v: number): string => String(Number(v.toPrecision(6)));
  return pairs.map((pair, index) => {
    const { inputIndex, classIndex } = pair;
    const label = ctx.label(classIndex);
    const plain = label === String(classIndex) || label === `class ${classIndex}`;
    const target = plain ? `class ${classIndex}` : `'${label}' (class ${classIndex})`;
    const value = `${m.valueMeaning(target)}${options.relu ? ', clipped at 0 (ReLU)' : ''}`;
    const raw = makeMap(Float32Array.from(m.maps[index]!), [h, w], `${value}, at each cell of the ${h}×${w} output of layer ${m.layer}`, signed);
    const upsampled = makeMap(up.data.slice(index * size[0] * size[1], (index + 1) * size[0] * size[1]), size, `${value}, ${resized}`, signed);
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
      target: { classIndex, label, score: scores[inputIndex]![classIndex]!, scoreKind },
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
