import { describe, expect, it } from 'vitest';
import { resolvePreprocess } from '../preprocess/resolvePreprocess.js';
import { functionModel } from '../testing/functionModel.js';
import { prepareDecoded } from './prepareDecoded.js';

const anySize = { ...functionModel({ inputShape: [1, 1, 1], numClasses: 1, logits: () => [0] }), inputShape: [null, null, 1] as [null, null, number] };
const array = (h: number, w: number) => ({
  path: 'a.npy',
  kind: 'array' as const,
  width: w,
  height: h,
  channels: 1,
  data: Float32Array.from({ length: h * w }, (_, i) => i),
  display: null,
});

describe('prepareDecoded on a model that takes any size', () => {
  it('keeps the input’s own size without inputSize', () => {
    expect(prepareDecoded(array(6, 10), anySize, resolvePreprocess('none'), 'stretch').shape).toEqual([6, 10, 1]);
  });
  it('resizes to the config’s inputSize when given (4×4 → 2×2, by hand)', () => {
    const p = prepareDecoded(array(4, 4), anySize, resolvePreprocess('none'), 'stretch', [2, 2]);
    expect(p.shape).toEqual([2, 2, 1]);
    // Antialiased 4 → 2 per axis: output 0 is centred at source 1.0 with a triangle of half-width 2, weights
    // ¾ ¾ ¼ on source 0, 1, 2 (source −1 is outside and dropped), renormalised: (0·¾ + 1·¾ + 2·¼)/1.75 = 5/7;
    // output 1 mirrors it: (1·¼ + 2·¾ + 3·¾)/1.75 = 16/7. The ramp is 4·row + col: 25/7, 36/7, 69/7, 80/7.
    Array.from(p.data).forEach((v, i) => expect(v).toBeCloseTo([25 / 7, 36 / 7, 69 / 7, 80 / 7][i]!, 4));
  });
});
