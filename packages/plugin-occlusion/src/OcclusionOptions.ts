import type { ScoreKind } from '@visor/core';

/** Options of the `occlusion` explainer (see the package README for the full meaning). */
export interface OcclusionOptions {
  /** Window size in pixels: an integer (square) or [height, width]; `auto` = ceil(min(H, W) / 14) (16 for 224×224). */
  patch: number | [number, number] | 'auto';
  /** Step between window starts: an integer or [height, width], 1 ≤ stride ≤ patch; `patch` = same as the patch (no overlap). */
  stride: number | [number, number] | 'patch';
  /**
   * What occluded pixels become, in the model's input space (after preprocessing): a number, one
   * number per channel, `mean` (the image's per-channel mean) or `blur` (a box-blurred copy of the image).
   */
  fill: number | number[] | 'mean' | 'blur';
  /** Radius r of the box blur used by `fill: 'blur'`: a (2r+1)×(2r+1) square, clipped at the image edges. */
  blurRadius: number;
  /** `drop`: unoccluded minus occluded score; `probability`: the occluded score itself. */
  output: 'probability' | 'drop';
  /** Which score is mapped: `probability`, `logit`, or `auto` (probability unless the head is linear). */
  score: ScoreKind | 'auto';
  /** Occluded copies per forward pass (lowered to fit `memoryBudgetMB`). */
  batchSize: number;
  /** Memory allowed for one forward pass: batch × H × W × C × 4 bytes × activationFactor must fit. */
  memoryBudgetMB: number;
  /**
   * Ratio of a forward pass's memory to its input's size: `auto` measures it from the model's layer output
   * shapes (the sum of every layer's output size over the input size), a number overrides it.
   */
  activationFactor: number | 'auto';
  /** Return the first batch's occluded copies (at most 16) as `extras.patchPreview`. */
  preview: boolean;
}
