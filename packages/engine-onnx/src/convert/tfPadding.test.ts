import { describe, expect, it } from 'vitest';
import { paddedOutput, samePads, windowOutput } from './tfPadding.js';

describe('TF SAME padding', () => {
  it('pads the odd pixel at the end (stride 2 on an even size)', () => {
    // 3×3 stride 2 on 224: 112 outputs need (112 − 1)·2 + 3 − 224 = 1 pixel, all after.
    expect(samePads({ size: 224, kernel: 3, stride: 2, dilation: 1 })).toEqual([0, 1]);
    // 7×7 stride 2 on 224: (112 − 1)·2 + 7 − 224 = 5 → [2, 3].
    expect(samePads({ size: 224, kernel: 7, stride: 2, dilation: 1 })).toEqual([2, 3]);
    // stride 1: k − 1 split evenly.
    expect(samePads({ size: 10, kernel: 3, stride: 1, dilation: 1 })).toEqual([1, 1]);
    // dilation 2 makes a 3-tap kernel 5 wide: 4 → [2, 2].
    expect(samePads({ size: 10, kernel: 3, stride: 1, dilation: 2 })).toEqual([2, 2]);
    // 1×1 stride 2 on an odd size needs none: (4 − 1)·2 + 1 − 7 = 0.
    expect(samePads({ size: 7, kernel: 1, stride: 2, dilation: 1 })).toEqual([0, 0]);
    expect(samePads({ size: null, kernel: 3, stride: 1, dilation: 1 })).toBeNull();
  });

  it('gives the output sizes of same, valid and explicit windows', () => {
    expect(paddedOutput({ size: 7, kernel: 3, stride: 2, dilation: 1 }, 'same')).toBe(4);
    expect(paddedOutput({ size: 7, kernel: 3, stride: 2, dilation: 1 }, 'valid')).toBe(3);
    expect(windowOutput({ size: 230, kernel: 7, stride: 2, dilation: 1 }, [0, 0])).toBe(112);
    expect(windowOutput({ size: 5, kernel: 2, stride: 2, dilation: 1 }, [1, 1])).toBe(3);
  });
});
