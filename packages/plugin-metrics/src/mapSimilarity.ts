import { rescaleUnit, VisorError } from '@visor/core';
import { spearman } from './spearman.js';
import { SSIM_RADIUS, ssim } from './ssim.js';

/** How alike two heatmaps are, the measures of Adebayo et al. 2018. */
export interface MapSimilarity {
  /** Spearman rank correlation of the absolute values (Adebayo's "absolute value" maps). */
  spearmanAbs: number;
  /** Spearman rank correlation of the signed values ("diverging" maps). */
  spearman: number;
  /** SSIM (see ssim) of the two maps, each first rescaled to [0, 1] by its own min and max (data range 1). */
  ssim: number;
}

/** Throws a VisorError naming `metric` when H×W maps are smaller than SSIM's window. */
export function assertSsimSize(H: number, W: number, metric: string): void {
  const side = 2 * SSIM_RADIUS + 1;
  if (H < side || W < side) {
    throw new VisorError(`${metric}: SSIM needs maps of at least ${side}×${side} pixels, but the model input is ${H}×${W}`, {
      code: 'config',
      hint: `Leave ${metric} out for inputs this small.`,
    });
  }
}

/** Similarity of two H×W maps; `metric` names the caller in the error for maps smaller than SSIM's window. */
export function mapSimilarity(a: ArrayLike<number>, b: ArrayLike<number>, H: number, W: number, metric: string): MapSimilarity {
  assertSsimSize(H, W, metric);
  const abs = (m: ArrayLike<number>) => Float64Array.from(m, (v) => Math.abs(v));
  return {
    spearmanAbs: spearman(abs(a), abs(b)),
    spearman: spearman(a, b),
    ssim: ssim(rescaleUnit(a), rescaleUnit(b), H, W, 1),
  };
}
