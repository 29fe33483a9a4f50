import { randomColour } from './randomColour.mjs';

/**
 * Fills a cluttered, textured background: a two-colour gradient, smooth value noise,
 * optional stripes at a random angle and period, and per-pixel grain.
 * Draws a fixed number of values from `rng` for a given size (so later draws stay aligned).
 *
 * @param {() => number} rng
 * @param {number} size image side
 * @param {number} [clutter=1] scales the texture (noise, stripes, grain) amplitudes; 0 leaves the gradient only
 * @returns {{ rgb: Float32Array, meanColour: number[] }} RGB in [0, 1], row-major, size×size×3
 */
export function drawBackground(rng, size, clutter = 1) {
  const c1 = randomColour(rng);
  const c2 = randomColour(rng);
  const gradAngle = rng() * 2 * Math.PI;
  const gx = Math.cos(gradAngle);
  const gy = Math.sin(gradAngle);

  // value noise: a coarse grid of random offsets, bilinearly interpolated
  const cells = 4 + Math.floor(rng() * 5); // 4..8 cells across
  const grid = new Float32Array((cells + 1) * (cells + 1) * 3);
  for (let i = 0; i < grid.length; i++) grid[i] = rng() - 0.5;
  const noiseAmp = clutter * (0.1 + 0.15 * rng());

  const hasStripes = rng() < 0.5;
  const stripeAngle = rng() * Math.PI;
  const stripePeriod = 4 + rng() * 8;
  const stripeAmp = hasStripes ? clutter * (0.05 + 0.1 * rng()) : 0;
  const stripePhase = rng() * 2 * Math.PI;
  const sx = Math.cos(stripeAngle);
  const sy = Math.sin(stripeAngle);
  const grainAmp = clutter * (0.03 + 0.05 * rng());

  const rgb = new Float32Array(size * size * 3);
  const mean = [0, 0, 0];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x / (size - 1);
      const v = y / (size - 1);
      const t = Math.min(1, Math.max(0, 0.5 + (u - 0.5) * gx + (v - 0.5) * gy));
      const fx = u * cells;
      const fy = v * cells;
      const ix = Math.min(cells - 1, Math.floor(fx));
      const iy = Math.min(cells - 1, Math.floor(fy));
      const ax = fx - ix;
      const ay = fy - iy;
      const stripe = stripeAmp * Math.sin((2 * Math.PI * (x * sx + y * sy)) / stripePeriod + stripePhase);
      for (let ch = 0; ch < 3; ch++) {
        const g = (r, c) => grid[(r * (cells + 1) + c) * 3 + ch];
        const n = (1 - ay) * ((1 - ax) * g(iy, ix) + ax * g(iy, ix + 1)) + ay * ((1 - ax) * g(iy + 1, ix) + ax * g(iy + 1, ix + 1));
        const base = c1[ch] * (1 - t) + c2[ch] * t;
        const val = base + noiseAmp * n + stripe + grainAmp * (rng() - 0.5);
        rgb[(y * size + x) * 3 + ch] = val;
        mean[ch] += val;
      }
    }
  }
  const meanColour = mean.map((m) => Math.min(1, Math.max(0, m / (size * size))));
  return { rgb, meanColour };
}
