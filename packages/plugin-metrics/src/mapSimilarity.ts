import { rescaleUnit } from './rescaleUnit.js';
import { spearman } from './spearman.js';
import { ssim } from './ssim.js';

/** How alike two heatmaps are, the measures of Adebayo et al. 2018. */
export interface MapSimilarity {
  /** Spearman rank correlation of the absolute values (Adebayo's "absolute value" maps). */
  spearmanAbs: number;
  /** Spearman rank correlation of the signed values ("diverging" maps). */
  spearman: number;
  /** SSIM (see ssim) of the two maps, each first rescaled to [0, 1] by its own min and max (data range 1). */
  ssim: number;
}

/** Similarity of two H×W maps. */
export function mapSimilarity(a: ArrayLike<number>, b: ArrayLike<number>, H: number, W: number): MapSimilarity {
  const abs = (m: ArrayLike<number>) => Float64Array.from(m as ArrayLike<number>, (v) => Math.abs(v));
  return {
    spearmanAbs: spearman(abs(a), abs(b)),
    spearman: spearman(a, b),
    ssim: ssim(rescaleUnit(a), rescaleUnit(b), H, W, 1),
  };
}
