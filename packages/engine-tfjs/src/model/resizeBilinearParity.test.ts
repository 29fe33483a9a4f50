import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { resizeBilinear } from '@visor/core';

// Cross-check against the reference: with antialias off, resizeBilinear must equal
// tf.image.resizeBilinear(alignCorners=false, halfPixelCenters=true) on any sizes.
describe('resizeBilinear vs tf.image.resizeBilinear(halfPixelCenters)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const [h, w, oh, ow] of [
    [9, 13, 5, 7],
    [9, 13, 20, 31],
    [16, 16, 3, 11],
    [8, 10, 8, 10],
  ]) {
    it(`${h}×${w} → ${oh}×${ow}`, () => {
      const C = 3;
      let seed = h! * 1000 + w!;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 255;
      const src = Float32Array.from({ length: h! * w! * C }, rand);
      const before = tf.memory().numTensors;
      const ref = tf.tidy(() => tf.image.resizeBilinear(tf.tensor3d(src, [h!, w!, C]), [oh!, ow!], false, true).dataSync());
      expect(tf.memory().numTensors).toBe(before);
      const ours = resizeBilinear(src, w!, C, { x: 0, y: 0, width: w!, height: h! }, ow!, oh!, false);
      expect(ours.length).toBe(ref.length);
      for (let i = 0; i < ours.length; i++) expect(Math.abs(ours[i]! - ref[i]!)).toBeLessThan(1e-3);
    });
  }
});
