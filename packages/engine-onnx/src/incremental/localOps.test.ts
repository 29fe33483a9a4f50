import { describe, expect, test } from 'vitest';
import { changedRange, requiredRange } from './localOps.js';

describe('how a window op maps positions along one axis', () => {
  // 3×3 conv, stride 2, pad 1 on 56 → 28: output o reads inputs 2o − 1 … 2o + 1.
  const conv = { stride: 2, extent: 3, pad: 1 };
  test('changed outputs: inputs [10, 14) reach outputs 5 (reads 9–11) … 7 (reads 13–15)', () => {
    expect(changedRange(conv, 10, 14, 28)).toEqual([5, 8]);
  });
  test('an input change at the border reaches output 0 only through the padding side', () => {
    expect(changedRange(conv, 0, 1, 28)).toEqual([0, 1]);
    expect(changedRange(conv, 55, 56, 28)).toEqual([27, 28]);
  });
  test('outputs [5, 8) read inputs 9 … 15; at the border the read is clipped to the map', () => {
    expect(requiredRange(conv, 5, 8, 56)).toEqual([9, 16]);
    expect(requiredRange(conv, 0, 2, 56)).toEqual([0, 4]);
  });
  test('a constant Pad of 3 shifts by 3: output o is input o − 3', () => {
    const pad = { stride: 1, extent: 1, pad: 3 };
    expect(changedRange(pad, 0, 4, 30)).toEqual([3, 7]);
    expect(requiredRange(pad, 3, 7, 24)).toEqual([0, 4]);
  });
  test('nothing changed, nothing reached', () => {
    expect(changedRange(conv, 4, 4, 28)).toEqual([0, 0]);
  });
});
