import type { InputReport, RgbaImage } from '@visor/core';
import { cropResize } from '../image/cropResize.js';

/**
 * The input picture as the heatmap sees it, at width × height: the crop of the original resized
 * (or the model view when there is no original); null when the input has no picture.
 */
export function modelViewBase(input: InputReport, width: number, height: number): RgbaImage | null {
  if (input.original) return cropResize(input.original, input.crop, width, height);
  if (input.modelView) {
    const mv = input.modelView;
    if (mv.width === width && mv.height === height) return mv;
    return cropResize(mv, { x: 0, y: 0, width: mv.width, height: mv.height }, width, height);
  }
  return null;
}
