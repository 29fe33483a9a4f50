import { describe, expect, it } from 'vitest';
import { gaussianSource } from './gaussianSource.js';
import { ROAD_NEIGHBOURS } from './roadNeighbours.js';
import { solveImputation } from './solveImputation.js';
import { noisyLinearImputation } from './noisyLinearImputation.js';

const noNoise = () => 0;
const removedAt = (H: number, W: number, pixels: number[]) => {
  const m = new Uint8Array(H * W);
  for (const p of pixels) m[p] = 1;
  return m;
};

/** Dense Gaussian elimination with partial pivoting: an independent solver for small systems. */
function solveDense(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r]![col]!) > Math.abs(M[pivot]![col]!)) pivot = r;
    [M[col], M[pivot]] = [M[pivot]!, M[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = M[r]![col]! / M[col]![col]!;
      for (let c = col; c <= n; c++) M[r]![c]! -= f * M[col]![c]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
}

/** The imputation equations written straight from the definition, as dense rows (one channel). */
function denseEquations(image: number[], H: number, W: number, removed: number[]): { A: number[][]; b: number[] } {
  const index = new Map(removed.map((p, i) => [p, i]));
  const A = removed.map(() => new Array(removed.length).fill(0));
  const b = removed.map(() => 0);
  removed.forEach((p, i) => {
    const y = Math.floor(p / W);
    const x = p % W;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (dy === 0 && dx === 0) continue;
        const yy = y + dy;
        const xx = x + dx;
        if (yy < 0 || yy >= H || xx < 0 || xx >= W) continue;
        const w = dy === 0 || dx === 0 ? 1 / 6 : 1 / 12;
        A[i]![i] += w;
        const q = yy * W + xx;
        if (index.has(q)) A[i]![index.get(q)!] -= w;
        else b[i]! += w * image[q]!;
      }
    }
  });
  return { A, b };
}

describe('noisy linear imputation (ROAD)', () => {
  it('has the 8-neighbour weights 1/6 (direct) and 1/12 (diagonal), summing to 1', () => {
    expect(ROAD_NEIGHBOURS.reduce((s, n) => s + n.w, 0)).toBeCloseTo(1, 15);
    expect(ROAD_NEIGHBOURS.filter((n) => n.w === 1 / 6).every((n) => n.dx === 0 || n.dy === 0)).toBe(true);
  });

  it('fills the centre of a 3×3 image with the weighted mean of its 8 neighbours', () => {
    const image = Float32Array.from([1, 2, 3, 4, 100, 6, 7, 8, 9]);
    const out = noisyLinearImputation(image, [3, 3, 1], removedAt(3, 3, [4]), 0, noNoise);
    // Direct 2, 4, 6, 8 at 1/6; diagonal 1, 3, 7, 9 at 1/12: 20/6 + 20/12 = 5.
    expect(out[4]).toBeCloseTo(5, 6);
    expect(Array.from(out).filter((_, i) => i !== 4)).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
    expect(image[4]).toBe(100); // the input is not changed
  });

  it('renormalises the weights over the in-image neighbours at a corner', () => {
    const image = Float32Array.from([0, 2, 3, 4, 5, 6, 7, 8, 9]);
    const out = noisyLinearImputation(image, [3, 3, 1], removedAt(3, 3, [0]), 0, noNoise);
    // Corner (0, 0): right 2 and below 4 at 1/6, diagonal 5 at 1/12; weights sum 5/12.
    expect(out[0]).toBeCloseTo((2 / 6 + 4 / 6 + 5 / 12) / (5 / 12), 6);
  });

  it('solves two coupled removed pixels, worked by hand on a 3×3 image', () => {
    // Remove the centre c (index 4) and the middle of the right edge e (index 5) of [[1,2,3],[4,·,·],[7,8,9]].
    // c: Σ known = (1+3+7+9)/12 + (2+4+8)/6 = 4, plus e/6  →  c = 4 + e/6.
    // e: neighbours 2 (diag), 3 (direct), c (direct), 8 (diag), 9 (direct), weights sum 2/3  →  e = (17/6 + c/6) / (2/3) = (17 + c)/4.
    // Hence 23c = 113: c = 113/23, e = 126/23.
    const image = Float32Array.from([1, 2, 3, 4, 0, 0, 7, 8, 9]);
    const out = noisyLinearImputation(image, [3, 3, 1], removedAt(3, 3, [4, 5]), 0, noNoise);
    expect(out[4]).toBeCloseTo(113 / 23, 5);
    expect(out[5]).toBeCloseTo(126 / 23, 5);
  });

  it('matches exact Gaussian elimination on a 4×4 image, every channel with the same system', () => {
    const H = 4;
    const W = 4;
    const removed = [0, 1, 5, 6, 7, 10, 15];
    const red = Array.from({ length: 16 }, (_, i) => Math.sin(i) * 3 + i);
    const green = Array.from({ length: 16 }, (_, i) => (i * 7) % 5);
    const image = new Float32Array(32);
    for (let i = 0; i < 16; i++) {
      image[2 * i] = red[i]!;
      image[2 * i + 1] = green[i]!;
    }
    const out = noisyLinearImputation(image, [H, W, 2], removedAt(H, W, removed), 0, noNoise);
    for (const [c, values] of [red, green].entries()) {
      const f32 = values.map((v) => Math.fround(v));
      const { A, b } = denseEquations(f32, H, W, removed);
      const exact = solveDense(A, b);
      removed.forEach((p, i) => expect(out[2 * p + c]).toBeCloseTo(exact[i]!, 5));
    }
  });

  it('satisfies the defining equation at every removed pixel of a large hole (64×64, 90 % removed)', () => {
    const H = 64;
    const W = 64;
    const image = new Float32Array(H * W);
    for (let p = 0; p < H * W; p++) image[p] = Math.sin(p / 7) + (p % W) / W;
    // Remove the 90 % of pixels closest to (20, 30): one large hole, as a smooth map would rank them.
    const order = Array.from({ length: H * W }, (_, p) => p).sort(
      (a, b) => (Math.floor(a / W) - 20) ** 2 + ((a % W) - 30) ** 2 - ((Math.floor(b / W) - 20) ** 2 + ((b % W) - 30) ** 2) || a - b,
    );
    const removed = new Uint8Array(H * W);
    for (const p of order.slice(0, Math.floor(0.9 * H * W))) removed[p] = 1;
    const stats = { iterations: 0, relativeResidual: 0 };
    const out = noisyLinearImputation(image, [H, W, 1], removed, 0, noNoise, stats);
    expect(stats.relativeResidual).toBeLessThanOrEqual(1e-6);
    let worst = 0;
    for (let p = 0; p < H * W; p++) {
      if (!removed[p]) continue;
      const y = Math.floor(p / W);
      const x = p % W;
      let s = 0;
      let w = 0;
      for (const n of ROAD_NEIGHBOURS) {
        const yy = y + n.dy;
        const xx = x + n.dx;
        if (yy < 0 || yy >= H || xx < 0 || xx >= W) continue;
        s += n.w * out[yy * W + xx]!;
        w += n.w;
      }
      worst = Math.max(worst, Math.abs(out[p]! - s / w));
    }
    // float32 storage of the solution bounds what the check can see.
    expect(worst).toBeLessThan(1e-4);
  });

  it('adds seeded Gaussian noise of the given standard deviation to the removed values only', () => {
    const H = 32;
    const W = 32;
    const image = new Float32Array(H * W).fill(0.5);
    const removed = new Uint8Array(H * W);
    for (let p = 0; p < H * W; p += 2) removed[p] = 1;
    const a = noisyLinearImputation(image, [H, W, 1], removed, 0.1, gaussianSource('7').normal);
    const b = noisyLinearImputation(image, [H, W, 1], removed, 0.1, gaussianSource('7').normal);
    expect(a).toEqual(b);
    // The noiseless imputation of a constant image is the constant, so a − 0.5 is the noise.
    const noise = Array.from(a)
      .filter((_, p) => removed[p])
      .map((v) => v - 0.5);
    const mean = noise.reduce((s, v) => s + v, 0) / noise.length;
    const sd = Math.sqrt(noise.reduce((s, v) => s + (v - mean) ** 2, 0) / (noise.length - 1));
    // 512 draws: the sample sd is within ±10 % of 0.1 with probability > 0.99, the mean within ±0.012.
    expect(sd).toBeGreaterThan(0.09);
    expect(sd).toBeLessThan(0.11);
    expect(Math.abs(mean)).toBeLessThan(0.012);
    expect(
      Array.from(a)
        .filter((_, p) => !removed[p])
        .every((v) => v === 0.5),
    ).toBe(true);
  });

  it('refuses to impute when every pixel is removed', () => {
    expect(() => noisyLinearImputation(new Float32Array(4), [2, 2, 1], new Uint8Array(4).fill(1), 0, noNoise)).toThrow(/every pixel/);
  });
});

describe('solveImputation', () => {
  it('solves every channel of one system, and gives 0 where the kept neighbours are all 0', () => {
    // Two channels of the 3×3 centre case: channel 0 as worked above (5), channel 1 zero around a far-off 9.
    const image = Float32Array.from([1, 0, 2, 0, 3, 0, 4, 0, 0, 0, 6, 0, 7, 0, 8, 0, 9, 0]);
    const s = solveImputation(image, [3, 3, 2], removedAt(3, 3, [4]), 1e-10, 100);
    expect(s.converged).toBe(true);
    expect(Array.from(s.pixels)).toEqual([4]);
    expect(s.values[0]).toBeCloseTo(5, 9);
    expect(s.values[1]).toBe(0);
    expect(s.relativeResiduals).toEqual([expect.any(Number), 0]);
  });
  it('says when it has not converged', () => {
    const H = 16;
    const image = Float32Array.from({ length: H * H }, (_, i) => i % 7);
    const removed = new Uint8Array(H * H).fill(1);
    removed[5] = 0; // two kept pixels, values 5 and 4: the solution is not their mean
    removed[200] = 0;
    const s = solveImputation(image, [H, H, 1], removed, 1e-12, 2);
    expect(s.converged).toBe(false);
    expect(s.iterations).toBe(2);
    expect(s.relativeResiduals[0]).toBeGreaterThan(1e-12);
  });
});
