/**
 * A map of values with its shape and meaning, detached from tfjs (plain typed array), so renderers
 * and JSON need no tensors and nothing leaks.
 */
export interface ExplanationMap {
  /** Row-major values; length = product of `shape`. */
  data: Float32Array;
  /** [H, W] for a heatmap, [H, W, C] for a per-channel attribution, [N, H, W, C] for image stacks. */
  shape: number[];
  /** [min, max] of `data`. */
  range: [number, number];
  /** True when the sign carries meaning (attributions, score drops); renderers then use a diverging scale. */
  signed: boolean;
  /** What one value means, in words, e.g. "probability of 'tabby' with the patch at this window occluded". */
  meaning: string;
}
