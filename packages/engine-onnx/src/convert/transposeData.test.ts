import { describe, expect, it } from 'vitest';
import { composePerm, invertPerm, transposeData } from './transposeData.js';

describe('transposeData', () => {
  it('transposes a 2×3 matrix', () => {
    // [[0, 1, 2], [3, 4, 5]]ᵀ = [[0, 3], [1, 4], [2, 5]]
    expect(Array.from(transposeData(Float32Array.from([0, 1, 2, 3, 4, 5]), [2, 3], [1, 0]))).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('moves a Keras conv kernel [kh, kw, in, out] to ONNX [out, in, kh, kw]', () => {
    const shape = [2, 3, 4, 5];
    const data = Float32Array.from({ length: 120 }, (_, i) => i);
    const out = transposeData(data, shape, [3, 2, 0, 1]);
    // element [o, c, i, j] of the result is kernel[i, j, c, o] = ((i·3 + j)·4 + c)·5 + o
    for (const [o, c, i, j] of [
      [0, 0, 0, 0],
      [4, 3, 1, 2],
      [2, 1, 0, 2],
      [3, 0, 1, 1],
    ] as const) {
      expect(out[((o * 4 + c) * 2 + i) * 3 + j]).toBe(((i * 3 + j) * 4 + c) * 5 + o);
    }
  });

  it('inverts and composes permutations', () => {
    expect(invertPerm([0, 3, 1, 2])).toEqual([0, 2, 3, 1]);
    expect(composePerm([0, 3, 1, 2], [0, 2, 3, 1])).toEqual([0, 1, 2, 3]);
    const data = Float32Array.from({ length: 24 }, (_, i) => i);
    const twice = transposeData(transposeData(data, [2, 3, 4], [2, 0, 1]), [4, 2, 3], [1, 2, 0]);
    expect(Array.from(twice)).toEqual(Array.from(transposeData(data, [2, 3, 4], composePerm([2, 0, 1], [1, 2, 0]))));
  });

  it('refuses a perm that is not a permutation of the axes', () => {
    const data = Float32Array.from({ length: 6 }, (_, i) => i);
    expect(() => transposeData(data, [2, 3], [1, 1])).toThrow('perm [1, 1] does not permute the axes of shape [2, 3]');
    expect(() => transposeData(data, [2, 3], [0, 2])).toThrow('does not permute');
    expect(() => composePerm([0, 1], [0, 2])).toThrow('[0, 2] is not a permutation of 2 axes');
  });
});
