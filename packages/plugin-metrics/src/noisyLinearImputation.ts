import { VisorError } from '@visor/core';
import { solveImputation } from './solveImputation.js';

/** Relative residual the imputation's linear system is solved to: max error ≈ 1e-5 of the image's range on 224×224 holes. */
export const IMPUTATION_TOLERANCE = 1e-6;

export interface ImputationStats {
  /** CG iterations, summed over calls. */
  iterations: number;
  /** The largest final relative residual seen. */
  relativeResidual: number;
}

/**
 * ROAD's noisy linear imputation (Rong et al. 2022): the removed pixels (`removed`, H·W flags) of every
 * channel get the solution of one sparse linear system (solveImputation: each removed pixel the
 * 1/6-direct, 1/12-diagonal weighted mean of its in-image neighbours, removed or not), solved to a
 * relative residual of 1e-6, plus independent Gaussian noise of standard deviation `noiseSd` (one
 * normal() draw per removed value, pixel by pixel in row-major order, channels innermost). Kept
 * pixels are unchanged. Returns a new image; throws when every pixel is removed (nothing to impute
 * from) or the solver does not converge.
 */
export function noisyLinearImputation(
  image: Float32Array,
  shape: [number, number, number],
  removed: Uint8Array,
  noiseSd: number,
  normal: () => number,
  stats?: ImputationStats,
): Float32Array {
  const [H, W, C] = shape;
  if (removed.length !== H * W) throw new RangeError(`noisyLinearImputation: ${removed.length} flags for ${H}×${W} pixels`);
  const out = Float32Array.from(image);
  let n = 0;
  for (let p = 0; p < H * W; p++) if (removed[p]) n++;
  if (n === 0) return out;
  if (n === H * W) {
    throw new VisorError('ROAD: every pixel was removed, so none is left to impute from', { code: 'config', hint: 'Use percentiles below 100.' });
  }
  const solution = solveImputation(image, shape, removed, IMPUTATION_TOLERANCE, 20 * n + 1000);
  const worst = Math.max(...solution.relativeResiduals);
  if (!solution.converged) {
    throw new VisorError(
      `ROAD: the imputation of ${n} pixels did not converge (relative residual ${worst.toExponential(2)} after ${solution.iterations} iterations)`,
      { code: 'run', hint: 'This is a bug; please report it with the input size and the percentiles.' },
    );
  }
  if (stats) {
    stats.iterations += solution.iterations;
    stats.relativeResidual = Math.max(stats.relativeResidual, worst);
  }
  for (let i = 0; i < n; i++) {
    const p = solution.pixels[i]!;
    for (let c = 0; c < C; c++) out[p * C + c] = solution.values[i * C + c]! + (noiseSd > 0 ? noiseSd * normal() : 0);
  }
  return out;
}
