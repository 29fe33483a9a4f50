import { describe, expect, it } from 'vitest';
import { mapOf } from '../__fixtures__/fixtures.js';
import { renderPatchPreview } from './renderPatchPreview.js';

const px = (img: { data: Uint8Array; width: number }, x: number, y: number) =>
  Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

describe('renderPatchPreview', () => {
  it('lays patches out in a grid, min-max scaled over the whole stack (C = 1 → grey)', () => {
    // two 1×2 patches: [0, 1] and [2, 3] → bytes 0, 85, 170, 255
    const img = renderPatchPreview(mapOf([0, 1, 2, 3], [2, 1, 2, 1]), 2);
    // 2 columns of width 2 with 2-pixel gaps: 2 + 2 + 2 + 2 + 2 = 10; one row: 2 + 1 + 2 = 5
    expect([img.width, img.height]).toEqual([10, 5]);
    expect(px(img, 2, 2)).toEqual([0, 0, 0, 255]);
    expect(px(img, 3, 2)).toEqual([85, 85, 85, 255]);
    expect(px(img, 6, 2)).toEqual([170, 170, 170, 255]);
    expect(px(img, 7, 2)).toEqual([255, 255, 255, 255]);
    expect(px(img, 0, 0)).toEqual([32, 32, 32, 255]); // gap colour
  });

  it('uses the first three channels of C ≥ 3 stacks', () => {
    // one 1×1 patch with 4 channels (−1, 0, 1, 99): min −1, max 99 → r 0, g 2.55 → 3, b 5.1 → 5
    const img = renderPatchPreview(mapOf([-1, 0, 1, 99], [1, 1, 1, 4]), 1);
    expect(px(img, 2, 2)).toEqual([0, 3, 5, 255]);
  });

  it('shows a constant stack as mid-grey and rejects other shapes', () => {
    const img = renderPatchPreview(mapOf([5, 5], [1, 1, 2, 1]), 2);
    expect(px(img, 2, 2)).toEqual([128, 128, 128, 255]);
    expect(() => renderPatchPreview(mapOf([1, 2], [1, 2]), 2)).toThrow(/\[1, 2\].*\[n, H, W, C\]/);
  });
});
