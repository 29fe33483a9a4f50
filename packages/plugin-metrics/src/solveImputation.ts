import { ROAD_NEIGHBOURS } from './roadNeighbours.js';

/**
 * Relaxation of the SSOR preconditioner. Measured on 224×224×3 holes of 10–90 % of the image: 1.8
 * needs 5–6× fewer iterations than Jacobi (e.g. 79 instead of 472 for a 90 % hole, about 3× less
 * time); 1.7–1.9 are within 15 % of each other.
 */
export const SSOR_OMEGA = 1.8;

/** Restarts from the true residual before giving up (each after the updated residual met the tolerance). */
const MAX_RESTARTS = 10;

export interface ImputationSolution {
  /** Pixel index (row-major) of each removed pixel, in row-major order. */
  pixels: Int32Array;
  /** Solved values, [pixels.length, C] (channels last). */
  values: Float64Array;
  /** CG iterations (the channels iterate together). */
  iterations: number;
  /** Per channel, the true ‖b − A·x‖₂ / ‖b‖₂ at the end (0 where b = 0). */
  relativeResiduals: number[];
  /** Every channel's relative residual ≤ tolerance. */
  converged: boolean;
}

/**
 * Solves the linear system of ROAD's linear imputation for the removed pixels of an H×W×C image:
 * each removed pixel i equals the weighted mean of its in-image neighbours j (weights w_ij of
 * ROAD_NEIGHBOURS, renormalised at the border as in ROAD's reference implementation), i.e. per channel
 *   s_i · x_i − Σ_{j removed} w_ij · x_j = Σ_{j kept} w_ij · v_j,   s_i = Σ_{j in the image} w_ij.
 * The matrix is the same for every channel, symmetric, and positive definite when at least one pixel is
 * kept (every 8-connected group of removed pixels then touches a kept pixel). It is applied as a
 * stencil on a zero-padded grid (the search directions are zero at kept and outside pixels, which
 * drops those neighbours without index checks), and solved by conjugate gradients with a symmetric
 * SOR preconditioner (ω = SSOR_OMEGA) in float64, all channels at once, starting from the kept
 * neighbours' weighted mean (the kept pixels' mean deep inside a hole), until the true residual of
 * every channel is ≤ tolerance · ‖b‖₂.
 */
export function solveImputation(
  image: Float32Array,
  [H, W, C]: [number, number, number],
  removed: Uint8Array,
  tolerance: number,
  maxIterations: number,
): ImputationSolution {
  const PW = W + 2;
  const grid = (H + 2) * PW;
  const offsets = ROAD_NEIGHBOURS.map((n) => n.dy * PW + n.dx);
  const weights = ROAD_NEIGHBOURS.map((n) => n.w);
  const inside = new Uint8Array(grid);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) inside[(y + 1) * PW + x + 1] = 1;

  let n = 0;
  for (let p = 0; p < H * W; p++) if (removed[p]) n++;
  const pixels = new Int32Array(n);
  const cell = new Int32Array(n); // padded-grid index of each unknown
  const diag = new Float64Array(n);
  const b = new Float64Array(n * C);
  const x = new Float64Array(n * C);
  const keptMean = new Float64Array(C);
  for (let p = 0; p < H * W; p++) if (!removed[p]) for (let c = 0; c < C; c++) keptMean[c]! += image[p * C + c]!;
  for (let c = 0; c < C; c++) keptMean[c]! /= H * W - n;
  for (let p = 0, i = 0; p < H * W; p++) {
    if (!removed[p]) continue;
    const y = Math.floor(p / W);
    const g = (y + 1) * PW + (p - y * W) + 1;
    pixels[i] = p;
    cell[i] = g;
    let s = 0;
    let known = 0;
    for (let k = 0; k < 8; k++) {
      const q = g + offsets[k]!;
      if (!inside[q]) continue;
      s += weights[k]!;
      const qy = Math.floor(q / PW) - 1;
      const qp = qy * W + (q - (qy + 1) * PW - 1);
      if (removed[qp]) continue;
      known += weights[k]!;
      for (let c = 0; c < C; c++) b[i * C + c]! += weights[k]! * image[qp * C + c]!;
    }
    diag[i] = s;
    for (let c = 0; c < C; c++) x[i * C + c] = known > 0 ? b[i * C + c]! / known : keptMean[c]!;
    i++;
  }

  // Work vectors: p lives on the padded grid (zero off the unknowns), the others per unknown.
  const pGrid = new Float64Array(grid * C);
  const r = new Float64Array(n * C);
  const z = new Float64Array(n * C);
  const Ap = new Float64Array(n * C);
  const bNorm = new Float64Array(C);
  for (let i = 0; i < n; i++) for (let c = 0; c < C; c++) bNorm[c]! += b[i * C + c]! ** 2;
  for (let c = 0; c < C; c++) bNorm[c] = Math.sqrt(bNorm[c]!);
  // b = 0: the solution is 0 (A is nonsingular), whatever the starting guess says.
  for (let c = 0; c < C; c++) if (bNorm[c] === 0) for (let i = 0; i < n; i++) x[i * C + c] = 0;

  /** out = A · v, with v on the padded grid (the 8-neighbour stencil written out: 1/6 direct, 1/12 diagonal). */
  const row = PW * C;
  const direct = weights[1]!;
  const diagonal = weights[0]!;
  const multiply = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      const g = cell[i]! * C;
      const d = diag[i]!;
      for (let c = 0; c < C; c++) {
        const m = g + c;
        out[i * C + c] =
          d * v[m]! -
          direct * (v[m - row]! + v[m + row]! + v[m - C]! + v[m + C]!) -
          diagonal * (v[m - row - C]! + v[m - row + C]! + v[m + row - C]! + v[m + row + C]!);
      }
    }
  };
  const yG = new Float64Array(grid * C);
  const zG = new Float64Array(grid * C);
  /**
   * z = M⁻¹ r for the SSOR preconditioner M = (D + ωL) D⁻¹ (D + ωU) / (ω(2 − ω)): a forward sweep over
   * the unknowns in row-major order (the neighbours before a pixel are the row above and its left one),
   * then a backward sweep. Kept and outside cells of yG and zG are never written, so they stay 0 and
   * drop out; cells not yet visited in a sweep are never read.
   */
  const omega = SSOR_OMEGA;
  const precondition = () => {
    for (let i = 0; i < n; i++) {
      const g = cell[i]! * C;
      const d = diag[i]!;
      for (let c = 0; c < C; c++) {
        const m = g + c;
        yG[m] = (r[i * C + c]! + omega * (direct * (yG[m - row]! + yG[m - C]!) + diagonal * (yG[m - row - C]! + yG[m - row + C]!))) / d;
      }
    }
    const scale = omega * (2 - omega);
    for (let i = n - 1; i >= 0; i--) {
      const g = cell[i]! * C;
      const d = diag[i]!;
      for (let c = 0; c < C; c++) {
        const m = g + c;
        zG[m] = yG[m]! + (omega * (direct * (zG[m + row]! + zG[m + C]!) + diagonal * (zG[m + row - C]! + zG[m + row + C]!))) / d;
        z[i * C + c] = scale * zG[m];
      }
    }
  };
  const rr = new Float64Array(C);
  const trueResidual = () => {
    pGrid.fill(0);
    for (let i = 0; i < n; i++) for (let c = 0; c < C; c++) pGrid[cell[i]! * C + c] = x[i * C + c]!;
    multiply(pGrid, Ap);
    rr.fill(0);
    for (let j = 0; j < n * C; j++) {
      r[j] = b[j]! - Ap[j]!;
      rr[j % C]! += r[j]! * r[j]!;
    }
  };
  const done = () => {
    for (let c = 0; c < C; c++) if (Math.sqrt(rr[c]!) > tolerance * bNorm[c]!) return false;
    return true;
  };

  let iterations = 0;
  trueResidual();
  const rz = new Float64Array(C);
  const pAp = new Float64Array(C);
  const rzNext = new Float64Array(C);
  const alpha = new Float64Array(C);
  const beta = new Float64Array(C);
  for (let restart = 0; !done() && iterations < maxIterations && restart < MAX_RESTARTS; restart++) {
    pGrid.fill(0);
    rz.fill(0);
    precondition();
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < C; c++) {
        const j = i * C + c;
        pGrid[cell[i]! * C + c] = z[j]!;
        rz[c]! += r[j]! * z[j]!;
      }
    }
    while (!done() && iterations < maxIterations) {
      multiply(pGrid, Ap);
      pAp.fill(0);
      for (let i = 0; i < n; i++) {
        const g = cell[i]! * C;
        for (let c = 0; c < C; c++) pAp[c]! += pGrid[g + c]! * Ap[i * C + c]!;
      }
      // A channel whose direction has no positive curvature left (p = 0: it is solved) stays as it is.
      let active = 0;
      for (let c = 0; c < C; c++) {
        alpha[c] = pAp[c]! > 0 ? rz[c]! / pAp[c]! : 0;
        if (pAp[c]! > 0) active++;
      }
      if (active === 0) break;
      rr.fill(0);
      for (let i = 0; i < n; i++) {
        const g = cell[i]! * C;
        for (let c = 0; c < C; c++) {
          const j = i * C + c;
          x[j]! += alpha[c]! * pGrid[g + c]!;
          const rj = r[j]! - alpha[c]! * Ap[j]!;
          r[j] = rj;
          rr[c]! += rj * rj;
        }
      }
      precondition();
      rzNext.fill(0);
      for (let j = 0; j < n * C; j++) rzNext[j % C]! += r[j]! * z[j]!;
      for (let c = 0; c < C; c++) {
        beta[c] = pAp[c]! > 0 ? rzNext[c]! / rz[c]! : 0;
        if (pAp[c]! > 0) rz[c] = rzNext[c]!;
      }
      for (let i = 0; i < n; i++) {
        const g = cell[i]! * C;
        for (let c = 0; c < C; c++) pGrid[g + c] = z[i * C + c]! + beta[c]! * pGrid[g + c]!;
      }
      iterations++;
    }
    trueResidual();
  }
  const relativeResiduals = Array.from(rr, (v, c) => (bNorm[c]! > 0 ? Math.sqrt(v) / bNorm[c]! : 0));
  return { pixels, values: x, iterations, relativeResiduals, converged: relativeResiduals.every((v) => v <= tolerance) };
}
