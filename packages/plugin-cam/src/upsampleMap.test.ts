import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, tf } from '@visor/core';
import { normalizeMap } from './normalizeMap.js';
import { upsampleMap } from './upsampleMap.js';

for (const backend of ['cpu', 'wasm'] as const) {
describe(`upsampleMap on ${backend}`, () => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  // [[0, 4], [8, 12]] to 4×4 with half-pixel centres: output pixel i samples input coordinate (i + 0.5)/2 − 0.5
  // = −0.25, 0.25, 0.75, 1.25 (clamped to [0, 1]) → weights of [p, q]: p, ¾p + ¼q, ¼p + ¾q, q.
  // Rows: [0, 4] → [0, 1, 3, 4]; [8, 12] → [8, 9, 11, 12]; the middle rows blend them ¾/¼ and ¼/¾:
  //   [2, 3, 5, 6] and [6, 7, 9, 10].
  it('bilinear: a 2×2 map to 4×4, by hand', () => {
    const before = tf.memory().numTensors;
    const m = tf.tensor3d([0, 4, 8, 12], [1, 2, 2]);
    const up = upsampleMap(m, [4, 4], 'bilinear');
    expect(up.shape).toEqual([1, 4, 4]);
    Array.from(up.dataSync()).forEach((v, i) =>
      expect(v).toBeCloseTo([0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12][i], 5),
    );
    tf.dispose([m, up]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('nearest: each cell covers a 2×2 block; none: a copy at the same size; stacks keep their order', () => {
    const m = tf.tensor3d([0, 4, 8, 12, 1, 2, 3, 4], [2, 2, 2]);
    const near = upsampleMap(m, [4, 4], 'nearest');
    expect(Array.from(near.dataSync())).toEqual([
      0, 0, 4, 4, 0, 0, 4, 4, 8, 8, 12, 12, 8, 8, 12, 12,
      1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4,
    ]);
    const none = upsampleMap(m, [4, 4], 'none');
    expect(none.shape).toEqual([2, 2, 2]);
    expect(none).not.toBe(m);
    tf.dispose([m, near, none]);
  });
});
}

describe('normalizeMap', () => {
  it('minmax maps the minimum to 0 and the maximum to 1; a constant map to 0; none copies', () => {
    expect(Array.from(normalizeMap(Float32Array.from([-2, 0, 6]), 'minmax'))).toEqual([0, 0.25, 1]);
    expect(Array.from(normalizeMap(Float32Array.from([3, 3]), 'minmax'))).toEqual([0, 0]);
    const src = Float32Array.from([-2, 5]);
    const copy = normalizeMap(src, 'none');
    expect(Array.from(copy)).toEqual([-2, 5]);
    expect(copy).not.toBe(src);
  });
});
