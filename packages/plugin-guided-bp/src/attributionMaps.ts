import { makeMap } from '@visor/core';
import type { ExplanationMap } from '@visor/core';
import type { ChannelReduce } from './guidedBackpropOptions.js';

export interface AttributionMaps {
  /** The signed attribution [H, W, C]. */
  raw: ExplanationMap;
  /** [H, W], per `reduce`. */
  heatmap: ExplanationMap;
  /** `maxAbs` and `l2` [H, W], `reconstruction` [H, W, C] in [0, 1]. */
  extras: Record<string, ExplanationMap>;
}

/**
 * The maps of one attribution g [H, W, C] (a copy of `data` is kept):
 * - `maxAbs`(y, x) = max_c |g(y, x, c)|;  `l2`(y, x) = sqrt(Σ_c g(y, x, c)²);
 * - `reconstruction` = g / (2·max|g|) + 0.5, the "reconstructed image" view of Springenberg et al.'s
 *   figures (0.5 = no attribution; all 0.5 when g is all zero);
 * - `heatmap` = `maxAbs` or `l2` per `reduce`.
 * `meaning` describes one value of g, e.g. "∂(logit of 'cat') / ∂(input value), guided ReLU gradients".
 */
export function attributionMaps(data: Float32Array, shape: [number, number, number], reduce: ChannelReduce, meaning: string): AttributionMaps {
  const [h, w, c] = shape;
  const maxAbs = new Float32Array(h * w);
  const l2 = new Float32Array(h * w);
  let peak = 0;
  for (let p = 0; p < h * w; p++) {
    let m = 0;
    let s = 0;
    for (let k = 0; k < c; k++) {
      const v = data[p * c + k]!;
      const a = Math.abs(v);
      if (a > m) m = a;
      s += v * v;
    }
    maxAbs[p] = m;
    l2[p] = Math.sqrt(s);
    if (m > peak) peak = m;
  }
  const reconstruction = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) reconstruction[i] = peak > 0 ? data[i]! / (2 * peak) + 0.5 : 0.5;

  const maxAbsMap = makeMap(maxAbs, [h, w], `max over the ${c} channels of |${meaning}|`);
  const l2Map = makeMap(l2, [h, w], `L2 norm over the ${c} channels of (${meaning})`);
  return {
    raw: makeMap(Float32Array.from(data), [h, w, c], meaning, true),
    heatmap: reduce === 'l2' ? l2Map : maxAbsMap,
    extras: {
      maxAbs: maxAbsMap,
      l2: l2Map,
      reconstruction: makeMap(
        reconstruction,
        [h, w, c],
        `(${meaning}) / (2·${peak}) + 0.5: the attribution as an image, 0.5 = none, 0 and 1 = the largest magnitude`,
      ),
    },
  };
}
