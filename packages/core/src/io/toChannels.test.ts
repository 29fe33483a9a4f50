import { describe, expect, it } from 'vitest';
import type { DecodedInput } from './DecodedInput.js';
import { toChannels } from './toChannels.js';

const input = (channels: number, values: number[]): DecodedInput => ({
  path: 'x.png',
  kind: 'image',
  width: values.length / channels,
  height: 1,
  channels,
  data: new Float32Array(values),
  display: null,
});

describe('toChannels', () => {
  it('1→3 replicates', () => {
    expect(Array.from(toChannels(input(1, [10, 200]), 3).data)).toEqual([10, 10, 10, 200, 200, 200]);
  });
  it('3→1 is BT.601 luma', () => {
    // 0.299*100 + 0.587*50 + 0.114*200 = 29.9 + 29.35 + 22.8 = 82.05; pure red 255 → 76.245
    const out = toChannels(input(3, [100, 50, 200, 255, 0, 0]), 1);
    expect(out.channels).toBe(1);
    expect(out.data[0]).toBeCloseTo(82.05, 4);
    expect(out.data[1]).toBeCloseTo(76.245, 4);
  });
  it('4→3 drops the fourth channel; same count is a no-op', () => {
    expect(Array.from(toChannels(input(4, [1, 2, 3, 4, 5, 6, 7, 8]), 3).data)).toEqual([1, 2, 3, 5, 6, 7]);
    const same = input(3, [1, 2, 3]);
    expect(toChannels(same, 3)).toBe(same);
  });
  it('other conversions are refused naming both counts', () => {
    expect(() => toChannels(input(2, [1, 2]), 3)).toThrow(/x\.png: has 2 channels but the model expects 3/);
  });
});
